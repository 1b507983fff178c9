from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

OFFICER_GROUP = "hr_asn_appraisal.group_hr_asn_officer"
# HR runs the round: it sends the forms, then closes it. Role: hr (an HR
# officer who is not the employee of the round's SKP).
TRANSITIONS = {
    ("draft", "open"): {"hr"},
    ("open", "closed"): {"hr"},
}
# Who may change what, per state. The SKP and the invitees are fixed once
# the round is open: the invitees got their forms.
FIELD_EDITORS = {
    "invitees": ({"appraisal_id", "invitee_ids"}, {"draft": {"hr"}}),
    "deadline": ({"date_deadline"}, {"draft": {"hr"}, "open": {"hr"}}),
}
CAN_FIELDS = {
    "can_open": ("draft", "open"),
    "can_close": ("open", "closed"),
}


class HrAsnFeedback360Request(models.Model):
    """A round of 360° behaviour input on one SKP, run by HR.

    HR invites peers and subordinates; opening the round gives each invitee
    a form (``hr.asn.feedback360.response``) and a to-do. The appraiser never
    reads this round nor its forms: the SKP shows anonymous totals only.
    """

    _name = "hr.asn.feedback360.request"
    _description = "360° Feedback Round"
    _inherit = [
        "mail.thread",
        "hr.asn.workflow.mixin",
        "hr.asn.number.input.mixin",
    ]
    _order = "id desc"
    _asn_transitions = TRANSITIONS
    _asn_field_editors = FIELD_EDITORS
    _asn_locked_states = frozenset({"closed"})
    _asn_can_fields = CAN_FIELDS
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="SKP",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('cycle_id.enable_360', '=', True), "
        "('state', 'not in', ('done', 'cancel'))]",
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True, index=True)
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True, precompute=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    invitee_ids = fields.Many2many(
        "hr.employee",
        "hr_asn_feedback360_request_invitee_rel",
        "request_id",
        "employee_id",
        string="Invited Reviewers",
        check_company=True,
        domain="[('user_id', '!=', False), ('id', '!=', employee_id)]",
        help="Peers and subordinates of the employee, each with a user.",
    )
    date_deadline = fields.Date(string="Answer By", tracking=True)
    response_ids = fields.One2many(
        "hr.asn.feedback360.response", "request_id", string="Forms"
    )
    response_count = fields.Integer(string="Forms Sent", compute="_compute_counts")
    submitted_count = fields.Integer(string="Answers", compute="_compute_counts")
    min_responses = fields.Integer(
        related="cycle_id.feedback360_min_responses", string="Minimum Answers"
    )
    summary_html = fields.Html(
        string="Totals per BerAKHLAK Value",
        compute="_compute_summary_html",
        sanitize=False,
    )
    can_open = fields.Boolean(compute="_compute_can")
    can_close = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        (
            "appraisal_unique",
            "unique(appraisal_id)",
            "An SKP has one 360° feedback round.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id", "cycle_id")
    def _compute_name(self):
        for request in self:
            request.name = _(
                "360° %(employee)s - %(cycle)s",
                employee=request.employee_id.name or "",
                cycle=request.cycle_id.name or "",
            )

    def _compute_counts(self):
        groups = self.env["hr.asn.feedback360.response"]._read_group(
            [("request_id", "in", self.ids)], ["request_id", "state"], ["__count"]
        )
        sent = dict.fromkeys(self.ids, 0)
        submitted = dict.fromkeys(self.ids, 0)
        for request, state, count in groups:
            sent[request.id] += count
            if state == "submitted":
                submitted[request.id] += count
        for request in self:
            request.response_count = sent.get(request._origin.id, 0)
            request.submitted_count = submitted.get(request._origin.id, 0)

    @api.depends_context("uid")
    @api.depends("state", "appraisal_id")
    def _compute_summary_html(self):
        html = self.appraisal_id._get_feedback360_summary_html()
        for request in self:
            request.summary_html = html.get(request.appraisal_id.id, False)

    @api.depends_context("uid")
    @api.depends("state", "appraisal_id")
    def _compute_can(self):
        self._compute_can_flags()

    # ------------------------------------------------------------------
    # Roles and checks: one place decides, for server and screen.
    # ------------------------------------------------------------------
    def _get_user_roles(self, user=None):
        """HR runs the round, but never one about themselves: the employee of
        the round's SKP (the person, every employee record of the user) holds
        no role on it, HR officer or not."""
        self.ensure_one()
        user = user or self.env.user
        if not user.has_group(OFFICER_GROUP):
            return set()
        skp = self.sudo().appraisal_id
        if skp and skp._is_appraisee(user):
            return set()
        return {"hr"}

    def _get_part_label(self, part):
        """The labels of the part's fields (e.g. "SKP, Invited Reviewers")."""
        return ", ".join(
            self._fields[name].get_description(self.env)["string"]
            for name in sorted(self._get_field_editors()[part][0])
        )

    def _check_transition_requirements(self, new_state):
        """Opening: the SKP still takes 360° input, the invitees (checked
        again: since the invitation, someone may have become HR officer or
        appraiser, or an invitee's user link may have changed) and enough of
        them for the cycle's minimum."""
        self.ensure_one()
        if new_state != "open":
            return
        self._check_skp_accepts_360()
        self._check_invitees()
        minimum = self.cycle_id.feedback360_min_responses
        if len(self.invitee_ids) < minimum:
            raise UserError(
                _(
                    "Invite at least %(minimum)s reviewers to %(round)s: "
                    "below that, the totals are withheld to keep the "
                    "reviewers anonymous.",
                    minimum=minimum,
                    round=self.display_name,
                )
            )

    def _check_skp_accepts_360(self):
        for request in self:
            skp = request.appraisal_id
            if not skp.cycle_id.enable_360:
                raise UserError(
                    _(
                        "360° behaviour input is not enabled for the cycle %(cycle)s.",
                        cycle=skp.cycle_id.name,
                    )
                )
            if skp.state in ("done", "cancel"):
                raise UserError(
                    _(
                        "%(skp)s is %(state)s: it takes no more 360° input.",
                        skp=skp.display_name,
                        state=skp._state_label(skp.state),
                    )
                )

    @api.constrains("invitee_ids", "appraisal_id")
    def _check_invitees(self):
        for request in self:
            conflicts = request._get_invitee_conflicts()
            if conflicts:
                raise ValidationError(
                    _(
                        "These people read the totals of %(round)s, so they "
                        "cannot also answer it: %(names)s. Invite peers and "
                        "subordinates instead.",
                        round=request.display_name,
                        names=", ".join(
                            f"{employee.name} ({role})"
                            for employee, role in conflicts.items()
                        ),
                    )
                )
            no_user = request.invitee_ids.filtered(lambda e: not e.user_id)
            if no_user:
                raise ValidationError(
                    _(
                        "These invitees have no user to answer with: %(names)s.",
                        names=", ".join(no_user.mapped("name")),
                    )
                )

    def _get_invitee_conflicts(self):
        """{invitee: role} for the invitees who read this round's totals.

        Totals minus one's own answer tell the others' answers, so whoever
        reads them does not answer: the SKP's employee (who reads them once
        validated), the appraiser and the appraiser's superior, and every HR
        officer of the round's company. A person is every employee record of
        their users, in every company, archived ones included (a second
        record of the same user is the same person). Hook: a user recorded
        on the SKP when it was created belongs to ``readers`` too.
        """
        self.ensure_one()
        skp = self.appraisal_id.sudo()
        officer_users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref(OFFICER_GROUP).ids),
                    ("company_ids", "in", self.company_id.ids),
                ]
            )
        )
        readers = [
            (_("the employee of the SKP"), skp.employee_id, skp.employee_id.user_id),
            (_("the appraiser"), skp.appraiser_id, skp.appraiser_id.user_id),
            (
                _("the appraiser's superior"),
                skp.appraiser_parent_id,
                skp.appraiser_parent_id.user_id,
            ),
            (_("HR officer"), self.env["hr.employee"], officer_users),
        ]
        conflicts = {}
        for role, employees, users in readers:
            person = employees | users.with_context(active_test=False).employee_ids
            for invitee in self.sudo().invitee_ids & person:
                conflicts.setdefault(invitee, role)
        return conflicts

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_no_own_minimum(vals)
        requests = super().create(vals_list)
        requests._check_skp_accepts_360()
        # Nobody runs a round about themselves, from its creation on.
        requests._check_part_editable(["invitees"])
        return requests

    def _check_write(self, vals):
        self._check_no_own_minimum(vals)
        if not self.env.su:
            self.check_access("write")
        return super()._check_write(vals)

    def write(self, vals):
        result = super().write(vals)
        if "appraisal_id" in vals:
            self._check_skp_accepts_360()
        return result

    @api.model
    def _check_no_own_minimum(self, vals):
        """The minimum is the cycle's (one threshold for every round of the
        cycle, fixed once one opens): a round does not carry its own."""
        if "min_responses" in vals:
            raise UserError(
                _(
                    "The minimum number of 360° answers is set on the appraisal "
                    "cycle, not on a round."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        for request in self:
            if request.state != "draft":
                raise UserError(
                    _(
                        "%(round)s is %(state)s: only a draft round can be deleted.",
                        round=request.display_name,
                        state=request._state_label(request.state),
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open(self):
        """Send every invitee a form and a to-do."""
        self.check_access("write")
        self.write({"state": "open"})
        return True

    def action_close(self):
        """Stop the answers; the SKP then shows the anonymous totals."""
        self.check_access("write")
        self.write({"state": "closed"})
        return True

    def _on_enter_open(self, from_state):
        # The forms and their to-dos: the officer creates neither themselves.
        self._create_missing_responses()
        responses = self.sudo().response_ids.filtered(lambda r: r.state == "pending")
        responses._sync_activities()
        for request in self:
            request.message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "360° round opened: %(count)s reviewers invited.",
                    count=len(request.invitee_ids),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _on_enter_closed(self, from_state):
        responses = self.sudo().response_ids
        responses.filtered(lambda r: r.state == "pending")._cancel_activities()
        for request in self:
            forms = request.sudo().response_ids
            body = Markup("<p>%s</p>") % _(
                "360° round closed: %(submitted)s of %(sent)s reviewers answered.",
                submitted=len(forms.filtered(lambda r: r.state == "submitted")),
                sent=len(forms),
            )
            request.message_post(body=body, subtype_xmlid="mail.mt_note")
            request.appraisal_id.sudo().message_post(
                body=body, subtype_xmlid="mail.mt_note"
            )

    def _prepare_response_vals(self, reviewer, values):
        self.ensure_one()
        return {
            "request_id": self.id,
            "reviewer_id": reviewer.id,
            "line_ids": [Command.create({"value_id": value.id}) for value in values],
        }

    def _create_missing_responses(self):
        """One form per invitee who has none yet, with a line per BerAKHLAK value."""
        values = self.env["hr.asn.behavior.value"].sudo().search([])
        vals_list = []
        for request in self:
            have = request.sudo().response_ids.reviewer_id
            vals_list += [
                request._prepare_response_vals(reviewer, values)
                for reviewer in request.invitee_ids - have
            ]
        return (
            self.env["hr.asn.feedback360.response"]
            .sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )
