from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..rules import feedback360 as feedback360_rules

ANSWER_ACTIVITY = "hr_asn_appraisal.mail_activity_type_feedback360_answer"
# The invited reviewer hands in the form. Role: reviewer (the user of the
# invitee the form was sent to).
TRANSITIONS = {("pending", "submitted"): {"reviewer"}}
# The reviewer fills in the scores while the form is pending (and the round
# open, see _check_answers_editable); everything else moves through the
# buttons.
FIELD_EDITORS = {"answers": ({"line_ids"}, {"pending": {"reviewer"}})}
SERVER_OWNED_FIELDS = {"date_submitted"}
CAN_FIELDS = {
    "can_edit": "answers",
    "can_submit": ("pending", "submitted"),
}
# The reviewer's to-do while the form waits for the answers.
ACTIVITY_BY_STATE = {"pending": (ANSWER_ACTIVITY, "reviewer")}


class HrAsnFeedback360Response(models.Model):
    """One invitee's 360° form on one SKP.

    Only the reviewer reads its scores (record rules on the lines); HR sees
    who answered, never what; the appraiser and the employee see nothing of it.
    """

    _name = "hr.asn.feedback360.response"
    _description = "360° Feedback Form"
    # The mail batch mixin brings mail.thread (its message_subscribe sits in
    # front of mail.thread's).
    _inherit = [
        "hr.asn.mail.batch.mixin",
        "mail.activity.mixin",
        "hr.asn.workflow.mixin",
    ]
    _order = "id desc"
    _asn_transitions = TRANSITIONS
    _asn_field_editors = FIELD_EDITORS
    _asn_server_owned_fields = SERVER_OWNED_FIELDS
    _asn_locked_states = frozenset({"submitted"})
    _asn_can_fields = CAN_FIELDS
    _asn_activity_by_state = ACTIVITY_BY_STATE
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    request_id = fields.Many2one(
        "hr.asn.feedback360.request",
        string="Round",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    appraisal_id = fields.Many2one(
        related="request_id.appraisal_id",
        store=True,
        index=True,
        groups="hr_asn_appraisal.group_hr_asn_officer",
    )
    employee_id = fields.Many2one(
        related="request_id.employee_id", string="Employee Reviewed", store=True
    )
    cycle_id = fields.Many2one(related="request_id.cycle_id", store=True)
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True, precompute=True
    )
    request_state = fields.Selection(
        related="request_id.state", string="Round Status", store=True
    )
    date_deadline = fields.Date(related="request_id.date_deadline", string="Answer By")
    reviewer_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Reviewer's User",
        compute="_compute_user_id",
        store=True,
        index=True,
        readonly=True,
    )
    state = fields.Selection(
        [("pending", "To Answer"), ("submitted", "Submitted")],
        default="pending",
        required=True,
        index=True,
        readonly=True,
        copy=False,
    )
    date_submitted = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many(
        "hr.asn.feedback360.response.line", "response_id", string="Scores"
    )
    is_reviewer = fields.Boolean(compute="_compute_can")
    can_edit = fields.Boolean(compute="_compute_can")
    can_submit = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        (
            "request_reviewer_unique",
            "unique(request_id, reviewer_id)",
            "A reviewer gets one form per 360° round.",
        ),
    ]

    @api.depends("employee_id")
    def _compute_name(self):
        for response in self:
            response.name = _(
                "360° Feedback on %(employee)s",
                employee=response.employee_id.name or "",
            )

    @api.depends("reviewer_id")
    def _compute_user_id(self):
        for response in self:
            response.user_id = response.reviewer_id.user_id

    @api.depends_context("uid")
    @api.depends("user_id", "state", "request_state")
    def _compute_can(self):
        self._compute_can_flags()
        for response in self:
            response.is_reviewer = response.user_id == self.env.user
            if response.request_state != "open":
                response.can_edit = response.can_submit = False

    # ------------------------------------------------------------------
    # Roles and checks: one place decides, for server and screen.
    # ------------------------------------------------------------------
    def _get_user_roles(self, user=None):
        """The invited reviewer fills in and hands in their own form; nobody
        else holds a role on it (HR sees who answered, never acts for them).
        The employee the round is about never answers about themselves."""
        self.ensure_one()
        user = user or self.env.user
        sudo_self = self.sudo()
        if not sudo_self.user_id or sudo_self.user_id != user:
            return set()
        skp = sudo_self.request_id.appraisal_id
        if skp and skp._is_appraisee(user):
            return set()
        return {"reviewer"}

    def _get_part_label(self, part):
        return self._fields["line_ids"].get_description(self.env)["string"]

    def _check_round_open(self):
        for response in self:
            if response.sudo().request_id.state != "open":
                raise UserError(
                    _("The 360° round of %(form)s is not open.", form=response.name)
                )

    def _check_answers_editable(self):
        """Raise unless the current user may change the scores of every form
        now: AccessError for anyone but the reviewer, UserError once the form
        is submitted or the round is not open. The score lines call it."""
        if self.env.su:
            return
        self._check_part_editable(["answers"])
        self._check_round_open()

    def _check_transition_requirements(self, new_state):
        """Handing in: the round is open and every BerAKHLAK value is scored."""
        self.ensure_one()
        if new_state != "submitted":
            return
        self._check_round_open()
        values = self.env["hr.asn.behavior.value"].sudo().search([])
        missing_codes = feedback360_rules.missing_values(
            values.mapped("code"),
            [(line.value_id.code, line.score) for line in self.sudo().line_ids],
        )
        if missing_codes:
            missing = values.filtered(lambda v: v.code in missing_codes)
            raise UserError(
                _(
                    "Score every BerAKHLAK value before submitting %(form)s. "
                    "Missing: %(values)s.",
                    form=self.name,
                    values=", ".join(missing.mapped("name")),
                )
            )

    def _prepare_transition_vals(self, new_state, now):
        if new_state == "submitted":
            return {"date_submitted": now}
        return {}

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    def _check_write(self, vals):
        if not self.env.su:
            owned = self._get_server_owned_fields() | {"state"}
            free = self._get_free_fields()
            if set(vals) - set(FIELD_EDITORS["answers"][0]) - owned - free:
                raise UserError(
                    _("A 360° form changes only through its scores and buttons.")
                )
            if "line_ids" in vals:
                self._check_answers_editable()
        return super()._check_write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """The reviewer hands in the form; every BerAKHLAK value needs a score."""
        self.write({"state": "submitted"})
        return True

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _get_wanted_activity(self, today):
        """The reviewer's to-do, while the round is open only."""
        self.ensure_one()
        if self.sudo().request_id.state != "open":
            return None
        return super()._get_wanted_activity(today)

    def _get_activity_user(self, who):
        self.ensure_one()
        return self.sudo().user_id

    def _get_activity_deadline(self):
        self.ensure_one()
        return self.date_deadline or fields.Date.context_today(self)

    def _cancel_activities(self):
        """The round closed before the answer: the to-dos go, undone."""
        activity_types = [
            self.env.ref(xmlid, raise_if_not_found=False)
            for xmlid, _who in self._get_activity_by_state().values()
        ]
        type_ids = [
            activity_type.id for activity_type in activity_types if activity_type
        ]
        if not self or not type_ids:
            return
        self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "in", type_ids),
            ]
        ).unlink()
