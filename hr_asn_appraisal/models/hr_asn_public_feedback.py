from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

SOURCE_TYPES = [
    ("complaint", "Complaint"),
    ("survey", "Survey Result"),
    ("stakeholder", "Stakeholder Feedback"),
    ("other", "Other"),
]
SENTIMENTS = [
    ("positive", "Positive"),
    ("neutral", "Neutral"),
    ("negative", "Negative"),
]
# Only HR verifies, and takes a verification back to correct the feedback.
TRANSITIONS = {
    ("draft", "verified"): {"hr"},
    ("verified", "draft"): {"hr"},
}
# Set only by the verification steps.
VERIFICATION_FIELDS = {"verified", "verified_by_id", "date_verified"}
# What HR verified: frozen while the feedback is verified.
CONTENT_FIELDS = {
    "name",
    "employee_id",
    "appraisal_id",
    "cycle_id",
    "source_type",
    "date",
    "summary",
    "sentiment",
    "attachment_ids",
}
# Identity fields on the feedback form -> fields of the source model.
IDENTITY_FIELDS = {
    "citizen_name": "name",
    "citizen_phone": "phone",
    "citizen_email": "email",
}
OFFICER_GROUP = "hr_asn_appraisal.group_hr_asn_officer"
VERIFY_ACTIVITY = "hr_asn_appraisal.mail_activity_type_public_feedback_verify"


