from odoo import api, models

from .document_values import document_values


class ReportHrAsnUnitRatingPredikat(models.AbstractModel):
    """The printed Penetapan Predikat Kinerja of a unit."""

    _name = "report.hr_asn_appraisal.report_unit_predikat"
    _description = "Penetapan Predikat Kinerja"

    @api.model
    def _get_report_values(self, docids, data=None):
        return document_values(self.env["hr.asn.unit.rating"].browse(docids))
