from odoo import fields, models


class HrAsnTrainingRequestWizardLine(models.TransientModel):
    """One programme offered in the request wizard, with its relevance."""

    _name = "hr.asn.training.request.wizard.line"
    _description = "Programme Offered for an SKP"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "hr.asn.training.request.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    program_id = fields.Many2one(
        "hr.asn.training.program", string="Programme", required=True
    )
    category = fields.Selection(related="program_id.category")
    jp_hours = fields.Integer(related="program_id.jp_hours")
    date_start = fields.Date(related="program_id.date_start")
    date_end = fields.Date(related="program_id.date_end")
    value_ids = fields.Many2many(related="program_id.value_ids")
    seats_available = fields.Integer(related="program_id.seats_available")
    relevance = fields.Integer(
        help="100 when the programme is open to the SKP's predikat, plus 10 for "
        "each weaker rating of the SKP it addresses."
    )
    is_eligible = fields.Boolean(string="Eligible")
    eligibility_note = fields.Char(string="Why Not")

    def action_choose(self):
        self.ensure_one()
        return self.wizard_id._create_request(self.program_id)
