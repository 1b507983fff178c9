from odoo import fields, models


class HrAsnCheckinReturnWizard(models.TransientModel):
    """Collects the reason for returning submitted check-ins to the employee."""

    _name = "hr.asn.checkin.return.wizard"
    _description = "Check-in Return Wizard"

    checkin_ids = fields.Many2many("hr.asn.checkin", string="Check-ins", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.checkin_ids.action_return(self.reason)
        return {"type": "ir.actions.act_window_close"}
