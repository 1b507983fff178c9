from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..rules import year_result as year_rules
from .hr_asn_appraisal_period import PERIOD_CHANGE_KEY, YEAR_RESULT_METHODS

YEAR_RESULT_PARAM = "hr_asn_appraisal.year_result_method"


class HrAsnAppraisalCycle(models.Model):
    """How the cycle derives an employee's year from several SKPs."""

    _inherit = "hr.asn.appraisal.cycle"

    year_result_method = fields.Selection(
        YEAR_RESULT_METHODS,
        string="Year's Result",
        required=True,
        default=lambda self: self._default_year_result_method(),
        tracking=True,
        help="How the year's predikat follows from the SKPs of an employee who "
        "changed position during the cycle. No regulation fixes it "
        "(docs/year.md): the default is the last SKP's predikat, as SIASN "
        "keeps one annual result per employee with one appraiser.",
    )

    @api.model
    def _default_year_result_method(self):
        method = (
            self.env["ir.config_parameter"].sudo().get_param(YEAR_RESULT_PARAM)
            or year_rules.DEFAULT_METHOD
        )
        return method if method in year_rules.METHODS else year_rules.DEFAULT_METHOD

    def write(self, vals):
        """New cycle dates carry the SKPs that cover the whole cycle along; a
        cycle with SKPs of part of it (a transfer, a joining, a leaving
        recorded) keeps its dates."""
        if "date_start" not in vals and "date_end" not in vals:
            return super().write(vals)
        old = {cycle.id: (cycle.date_start, cycle.date_end) for cycle in self}
        res = super().write(vals)
        Appraisal = self.env["hr.asn.appraisal"].sudo()
        for cycle in self:
            skps = Appraisal.search([("cycle_id", "=", cycle.id)])
            if any((s.date_start, s.date_end) != old[cycle.id] for s in skps):
                raise UserError(
                    _(
                        "The dates of %(cycle)s cannot change: some of its SKPs "
                        "cover only part of it (position changes, joining or "
                        "leaving recorded).",
                        cycle=cycle.name,
                    )
                )
            if skps:
                skps.with_context(**{PERIOD_CHANGE_KEY: True}).write(
                    {"date_start": cycle.date_start, "date_end": cycle.date_end}
                )
        return res
