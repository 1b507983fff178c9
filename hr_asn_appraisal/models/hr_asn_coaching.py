from odoo import _, api, fields, models

SESSION_TYPES = [("coaching", "Coaching"), ("counselling", "Counselling")]
# Outcomes of a counselling session (older rule, kept by PermenPANRB 6/2022
# practice; see DOMAIN.md "Follow-up").
OUTCOMES = [
    ("coaching", "Coaching (Pembinaan)"),
    ("training", "Training"),
    ("special_assignment", "Special Assignment"),
    ("transfer", "Transfer (Mutasi)"),
    ("disciplinary", "Disciplinary Recommendation"),
]


class HrAsnCoaching(models.Model):
    """A coaching or counselling session held with the employee of an SKP."""

    _name = "hr.asn.coaching"
    _description = "Coaching or Counselling Session"
    _inherit = ["hr.asn.appraisal.dialogue.mixin"]
    _order = "date desc, id desc"

    session_type = fields.Selection(
        SESSION_TYPES, string="Type", required=True, default="coaching"
    )
    topic = fields.Char(required=True)
    notes = fields.Text()
    outcome = fields.Selection(
        OUTCOMES, help="What was agreed as the follow-up of the session."
    )

    @api.depends("topic", "date")
    def _compute_display_name(self):
        for record in self:
            record.display_name = _(
                "%(topic)s (%(date)s)", topic=record.topic or "", date=record.date or ""
            )

    def _get_dialogue_summary(self):
        self.ensure_one()
        types = dict(self._fields["session_type"]._description_selection(self.env))
        return _(
            "%(type)s session recorded by %(author)s: %(topic)s",
            type=types[self.session_type],
            author=self.author_id.name,
            topic=self.topic,
        )
