from odoo import api, fields, models

from .hr_asn_appraisal import PREDIKATS


class HrAsnAllowanceRule(models.Model):
    """Performance allowance (tunjangan kinerja) adjustment per predikat.

    Agency-specific (DOMAIN.md, "Follow-up"): one table per company; a
    predikat without a line adjusts by 0 %.
    """

    _name = "hr.asn.allowance.rule"
    _description = "Performance Allowance Adjustment"
    _order = "company_id, predikat"
    _inherit = ["hr.asn.number.input.mixin"]
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    predikat = fields.Selection(PREDIKATS, string="Predikat Kinerja", required=True)
    adjustment_percent = fields.Float(
        string="Adjustment (%)",
        digits=(5, 2),
        default=0.0,
        help="Added to the performance allowance, e.g. -2 for a 2 % cut.",
    )

    _sql_constraints = [
        (
            "company_predikat_unique",
            "unique(company_id, predikat)",
            "A company has one allowance adjustment per predikat.",
        ),
    ]

    @api.model
    def _get_adjustments(self, companies):
        """{(company id, predikat): adjustment %} for these companies, read once."""
        rules = self.sudo().search([("company_id", "in", companies.ids)])
        return {(r.company_id.id, r.predikat): r.adjustment_percent for r in rules}
