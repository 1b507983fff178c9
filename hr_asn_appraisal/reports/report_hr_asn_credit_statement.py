from odoo import api, models


class ReportHrAsnCreditStatement(models.AbstractModel):
    """The year statement of credit points (angka kredit) of an employee:
    the figures that go into the formal PAK."""

    _name = "report.hr_asn_appraisal.report_credit_statement"
    _description = "Statement of Credit Points"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hr.asn.appraisal"].browse(docids)
        # Reachable by URL too: the reader must be able to read the SKPs.
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "statements": docs._get_credit_statements(),
        }
