from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.sql import create_index

from ..rules import worklog as worklog_rules
from .hr_asn_checkin import SKP_OPEN_STATES

STATES = [
    ("draft", "Logged"),
    ("acknowledged", "Acknowledged"),
    ("to_correct", "To Correct"),
]
REVIEWERS = {"appraiser", "appraiser_parent"}
# Who may move an entry from one state to another.
TRANSITIONS = {
    ("draft", "acknowledged"): REVIEWERS,
    ("to_correct", "acknowledged"): REVIEWERS,
    ("draft", "to_correct"): REVIEWERS,
    ("acknowledged", "to_correct"): REVIEWERS,
    ("to_correct", "draft"): {"employee"},
}
REASON_FIELDS = {
    ("draft", "to_correct"): "correction_comment",
    ("acknowledged", "to_correct"): "correction_comment",
    ("to_correct", "draft"): "employee_answer",
}
# What the employee writes, while the entry is not acknowledged and its
# period's check-in is still a draft.
CONTENT_FIELDS = {
    "name",
    "date",
    "rhk_id",
    "action_plan_id",
    "iki_id",
    "output_qty",
    "output_unit",
    "duration",
    "evidence_file",
    "evidence_file_name",
    "evidence_url",
}
EDITABLE_STATES = ("draft", "to_correct")
FIELD_EDITORS = {
    "content": (CONTENT_FIELDS, dict.fromkeys(EDITABLE_STATES, {"employee"})),
    "answer": ({"employee_answer"}, {"to_correct": {"employee"}}),
}
SERVER_OWNED_FIELDS = {
    "acknowledged_by_id",
    "date_acknowledged",
    "date_correction",
}
CAN_FIELDS = {
    "can_edit": "content",
    "can_acknowledge": (None, "acknowledged"),
    "can_request_correction": (None, "to_correct"),
    "can_answer": "answer",
}


