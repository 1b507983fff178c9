from odoo import api, models


class ReportHrAsnAppraisalSkp(models.AbstractModel):
    """The printed SKP: readable only by those who may read the SKP."""

    _name = "report.hr_asn_appraisal.report_skp"
    _description = "SKP Document"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hr.asn.appraisal"].browse(docids)
        docs.check_access("read")
        return {"doc_ids": docs.ids, "doc_model": docs._name, "docs": docs}
