from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..rules import periods as period_rules
from ..rules import predikat as predikat_rules
from .hr_asn_appraisal import PREDIKATS, RATINGS

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("reviewed", "Reviewed"),
]
# Who may move a check-in from one state to another. A reviewed check-in is
# final: nothing leaves that state.
TRANSITIONS = {
    ("draft", "submitted"): {"employee"},
    ("submitted", "reviewed"): {"appraiser"},
    ("submitted", "draft"): {"appraiser"},
}
REASON_FIELDS = {("submitted", "draft"): "return_reason"}

# Who may edit which part of a check-in, in which state. The line models
# (hr.asn.checkin.iki / .rhk / .evidence) call _check_editable with the part
# they hold; nobody edits a reviewed check-in.
RATING_FIELDS = {"work_rating", "behavior_rating", "review_note"}
FIELD_EDITORS = {
    "realisation": ({"iki_ids", "evidence_ids"}, {"draft": {"employee"}}),
    "feedback": ({"rhk_ids"}, {"submitted": {"appraiser"}}),
    "rating": (RATING_FIELDS, {"submitted": {"appraiser"}}),
}
HEADER_FIELDS = {
    "appraisal_id",
    "period_code",
    "period_name",
    "period_sequence",
    "is_annual",
    "date_start",
    "date_end",
}
SERVER_OWNED_FIELDS = {
    "date_submitted",
    "date_first_submitted",
    "date_reviewed",
    "submitted_late",
}
CAN_FIELDS = {
    "can_submit": ("draft", "submitted"),
    "can_review": ("submitted", "reviewed"),
    "can_return": ("submitted", "draft"),
    "can_edit_realisation": "realisation",
    "can_give_feedback": "feedback",
    "can_edit_rating": "rating",
}
# Check-ins go on while the SKP is approved, rated or validated.
SKP_OPEN_STATES = ("approved", "rated", "done")

# The next actor's to-do per state: (activity type xml id, who gets it).
ACTIVITY_BY_STATE = {
    "draft": ("hr_asn_appraisal.mail_activity_type_checkin_submit", "employee"),
    "submitted": ("hr_asn_appraisal.mail_activity_type_checkin_review", "appraiser"),
}


