import datetime

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.misc import format_date

from ..rules import predikat as predikat_rules
from ..rules import training_eligibility as eligibility
from .hr_asn_training_program import SEAT_STATES

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved_appraiser", "Approved by Appraiser"),
    ("approved", "Approved by HR"),
    ("done", "Completed"),
    ("refused", "Refused"),
    ("cancel", "Cancelled"),
]

# Who may move a request from one state to another. Roles: employee (the
# requester), appraiser (pejabat penilai of the SKP), hr (HR officer).
TRANSITIONS = {
    ("draft", "submitted"): {"employee"},
    ("submitted", "approved_appraiser"): {"appraiser"},
    ("approved_appraiser", "approved"): {"hr"},
    ("approved", "done"): {"hr"},
    ("submitted", "refused"): {"appraiser"},
    ("approved_appraiser", "refused"): {"hr"},
    ("draft", "cancel"): {"employee"},
    ("submitted", "cancel"): {"employee"},
    ("approved_appraiser", "cancel"): {"employee"},
    # The employee could not attend after all: HR withdraws the seat.
    ("approved", "cancel"): {"hr"},
}
# A transition that must carry a reason, and the field that holds it.
REASON_FIELDS = {
    ("submitted", "refused"): "refuse_reason",
    ("approved_appraiser", "refused"): "refuse_reason",
    ("approved", "cancel"): "cancel_reason",
}
# The fields the requester fills in, and who may change them per state.
CONTENT_FIELDS = {"program_id", "motivation"}
CONTENT_EDITORS = {"draft": {"employee", "hr"}}
FIELD_EDITORS = {"content": (CONTENT_FIELDS, CONTENT_EDITORS)}
SERVER_OWNED_FIELDS = {
    "date_submitted",
    "date_approved_appraiser",
    "date_approved",
    "date_done",
    "appraiser_user_id",
    "hr_user_id",
    "resume_line_id",
}
CAN_FIELDS = {
    "can_submit": ("draft", "submitted"),
    "can_approve_appraiser": ("submitted", "approved_appraiser"),
    "can_approve_hr": ("approved_appraiser", "approved"),
    "can_done": ("approved", "done"),
    "can_refuse": (None, "refused"),
    "can_cancel": (None, "cancel"),
    "can_edit": "content",
}

# The next actor's to-do per state: (activity type xml id, who gets it).
ACTIVITY_BY_STATE = {
    "submitted": (
        "hr_asn_appraisal.mail_activity_type_training_approve_appraiser",
        "appraiser",
    ),
    "approved_appraiser": (
        "hr_asn_appraisal.mail_activity_type_training_approve_hr",
        "hr",
    ),
    "approved": ("hr_asn_appraisal.mail_activity_type_training_complete", "hr"),
}


