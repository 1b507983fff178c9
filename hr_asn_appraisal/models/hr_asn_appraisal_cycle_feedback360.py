from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules import feedback360 as feedback360_rules


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
        "reviewers answered, so that nobody's answer can be singled out. "
        "At least 3; fixed once a 360° round of the cycle is open.",
    )

    @api.constrains("feedback360_min_responses")
    def _check_feedback360_min_responses(self):
        floor = feedback360_rules.MIN_RESPONSES_FLOOR
        for cycle in self:
            if cycle.feedback360_min_responses < floor:
                raise ValidationError(
                    _(
                        "The minimum number of 360° answers of %(cycle)s must be "
                        "at least %(minimum)s: with fewer, the totals minus one "
                        "known answer reveal another reviewer's answers.",
                        cycle=cycle.name,
                        minimum=floor,
                    )
                )

    def write(self, vals):
        if "feedback360_min_responses" in vals:
            self._check_feedback360_minimum_frozen(vals["feedback360_min_responses"])
        return super().write(vals)

    def _check_feedback360_minimum_frozen(self, new_minimum):
        """The minimum a round was opened with holds until its totals are
        read: no change once a round of the cycle is open or closed, whoever
        asks (the server's own steps included)."""
        try:
            new_minimum = int(new_minimum)
        except (TypeError, ValueError):
            return  # not a number: the number check refuses it
        changed = self.filtered(lambda c: c.feedback360_min_responses != new_minimum)
        if not changed:
            return
        opened = (
            self.env["hr.asn.feedback360.request"]
            .sudo()
            .search(
                [("cycle_id", "in", changed.ids), ("state", "!=", "draft")], limit=1
            )
        )
        if opened:
            raise UserError(
                _(
                    "The minimum number of 360° answers of %(cycle)s cannot change: "
                    "the round %(round)s is already open or closed, and its "
                    "reviewers answered under that minimum.",
                    cycle=opened.cycle_id.name,
                    round=opened.display_name,
                )
            )
