from odoo import fields, models


class HrAsnAppraisalReasonWizard(models.TransientModel):
    """Collects the reason for returning, cancelling or reopening SKPs."""

    _name = "hr.asn.appraisal.reason.wizard"
    _description = "SKP Reason Wizard"

    appraisal_ids = fields.Many2many("hr.asn.appraisal", string="SKPs", required=True)
    action = fields.Selection(
        [("return", "Return to Draft"), ("cancel", "Cancel"), ("reopen", "Reopen")],
        required=True,
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        method = {
            "return": "action_return",
            "cancel": "action_cancel",
            "reopen": "action_reopen",
        }[self.action]
        getattr(self.appraisal_ids, method)(self.reason)
        return {"type": "ir.actions.act_window_close"}
