from odoo import fields, models


class HrAsnWorkLogCorrectionWizard(models.TransientModel):
    """Collects the appraiser's comment on work log entries that need correcting."""

    _name = "hr.asn.work.log.correction.wizard"
    _description = "Work Log Correction Request"

    work_log_ids = fields.Many2many("hr.asn.work.log", string="Entries", required=True)
    comment = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.work_log_ids.action_request_correction(self.comment)
        return {"type": "ir.actions.act_window_close"}
