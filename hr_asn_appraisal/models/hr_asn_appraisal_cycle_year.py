from odoo import api, fields, models

from ..rules import year_result as year_rules
from .hr_asn_appraisal_period import YEAR_RESULT_METHODS

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
