from odoo import api, models

from .distribution_chart import chart_markup


class ReportHrAsnCheckinEvaluation(models.AbstractModel):
    """The printed periodic Dokumen Evaluasi Kinerja Pegawai of a check-in."""

    _name = "report.hr_asn_appraisal.report_checkin_evaluation"
    _description = "Dokumen Evaluasi Kinerja Pegawai (Periodic)"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hr.asn.checkin"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "distribution_chart": chart_markup,
        }
