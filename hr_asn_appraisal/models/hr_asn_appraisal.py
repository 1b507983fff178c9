from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules import predikat as predikat_rules

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rated", "Rated"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
RATINGS = [
    (predikat_rules.BELOW, "Di Bawah Ekspektasi"),
    (predikat_rules.AS_EXPECTED, "Sesuai Ekspektasi"),
    (predikat_rules.ABOVE, "Di Atas Ekspektasi"),
]
PREDIKATS = [
    (predikat_rules.SANGAT_BAIK, "Sangat Baik"),
    (predikat_rules.BAIK, "Baik"),
    (predikat_rules.BUTUH_PERBAIKAN, "Butuh Perbaikan"),
    (predikat_rules.KURANG, "Kurang/Misconduct"),
    (predikat_rules.SANGAT_KURANG, "Sangat Kurang"),
]

# Who may move an SKP from one state to another (PermenPANRB 6/2022 stages).
# Roles: employee (the appraisee), appraiser (pejabat penilai), hr (HR officer).
TRANSITIONS = {
    ("draft", "submitted"): {"employee", "hr"},
    ("submitted", "approved"): {"appraiser"},
    ("submitted", "draft"): {"appraiser", "hr"},
    ("approved", "rated"): {"appraiser"},
    ("rated", "done"): {"hr"},
    ("done", "rated"): {"hr"},
    ("draft", "cancel"): {"hr"},
    ("submitted", "cancel"): {"hr"},
    ("approved", "cancel"): {"hr"},
    ("rated", "cancel"): {"hr"},
    ("cancel", "draft"): {"hr"},
}
# A transition that must carry a reason, and the field that holds it.
REASON_FIELDS = {
    ("submitted", "draft"): "return_reason",
    ("done", "rated"): "reopen_reason",
    ("draft", "cancel"): "cancel_reason",
    ("submitted", "cancel"): "cancel_reason",
    ("approved", "cancel"): "cancel_reason",
    ("rated", "cancel"): "cancel_reason",
}

# Who may edit which part of the SKP, in which state.
PLAN_FIELDS = {
    "approach",
    "is_jpt",
    "rhk_ids",
    "behavior_ids",
    "resource_support",
    "accountability_scheme",
    "consequences",
}
PLAN_EDITORS = {
    "draft": {"employee", "appraiser", "hr"},
    "submitted": {"appraiser", "hr"},
}
HEADER_FIELDS = {"employee_id", "cycle_id", "appraiser_id", "appraiser_parent_id"}
HEADER_EDITORS = {"draft": {"hr"}, "submitted": {"hr"}, "approved": {"hr"}}
RATING_FIELDS = {"work_rating", "behavior_rating", "rating_note"}
RATING_EDITORS = {"approved": {"appraiser"}, "rated": {"appraiser", "hr"}}
EXPECTATION_EDITORS = {"draft": {"appraiser", "hr"}, "submitted": {"appraiser", "hr"}}
FIELD_EDITORS = {
    "plan": (PLAN_FIELDS, PLAN_EDITORS),
    "header": (HEADER_FIELDS, HEADER_EDITORS),
    "rating": (RATING_FIELDS, RATING_EDITORS),
}
SNAPSHOT_ROLES = ("employee", "appraiser", "appraiser_parent")
SNAPSHOT_ITEMS = ("name", "nip", "rank", "position", "unit")
# Set by the server as the SKP moves on; a caller's value is refused.
SERVER_OWNED_FIELDS = {
    "date_submitted",
    "date_approved",
    "date_rated",
    "date_done",
    "submitted_late",
    "employee_user_id",
} | {f"{role}_{item}_snapshot" for role in SNAPSHOT_ROLES for item in SNAPSHOT_ITEMS}
# The button flags and the transition or editable part each one stands for.
CAN_FIELDS = {
    "can_submit": ("draft", "submitted"),
    "can_approve": ("submitted", "approved"),
    "can_return": ("submitted", "draft"),
    "can_rate": ("approved", "rated"),
    "can_validate": ("rated", "done"),
    "can_reopen": ("done", "rated"),
    "can_reset": ("cancel", "draft"),
    "can_cancel": (None, "cancel"),
    "can_edit_plan": "plan",
    "can_edit_rating": "rating",
}