class HrAsnPublicFeedback(models.Model):
    """A complaint, survey result or stakeholder feedback on an employee.

    Recorded by HR. Once HR verifies it, the employee, the appraisers of the
    employee's SKPs and their superiors can read it (record rules); before,
    only HR. The identity of the citizen lives in
    ``hr.asn.public.feedback.source`` and never leaves HR.
    """

    _name = "hr.asn.public.feedback"
    _description = "Public and Stakeholder Feedback"
    _inherit = [
        "hr.asn.mail.batch.mixin",
        "mail.activity.mixin",
        "hr.asn.workflow.mixin",
    ]
    _order = "date desc, id desc"
    _asn_transitions = TRANSITIONS
    _asn_activity_by_state = {"draft": (VERIFY_ACTIVITY, "hr")}
    _asn_field_editors = {"content": (CONTENT_FIELDS, {"draft": {"hr"}})}
    _asn_server_owned_fields = VERIFICATION_FIELDS
    _asn_can_fields = {
        "can_verify": ("draft", "verified"),
        "can_unverify": ("verified", "draft"),
    }
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="SKP",
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        check_company=True,
        domain="[('employee_id', '=', employee_id)]",
    )
    cycle_id = fields.Many2one(
        "hr.asn.appraisal.cycle",
        compute="_compute_cycle_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    source_type = fields.Selection(
        SOURCE_TYPES, required=True, default="complaint", tracking=True
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    summary = fields.Text(required=True)
    sentiment = fields.Selection(
        SENTIMENTS,
        required=True,
        compute="_compute_sentiment",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "hr_asn_public_feedback_attachment_rel",
        "feedback_id",
        "attachment_id",
        string="Evidence (Bukti Dukung)",
    )
    state = fields.Selection(
        [("draft", "To Verify"), ("verified", "Verified")],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
    )
    verified = fields.Boolean(
        compute="_compute_verified", store=True, copy=False, index=True
    )
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_verified = fields.Datetime(readonly=True, copy=False)

    # The identity: HR officers only (field groups here, access rights and
    # record rules on the source model). Never tracked: the chatter is read
    # by whoever reads the verified feedback.
    source_id = fields.Many2one(
        "hr.asn.public.feedback.source",
        string="Source Identity",
        ondelete="restrict",
        copy=False,
        groups=OFFICER_GROUP,
    )
    citizen_name = fields.Char(
        related="source_id.name",
        string="Name of the Source",
        readonly=False,
        groups=OFFICER_GROUP,
    )
    citizen_phone = fields.Char(
        related="source_id.phone",
        string="Phone of the Source",
        readonly=False,
        groups=OFFICER_GROUP,
    )
    citizen_email = fields.Char(
        related="source_id.email",
        string="Email of the Source",
        readonly=False,
        groups=OFFICER_GROUP,
    )

    can_verify = fields.Boolean(compute="_compute_can_verify")
    can_unverify = fields.Boolean(compute="_compute_can_verify")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("appraisal_id")
    def _compute_cycle_id(self):
        for feedback in self:
            if feedback.appraisal_id:
                feedback.cycle_id = feedback.appraisal_id.cycle_id

    @api.depends("source_type")
    def _compute_sentiment(self):
        for feedback in self:
            if feedback.source_type == "complaint":
                feedback.sentiment = "negative"
            elif not feedback.sentiment:
                feedback.sentiment = "neutral"

    @api.depends_context("uid")
    @api.depends("verified")
    def _compute_can_verify(self):
        self._compute_can_flags()

    def init(self):
        # Databases from before the workflow state: feedback verified then
        # keeps its verification (idempotent: state and flag agree afterwards).
        self.env.cr.execute(
            "UPDATE hr_asn_public_feedback SET state = 'verified' "
            "WHERE verified AND state = 'draft'"
        )

    @api.depends("state")
    def _compute_verified(self):
        for feedback in self:
            feedback.verified = feedback.state == "verified"

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _get_user_roles(self, user=None):
        """HR verifies, but never feedback about themselves."""
        self.ensure_one()
        user = user or self.env.user
        if not user.has_group(OFFICER_GROUP):
            return set()
        if self.sudo().employee_id & self._asn_person_employees(user):
            return set()
        return {"hr"}

    def _get_part_label(self, part):
        return _("the feedback (undo the verification first)")

    def _prepare_transition_vals(self, new_state, now):
        if new_state == "verified":
            return {"verified_by_id": self.env.uid, "date_verified": now}
        return {"verified_by_id": False, "date_verified": False}

    def _on_enter_verified(self, from_state):
        for feedback in self:
            feedback.message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "Verified by %(user)s: now visible to the employee and the "
                    "appraisers.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _on_enter_draft(self, from_state):
        for feedback in self:
            feedback.message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "Verification withdrawn by %(user)s: visible to HR only.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.constrains("employee_id", "appraisal_id", "cycle_id", "date")
    def _check_skp_and_cycle(self):
        for feedback in self:
            skp = feedback.appraisal_id
            if skp and skp.employee_id != feedback.employee_id:
                raise ValidationError(
                    _(
                        "%(skp)s is not an SKP of %(employee)s.",
                        skp=skp.display_name,
                        employee=feedback.employee_id.name,
                    )
                )
            if skp and feedback.cycle_id != skp.cycle_id:
                raise ValidationError(
                    _(
                        "The cycle of %(feedback)s must be the cycle of its SKP.",
                        feedback=feedback.name,
                    )
                )
            cycle = feedback.cycle_id
            if cycle and not cycle.date_start <= feedback.date <= cycle.date_end:
                raise ValidationError(
                    _(
                        "The date of %(feedback)s must fall within the cycle "
                        "%(cycle)s.",
                        feedback=feedback.name,
                        cycle=cycle.name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        identities = [self._pop_identity(vals) for vals in vals_list]
        feedbacks = super().create(vals_list)
        for feedback, identity in zip(feedbacks, identities, strict=True):
            if identity:
                feedback._set_identity(identity)
        feedbacks._attach_evidence()
        feedbacks._sync_activities()
        return feedbacks

    def write(self, vals):
        # The citizen's identity goes to the HR-only source model.
        identity = self._pop_identity(vals)
        result = super().write(vals) if vals else True
        if identity:
            for feedback in self:
                feedback._set_identity(identity)
        if "attachment_ids" in vals:
            self._attach_evidence()
        return result

    def _pop_identity(self, vals):
        """Take the identity out of vals: it goes to the source model."""
        names = [name for name in IDENTITY_FIELDS if name in vals]
        if names:
            self.check_field_access_rights("write", names)
        return {IDENTITY_FIELDS[name]: vals.pop(name) for name in names}

    def _set_identity(self, identity):
        """Create, update or drop the source record of this feedback."""
        self.ensure_one()
        source = self.source_id
        merged = {
            key: identity.get(key, source[key] if source else False)
            for key in IDENTITY_FIELDS.values()
        }
        if not any(merged.values()):
            self.source_id = False
            if source and not source.feedback_ids:
                source.unlink()
            return
        if not merged["name"]:
            raise UserError(
                _(
                    "Give the name of the source of %(feedback)s, or leave its "
                    "identity empty for an anonymous source.",
                    feedback=self.display_name,
                )
            )
        if source:
            source.write(identity)
        else:
            self.source_id = self.env["hr.asn.public.feedback.source"].create(
                {**merged, "company_id": self.company_id.id}
            )

    def _attach_evidence(self):
        """Bind the evidence files to their feedback.

        An ir.attachment follows the access rights of the record it points to:
        uploaded files without one would stay readable by their uploader only.
        """
        for feedback in self:
            loose = feedback.attachment_ids.filtered(
                lambda a, f=feedback: a.res_model != f._name or a.res_id != f.id
            )
            if loose:
                loose.sudo().write({"res_model": feedback._name, "res_id": feedback.id})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_verified(self):
        verified = self.filtered("verified")
        if verified:
            raise UserError(
                _(
                    "%(feedback)s is verified: undo the verification before "
                    "deleting it.",
                    feedback=verified[0].display_name,
                )
            )

    def unlink(self):
        sources = self.sudo().source_id
        result = super().unlink()
        orphans = sources.exists().filtered(lambda s: not s.feedback_ids)
        orphans.unlink()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_verify(self):
        """HR confirms the feedback: from now on the employee and the
        appraisers see it (without its source)."""
        self.write({"state": "verified"})
        return True

    def action_unverify(self):
        """HR takes a verification back (e.g. to correct the feedback)."""
        self.write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _get_activity_user(self, who):
        """Who is asked to verify: the cycle's HR responsible, else the author;
        never the employee the feedback is about."""
        self.ensure_one()
        user = self.sudo().cycle_id.user_id or self.env.user
        if not user._is_internal() or self.sudo().employee_id & (
            self._asn_person_employees(user)
        ):
            return self.env["res.users"]
        return user
