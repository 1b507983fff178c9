from odoo import api, models

from .distribution_chart import chart_markup


class ReportHrAsnUnitRatingPredikat(models.AbstractModel):
    """The printed Penetapan Predikat Kinerja of a unit."""

    _name = "report.hr_asn_appraisal.report_unit_predikat"
    _description = "Penetapan Predikat Kinerja"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hr.asn.unit.rating"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "distribution_chart": chart_markup,
        }