class HrAsnTrainingRequest(models.Model):
    """An employee's request to attend a training programme, following a done SKP.

    Approved by the SKP's appraiser, then by HR; on completion the JP are
    recorded on the employee's resume (``hr_skills``). Done requests carry
    ``employee_id``, ``jp_hours`` and ``date_end`` for yearly JP totals.
    """

    _name = "hr.asn.training.request"
    _description = "ASN Training Request"
    # The confidentiality mixin comes first (it filters what mail.thread
    # notifies), then the mail batch mixin, which brings mail.thread.
    _inherit = [
        "hr.asn.confidential.mixin",
        "hr.asn.mail.batch.mixin",
        "mail.activity.mixin",
        "hr.asn.workflow.mixin",
    ]
    _order = "create_date desc, id desc"
    _asn_transitions = TRANSITIONS
    _asn_reason_fields = REASON_FIELDS
    _asn_field_editors = FIELD_EDITORS
    _asn_server_owned_fields = SERVER_OWNED_FIELDS
    _asn_can_fields = CAN_FIELDS
    _asn_role_fields = {"employee": "employee_id", "appraiser": "appraiser_id"}
    _asn_activity_by_state = ACTIVITY_BY_STATE
    # Each step re-checks the seats against the requests moved before it.
    _asn_transition_one_by_one = True
    _check_company_auto = True
    # The SKP's predikat, copied: withheld while the SKP is not validated
    # (e.g. reopened after the request was made).
    _asn_confidential_fields = frozenset({"predikat"})
    _asn_confidential_pending = [("appraisal_id.state", "!=", "done")]

    name = fields.Char(compute="_compute_name", store=True)
    appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="SKP",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        domain="[('state', '=', 'done')]",
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True, precompute=True
    )
    appraiser_id = fields.Many2one(
        related="appraisal_id.appraiser_id",
        string="Appraiser (Pejabat Penilai)",
        store=True,
        index=True,
        precompute=True,
    )
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True, precompute=True
    )
    predikat = fields.Selection(related="appraisal_id.predikat", store=True)
    program_id = fields.Many2one(
        "hr.asn.training.program",
        string="Programme",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    category = fields.Selection(related="program_id.category")
    jp_hours = fields.Integer(
        related="program_id.jp_hours", string="JP", store=True, precompute=True
    )
    date_start = fields.Date(
        related="program_id.date_start", store=True, precompute=True
    )
    date_end = fields.Date(related="program_id.date_end", store=True, precompute=True)
    motivation = fields.Text(help="Why this programme: the gap it should close.")
    state = fields.Selection(
        STATES, default="draft", required=True, index=True, tracking=True, copy=False
    )
    refuse_reason = fields.Text(readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False)
    date_submitted = fields.Datetime(readonly=True, copy=False)
    date_approved_appraiser = fields.Datetime(
        string="Date Approved by Appraiser", readonly=True, copy=False
    )
    date_approved = fields.Datetime(
        string="Date Approved by HR", readonly=True, copy=False
    )
    date_done = fields.Datetime(string="Date Completed", readonly=True, copy=False)
    appraiser_user_id = fields.Many2one(
        "res.users", string="Approved by (Appraiser)", readonly=True, copy=False
    )
    hr_user_id = fields.Many2one(
        "res.users", string="Approved by (HR)", readonly=True, copy=False
    )
    resume_line_id = fields.Many2one("hr.resume.line", readonly=True, copy=False)

    can_submit = fields.Boolean(compute="_compute_permissions")
    can_approve_appraiser = fields.Boolean(compute="_compute_permissions")
    can_approve_hr = fields.Boolean(compute="_compute_permissions")
    can_refuse = fields.Boolean(compute="_compute_permissions")
    can_done = fields.Boolean(compute="_compute_permissions")
    can_cancel = fields.Boolean(compute="_compute_permissions")
    can_edit = fields.Boolean(compute="_compute_permissions")
    awaiting_my_action = fields.Boolean(
        compute="_compute_permissions", search="_search_awaiting_my_action"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("program_id", "employee_id")
    def _compute_name(self):
        for request in self:
            request.name = _(
                "%(program)s - %(employee)s",
                program=request.program_id.name or "",
                employee=request.employee_id.name or "",
            )

    @api.depends_context("uid")
    @api.depends("state", "employee_id", "appraiser_id")
    def _compute_permissions(self):
        self._compute_can_flags()
        for request in self:
            request.awaiting_my_action = (
                request.can_approve_appraiser
                or request.can_approve_hr
                or request.can_done
            )

    def _search_awaiting_my_action(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'Waiting for Me'."))
        user = self.env.user
        not_own = [
            "|",
            ("employee_id.user_id", "=", False),
            ("employee_id.user_id", "!=", user.id),
        ]
        domains = [
            [("state", "=", "submitted"), ("appraiser_id.user_id", "=", user.id)]
        ]
        if user.has_group("hr_asn_appraisal.group_hr_asn_officer"):
            domains += [
                [("state", "=", "submitted"), ("appraiser_id.user_id", "=", False)],
                [("state", "in", ("approved_appraiser", "approved"))],
            ]
        domain = expression.AND([not_own, expression.OR(domains)])
        if (operator == "=") != value:
            return ["!", *domain]
        return domain

    # ------------------------------------------------------------------
    # Roles and permissions: one place decides, for server and screen.
    # ------------------------------------------------------------------
    def _get_user_roles(self, user=None):
        """The roles the user holds on this request.

        The requester holds no other role on their own request: nobody
        approves their own training. An HR officer acts for an employee or an
        appraiser who has no login (e.g. teachers, the Kepala Daerah).
        """
        self.ensure_one()
        if not self.id:
            return {"employee"}  # a new request, drafted by its requester
        user = user or self.env.user
        sudo_self = self.sudo()
        employee_user = sudo_self.employee_id.user_id
        if employee_user == user or sudo_self.appraisal_id._is_appraisee(user):
            return {"employee"}
        roles = set()
        is_hr = user.has_group("hr_asn_appraisal.group_hr_asn_officer")
        if is_hr:
            roles.add("hr")
            if not employee_user:
                roles.add("employee")
        appraiser = sudo_self.appraiser_id
        if appraiser.user_id == user or (appraiser and not appraiser.user_id and is_hr):
            roles.add("appraiser")
        return roles

    def _get_part_label(self, part):
        return _("the programme and motivation")

    def _check_transition_requirements(self, new_state):
        """The regulatory checks of each step (eligibility, seats, JP cap)."""
        self.ensure_one()
        if new_state == "submitted":
            if self.appraisal_id.sudo().state != "done":
                raise UserError(
                    _(
                        "A training request starts from a validated SKP; "
                        "%(skp)s is not validated.",
                        skp=self.appraisal_id.sudo().display_name,
                    )
                )
            self._check_not_duplicate()
            inputs = self._get_eligibility_inputs(
                self.appraisal_id, self.program_id, exclude=self
            )[self.program_id]
            self._raise_refusal(eligibility.check_eligibility(**inputs))
        elif new_state in ("approved_appraiser", "approved"):
            inputs = self._get_eligibility_inputs(
                self.appraisal_id, self.program_id, exclude=self
            )[self.program_id]
            self._raise_refusal(
                eligibility.check_seats(inputs["seats"], inputs["seats_taken"])
            )
            if new_state == "approved":
                self._raise_refusal(
                    eligibility.check_jp_cap(
                        inputs["asn_type"], inputs["jp_taken"], inputs["jp_program"]
                    )
                )
        elif new_state == "done":
            today = fields.Date.context_today(self)
            if self.program_id.date_start > today:
                raise UserError(
                    _(
                        "%(program)s starts on %(date)s: its completion can only "
                        "be recorded once it has started.",
                        program=self.program_id.display_name,
                        date=format_date(self.env, self.program_id.date_start),
                    )
                )

    def _check_not_duplicate(self):
        self.ensure_one()
        duplicate = self.sudo().search_count(
            [
                ("id", "!=", self.id),
                ("employee_id", "=", self.employee_id.id),
                ("program_id", "=", self.program_id.id),
                ("state", "not in", ("draft", "refused", "cancel")),
            ],
            limit=1,
        )
        if duplicate:
            raise UserError(
                _(
                    "%(employee)s already has a request for %(program)s.",
                    employee=self.employee_id.name,
                    program=self.program_id.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Eligibility: gather the inputs, let rules/ decide, explain the refusal
    # ------------------------------------------------------------------
    @api.model
    def _get_eligibility_inputs(self, appraisal, programs, exclude=None):
        """{programme: keyword arguments of ``check_eligibility`` (rules/)}.

        Batched: one query for the seats of all programmes, one for the JP.
        """
        appraisal = appraisal.sudo()
        employee = appraisal.employee_id
        exclude = exclude or self.browse()
        seats_taken = programs._get_seats_taken(exclude_requests=exclude)
        years = {program._get_jp_year() for program in programs}
        jp_taken = self._get_jp_taken(employee, years, exclude=exclude)
        today = fields.Date.context_today(self)
        # The year's result once the year is decided (docs/year.md).
        predikat = appraisal._get_follow_up_predikats().get(appraisal.id)
        return {
            program: {
                "predikat": predikat,
                "allowed_predikats": program._get_allowed_predikats(),
                "seats": program.seats,
                "seats_taken": seats_taken.get(program.id, 0),
                "date_start": program.date_start,
                "date_end": program.date_end,
                "today": today,
                "asn_type": employee.asn_type,
                "jp_taken": jp_taken.get((employee.id, program._get_jp_year()), 0),
                "jp_program": program.jp_hours,
            }
            for program in programs
        }

    @api.model
    def _get_jp_taken(self, employees, years, exclude=None):
        """{(employee id, year): JP held} from requests approved by HR or done.

        A request counts in the year its programme ends. The PPPK cap is per
        contract year; contract dates are not in the master data, so the
        calendar year stands in for it. Hook: another source of JP (e.g.
        training recorded outside these requests) extends this.
        """
        if not employees or not years:
            return {}
        domain = [
            ("employee_id", "in", employees.ids),
            ("state", "in", SEAT_STATES),
            ("date_end", ">=", datetime.date(min(years), 1, 1)),
            ("date_end", "<=", datetime.date(max(years), 12, 31)),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        groups = self.sudo()._read_group(
            domain, ["employee_id", "date_end:year"], ["jp_hours:sum"]
        )
        return {
            (employee.id, year_start.year): jp for employee, year_start, jp in groups
        }

    def _raise_refusal(self, refusal):
        if refusal:
            raise UserError(
                self._get_refusal_message(refusal, self.program_id, self.employee_id)
            )

    @api.model
    def _get_refusal_message(self, refusal, program, employee):
        """A translated sentence naming the rule that refused a request."""
        params = refusal.params
        year = program._get_jp_year()
        program = program.display_name
        employee = employee.sudo().name
        predikat_labels = dict(
            self.env["hr.asn.appraisal"]
            ._fields["predikat"]
            ._description_selection(self.env)
        )
        if refusal.code == eligibility.NOT_ASN:
            return _(
                'Rule "ASN only": %(employee)s is neither PNS nor PPPK; '
                "training requests follow the SKP of ASN employees.",
                employee=employee,
            )
        if refusal.code == eligibility.PREDIKAT_NOT_ALLOWED:
            allowed = [p for p in predikat_rules.PREDIKATS if p in params["allowed"]]
            return _(
                'Rule "predikat": %(program)s is open to the predikat '
                "%(allowed)s; the predikat followed up (the year's result once "
                "every SKP of the year is validated) is %(predikat)s.",
                program=program,
                allowed=", ".join(predikat_labels[p] for p in allowed) or _("none"),
                predikat=predikat_labels.get(params["predikat"], _("none")),
            )
        if refusal.code == eligibility.PROGRAM_ENDED:
            return _(
                'Rule "programme dates": %(program)s ended on %(date)s.',
                program=program,
                date=format_date(self.env, params["date_end"]),
            )
        if refusal.code == eligibility.PROGRAM_STARTED:
            return _(
                'Rule "programme dates": %(program)s already started on %(date)s; '
                "a programme is requested before it starts.",
                program=program,
                date=format_date(self.env, params["date_start"]),
            )
        if refusal.code == eligibility.NO_SEATS:
            return _(
                'Rule "seats": all %(seats)s seats of %(program)s are taken.',
                program=program,
                seats=params["seats"],
            )
        if refusal.code == eligibility.JP_CAP:
            return _(
                'Rule "PPPK JP cap": a PPPK takes at most %(cap)s JP of training '
                "per contract year. %(employee)s already holds %(taken)s JP in "
                "%(year)s and %(program)s adds %(jp)s JP (%(left)s JP left).",
                cap=params["cap"],
                employee=employee,
                taken=params["jp_taken"],
                year=year,
                program=program,
                jp=params["jp_program"],
                left=params["jp_left"],
            )
        return _("%(program)s cannot be requested.", program=program)

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for request in requests:
            partner = request.employee_id.sudo().user_id.partner_id
            if partner:
                request.message_subscribe(partner_ids=partner.ids)
        return requests

    @api.constrains("appraisal_id")
    def _check_appraisal_done(self):
        for request in self:
            skp = request.appraisal_id.sudo()
            if request.state == "draft" and skp.state != "done":
                raise ValidationError(
                    _(
                        "A training request starts from a validated SKP; "
                        "%(skp)s is not validated.",
                        skp=skp.display_name,
                    )
                )

    def _check_write(self, vals):
        if (
            not self.env.su
            and "appraisal_id" in vals
            and any(request.appraisal_id.id != vals["appraisal_id"] for request in self)
        ):
            # The SKP decides whose request it is: it never changes.
            raise UserError(_("The SKP of a training request cannot change."))
        return super()._check_write(vals)

    def _prepare_transition_vals(self, new_state, now):
        """Dates and approvers that go with a transition."""
        self.ensure_one()
        if new_state == "submitted":
            return {"date_submitted": now}
        if new_state == "approved_appraiser":
            return {"date_approved_appraiser": now, "appraiser_user_id": self.env.uid}
        if new_state == "approved":
            return {"date_approved": now, "hr_user_id": self.env.uid}
        if new_state == "done":
            return {"date_done": now}
        return {}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        for request in self:
            if request.state != "draft":
                raise UserError(
                    _(
                        "%(request)s is %(state)s: only draft requests can be deleted.",
                        request=request.display_name,
                        state=request._state_label(request.state),
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        self.write({"state": "submitted"})
        for request in self:
            request._notify_step(
                _(
                    "Training request submitted; waiting for the appraiser "
                    "%(appraiser)s.",
                    appraiser=request.appraiser_id.sudo().name or _("(none)"),
                )
            )
        return True

    def action_approve_appraiser(self):
        self.write({"state": "approved_appraiser"})
        self._notify_step(_("Approved by the appraiser; waiting for HR."))
        return True

    def action_approve_hr(self):
        self.write({"state": "approved"})
        for request in self:
            request._notify_step(
                _(
                    "Approved by HR: you are registered for %(program)s "
                    "(%(start)s - %(end)s).",
                    program=request.program_id.display_name,
                    start=format_date(self.env, request.date_start),
                    end=format_date(self.env, request.date_end),
                )
            )
        return True

    def action_refuse(self, reason):
        self.write({"state": "refused", "refuse_reason": reason})
        self._notify_step(_("Training request refused"), reason)
        return True

    def action_cancel(self, reason=None):
        self.write({"state": "cancel", "cancel_reason": reason or False})
        self._notify_step(_("Training request cancelled"), reason)
        return True

    def action_done(self):
        """HR records the completion: the JP go to the employee's resume."""
        self.write({"state": "done"})
        lines = self.env["hr.resume.line"].create(
            [request._prepare_resume_line_vals() for request in self]
        )
        # The yearly JP count (PNS minimum, PPPK cap) reads these lines.
        self.env["hr.asn.training.hours"].sudo().create(
            [
                {
                    "name": request.program_id.name,
                    "employee_id": request.employee_id.id,
                    "year": request.date_end.year,
                    "date": request.date_end,
                    "jp": request.jp_hours,
                    "source_ref": f"{request._name},{request.id}",
                }
                for request in self
            ]
        )
        for request, line in zip(self, lines, strict=True):
            request.sudo().write({"resume_line_id": line.id})
            request._notify_step(
                _(
                    "Training completed: %(jp)s JP recorded on your resume.",
                    jp=request.jp_hours,
                )
            )
        return True

    def _prepare_resume_line_vals(self):
        self.ensure_one()
        category = dict(
            self.program_id._fields["category"]._description_selection(self.env)
        )[self.program_id.category]
        line_type = self.env.ref(
            "hr_asn_appraisal.resume_type_training", raise_if_not_found=False
        )
        return {
            "employee_id": self.employee_id.id,
            "name": self.program_id.name,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "description": Markup("<p>%s</p>")
            % _(
                "%(category)s - %(jp)s JP",
                category=category,
                jp=self.jp_hours,
            ),
            "line_type_id": line_type.id if line_type else False,
        }

    def _open_reason_wizard(self, action):
        return {
            "type": "ir.actions.act_window",
            "name": _("Reason"),
            "res_model": "hr.asn.training.request.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_ids": self.ids, "default_action": action},
        }

    def action_refuse_wizard(self):
        return self._open_reason_wizard("refuse")

    def action_cancel_wizard(self):
        return self._open_reason_wizard("cancel")

    def _notify_step(self, title, reason=None):
        """Tell the followers (the employee) what happened, in the chatter."""
        body = Markup("<p><b>%s</b></p>") % title
        if reason:
            body += Markup("<p>%s</p>") % reason
        for request in self:
            request.message_post(body=body, subtype_xmlid="mail.mt_comment")

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _get_hr_user(self):
        """The programme's HR responsible, else the cycle's; never the requester."""
        self.ensure_one()
        sudo_self = self.sudo()
        requester = sudo_self.employee_id.user_id
        candidates = (
            sudo_self.program_id.user_id | sudo_self.appraisal_id.cycle_id.user_id
        )
        return (candidates - requester)[:1]

    def _get_activity_user(self, who):
        self.ensure_one()
        if who == "appraiser":
            # An appraiser without a login: HR records the decision.
            return self.sudo().appraiser_id.user_id or self._get_hr_user()
        return self._get_hr_user()

    def _get_activity_deadline(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.state == "approved" and self.date_end:
            return max(self.date_end, today)
        return today