class HrAsnCheckin(models.Model):
    """A periodic or annual evaluation (check-in) of an approved SKP.

    The employee reports the realisasi of every IKI and the bukti dukung of
    every RHK for the period; the appraiser answers with umpan balik per RHK
    and, for a periodic evaluation, a work and a behaviour rating.
    """

    _name = "hr.asn.checkin"
    _description = "SKP Check-in (Periodic Evaluation)"
    # The mail batch mixin brings mail.thread (its message_subscribe sits
    # in front of mail.thread's).
    _inherit = [
        "hr.asn.confidential.mixin",
        "hr.asn.mail.batch.mixin",
        "mail.activity.mixin",
        "hr.asn.workflow.mixin",
        "hr.asn.deadline.mixin",
    ]
    _order = "cycle_id desc, period_sequence, employee_id, id"
    _asn_transitions = TRANSITIONS
    _asn_reason_fields = REASON_FIELDS
    _asn_field_editors = FIELD_EDITORS
    _asn_server_owned_fields = SERVER_OWNED_FIELDS | HEADER_FIELDS
    _asn_can_fields = CAN_FIELDS
    _asn_activity_by_state = ACTIVITY_BY_STATE
    _asn_role_fields = {
        "employee": "employee_id",
        "appraiser": "appraiser_id",
        "appraiser_parent": "appraiser_parent_id",
    }
    _check_company_auto = True
    # The periodic ratings are the appraiser's until the review closes the
    # check-in: the employee reads them once it is reviewed.
    _asn_confidential_fields = RATING_FIELDS | {"predikat"}
    _asn_confidential_pending = [("state", "!=", "reviewed")]

    name = fields.Char(compute="_compute_name", store=True)
    appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="SKP",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    cycle_id = fields.Many2one(
        related="appraisal_id.cycle_id", store=True, index=True, string="Cycle"
    )
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="appraisal_id.department_id", store=True, string="Unit"
    )
    appraiser_id = fields.Many2one(
        related="appraisal_id.appraiser_id", store=True, index=True
    )
    appraiser_parent_id = fields.Many2one(
        related="appraisal_id.appraiser_parent_id",
        store=True,
        index="btree_not_null",
    )
    approach = fields.Selection(related="appraisal_id.approach")

    period_code = fields.Char(required=True, readonly=True)
    period_name = fields.Char(string="Period", required=True, readonly=True)
    period_sequence = fields.Integer(readonly=True)
    is_annual = fields.Boolean(
        string="Annual Evaluation",
        readonly=True,
        help="The annual evaluation (Tahunan) that the SKP's rating is based on.",
    )
    date_start = fields.Date(string="Period Start", required=True, readonly=True)
    date_end = fields.Date(string="Period End", required=True, readonly=True)
    date_deadline = fields.Date(
        string="Submission Deadline",
        compute="_compute_date_deadline",
        store=True,
        help="Period end plus the cycle's grace days; later submissions are "
        "flagged as late.",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, index=True, tracking=True, copy=False
    )

    rhk_ids = fields.One2many("hr.asn.checkin.rhk", "checkin_id", string="RHK")
    iki_ids = fields.One2many("hr.asn.checkin.iki", "checkin_id", string="Realisasi")
    evidence_ids = fields.One2many(
        "hr.asn.checkin.evidence", "checkin_id", string="Bukti Dukung"
    )

    work_rating = fields.Selection(
        RATINGS, string="Rating Hasil Kerja", tracking=True, copy=False
    )
    behavior_rating = fields.Selection(
        RATINGS, string="Rating Perilaku Kerja", tracking=True, copy=False
    )
    predikat = fields.Selection(
        PREDIKATS,
        string="Predikat Kinerja",
        compute="_compute_predikat",
        store=True,
        help="Predikat of this period's ratings (kuadran kinerja).",
    )
    review_note = fields.Text(string="Appraiser's Notes", copy=False)

    date_submitted = fields.Datetime(readonly=True, copy=False)
    date_first_submitted = fields.Datetime(
        readonly=True,
        copy=False,
        help="Lateness is judged on the first submission, so that a check-in "
        "returned for correction does not become late.",
    )
    date_reviewed = fields.Datetime(readonly=True, copy=False)
    return_reason = fields.Text(readonly=True, copy=False)

    can_submit = fields.Boolean(compute="_compute_permissions")
    can_review = fields.Boolean(compute="_compute_permissions")
    can_return = fields.Boolean(compute="_compute_permissions")
    can_edit_realisation = fields.Boolean(compute="_compute_permissions")
    can_give_feedback = fields.Boolean(compute="_compute_permissions")
    can_edit_rating = fields.Boolean(compute="_compute_permissions")
    is_own = fields.Boolean(string="My Check-in", compute="_compute_permissions")

    _sql_constraints = [
        (
            "appraisal_period_unique",
            "unique(appraisal_id, period_code)",
            "An SKP has one check-in per evaluation period.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("period_name", "employee_id", "cycle_id")
    def _compute_name(self):
        for checkin in self:
            checkin.name = _(
                "%(employee)s - %(period)s (%(cycle)s)",
                employee=checkin.employee_id.name or "",
                period=checkin.period_name or "",
                cycle=checkin.cycle_id.name or "",
            )

    @api.depends("date_end", "cycle_id.checkin_grace_days")
    def _compute_date_deadline(self):
        for checkin in self:
            checkin.date_deadline = checkin.date_end and (
                period_rules.submission_deadline(
                    checkin.date_end, max(checkin.cycle_id.checkin_grace_days, 0)
                )
            )

    @api.depends("work_rating", "behavior_rating")
    def _compute_predikat(self):
        for checkin in self:
            checkin.predikat = predikat_rules.predikat_of(
                checkin.work_rating, checkin.behavior_rating
            )

    @api.depends_context("uid")
    @api.depends("state", "is_annual", "employee_id", "appraiser_id")
    def _compute_permissions(self):
        self._compute_can_flags()
        for checkin in self:
            if checkin.appraisal_id.state not in SKP_OPEN_STATES:
                checkin.update(dict.fromkeys(CAN_FIELDS, False))
            checkin.is_own = "employee" in checkin._get_user_roles()

    # ------------------------------------------------------------------
    # Roles and permissions: one place decides, for server and screen.
    # ------------------------------------------------------------------
    def _get_user_roles(self, user=None):
        """The roles the user holds on the check-in: those held on its SKP."""
        self.ensure_one()
        return self.appraisal_id._get_user_roles(user)

    def _check_skp_open(self):
        for checkin in self:
            skp = checkin.sudo().appraisal_id
            if skp.state not in SKP_OPEN_STATES:
                raise UserError(
                    _(
                        "%(checkin)s belongs to %(skp)s, which is %(state)s: "
                        "check-ins only go on while the SKP is approved, rated "
                        "or validated.",
                        checkin=checkin.display_name,
                        skp=skp.display_name,
                        state=skp._state_label(skp.state),
                    )
                )

    def _get_part_label(self, part):
        return {
            "realisation": _("the realisasi and bukti dukung"),
            "feedback": _("the umpan balik"),
            "rating": _("the ratings"),
        }[part]

    def _check_transition_requirements(self, new_state):
        """What the check-in itself must contain before it may enter new_state."""
        self.ensure_one()
        self._check_skp_open()
        problems, message = [], None
        if new_state == "submitted":
            today = fields.Date.context_today(self)
            if today < self.date_start:
                raise UserError(
                    _(
                        "%(checkin)s cannot be submitted yet: the period %(period)s "
                        "starts on %(date)s.",
                        checkin=self.display_name,
                        period=self.period_name,
                        date=format_date(self.env, self.date_start),
                    )
                )
            problems = self._get_submission_problems()
            message = _("%(checkin)s cannot be submitted yet:\n%(problems)s")
        elif new_state == "reviewed":
            problems = self._get_review_problems()
            message = _("%(checkin)s cannot be marked as reviewed yet:\n%(problems)s")
        if problems:
            raise UserError(
                message
                % {
                    "checkin": self.display_name,
                    "problems": "\n".join(f"- {p}" for p in problems),
                }
            )

    def _get_submission_problems(self):
        self.ensure_one()
        return [
            self.env._(
                "IKI %(iki)s of RHK %(rhk)s has no realisasi",
                iki=line.name,
                rhk=line.checkin_rhk_id.name,
            )
            for line in self.iki_ids.sudo()
            if not line._has_realisation()
        ]

    def _get_review_problems(self):
        self.ensure_one()
        problems = [
            self.env._("RHK %(rhk)s has no umpan balik", rhk=line.name)
            for line in self.rhk_ids.sudo()
            if not (line.feedback or "").strip()
        ]
        if not self.is_annual:
            if not self.work_rating:
                problems.append(_("the Rating Hasil Kerja is not set"))
            if not self.behavior_rating:
                problems.append(_("the Rating Perilaku Kerja is not set"))
        return problems

    def _check_editable(self, part):
        """Raise unless the current user may change this part of every check-in.

        Called by the line models (hr.asn.checkin.iki / .rhk / .evidence) with
        the part they hold. A reviewed check-in is locked for everybody, the
        superuser included.
        """
        for checkin in self:
            if checkin.state == "reviewed":
                raise UserError(
                    _(
                        "%(checkin)s is reviewed and locked: %(what)s can no "
                        "longer change.",
                        checkin=checkin.display_name,
                        what=checkin._get_part_label(part),
                    )
                )
        if self.env.su:
            return
        self._check_skp_open()
        self._check_part_editable([part])

    @api.constrains("is_annual", "work_rating", "behavior_rating")
    def _check_annual_has_no_rating(self):
        for checkin in self:
            if checkin.is_annual and (checkin.work_rating or checkin.behavior_rating):
                raise ValidationError(
                    _(
                        "%(checkin)s is the annual evaluation: the annual ratings "
                        "are given on the SKP itself.",
                        checkin=checkin.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(_("Check-ins are created from the approved SKP."))
        checkins = super().create(vals_list)
        checkins._sync_activities()
        return checkins

    def _check_write(self, vals):
        if set(vals) & RATING_FIELDS:
            self._check_editable("rating")
        return super()._check_write(vals)

    def _prepare_transition_vals(self, new_state, now):
        """Dates and lateness that go with a transition."""
        self.ensure_one()
        if new_state == "submitted":
            first = self.date_first_submitted or now
            submitted_on = fields.Date.context_today(self, first)
            return {
                "date_submitted": now,
                "date_first_submitted": first,
                "submitted_late": period_rules.is_late(
                    submitted_on,
                    self.date_end,
                    max(self.cycle_id.checkin_grace_days, 0),
                ),
            }
        if new_state == "reviewed":
            return {"date_reviewed": now}
        return {}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        for checkin in self:
            if checkin.state != "draft":
                raise UserError(
                    _(
                        "%(checkin)s is %(state)s: only draft check-ins can be "
                        "deleted.",
                        checkin=checkin.display_name,
                        state=checkin._state_label(checkin.state),
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        self.write({"state": "submitted"})
        return True

    def action_review(self):
        self.write({"state": "reviewed"})
        return True

    def action_return(self, reason):
        """Send a submitted check-in back to the employee with a reason."""
        self.write({"state": "draft", "return_reason": reason})
        title = _("Check-in returned to draft")
        for checkin in self:
            partner = checkin.sudo().employee_id.user_id.partner_id
            checkin.message_post(
                body=Markup("<p><b>%s</b></p><p>%s</p>") % (title, reason),
                subtype_xmlid="mail.mt_note",
                partner_ids=partner.ids,
            )
        return True

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_return_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Return to Draft"),
            "res_model": "hr.asn.checkin.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_checkin_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # Lines from the SKP
    # ------------------------------------------------------------------
    @api.model
    def _prepare_rhk_line_vals(self, rhk, sequence):
        return {
            "rhk_id": rhk.id,
            "sequence": sequence,
            "iki_ids": [Command.create({"iki_id": iki.id}) for iki in rhk.iki_ids],
        }

    def _sync_lines(self):
        """Add lines for the SKP's RHK and IKI that draft check-ins lack.

        An SKP reset to draft and approved again may have new RHK or IKI;
        removed ones disappear with their check-in lines (ondelete cascade).
        """
        CheckinRhk = self.env["hr.asn.checkin.rhk"].sudo()
        rhk_vals = []
        iki_vals = []
        for checkin in self.sudo().filtered(lambda c: c.state == "draft"):
            lines_by_rhk = {line.rhk_id: line for line in checkin.rhk_ids}
            for sequence, rhk in enumerate(checkin.appraisal_id.rhk_ids, start=1):
                line = lines_by_rhk.get(rhk)
                if not line:
                    rhk_vals.append(
                        {
                            "checkin_id": checkin.id,
                            **self._prepare_rhk_line_vals(rhk, sequence),
                        }
                    )
                    continue
                for iki in rhk.iki_ids - line.iki_ids.iki_id:
                    iki_vals.append({"checkin_rhk_id": line.id, "iki_id": iki.id})
        CheckinRhk.create(rhk_vals)
        self.env["hr.asn.checkin.iki"].sudo().create(iki_vals)

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _get_activity_user(self, who):
        self.ensure_one()
        sudo_self = self.sudo()
        if who == "employee":
            return sudo_self.employee_id.user_id
        # An appraiser outside the ERP: HR records the review for them.
        return sudo_self.appraiser_id.user_id or sudo_self.cycle_id.user_id

    def _get_wanted_activity(self, today):
        """(activity type xml id, user) the check-in's next actor should have."""
        self.ensure_one()
        skp_state = self.appraisal_id.state
        if skp_state not in SKP_OPEN_STATES:
            return None
        if self.state == "draft" and (
            skp_state != "approved" or self.date_start > today
        ):
            # Nothing to report before the period starts, nor once the SKP is
            # rated (the year is closed; a late report stays possible).
            return None
        return super()._get_wanted_activity(today)

    def _get_activity_deadline(self):
        self.ensure_one()
        if self.state == "draft":
            return self.date_deadline
        return fields.Date.context_today(self)

    @api.model
    def _cron_sync_activities(self):
        """Daily: give employees their to-do for periods that have just started."""
        today = fields.Date.context_today(self)
        checkins = self.sudo().search(
            [
                ("state", "=", "draft"),
                ("date_start", "<=", today),
                ("appraisal_id.state", "=", "approved"),
                ("activity_ids", "=", False),
            ]
        )
        checkins._sync_activities()
