from odoo import _, fields, models


class HrAsnTrainingRequestWizard(models.TransientModel):
    """The programmes an employee may request after their SKP, most relevant first."""

    _name = "hr.asn.training.request.wizard"
    _inherit = ["hr.asn.confidential.mixin"]
    _description = "Request Training from an SKP"
    # The SKP's ratings, as related fields: withheld as on the SKP itself.
    _asn_confidential_fields = frozenset({"predikat", "work_rating", "behavior_rating"})
    _asn_confidential_employee = "appraisal_id.employee_id"
    _asn_confidential_pending = [("appraisal_id.state", "!=", "done")]

    appraisal_id = fields.Many2one("hr.asn.appraisal", string="SKP", required=True)
    predikat = fields.Selection(related="appraisal_id.predikat")
    work_rating = fields.Selection(related="appraisal_id.work_rating")
    behavior_rating = fields.Selection(related="appraisal_id.behavior_rating")
    line_ids = fields.One2many(
        "hr.asn.training.request.wizard.line", "wizard_id", string="Programmes"
    )

    def _create_request(self, program):
        """Create the draft request (as the current user) and open it."""
        self.ensure_one()
        self.appraisal_id._check_can_request_training()
        request = self.env["hr.asn.training.request"].create(
            {"appraisal_id": self.appraisal_id.id, "program_id": program.id}
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Training Request"),
            "res_model": "hr.asn.training.request",
            "res_id": request.id,
            "view_mode": "form",
            "target": "current",
        }