# The next actor's to-do per state: (activity type xml id, who gets it).
ACTIVITY_BY_STATE = {
    "draft": ("hr_asn_appraisal.mail_activity_type_skp_draft", "employee"),
    "submitted": ("hr_asn_appraisal.mail_activity_type_skp_approve", "appraiser"),
    "approved": ("hr_asn_appraisal.mail_activity_type_skp_rate", "appraiser"),
    "rated": ("hr_asn_appraisal.mail_activity_type_skp_validate", "hr"),
}


def _snapshot_field(label):
    return fields.Char(string=label, readonly=True, copy=False)


class HrAsnAppraisal(models.Model):
    """The SKP (Sasaran Kinerja Pegawai) of one employee in one cycle."""

    _name = "hr.asn.appraisal"
    _description = "SKP (ASN Performance Plan and Appraisal)"
    # The confidentiality mixin comes first (it filters what mail.thread
    # notifies), then the mail batch mixin, which brings mail.thread.
    _inherit = [
        "hr.asn.confidential.mixin",
        "hr.asn.mail.batch.mixin",
        "mail.activity.mixin",
        "hr.asn.workflow.mixin",
        "hr.asn.deadline.mixin",
    ]
    _order = "cycle_id desc, employee_id, id"
    _asn_transitions = TRANSITIONS
    _asn_reason_fields = REASON_FIELDS
    _asn_field_editors = FIELD_EDITORS
    _asn_server_owned_fields = SERVER_OWNED_FIELDS
    _asn_locked_states = {"done"}
    _asn_can_fields = CAN_FIELDS
    _asn_role_fields = {
        "employee": "employee_id",
        "appraiser": "appraiser_id",
        "appraiser_parent": "appraiser_parent_id",
    }
    _asn_activity_by_state = ACTIVITY_BY_STATE
    _deadline_field = "cycle_id.filing_deadline"
    _check_company_auto = True
    # The appraiser's (and HR's calibration) work in progress: the employee
    # sees the ratings and the predikat once HR has validated the SKP.
    _asn_confidential_fields = RATING_FIELDS | {"predikat"}
    _asn_confidential_pending = [("state", "!=", "done")]

    name = fields.Char(compute="_compute_name", store=True)
    cycle_id = fields.Many2one(
        "hr.asn.appraisal.cycle",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, precompute=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    employee_user_id = fields.Many2one(
        "res.users",
        string="Employee's User (at creation)",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The employee's login when the SKP was created: whatever the "
        "employee record's user becomes later, this person never acts in another "
        "role on this SKP.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        compute="_compute_department_id",
        store=True,
        index=True,
        precompute=True,
    )
    appraiser_id = fields.Many2one(
        "hr.employee",
        string="Appraiser (Pejabat Penilai)",
        compute="_compute_appraiser_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    appraiser_parent_id = fields.Many2one(
        "hr.employee",
        string="Appraiser's Superior",
        compute="_compute_appraiser_parent_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
    )
    approach = fields.Selection(
        [("kuantitatif", "Kuantitatif"), ("kualitatif", "Kualitatif")],
        default="kuantitatif",
        required=True,
        tracking=True,
    )
    is_jpt = fields.Boolean(
        string="JPT Layout",
        compute="_compute_is_jpt",
        store=True,
        readonly=False,
        precompute=True,
        help="SKP of a senior executive (JPT): RHK carry a perspektif.",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, index=True, tracking=True, copy=False
    )
    rhk_ids = fields.One2many(
        "hr.asn.appraisal.rhk", "appraisal_id", string="Hasil Kerja (RHK)", copy=True
    )
    iki_ids = fields.One2many("hr.asn.appraisal.iki", "appraisal_id", string="IKI")
    behavior_ids = fields.One2many(
        "hr.asn.appraisal.behavior",
        "appraisal_id",
        string="Perilaku Kerja (BerAKHLAK)",
        copy=True,
    )
    superior_appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="Appraiser's SKP",
        compute="_compute_superior_appraisal_id",
        compute_sudo=True,
        help="The appraiser's own SKP in this cycle, whose RHK this SKP intervenes.",
    )
    resource_support = fields.Text(string="Dukungan Sumber Daya")
    accountability_scheme = fields.Text(string="Skema Pertanggungjawaban")
    consequences = fields.Text(string="Konsekuensi")

    work_rating = fields.Selection(
        RATINGS, string="Rating Hasil Kerja", tracking=True, copy=False
    )
    behavior_rating = fields.Selection(
        RATINGS, string="Rating Perilaku Kerja", tracking=True, copy=False
    )
    rating_note = fields.Text(string="Appraiser's Notes", copy=False)
    predikat = fields.Selection(
        PREDIKATS,
        string="Predikat Kinerja",
        compute="_compute_predikat",
        store=True,
        index=True,
        tracking=True,
    )

    date_submitted = fields.Datetime(readonly=True, copy=False)
    date_approved = fields.Datetime(readonly=True, copy=False)
    date_rated = fields.Datetime(readonly=True, copy=False)
    date_done = fields.Datetime(string="Date Validated", readonly=True, copy=False)
    is_late = fields.Boolean(
        help="Still in draft after the cycle's filing deadline, or submitted after it.",
    )
    return_reason = fields.Text(readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False)
    reopen_reason = fields.Text(readonly=True, copy=False)

    employee_name_snapshot = _snapshot_field("Employee Name (at approval)")
    employee_nip_snapshot = _snapshot_field("Employee NIP (at approval)")
    employee_rank_snapshot = _snapshot_field("Employee Rank (at approval)")
    employee_position_snapshot = _snapshot_field("Employee Position (at approval)")
    employee_unit_snapshot = _snapshot_field("Employee Unit (at approval)")
    appraiser_name_snapshot = _snapshot_field("Appraiser Name (at approval)")
    appraiser_nip_snapshot = _snapshot_field("Appraiser NIP (at approval)")
    appraiser_rank_snapshot = _snapshot_field("Appraiser Rank (at approval)")
    appraiser_position_snapshot = _snapshot_field("Appraiser Position (at approval)")
    appraiser_unit_snapshot = _snapshot_field("Appraiser Unit (at approval)")
    appraiser_parent_name_snapshot = _snapshot_field(
        "Appraiser's Superior Name (at approval)"
    )
    appraiser_parent_nip_snapshot = _snapshot_field(
        "Appraiser's Superior NIP (at approval)"
    )
    appraiser_parent_rank_snapshot = _snapshot_field(
        "Appraiser's Superior Rank (at approval)"
    )
    appraiser_parent_position_snapshot = _snapshot_field(
        "Appraiser's Superior Position (at approval)"
    )
    appraiser_parent_unit_snapshot = _snapshot_field(
        "Appraiser's Superior Unit (at approval)"
    )

    employee_nip = fields.Char(
        related="employee_id.asn_nip", string="NIP", tracking=False
    )
    employee_rank_id = fields.Many2one(
        related="employee_id.asn_rank_id", string="Rank", tracking=False
    )
    employee_job_title = fields.Char(related="employee_id.job_title", string="Position")

    can_submit = fields.Boolean(compute="_compute_permissions")
    can_approve = fields.Boolean(compute="_compute_permissions")
    can_return = fields.Boolean(compute="_compute_permissions")
    can_rate = fields.Boolean(compute="_compute_permissions")
    can_validate = fields.Boolean(compute="_compute_permissions")
    can_cancel = fields.Boolean(compute="_compute_permissions")
    can_reopen = fields.Boolean(compute="_compute_permissions")
    can_reset = fields.Boolean(compute="_compute_permissions")
    can_edit_plan = fields.Boolean(compute="_compute_permissions")
    can_edit_rating = fields.Boolean(compute="_compute_permissions")
    can_edit_expectation = fields.Boolean(compute="_compute_permissions")
    is_own = fields.Boolean(string="My SKP", compute="_compute_permissions")

    # Several SKPs per employee and cycle (one per position held), never
    # overlapping in time: the exclusion constraint in
    # hr_asn_appraisal_period.py.

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id", "cycle_id")
    def _compute_name(self):
        for appraisal in self:
            appraisal.name = _(
                "SKP %(cycle)s - %(employee)s",
                cycle=appraisal.cycle_id.name or "",
                employee=appraisal.employee_id.name or "",
            )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for appraisal in self:
            appraisal.department_id = appraisal.employee_id.department_id

    @api.depends("employee_id")
    def _compute_appraiser_id(self):
        for appraisal in self:
            appraisal.appraiser_id = appraisal.employee_id.asn_appraiser_id

    @api.depends("appraiser_id")
    def _compute_appraiser_parent_id(self):
        for appraisal in self:
            employee = appraisal.employee_id
            if employee.asn_appraiser_id == appraisal.appraiser_id:
                appraisal.appraiser_parent_id = employee.asn_appraiser_parent_id
            else:
                appraisal.appraiser_parent_id = appraisal.appraiser_id.asn_appraiser_id

    @api.depends("employee_id")
    def _compute_is_jpt(self):
        for appraisal in self:
            appraisal.is_jpt = appraisal.employee_id.asn_position_type == "jpt"

    @api.depends("work_rating", "behavior_rating")
    def _compute_predikat(self):
        for appraisal in self:
            appraisal.predikat = predikat_rules.predikat_of(
                appraisal.work_rating, appraisal.behavior_rating
            )

    @api.depends("appraiser_id", "cycle_id", "date_start")
    def _compute_superior_appraisal_id(self):
        pairs = self.filtered(lambda a: a.appraiser_id and a.cycle_id)
        superiors = self.search_fetch(
            [
                ("employee_id", "in", pairs.appraiser_id.ids),
                ("cycle_id", "in", pairs.cycle_id.ids),
                ("state", "!=", "cancel"),
            ],
            ["employee_id", "cycle_id", "date_start", "date_end"],
            order="date_start, id",
        )
        by_key = defaultdict(list)
        for superior in superiors:
            by_key[superior.employee_id.id, superior.cycle_id.id].append(superior)
        for appraisal in self:
            # The appraiser may hold several SKPs in the cycle: the one running
            # when this SKP starts, else the appraiser's latest.
            candidates = by_key.get(
                (appraisal.appraiser_id.id, appraisal.cycle_id.id), []
            )
            start = appraisal.date_start
            running = [
                s for s in candidates if start and s.date_start <= start <= s.date_end
            ]
            appraisal.superior_appraisal_id = (running or candidates[-1:] or [False])[0]

    @api.depends_context("uid")
    @api.depends("state", "employee_id", "appraiser_id")
    def _compute_permissions(self):
        self._compute_can_flags()
        editors = EXPECTATION_EDITORS
        for appraisal in self:
            roles = appraisal._get_user_roles()
            appraisal.can_edit_expectation = bool(
                roles & editors.get(appraisal.state, set())
            )
            appraisal.is_own = "employee" in roles

    # ------------------------------------------------------------------
    # Roles and permissions: one place decides, for server and screen.
    # ------------------------------------------------------------------
    def _get_user_roles(self, user=None):
        """The roles the user holds on this SKP.

        An employee never holds another role on their own SKP: nobody approves,
        rates or validates their own performance. Who the employee is comes
        from the person (every employee record of the user, in any company,
        and the user recorded when the SKP was created), not from the current
        user link of the employee record, which HR can edit.
        """
        self.ensure_one()
        user = user or self.env.user
        sudo_self = self.sudo()
        # The three people read together (one query, shared with the form's
        # names) rather than one after the other.
        (
            sudo_self.employee_id
            | sudo_self.appraiser_id
            | sudo_self.appraiser_parent_id
        ).mapped("user_id")
        if sudo_self._is_appraisee(user):
            return {"employee"}
        roles = set()
        appraiser = sudo_self.appraiser_id
        is_hr = user.has_group("hr_asn_appraisal.group_hr_asn_officer")
        if appraiser.user_id == user:
            roles.add("appraiser")
        elif appraiser and not appraiser.user_id and is_hr:
            # An appraiser outside the ERP (e.g. the Kepala Daerah for the
            # Sekda) signs on paper; HR records their decisions.
            roles.add("appraiser")
        if sudo_self.appraiser_parent_id.user_id == user:
            roles.add("appraiser_parent")
        if is_hr:
            roles.add("hr")
        return roles

    def _is_appraisee(self, user):
        """True when the user is the person this SKP appraises."""
        self.ensure_one()
        sudo_self = self.sudo()
        return bool(
            sudo_self.employee_user_id == user
            or sudo_self.employee_id.user_id == user
            or sudo_self.employee_id & self._asn_person_employees(user)
        )

    def _get_part_label(self, part):
        return {
            "plan": _("the plan (RHK, IKI, Lampiran)"),
            "header": _("the employee, cycle or appraisers"),
            "rating": _("the ratings"),
        }[part]

    def _check_editable(self, field_names):
        """Called by the SKP's lines (RHK, IKI, behaviour) before they change."""
        self._check_field_editors(field_names)

    def _check_transition_requirements(self, new_state):
        """What the SKP itself must contain before it may enter new_state."""
        self.ensure_one()
        if new_state == "submitted":
            problems = self._get_submission_problems()
            if problems:
                raise UserError(
                    _(
                        "%(skp)s cannot be submitted yet:\n%(problems)s",
                        skp=self.display_name,
                        problems="\n".join(f"- {p}" for p in problems),
                    )
                )
        elif new_state == "rated":
            if not (self.work_rating and self.behavior_rating):
                raise UserError(
                    _(
                        "%(skp)s needs both the Rating Hasil Kerja and the Rating "
                        "Perilaku Kerja before it can be rated.",
                        skp=self.display_name,
                    )
                )
        elif new_state == "done" and not self.predikat:
            raise UserError(_("%(skp)s has no predikat yet.", skp=self.display_name))

    def _get_submission_problems(self):
        self.ensure_one()
        problems = []
        if not self.appraiser_id:
            problems.append(_("no appraiser (pejabat penilai) is set"))
        if self.cycle_id.state != "open":
            problems.append(_("the cycle is not open"))
        main_rhk = self.rhk_ids.filtered(lambda r: r.rhk_type == "utama")
        if not main_rhk:
            problems.append(_("add at least one RHK utama"))
        for rhk in self.rhk_ids:
            label = rhk.name or _("(unnamed RHK)")
            if not rhk.iki_ids:
                problems.append(_("RHK %(rhk)s has no IKI", rhk=label))
            for iki in rhk.iki_ids:
                if not iki._has_target():
                    problems.append(
                        _(
                            "IKI %(iki)s of RHK %(rhk)s has no target",
                            iki=iki.name,
                            rhk=label,
                        )
                    )
            if not (rhk.parent_rhk_id or rhk.parent_rhk_text):
                problems.append(
                    _(
                        "RHK %(rhk)s does not say which RHK of the superior it "
                        "intervenes",
                        rhk=label,
                    )
                )
            if self.is_jpt and not rhk.perspective:
                problems.append(_("RHK %(rhk)s needs a perspektif", rhk=label))
        return problems

    def _check_expectation_editable(self):
        if self.env.su:
            return
        for appraisal in self:
            roles = appraisal._get_user_roles()
            if not roles & EXPECTATION_EDITORS.get(appraisal.state, set()):
                raise UserError(
                    _(
                        "Only the appraiser sets the ekspektasi khusus pimpinan of "
                        "%(skp)s, before the SKP is approved.",
                        skp=appraisal.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            is_hr = self.env.user.has_group("hr_asn_appraisal.group_hr_asn_officer")
            for vals in vals_list:
                if set(vals) & RATING_FIELDS:
                    raise UserError(_("A new SKP starts as a draft without ratings."))
                if not is_hr:
                    # The appraisers come from the master data, not from the
                    # employee's choice.
                    vals.pop("appraiser_id", None)
                    vals.pop("appraiser_parent_id", None)
                    cycle = self.env["hr.asn.appraisal.cycle"].browse(
                        vals.get("cycle_id")
                    )
                    if cycle.state != "open":
                        raise UserError(_("SKPs can only be drafted in an open cycle."))
        appraisals = super().create(vals_list)
        appraisals._add_missing_behavior_lines()
        appraisals._sync_activities()
        return appraisals

    def _prepare_server_create_vals(self, vals_list):
        """Who the appraisee is, recorded once: the user of the employee now."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .browse(
                {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
            )
        )
        user_by_employee = {employee.id: employee.user_id.id for employee in employees}
        for vals in vals_list:
            vals["employee_user_id"] = user_by_employee.get(vals.get("employee_id"))
        return vals_list

    def _add_missing_behavior_lines(self):
        """Every SKP carries the seven BerAKHLAK values."""
        values = self.env["hr.asn.behavior.value"].sudo().search([])
        to_create = [
            {"appraisal_id": appraisal.id, "value_id": value.id}
            for appraisal in self
            for value in values - appraisal.behavior_ids.value_id
        ]
        if to_create:
            self.env["hr.asn.appraisal.behavior"].sudo().create(to_create)

    # ------------------------------------------------------------------
    # What happens on each transition (the engine calls these hooks)
    # ------------------------------------------------------------------
    def _on_enter_approved(self, from_state):
        """The plan is agreed: the periodic and annual check-ins open."""
        self._create_checkins()

    def _on_enter_rated(self, from_state):
        """Rated, or reopened by HR: the year's check-ins are closed; a reopened
        SKP's follow-up is derived again."""
        self.sudo().checkin_ids._sync_activities()
        if from_state == "done":
            self._on_leave_done()

    def _on_enter_done(self, from_state):
        """Validated: the decision is frozen (predikat, position, credit points,
        allowance) and drives the follow-up."""
        self._freeze_decisions()
        self._derive_recommendations()

    def _on_leave_done(self):
        """Reopened by HR: no longer decided until validated again."""
        self._clear_decisions()
        self._derive_recommendations()

    def _on_enter_cancel(self, from_state):
        self.sudo().checkin_ids._sync_activities()

    def _on_enter_draft(self, from_state):
        self.sudo().checkin_ids._sync_activities()

    def _prepare_transition_vals(self, new_state, now):
        """Dates, lateness and the approval snapshot that go with a transition."""
        self.ensure_one()
        if new_state == "submitted":
            deadline = self.filing_deadline
            today = fields.Date.context_today(self)
            return {
                "date_submitted": now,
                "submitted_late": bool(deadline and deadline < today),
            }
        if new_state == "approved":
            return {"date_approved": now, **self._get_snapshot_vals()}
        if new_state == "rated":
            if self.state == "done":  # reopened by HR: keep the rating date
                return {"date_done": False}
            return {"date_rated": now}
        if new_state == "done":
            return {"date_done": now}
        return {}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        """An SKP that went past draft is history (PermenPANRB 6/2022 keeps the
        appraisal record): it is cancelled with a reason, never deleted. A draft,
        or an SKP cancelled before it was ever submitted, may go."""
        for appraisal in self:
            if appraisal.state == "draft" or (
                appraisal.state == "cancel" and not appraisal.date_submitted
            ):
                continue
            if appraisal.state == "cancel":
                message = _(
                    "%(skp)s was cancelled after it had been submitted: it is kept "
                    "as appraisal history and cannot be deleted.",
                    skp=appraisal.display_name,
                )
            else:
                message = _(
                    "%(skp)s is %(state)s: only an SKP still in draft can be "
                    "deleted. Cancel it with a reason instead; its history is kept.",
                    skp=appraisal.display_name,
                    state=appraisal._state_label(appraisal.state),
                )
            raise UserError(message)

    @api.model
    def _get_employee_history_counts(self, employee_ids):
        """{employee id: number of appraisal records that refer to the employee}.

        As appraisee (any SKP), as appraiser or appraiser's superior of an SKP
        past draft, through training hours, public feedback and 360° answers.
        """
        counts = defaultdict(int)
        if not employee_ids:
            return counts
        past_draft = [("state", "!=", "draft")]
        queries = [
            ("hr.asn.appraisal", "employee_id", []),
            ("hr.asn.appraisal", "appraiser_id", past_draft),
            ("hr.asn.appraisal", "appraiser_parent_id", past_draft),
            ("hr.asn.training.hours", "employee_id", []),
            ("hr.asn.public.feedback", "employee_id", []),
            ("hr.asn.feedback360.response", "reviewer_id", []),
        ]
        for model, fname, domain in queries:
            groups = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    [(fname, "in", list(employee_ids)), *domain], [fname], ["__count"]
                )
            )
            for employee, count in groups:
                counts[employee.id] += count
        return counts

    @api.constrains("employee_id", "appraiser_id")
    def _check_appraiser_not_employee(self):
        for appraisal in self:
            if (
                appraisal.appraiser_id
                and appraisal.appraiser_id == appraisal.employee_id
            ):
                raise ValidationError(
                    _(
                        "%(employee)s cannot be their own appraiser.",
                        employee=appraisal.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        self.write({"state": "submitted"})
        return True

    def action_approve(self):
        self.write({"state": "approved"})
        return True

    def action_return(self, reason):
        """Send a submitted SKP back to the employee with a reason."""
        self.write({"state": "draft", "return_reason": reason})
        self._post_reason(_("SKP returned to draft"), reason)
        return True

    def action_rate(self):
        self.write({"state": "rated"})
        return True

    def action_validate(self):
        self.write({"state": "done"})
        return True

    def action_cancel(self, reason):
        self.write({"state": "cancel", "cancel_reason": reason})
        self._post_reason(_("SKP cancelled"), reason)
        return True

    def action_reopen(self, reason):
        """HR reopens a validated SKP (for a correction), with a recorded reason."""
        self.write({"state": "rated", "reopen_reason": reason})
        self._post_reason(_("SKP reopened"), reason)
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True

    def _open_reason_wizard(self, action):
        return {
            "type": "ir.actions.act_window",
            "name": _("Reason"),
            "res_model": "hr.asn.appraisal.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_appraisal_ids": self.ids,
                "default_action": action,
            },
        }

    def action_return_wizard(self):
        return self._open_reason_wizard("return")

    def action_cancel_wizard(self):
        return self._open_reason_wizard("cancel")

    def action_reopen_wizard(self):
        return self._open_reason_wizard("reopen")

    def _post_reason(self, title, reason):
        body = Markup("<p><b>%s</b></p><p>%s</p>") % (title, reason)
        for appraisal in self:
            appraisal.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # Snapshot and activities
    # ------------------------------------------------------------------
    @api.model
    def _snapshot_of(self, employee):
        employee = employee.sudo()
        return {
            "name": employee.name or False,
            "nip": employee.asn_nip or False,
            "rank": employee.asn_rank_id.display_name or False,
            "position": employee.job_title or employee.job_id.name or False,
            "unit": employee.department_id.display_name or False,
        }

    def _get_snapshot_vals(self):
        """Who the employee and appraisers were at approval, for the documents."""
        self.ensure_one()
        vals = {}
        people = {
            "employee": self.employee_id,
            "appraiser": self.appraiser_id,
            "appraiser_parent": self.appraiser_parent_id,
        }
        for role, person in people.items():
            for item, value in self._snapshot_of(person).items():
                vals[f"{role}_{item}_snapshot"] = value
        return vals

    def _get_activity_user(self, who):
        self.ensure_one()
        sudo_self = self.sudo()
        if who == "employee":
            return sudo_self.employee_id.user_id
        if who == "appraiser":
            return sudo_self.appraiser_id.user_id
        return sudo_self.cycle_id.user_id

    def _get_activity_deadline(self):
        self.ensure_one()
        if self.state == "draft" and self.filing_deadline:
            return max(self.filing_deadline, fields.Date.context_today(self))
        return fields.Date.context_today(self)
