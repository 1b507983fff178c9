from odoo import api, models

from .document_values import document_values


class ReportHrAsnAppraisalEvaluation(models.AbstractModel):
    """The printed Dokumen Evaluasi Kinerja Pegawai of an SKP."""

    _name = "report.hr_asn_appraisal.report_evaluation"
    _description = "Dokumen Evaluasi Kinerja Pegawai"

    @api.model
    def _get_report_values(self, docids, data=None):
        return document_values(self.env["hr.asn.appraisal"].browse(docids))