class HrAsnWorkLog(models.Model):
    """One entry of the daily work log (laporan kinerja harian).

    The employee reports what they did for an RHK of their own approved SKP;
    the appraiser (or the appraiser's superior) acknowledges it or asks for a
    correction. The entries of a period become the proposed realisasi of its
    check-in, and are locked once that check-in is submitted.

    Built for volume (millions of rows): no chatter, composite indexes on what
    the screens filter on (see ``init``), aggregation in the database.
    """

    _name = "hr.asn.work.log"
    _description = "Daily Work Log Entry"
    _inherit = ["hr.asn.workflow.mixin"]
    _order = "date desc, employee_id, id desc"
    _asn_transitions = TRANSITIONS
    _asn_reason_fields = REASON_FIELDS
    _asn_field_editors = FIELD_EDITORS
    _asn_server_owned_fields = SERVER_OWNED_FIELDS
    _asn_locked_states = {"acknowledged"}
    _asn_can_fields = CAN_FIELDS
    _asn_role_fields = {
        "employee": "employee_id",
        "appraiser": "appraiser_id",
        "appraiser_parent": "appraiser_parent_id",
    }
    _check_company_auto = True

    name = fields.Char(string="What Was Done", required=True)
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Pegawai",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        default=lambda self: self.env.user.employee_id,
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="SKP",
        compute="_compute_appraisal_id",
        store=True,
        precompute=True,
        index=True,
        ondelete="restrict",
        help="The employee's approved SKP whose cycle covers the date.",
    )
    checkin_id = fields.Many2one(
        "hr.asn.checkin",
        string="Period",
        compute="_compute_checkin_id",
        store=True,
        precompute=True,
        index=True,
        ondelete="set null",
        help="The periodic evaluation (check-in) whose period covers the date; "
        "entries are locked once it is submitted.",
    )
    appraiser_id = fields.Many2one(
        related="appraisal_id.appraiser_id", store=True, precompute=True
    )
    appraiser_parent_id = fields.Many2one(
        related="appraisal_id.appraiser_parent_id",
        store=True,
        precompute=True,
        index="btree_not_null",
    )
    department_id = fields.Many2one(
        related="appraisal_id.department_id",
        store=True,
        precompute=True,
        string="Unit",
    )
    rhk_id = fields.Many2one(
        "hr.asn.appraisal.rhk",
        string="RHK",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('appraisal_id', '=', appraisal_id)]",
    )
    action_plan_id = fields.Many2one(
        "hr.asn.action.plan",
        string="Rencana Aksi",
        ondelete="set null",
        domain="[('rhk_id', '=', rhk_id), ('checkin_id', '=', checkin_id)]",
    )
    iki_id = fields.Many2one(
        "hr.asn.appraisal.iki",
        string="IKI",
        compute="_compute_iki_id",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="set null",
        domain="[('rhk_id', '=', rhk_id)]",
        help="The indicator the output counts for. Left empty, the output counts "
        "for the RHK's IKI of the same unit.",
    )
    output_qty = fields.Float(string="Output", digits=(16, 2))
    output_unit = fields.Char(
        compute="_compute_output_unit",
        store=True,
        readonly=False,
        precompute=True,
    )
    duration = fields.Float(string="Time Spent", help="Hours spent.")
    evidence_file = fields.Binary(attachment=True, copy=False)
    evidence_file_name = fields.Char(copy=False)
    evidence_url = fields.Char(string="Evidence Link", copy=False)
    has_evidence = fields.Boolean(compute="_compute_has_evidence", store=True)
    state = fields.Selection(
        STATES, default="draft", required=True, index=True, readonly=True, copy=False
    )
    correction_comment = fields.Text(
        string="Correction Requested", readonly=True, copy=False
    )
    employee_answer = fields.Text(string="Employee's Answer", copy=False)
    date_correction = fields.Datetime(readonly=True, copy=False)
    acknowledged_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_acknowledged = fields.Datetime(readonly=True, copy=False)

    is_locked = fields.Boolean(
        string="Locked",
        compute="_compute_permissions",
        help="The period's check-in is submitted: the entry no longer changes.",
    )
    is_own = fields.Boolean(compute="_compute_permissions")
    can_edit = fields.Boolean(compute="_compute_permissions")
    can_acknowledge = fields.Boolean(compute="_compute_permissions")
    can_request_correction = fields.Boolean(compute="_compute_permissions")
    can_answer = fields.Boolean(compute="_compute_permissions")

    _sql_constraints = [
        (
            "output_positive",
            "CHECK(output_qty >= 0 AND duration >= 0)",
            "Output and time spent cannot be negative.",
        ),
    ]

    def init(self):
        """Composite indexes for the screens: a person's days, an appraiser's
        team by day, a period's roll-up."""
        result = super().init()
        table = self._table
        create_index(
            self.env.cr,
            "hr_asn_work_log_employee_date_index",
            table,
            ["employee_id", "date"],
        )
        create_index(
            self.env.cr,
            "hr_asn_work_log_appraiser_date_index",
            table,
            ["appraiser_id", "date"],
        )
        create_index(
            self.env.cr,
            "hr_asn_work_log_department_date_index",
            table,
            ["department_id", "date"],
        )
        create_index(
            self.env.cr,
            "hr_asn_work_log_checkin_rhk_index",
            table,
            ["checkin_id", "rhk_id", "iki_id"],
        )
        return result

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id", "date")
    def _compute_appraisal_id(self):
        employees = self.employee_id
        by_employee = defaultdict(list)
        if employees:
            skps = (
                self.env["hr.asn.appraisal"]
                .sudo()
                .search(
                    [
                        ("employee_id", "in", employees.ids),
                        ("state", "in", SKP_OPEN_STATES),
                    ]
                )
            )
            for skp in skps:
                by_employee[skp.employee_id.id].append(skp)
        for log in self:
            skp = next(
                (
                    skp
                    for skp in by_employee[log.employee_id.id]
                    if log.date
                    # the SKP of the position held that day (several a year)
                    and skp.date_start <= log.date <= skp.date_end
                ),
                None,
            )
            log.appraisal_id = skp.id if skp else False

    @api.depends("appraisal_id", "date")
    def _compute_checkin_id(self):
        by_skp = defaultdict(list)
        if self.appraisal_id:
            checkins = (
                self.env["hr.asn.checkin"]
                .sudo()
                .search(
                    [
                        ("appraisal_id", "in", self.appraisal_id.ids),
                        ("is_annual", "=", False),
                    ]
                )
            )
            for checkin in checkins:
                by_skp[checkin.appraisal_id.id].append(checkin)
        for log in self:
            checkin = next(
                (
                    c
                    for c in by_skp[log.appraisal_id.id]
                    if log.date and c.date_start <= log.date <= c.date_end
                ),
                None,
            )
            log.checkin_id = checkin.id if checkin else False

    @api.depends("action_plan_id")
    def _compute_iki_id(self):
        for log in self:
            if log.action_plan_id.iki_id:
                log.iki_id = log.action_plan_id.iki_id

    @api.depends("action_plan_id", "iki_id")
    def _compute_output_unit(self):
        for log in self:
            unit = log.action_plan_id.output_unit or log.iki_id.target_unit
            if unit and not log.output_unit:
                log.output_unit = unit

    @api.depends("evidence_file", "evidence_url")
    def _compute_has_evidence(self):
        for log in self:
            log.has_evidence = bool(
                log.evidence_file or (log.evidence_url or "").strip()
            )

    @api.depends_context("uid")
    @api.depends("state", "checkin_id.state", "employee_id", "appraiser_id")
    def _compute_permissions(self):
        self._compute_can_flags()
        for log in self:
            locked = log._is_locked()
            log.is_locked = locked
            log.is_own = "employee" in log._get_user_roles()
            if locked:
                # The period's check-in is submitted: only acknowledging stays.
                log.can_edit = log.can_request_correction = log.can_answer = False

    # ------------------------------------------------------------------
    # Roles, rules and locking: one place decides, for server and screen.
    # ------------------------------------------------------------------
    def _get_user_roles(self, user=None):
        """The roles the user holds on the entry: those held on its SKP."""
        self.ensure_one()
        user = user or self.env.user
        employee = self.sudo().employee_id
        if employee.user_id == user or employee & self._asn_person_employees(user):
            return {"employee"}
        if self.appraisal_id:
            return self.appraisal_id._get_user_roles(user)
        return set()

    def _get_part_label(self, part):
        return {
            "content": _("the entry"),
            "answer": _("the answer to the correction request"),
        }[part]

    def _is_locked(self):
        self.ensure_one()
        checkin = self.sudo().checkin_id
        return bool(checkin) and checkin.state != "draft"

    def _check_unlocked(self):
        for log in self:
            if log._is_locked():
                checkin = log.sudo().checkin_id
                raise UserError(
                    _(
                        "The entries of %(period)s are locked: its check-in is "
                        "%(state)s.",
                        period=checkin.period_name,
                        state=checkin._state_label(checkin.state),
                    )
                )

    def _check_transition_requirements(self, new_state):
        """A correction needs an open period: the employee must be able to act."""
        self.ensure_one()
        if new_state in ("to_correct", "draft"):
            self._check_unlocked()

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for log in self:
            cycle = log.sudo().appraisal_id.cycle_id
            reason = worklog_rules.check_entry_date(
                log.date,
                today,
                cycle.date_start or log.date,
                cycle.date_end or log.date,
            )
            if reason == "future":
                raise ValidationError(
                    _(
                        "%(entry)s is dated %(date)s: work cannot be logged in "
                        "advance.",
                        entry=log.name,
                        date=format_date(self.env, log.date),
                    )
                )
            if reason:
                raise ValidationError(
                    _(
                        "%(entry)s is dated %(date)s, outside the cycle of its SKP.",
                        entry=log.name,
                        date=format_date(self.env, log.date),
                    )
                )

    @api.constrains("employee_id", "date", "rhk_id", "action_plan_id", "iki_id")
    def _check_rhk(self):
        for log in self:
            skp = log.sudo().appraisal_id
            if not skp:
                raise ValidationError(
                    _(
                        "%(employee)s has no approved SKP whose cycle covers "
                        "%(date)s: work is logged against the RHK of an approved "
                        "SKP.",
                        employee=log.sudo().employee_id.name,
                        date=format_date(self.env, log.date),
                    )
                )
            if log.sudo().rhk_id.appraisal_id != skp:
                raise ValidationError(
                    _(
                        "RHK %(rhk)s is not in %(skp)s, the employee's approved "
                        "SKP for %(date)s.",
                        rhk=log.sudo().rhk_id.name,
                        skp=skp.display_name,
                        date=format_date(self.env, log.date),
                    )
                )
            plan = log.sudo().action_plan_id
            if plan and (
                plan.rhk_id != log.rhk_id or plan.checkin_id != log.checkin_id
            ):
                raise ValidationError(
                    _(
                        "Rencana aksi %(plan)s belongs to another RHK or period "
                        "than %(entry)s.",
                        plan=plan.name,
                        entry=log.name,
                    )
                )
            if log.iki_id and log.sudo().iki_id.rhk_id != log.rhk_id:
                raise ValidationError(
                    _(
                        "IKI %(iki)s is not an indicator of RHK %(rhk)s.",
                        iki=log.sudo().iki_id.name,
                        rhk=log.sudo().rhk_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            Employee = self.env["hr.employee"].sudo()
            default_employee = self.env.user.employee_id
            for vals in vals_list:
                employee = (
                    Employee.browse(vals.pop("employee_id"))
                    if vals.get("employee_id")
                    else default_employee
                )
                if employee.user_id != self.env.user:
                    raise AccessError(
                        _(
                            "You can only log your own work, not that of %(who)s.",
                            who=employee.name,
                        )
                    )
                vals["employee_id"] = employee.id
        return super().create(vals_list)

    def _check_write(self, vals):
        if not self.env.su and "employee_id" in vals:
            raise UserError(_("The employee of a work log entry cannot change."))
        if set(vals) & (CONTENT_FIELDS | {"employee_answer"}):
            self._check_unlocked()
        return super()._check_write(vals)

    @api.constrains("date", "rhk_id")
    def _check_period_unlocked(self):
        """A new entry, or a new date, may fall in a period whose check-in is
        already submitted."""
        self._check_unlocked()

    def _prepare_transition_vals(self, new_state, now):
        if new_state == "acknowledged":
            return {"acknowledged_by_id": self.env.user.id, "date_acknowledged": now}
        if new_state == "to_correct":
            return {"date_correction": now}
        return {}

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editable(self):
        self._check_field_editors(CONTENT_FIELDS)
        self._check_unlocked()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_acknowledge(self):
        """Acknowledge the entries (in bulk); those already acknowledged stay."""
        to_acknowledge = self.filtered(lambda log: log.state != "acknowledged")
        to_acknowledge.write({"state": "acknowledged"})
        return True

    def action_request_correction(self, comment):
        """Send entries back to the employee with a comment they see and answer."""
        self.write({"state": "to_correct", "correction_comment": comment})
        self._notify_correction(comment)
        return True

    def action_request_correction_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Request a Correction"),
            "res_model": "hr.asn.work.log.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_work_log_ids": self.ids},
        }

    def action_answer_correction(self):
        """The employee has corrected the entry and answered the comment."""
        for log in self:
            log.write({"state": "draft", "employee_answer": log.employee_answer})
        return True

    def action_repeat_today(self):
        """Duplicate the entry for today (the same work goes on)."""
        today = fields.Date.context_today(self)
        copies = self.browse()
        for log in self:
            copies |= log.copy({"date": today})
        if len(copies) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": self._name,
                "res_id": copies.id,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "current",
            }
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    @api.model
    def action_copy_previous_day(self):
        """Copy the current user's entries of their last logged day to today."""
        employee = self.env.user.employee_id
        today = fields.Date.context_today(self)
        if not employee:
            raise UserError(_("Your user is not linked to an employee."))
        last = self.search(
            [("employee_id", "=", employee.id), ("date", "<", today)],
            order="date desc",
            limit=1,
        )
        if not last:
            raise UserError(_("You have no earlier entry to copy."))
        previous = self.search(
            [("employee_id", "=", employee.id), ("date", "=", last.date)],
            order="id",
        )
        self.create([{**vals, "date": today} for vals in previous.copy_data()])
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _notify_correction(self, comment):
        """Tell each employee, once per request, which entries need correcting."""
        by_user = defaultdict(lambda: self.browse())
        for log in self.sudo():
            user = log.employee_id.user_id
            if user:
                by_user[user] |= log
        for user, logs in by_user.items():
            lang_env = self.with_context(lang=user.lang or "en_US").env
            items = Markup("").join(
                Markup("<li>%s — %s</li>") % (format_date(lang_env, log.date), log.name)
                for log in logs
            )
            body = Markup("<p>%s</p><ul>%s</ul><p><i>%s</i></p>") % (
                lang_env._(
                    "Your appraiser asks you to correct these work log entries:"
                ),
                items,
                comment,
            )
            self.env["mail.thread"].sudo().message_notify(
                partner_ids=user.partner_id.ids,
                subject=lang_env._("Daily work log: correction requested"),
                body=body,
                subtype_xmlid="mail.mt_note",
                email_layout_xmlid="mail.mail_notification_light",
            )
