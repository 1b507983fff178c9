from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import feedback360 as feedback360_rules

ANSWER_ACTIVITY = "hr_asn_appraisal.mail_activity_type_feedback360_answer"
# The reviewer fills these in; everything else moves through the actions.
REVIEWER_FIELDS = {"line_ids"}


class HrAsnFeedback360Response(models.Model):
    """One invitee's 360° form on one SKP.

    Only the reviewer reads its scores (record rules on the lines); HR sees
    who answered, never what; the appraiser and the employee see nothing of it.
    """

    _name = "hr.asn.feedback360.response"
    _description = "360° Feedback Form"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
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
        for response in self:
            response.is_reviewer = response.user_id == self.env.user
            response.can_edit = not response._get_edit_problem()
            response.can_submit = response.can_edit

    # ------------------------------------------------------------------
    # Checks: one method for the buttons and the server
    # ------------------------------------------------------------------
    def _get_edit_problem(self):
        """Why the current user may not fill in this form now, or None.

        Returns (exception class, message).
        """
        self.ensure_one()
        if not self.env.su and self.user_id != self.env.user:
            return AccessError, _(
                "Only the invited reviewer can fill in %(form)s.", form=self.name
            )
        if self.state != "pending":
            return UserError, _("%(form)s is already submitted.", form=self.name)
        if self.request_state != "open":
            return UserError, _(
                "The 360° round of %(form)s is not open.", form=self.name
            )
        return None

    def _check_editable(self):
        for response in self:
            problem = response._get_edit_problem()
            if problem:
                error, message = problem
                raise error(message)

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su:
            mail_fields = {
                name for name in vals if name.startswith(("message_", "activity_"))
            }
            if set(vals) - REVIEWER_FIELDS - mail_fields:
                raise UserError(
                    _("A 360° form changes only through its scores and buttons.")
                )
            if set(vals) & REVIEWER_FIELDS:
                self._check_editable()
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """The reviewer hands in the form; every BerAKHLAK value needs a score."""
        self._check_editable()
        values = self.env["hr.asn.behavior.value"].sudo().search([])
        for response in self:
            lines = response.sudo().line_ids
            missing_codes = feedback360_rules.missing_values(
                values.mapped("code"),
                [(line.value_id.code, line.score) for line in lines],
            )
            if missing_codes:
                missing = values.filtered(lambda v, c=missing_codes: v.code in c)
                raise UserError(
                    _(
                        "Score every BerAKHLAK value before submitting %(form)s. "
                        "Missing: %(values)s.",
                        form=response.name,
                        values=", ".join(missing.mapped("name")),
                    )
                )
        self.sudo().write(
            {"state": "submitted", "date_submitted": fields.Datetime.now()}
        )
        self._finish_activity(_("Answered."))
        return True

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _get_answer_activities(self):
        activity_type = self.env.ref(ANSWER_ACTIVITY, raise_if_not_found=False)
        if not activity_type:
            return self.env["mail.activity"]
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )

    def _schedule_activity(self):
        activity_type = self.env.ref(ANSWER_ACTIVITY, raise_if_not_found=False)
        if not activity_type:
            return
        existing = set(self._get_answer_activities().mapped("res_id"))
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        to_create = [
            {
                "res_model_id": model_id,
                "res_id": response.id,
                "activity_type_id": activity_type.id,
                "user_id": response.user_id.id,
                "date_deadline": response.date_deadline or today,
            }
            for response in self.sudo()
            if response.user_id and response.id not in existing
        ]
        if to_create:
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(to_create)

    def _finish_activity(self, feedback_text):
        activities = self._get_answer_activities()
        if activities:
            activities.action_feedback(feedback=feedback_text)

    def _cancel_activity(self):
        self._get_answer_activities().unlink()
