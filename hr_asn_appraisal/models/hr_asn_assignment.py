import datetime

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_date

from ..rules import year_result as year_rules
from .hr_asn_appraisal_period import PERIOD_CHANGE_KEY
from .hr_employee import POSITION_LEVELS, POSITION_TYPES

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"
CHANGE, JOIN, LEAVE = "change", "join", "leave"
# Why the assignment changed, and what it does to the SKPs of the cycle:
# a change ends the running SKP the day before and starts a new one; a join
# starts one; a leave ends the running one on the day (the last day in
# service). Sources: docs/year.md.
REASONS = [
    ("mutasi", "Mutasi (Transfer)"),
    ("rotasi", "Rotasi (Rotation)"),
    ("promosi", "Promosi (Promotion)"),
    ("change_other", "Other Change of Position or Appraiser"),
    ("join_cpns", "Joining: CPNS (from the TMT)"),
    ("join_transfer", "Joining: Transfer In"),
    ("join_return", "Joining: Back from CLTN"),
    ("leave_retirement", "Leaving: Retirement (Pensiun)"),
    ("leave_death", "Leaving: Death"),
    ("leave_dismissal", "Leaving: Dismissal"),
    ("leave_cltn", "Leaving: CLTN (Leave Outside the State's Responsibility)"),
    ("leave_transfer", "Leaving: Transfer Out"),
]
KIND_OF_REASON = {
    code: (
        JOIN
        if code.startswith("join")
        else LEAVE
        if code.startswith("leave")
        else CHANGE
    )
    for code, _label in REASONS
}
ONE_DAY = datetime.timedelta(days=1)


