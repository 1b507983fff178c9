from odoo import fields, models


class HrAsnTrainingRequestReasonWizard(models.TransientModel):
    """Collects the reason for refusing or cancelling training requests."""

    _name = "hr.asn.training.request.reason.wizard"
    _description = "Training Request Reason Wizard"

    request_ids = fields.Many2many(
        "hr.asn.training.request",
        "hr_asn_training_reason_wizard_request_rel",
        "wizard_id",
        "request_id",
        string="Requests",
        required=True,
    )
    action = fields.Selection(
        [("refuse", "Refuse"), ("cancel", "Cancel")], required=True
    )
    reason = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        if self.action == "refuse":
            self.request_ids.action_refuse(self.reason)
        else:
            self.request_ids.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
