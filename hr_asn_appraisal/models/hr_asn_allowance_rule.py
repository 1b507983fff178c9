from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .hr_asn_appraisal import PREDIKATS


class HrAsnAllowanceRule(models.Model):
    """Performance allowance (tunjangan kinerja) adjustment per predikat.

    Agency-specific (DOMAIN.md, "Follow-up"): one table per company; a
    predikat without a line adjusts by 0 %. A validated SKP keeps the
    adjustment and the row it was decided with.
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

    @api.depends("predikat")
    def _compute_display_name(self):
        # The row of a decided SKP reads as its predikat.
        labels = dict(self._fields["predikat"]._description_selection(self.env))
        for rule in self:
            rule.display_name = labels.get(rule.predikat, "")

    @api.model
    def _get_rules(self, companies):
        """{(company id, predikat): rule} for these companies, read once."""
        rules = self.sudo().search_fetch(
            [("company_id", "in", companies.ids)],
            ["company_id", "predikat", "adjustment_percent"],
        )
        return {(r.company_id.id, r.predikat): r for r in rules}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        """A row a validated SKP took its adjustment from is that SKP's record."""
        used = (
            self.env["hr.asn.appraisal"]
            .sudo()
            .search([("allowance_rule_id", "in", self.ids)], limit=1)
        )
        if used:
            predikats = dict(self._fields["predikat"]._description_selection(self.env))
            raise UserError(
                _(
                    "The allowance adjustment of %(predikat)s was applied to "
                    "validated SKPs (e.g. %(skp)s) and stays as their record. "
                    "Change its percentage instead: validated SKPs keep the "
                    "adjustment they were decided with.",
                    predikat=predikats[used.allowance_rule_id.predikat],
                    skp=used.display_name,
                )
            )
