from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

# Only HR runs a cycle: it opens for drafting, closes once every SKP is
# validated or cancelled, and can open again for a late correction.
TRANSITIONS = {
    ("draft", "open"): {"hr"},
    ("open", "closed"): {"hr"},
    ("closed", "open"): {"hr"},
}

PERIOD_TYPES = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly (Triwulan)"),
    ("semester", "Semester"),
]


class HrAsnAppraisalCycle(models.Model):
    """An annual appraisal cycle of one company (instansi)."""

    _name = "hr.asn.appraisal.cycle"
    _description = "ASN Appraisal Cycle"
    _inherit = ["mail.thread", "hr.asn.workflow.mixin", "hr.asn.number.input.mixin"]
    _order = "date_start desc, id desc"
    _asn_transitions = TRANSITIONS

    name = fields.Char(required=True, tracking=True)
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    period_type = fields.Selection(
        PERIOD_TYPES,
        string="Evaluation Period",
        required=True,
        default="quarterly",
        tracking=True,
        help="How often periodic evaluations are held during the year.",
    )
    filing_deadline = fields.Date(
        string="SKP Filing Deadline",
        tracking=True,
        help="SKPs still in draft after this date are flagged as late.",
    )
    reminder_days_before = fields.Integer(
        string="Remind Before Deadline (days)",
        default=7,
        help="Employees with a draft SKP are reminded from this many days before "
        "the filing deadline.",
    )
    reminder_approval_days = fields.Integer(
        string="Approval Reminder After (days)",
        default=7,
        help="The appraiser is reminded of a submitted SKP after this many days.",
    )
    reminder_escalation_days = fields.Integer(
        string="Escalate After (days)",
        default=14,
        help="Overdue approvals and ratings are escalated to the appraiser's "
        "superior after this many days.",
    )
    reminder_interval_days = fields.Integer(
        string="Repeat Reminders Every (days)",
        default=7,
        help="The same reminder goes to the same person at most once in this "
        "many days.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="HR Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Receives the to-do to validate rated SKPs.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Limit to Units",
        help="When set, SKPs are generated only for employees of these units "
        "(and their sub-units).",
    )
    appraisal_ids = fields.One2many("hr.asn.appraisal", "cycle_id", string="SKPs")
    appraisal_count = fields.Integer(
        string="SKP Count", compute="_compute_appraisal_count"
    )
    missing_appraiser_employee_ids = fields.Many2many(
        "hr.employee",
        "hr_asn_cycle_missing_appraiser_rel",
        "cycle_id",
        "employee_id",
        string="Employees Without Appraiser",
        readonly=True,
        copy=False,
        help="ASN employees skipped by the last generation because they have "
        "no appraiser (pejabat penilai). Set one and generate again.",
    )

    _sql_constraints = [
        (
            "reminder_days_positive",
            "CHECK(reminder_days_before >= 0 AND reminder_approval_days >= 0 "
            "AND reminder_escalation_days >= 0 AND reminder_interval_days >= 1)",
            "Reminder day counts cannot be negative, and reminders repeat at most "
            "once a day.",
        ),
        (
            "date_check",
            "CHECK(date_start < date_end)",
            "The cycle must end after it starts.",
        ),
    ]

    def _compute_appraisal_count(self):
        counts = dict(
            self.env["hr.asn.appraisal"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"]
            )
        )
        for cycle in self:
            cycle.appraisal_count = counts.get(cycle._origin, 0)

    def _check_dates_vals(self, vals):
        """Before the database's own check, so that the message is translated
        and names the cycle."""
        for cycle in self or [self.browse()]:
            start = fields.Date.to_date(vals.get("date_start", cycle.date_start))
            end = fields.Date.to_date(vals.get("date_end", cycle.date_end))
            if start and end and end <= start:
                raise ValidationError(
                    _(
                        "%(cycle)s ends on %(end)s, which is not after its start "
                        "on %(start)s.",
                        cycle=vals.get("name", cycle.name),
                        end=format_date(self.env, end),
                        start=format_date(self.env, start),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._check_dates_vals(vals)
        return super().create(vals_list)

    def _check_write(self, vals):
        if "date_start" in vals or "date_end" in vals:
            self._check_dates_vals(vals)
        return super()._check_write(vals)

    @api.constrains("filing_deadline", "date_start", "date_end")
    def _check_filing_deadline(self):
        for cycle in self:
            deadline = cycle.filing_deadline
            if deadline and not cycle.date_start <= deadline <= cycle.date_end:
                raise ValidationError(
                    _(
                        "The SKP filing deadline of %(cycle)s must fall within the "
                        "cycle.",
                        cycle=cycle.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_appraisal_history(self):
        """A cycle with SKPs or unit ratings is closed, never deleted."""
        Appraisal = self.env["hr.asn.appraisal"].sudo().with_context(active_test=False)
        counts = dict(
            Appraisal._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"]
            )
        )
        for cycle, count in (
            self.env["hr.asn.unit.rating"]
            .sudo()
            ._read_group([("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"])
        ):
            counts[cycle] = counts.get(cycle, 0) + count
        for cycle in self:
            if counts.get(cycle):
                raise UserError(
                    _(
                        "Cycle %(cycle)s cannot be deleted: it holds %(count)s SKPs "
                        "or unit ratings, which are kept as appraisal history. "
                        "Close the cycle instead (draft SKPs can be deleted one by "
                        "one first).",
                        cycle=cycle.name,
                        count=counts[cycle],
                    )
                )

    # ------------------------------------------------------------------
    # Workflow (the engine checks who and from which state)
    # ------------------------------------------------------------------

    def _get_user_roles(self, user=None):
        user = user or self.env.user
        is_officer = user.has_group("hr_asn_appraisal.group_hr_asn_officer")
        return {"hr"} if is_officer else set()

    def _check_transition_requirements(self, new_state):
        self.ensure_one()
        if new_state != "closed":
            return True
        pending = (
            self.env["hr.asn.appraisal"]
            .sudo()
            .search_count(
                [("cycle_id", "=", self.id), ("state", "not in", ("done", "cancel"))]
            )
        )
        if pending:
            raise UserError(
                _(
                    "Cannot close the cycle: SKPs still neither validated nor "
                    "cancelled: %(count)s.",
                    count=pending,
                )
            )
        return True

    def _check_hr_officer(self):
        if not self.env.su and "hr" not in self._get_user_roles():
            raise AccessError(_("Only an HR officer can manage appraisal cycles."))

    def _check_state(self, allowed, message):
        """Raise message (with %(cycle)s and %(state)s) unless in an allowed state."""
        for cycle in self:
            if cycle.state not in allowed:
                raise UserError(
                    message
                    % {"cycle": cycle.name, "state": cycle._state_label(cycle.state)}
                )

    def action_open(self):
        self.write({"state": "open"})
        return True

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True

    def action_view_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_appraisal_action_all"
        )
        action["domain"] = [("cycle_id", "=", self.id)]
        action["context"] = {"default_cycle_id": self.id}
        return action
