from odoo import fields, models


class HrAsnPublicFeedbackSource(models.Model):
    """Who gave a piece of public feedback: a citizen or a stakeholder.

    Kept apart from the feedback itself so that the identity is reachable by
    HR officers only (access rights and record rules), whoever else may read
    the feedback.
    """

    _name = "hr.asn.public.feedback.source"
    _description = "Public Feedback Source (Identity)"
    _order = "name, id"

    name = fields.Char(required=True)
    phone = fields.Char()
    email = fields.Char()
    contact_note = fields.Text(
        string="Other Contact Details", help="Address, organisation, channel..."
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    feedback_ids = fields.One2many("hr.asn.public.feedback", "source_id")
