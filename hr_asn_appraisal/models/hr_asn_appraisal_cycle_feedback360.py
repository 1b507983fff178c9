from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..rules import feedback360 as feedback360_rules

# Below two answers a "total" is one person's answer.
MIN_RESPONSES_FLOOR = 2


class HrAsnAppraisalCycle(models.Model):
    _inherit = "hr.asn.appraisal.cycle"

    enable_360 = fields.Boolean(
        string="360° Behaviour Input",
        tracking=True,
        help="HR may invite peers and subordinates to score the BerAKHLAK "
        "values of an employee; the appraiser sees anonymous totals.",
    )
    feedback360_min_responses = fields.Integer(
        string="Minimum 360° Answers",
        default=feedback360_rules.DEFAULT_MIN_RESPONSES,
        required=True,
        tracking=True,
        help="The totals of a BerAKHLAK value are withheld while fewer "
        "reviewers answered, so that nobody's answer can be singled out.",
    )

    @api.constrains("feedback360_min_responses")
    def _check_feedback360_min_responses(self):
        for cycle in self:
            if cycle.feedback360_min_responses < MIN_RESPONSES_FLOOR:
                raise ValidationError(
                    _(
                        "The minimum number of 360° answers of %(cycle)s must be "
                        "at least %(minimum)s, to keep the reviewers anonymous.",
                        cycle=cycle.name,
                        minimum=MIN_RESPONSES_FLOOR,
                    )
                )
