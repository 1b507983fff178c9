from odoo import api, models

from .distribution_chart import chart_markup


class ReportHrAsnAppraisalEvaluation(models.AbstractModel):
    """The printed Dokumen Evaluasi Kinerja Pegawai of an SKP."""

    _name = "report.hr_asn_appraisal.report_evaluation"
    _description = "Dokumen Evaluasi Kinerja Pegawai"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hr.asn.appraisal"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "distribution_chart": chart_markup,
        }
