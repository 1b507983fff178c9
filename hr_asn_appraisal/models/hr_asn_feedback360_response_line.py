from odoo import _, fields, models
from odoo.exceptions import UserError

from .hr_asn_appraisal import RATINGS

REVIEWER_FIELDS = {"score", "comment"}


class HrAsnFeedback360ResponseLine(models.Model):
    """A reviewer's score of one BerAKHLAK value: readable by that reviewer only."""

    _name = "hr.asn.feedback360.response.line"
    _description = "360° Feedback Score"
    _order = "response_id, sequence, id"

    response_id = fields.Many2one(
        "hr.asn.feedback360.response",
        string="Form",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    appraisal_id = fields.Many2one(
        related="response_id.appraisal_id",
        store=True,
        index=True,
        groups="hr_asn_appraisal.group_hr_asn_officer",
    )
    company_id = fields.Many2one(
        related="response_id.company_id", store=True, index=True, precompute=True
    )
    value_id = fields.Many2one(
        "hr.asn.behavior.value",
        string="Core Value",
        required=True,
        ondelete="restrict",
        readonly=True,
    )
    sequence = fields.Integer(related="value_id.sequence", store=True)
    guide = fields.Text(related="value_id.guide", string="Behaviour Guides")
    score = fields.Selection(RATINGS)
    comment = fields.Text(
        help="Shown to the appraiser without your name, once enough colleagues "
        "answered."
    )

    _sql_constraints = [
        (
            "response_value_unique",
            "unique(response_id, value_id)",
            "Each BerAKHLAK value appears once per 360° form.",
        ),
    ]

    def write(self, vals):
        if not self.env.su:
            if set(vals) - REVIEWER_FIELDS:
                raise UserError(_("Only the score and the comment can be changed."))
            self.response_id._check_answers_editable()
        return super().write(vals)