class HrAsnAssignment(models.Model):
    """One step of an employee's assignment history: from a date on, this
    position (type, level), unit, appraiser and rank; or the day the employee
    joined or left.

    Written by HR through the "Record a Position Change" wizard, which applies
    it to the SKPs in the same transaction (``_apply``); kept as history,
    never changed afterwards. One SKP per position held (e-Kinerja BKN,
    regional SIMPEG practice of "menutup SKP" on a transfer): docs/year.md.
    """

    _name = "hr.asn.assignment"
    _description = "ASN Assignment History"
    _inherit = ["mail.thread"]
    _order = "employee_id, date desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(string="Effective Date (TMT)", required=True, readonly=True)
    reason = fields.Selection(REASONS, required=True, readonly=True)
    kind = fields.Selection(
        [(CHANGE, "Change"), (JOIN, "Joining"), (LEAVE, "Leaving")],
        compute="_compute_kind",
        store=True,
    )
    job_title = fields.Char(string="Position", readonly=True)
    position_type = fields.Selection(POSITION_TYPES, readonly=True)
    position_level = fields.Selection(POSITION_LEVELS, readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    appraiser_id = fields.Many2one(
        "hr.employee", string="Appraiser (Pejabat Penilai)", readonly=True
    )
    rank_id = fields.Many2one("hr.asn.rank", readonly=True)
    decree = fields.Char(string="Decree (SK) Number", readonly=True)
    note = fields.Text(readonly=True)
    cycle_id = fields.Many2one("hr.asn.appraisal.cycle", readonly=True)
    closed_appraisal_id = fields.Many2one(
        "hr.asn.appraisal", string="SKP Ended", readonly=True
    )
    new_appraisal_id = fields.Many2one(
        "hr.asn.appraisal", string="SKP Started", readonly=True, index="btree_not_null"
    )
    user_id = fields.Many2one(
        "res.users", string="Recorded By", readonly=True, default=lambda s: s.env.user
    )

    @api.depends("reason")
    def _compute_kind(self):
        for assignment in self:
            assignment.kind = KIND_OF_REASON.get(assignment.reason)

    # ------------------------------------------------------------------
    # History: written once, by the flow, never changed
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su:
            raise AccessError(
                _("An assignment is history: record a new change instead.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        if not self.env.su:
            raise AccessError(
                _("An assignment is history: record a new change instead.")
            )

    # ------------------------------------------------------------------
    # The flow
    # ------------------------------------------------------------------
    @api.model
    def _record(self, vals):
        """Record one assignment and apply it to the SKPs, all or nothing.

        ``vals``: employee_id, date, reason and, for a change or a joining,
        the new job_title, position_type, position_level, department_id,
        appraiser_id, rank_id (empty: unchanged), decree, note.
        Returns the assignment.
        """
        if not self.env.su and not self.env.user.has_group(OFFICER):
            raise AccessError(_("Only an HR officer records a position change."))
        employee = self.env["hr.employee"].browse(vals["employee_id"]).exists()
        if not employee:
            raise UserError(_("Choose the employee."))
        # The HR officer must see the employee (company rules).
        employee.check_access("write")
        date = fields.Date.to_date(vals.get("date"))
        reason = vals.get("reason")
        if not date or reason not in KIND_OF_REASON:
            raise UserError(_("Give the effective date and the reason."))
        kind = KIND_OF_REASON[reason]
        employee = employee.sudo()
        self._lock_employee(employee)
        if self.sudo().search_count(
            [("employee_id", "=", employee.id), ("date", "=", date)], limit=1
        ):
            raise UserError(
                _(
                    "A change of %(employee)s on %(date)s is already recorded: two "
                    "changes on one day cannot both start an SKP.",
                    employee=employee.name,
                    date=format_date(self.env, date),
                )
            )
        cycle = self._find_cycle(employee, date)
        appraiser = self.env["hr.employee"].browse(vals.get("appraiser_id"))
        if appraiser and appraiser.sudo() == employee:
            raise ValidationError(_("An employee cannot be their own appraiser."))
        department = self.env["hr.department"].browse(vals.get("department_id"))
        for record in (appraiser, department):
            company = record.sudo().company_id
            if record and company and company != employee.company_id:
                raise ValidationError(
                    _(
                        "%(record)s belongs to another company than %(employee)s.",
                        record=record.sudo().display_name,
                        employee=employee.name,
                    )
                )
        Appraisal = self.env["hr.asn.appraisal"].sudo()
        skps = Appraisal.search(
            [
                ("employee_id", "=", employee.id),
                ("cycle_id", "=", cycle.id),
                ("state", "!=", "cancel"),
            ],
            order="date_start",
        )
        later = skps.filtered(lambda s: s.date_start >= date)
        running = skps.filtered(lambda s: s.date_start < date <= s.date_end)
        if kind == LEAVE:
            running = skps.filtered(lambda s: s.date_start <= date <= s.date_end)
            later = skps.filtered(lambda s: s.date_start > date)
        if later:
            raise UserError(
                _(
                    "%(employee)s has an SKP starting on %(start)s: a change can only "
                    "be recorded after the start of the current SKP.",
                    employee=employee.name,
                    start=format_date(self.env, later[0].date_start),
                )
            )
        if kind == JOIN and running:
            raise UserError(
                _(
                    "%(employee)s already has an SKP running on %(date)s "
                    "(%(skp)s): record a change of position instead.",
                    employee=employee.name,
                    date=format_date(self.env, date),
                    skp=running.display_name,
                )
            )
        if kind == CHANGE and skps and not running:
            raise UserError(
                _(
                    "%(employee)s has no SKP running on %(date)s: record a joining "
                    "(e.g. back from CLTN) instead of a change.",
                    employee=employee.name,
                    date=format_date(self.env, date),
                )
            )
        if running.state == "done":
            raise UserError(
                _(
                    "%(skp)s is validated: its period cannot change. Reopen it "
                    "first (HR) if the change really applies to it.",
                    skp=running.display_name,
                )
            )
        assignment = self.sudo().create(
            {
                **{
                    key: vals.get(key) or False
                    for key in (
                        "employee_id",
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
                },
                "date": date,
                "cycle_id": cycle.id,
                "user_id": self.env.user.id,
            }
        )
        end = running.date_end if running else cycle.date_end
        if running:
            assignment._end_skp(running, date - ONE_DAY if kind == CHANGE else date)
        if kind == LEAVE:
            employee.write({"asn_date_left": date})
            return assignment
        assignment._update_employee(employee)
        if kind == JOIN:
            employee.write({"asn_date_joined": date, "asn_date_left": False})
        if kind == JOIN or running:
            # Without any SKP yet in the cycle, generation makes the year's
            # first one, with the new data.
            assignment._start_skp(cycle, date, end)
        return assignment

    def _lock_employee(self, employee):
        """Two HR officers recording a change of one employee at once: the
        second waits, then sees the first's."""
        self.env.cr.execute(
            "SELECT id FROM hr_employee WHERE id = %s FOR UPDATE", [employee.id]
        )

    @api.model
    def _find_cycle(self, employee, date):
        cycles = (
            self.env["hr.asn.appraisal.cycle"]
            .sudo()
            .search(
                [
                    ("company_id", "=", employee.company_id.id),
                    ("state", "=", "open"),
                ],
                order="date_start",
            )
        )
        cycle = cycles.filtered(lambda c: c.date_start <= date <= c.date_end)[:1]
        if not cycle:
            raise UserError(
                _(
                    "No open cycle of %(company)s covers %(date)s: a change dated "
                    "before the cycle (or after it) cannot be applied to an SKP.",
                    company=employee.company_id.name,
                    date=format_date(self.env, date),
                )
            )
        return cycle

    def _end_skp(self, skp, new_end):
        """The running SKP ends on ``new_end``: it keeps its plan,
        realisation, evidence and check-ins up to then, its appraiser rates it
        for its months; its state does not change."""
        self.ensure_one()
        if new_end < skp.date_start:
            raise UserError(
                _(
                    "%(skp)s starts on %(start)s: the change must be dated after "
                    "that day.",
                    skp=skp.display_name,
                    start=format_date(self.env, skp.date_start),
                )
            )
        checkins = skp.checkin_ids.sudo()
        after = checkins.filtered(lambda c: c.date_start > new_end)
        if after.filtered(lambda c: c.state != "draft"):
            raise UserError(
                _(
                    "%(skp)s has check-ins after %(date)s that were already "
                    "submitted: they cannot be dropped.",
                    skp=skp.display_name,
                    date=format_date(self.env, new_end),
                )
            )
        old_end = skp.date_end
        after.unlink()
        (checkins - after).filtered(lambda c: c.date_end > new_end).write(
            {"date_end": new_end}
        )
        skp.with_context(**{PERIOD_CHANGE_KEY: True}).write(
            {
                "date_end": new_end,
                "months_served": year_rules.months_in_period(skp.date_start, new_end),
            }
        )
        skp._update_last_in_cycle()
        # Its annual evaluation moves to its new end (it was dropped above
        # with the periods after the end).
        skp._create_checkins()
        # Work logs dated after the end belong to the SKP of the new position.
        logs = (
            self.env["hr.asn.work.log"]
            .sudo()
            .search([("appraisal_id", "=", skp.id), ("date", ">", new_end)])
        )
        if logs:
            self.env.add_to_compute(logs._fields["appraisal_id"], logs)
        self.closed_appraisal_id = skp
        skp.message_post(
            body=Markup("<p>%s</p>")
            % _(
                "Period ended on %(end)s (was %(old_end)s): %(reason)s on %(date)s. "
                "This SKP is rated by its appraiser for its %(months)s months.",
                end=format_date(self.env, new_end),
                old_end=format_date(self.env, old_end),
                reason=self._reason_label(),
                date=format_date(self.env, self.date),
                months=year_rules.months_in_period(skp.date_start, new_end),
            )
        )

    def _start_skp(self, cycle, date_start, date_end):
        """A new draft SKP from ``date_start`` for the rest of the cycle, made
        the way generation makes SKPs, with the new appraiser; its plan
        cascades from that appraiser's SKP (``superior_appraisal_id``)."""
        self.ensure_one()
        employee = self.employee_id.sudo()
        if not employee.asn_appraiser_id:
            raise UserError(
                _(
                    "%(employee)s has no appraiser: choose the appraiser of the new "
                    "position.",
                    employee=employee.name,
                )
            )
        behavior_values = self.env["hr.asn.behavior.value"].sudo().search([])
        vals = cycle._prepare_appraisal_vals(employee, behavior_values)
        vals.update(
            {
                "date_start": date_start,
                "date_end": date_end,
                "months_served": year_rules.months_in_period(date_start, date_end),
            }
        )
        skp = self.env["hr.asn.appraisal"].sudo().create(vals)
        self.new_appraisal_id = skp
        skp.message_post(
            body=Markup("<p>%s</p>")
            % _(
                "SKP started on %(date)s: %(reason)s%(previous)s.",
                date=format_date(self.env, date_start),
                reason=self._reason_label(),
                previous=self.closed_appraisal_id
                and _(", after %(skp)s", skp=self.closed_appraisal_id.display_name)
                or "",
            )
        )
        return skp

    def _update_employee(self, employee):
        """The employee's master data follows the new assignment (the fields
        HR gave; the others stay)."""
        self.ensure_one()
        vals = {}
        for field, target in (
            ("job_title", "job_title"),
            ("position_type", "asn_position_type"),
            ("position_level", "asn_position_level"),
            ("department_id", "department_id"),
            ("appraiser_id", "asn_appraiser_id"),
            ("rank_id", "asn_rank_id"),
        ):
            value = self[field]
            if value:
                vals[target] = (
                    value.id if isinstance(value, models.BaseModel) else value
                )
        if self.appraiser_id:
            vals["asn_appraiser_parent_id"] = self.appraiser_id.asn_appraiser_id.id
        if vals:
            employee.write(vals)

    def _reason_label(self):
        self.ensure_one()
        return dict(self._fields["reason"]._description_selection(self.env)).get(
            self.reason, ""
        )
