from odoo import _, api, fields, models

from ..models.hr_asn_assignment import KIND_OF_REASON, REASONS
from ..models.hr_employee import POSITION_LEVELS, POSITION_TYPES


class HrAsnPositionChangeWizard(models.TransientModel):
    """HR records a position change, a joining or a leaving of an employee;
    the assignment history and the SKPs follow in one transaction
    (hr.asn.assignment._record)."""

    _name = "hr.asn.position.change.wizard"
    _description = "Record a Position Change"

    employee_id = fields.Many2one("hr.employee", required=True)
    date = fields.Date(
        string="Effective Date (TMT)",
        required=True,
        help="A change or a joining: the first day in the new position (the "
        "running SKP ends the day before). A leaving: the last day in service "
        "(the running SKP ends on it).",
    )
    reason = fields.Selection(REASONS, required=True, default="mutasi")
    kind = fields.Selection(
        [("change", "Change"), ("join", "Joining"), ("leave", "Leaving")],
        compute="_compute_kind",
    )
    job_title = fields.Char(string="New Position")
    position_type = fields.Selection(POSITION_TYPES, string="New Position Type")
    position_level = fields.Selection(POSITION_LEVELS, string="New Position Level")
    department_id = fields.Many2one("hr.department", string="New Unit")
    appraiser_id = fields.Many2one(
        "hr.employee",
        string="New Appraiser",
        help="The appraiser of the new SKP. Without a user, HR acts for them, as "
        "for any appraiser outside the ERP.",
    )
    appraiser_without_user = fields.Boolean(compute="_compute_kind")
    rank_id = fields.Many2one("hr.asn.rank", string="New Rank")
    decree = fields.Char(string="Decree (SK) Number")
    note = fields.Text()

    @api.depends("reason", "appraiser_id")
    def _compute_kind(self):
        for wizard in self:
            wizard.kind = KIND_OF_REASON.get(wizard.reason)
            wizard.appraiser_without_user = bool(
                wizard.appraiser_id and not wizard.appraiser_id.sudo().user_id
            )

    def action_confirm(self):
        self.ensure_one()
        fields_kept = (
            ("employee_id", "date", "reason", "decree", "note")
            if self.kind == "leave"
            else (
                "employee_id",
                "date",
                "reason",
                "job_title",
                "position_type",
                "position_level",
                "department_id",
                "appraiser_id",
                "rank_id",
                "decree",
                "note",
            )
        )
        vals = {}
        for name in fields_kept:
            value = self[name]
            vals[name] = value.id if isinstance(value, models.BaseModel) else value
        assignment = self.env["hr.asn.assignment"]._record(vals)
        skp = assignment.sudo().new_appraisal_id
        if skp:
            return {
                "type": "ir.actions.act_window",
                "name": _("New SKP"),
                "res_model": "hr.asn.appraisal",
                "res_id": skp.id,
                "view_mode": "form",
                "target": "current",
            }
        return {"type": "ir.actions.act_window_close"}
