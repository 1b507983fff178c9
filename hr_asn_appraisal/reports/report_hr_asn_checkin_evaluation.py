from odoo import api, models

from .document_values import document_values


class ReportHrAsnCheckinEvaluation(models.AbstractModel):
    """The printed periodic Dokumen Evaluasi Kinerja Pegawai of a check-in."""

    _name = "report.hr_asn_appraisal.report_checkin_evaluation"
    _description = "Dokumen Evaluasi Kinerja Pegawai (Periodic)"

    @api.model
    def _get_report_values(self, docids, data=None):
        return document_values(self.env["hr.asn.checkin"].browse(docids))
