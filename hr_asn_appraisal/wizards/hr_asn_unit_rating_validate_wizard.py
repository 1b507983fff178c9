from odoo import fields, models


class HrAsnUnitRatingValidateWizard(models.TransientModel):
    """Confirms the validation of a unit's rated SKPs; asks for a reason when
    the predikat distribution breaches the unit's rule."""

    _name = "hr.asn.unit.rating.validate.wizard"
    _description = "Validate a Unit's SKPs"

    unit_rating_id = fields.Many2one(
        "hr.asn.unit.rating", required=True, ondelete="cascade"
    )
    count_to_validate = fields.Integer(related="unit_rating_id.count_to_validate")
    is_compliant = fields.Boolean(related="unit_rating_id.is_compliant")
    breach_text = fields.Text(related="unit_rating_id.breach_text")
    override_reason = fields.Text(
        help="Required when the distribution breaches the rule; kept on the unit "
        "rating and posted in its chatter."
    )

    def action_confirm(self):
        self.ensure_one()
        self.unit_rating_id.action_validate_unit(self.override_reason)
        return {"type": "ir.actions.act_window_close"}
