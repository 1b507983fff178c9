from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import predikat as predikat_rules
from .hr_asn_appraisal import PREDIKATS, RATINGS

OBJECTION_STATES = [
    ("submitted", "Submitted"),
    ("rejected", "Decided: Rejected"),
    ("changed", "Decided: Ratings Changed"),
]
DECIDED_STATES = ("rejected", "changed")
# Only the appraiser's superior (atasan pejabat penilai) decides, once: a
# decided keberatan is final (PP 30/2019 Pasal 59), nothing leaves it.
DECIDER_ROLES = {"appraiser_parent"}
TRANSITIONS = {
    ("submitted", "rejected"): DECIDER_ROLES,
    ("submitted", "changed"): DECIDER_ROLES,
}
# Every decision carries its reasons (a change without them gets a standard
# sentence from action_decide_change).
REASON_FIELDS = {
    ("submitted", "rejected"): "decision_note",
    ("submitted", "changed"): "decision_note",
}
# What the employee may amend while the keberatan waits for a decision.
EMPLOYEE_FIELDS = {
    "reason",
    "attachment_ids",
    "requested_work_rating",
    "requested_behavior_rating",
}
FIELD_EDITORS = {"amend": (EMPLOYEE_FIELDS, {"submitted": {"employee"}})}
# Stamped when the keberatan is filed (the deadline, the ratings objected to)
# and when it is decided (the decided ratings, who decided and when).
SERVER_OWNED_FIELDS = {
    "date_filed",
    "deadline",
    "original_work_rating",
    "original_behavior_rating",
    "original_predikat",
    "new_work_rating",
    "new_behavior_rating",
    "new_predikat",
    "decided_by_id",
    "date_decided",
}
CAN_FIELDS = {
    "can_decide": ("submitted", "changed"),
    "can_edit": "amend",
}
ACTIVITY_TYPE = "hr_asn_appraisal.mail_activity_type_objection_decide"


class HrAsnObjection(models.Model):
    """Keberatan: the employee's objection against their validated SKP.

    Filed by the employee within the cycle's period after validation, decided
    once and for all by the appraiser's superior (atasan pejabat penilai):
    rejected, or the ratings are changed (and the SKP's predikat with them).
    Only one keberatan per SKP.

    The decision is a transition of the workflow engine
    (``hr.asn.workflow.mixin``): who decides, the reasons, the stamps, the
    to-do of the decider and the transition log come from the declarations
    below; the decision buttons only add what the engine cannot know (the new
    ratings are applied to the SKP before the keberatan is marked decided).
    """

    _name = "hr.asn.objection"
    _description = "Keberatan (Objection against an SKP)"
    # The mail batch mixin brings mail.thread (its message_subscribe sits
    # in front of mail.thread's).
    _inherit = [
        "hr.asn.mail.batch.mixin",
        "mail.activity.mixin",
        "hr.asn.workflow.mixin",
    ]
    _order = "date_filed desc, id desc"
    _asn_transitions = TRANSITIONS
    _asn_reason_fields = REASON_FIELDS
    _asn_field_editors = FIELD_EDITORS
    _asn_server_owned_fields = SERVER_OWNED_FIELDS
    _asn_locked_states = set(DECIDED_STATES)
    _asn_can_fields = CAN_FIELDS
    _asn_role_fields = {
        "employee": "employee_id",
        "appraiser_parent": "appraiser_parent_id",
    }
    _asn_activity_by_state = {"submitted": (ACTIVITY_TYPE, "appraiser_parent")}
    _check_company_auto = True
    # Whoever may read the keberatan (appraiser, HR) may comment on it.
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True)
    appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="SKP",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain=[("state", "=", "done")],
    )
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True, precompute=True
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id",
        string="Pegawai",
        store=True,
        index=True,
        precompute=True,
    )
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id")
    appraiser_id = fields.Many2one(related="appraisal_id.appraiser_id")
    appraiser_parent_id = fields.Many2one(
        related="appraisal_id.appraiser_parent_id", string="Appraiser's Superior"
    )
    state = fields.Selection(
        OBJECTION_STATES,
        default="submitted",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date_filed = fields.Datetime(
        readonly=True, default=fields.Datetime.now, required=True
    )
    deadline = fields.Date(
        string="Filing Deadline",
        readonly=True,
        help="Last day of the keberatan period when this keberatan was filed.",
    )
    reason = fields.Text(string="Reasons (Alasan Keberatan)", required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "hr_asn_objection_ir_attachment_rel",
        "objection_id",
        "attachment_id",
        string="Bukti Dukung",
        help="Evidence supporting the keberatan.",
    )
    requested_work_rating = fields.Selection(
        RATINGS, string="Requested Rating Hasil Kerja"
    )
    requested_behavior_rating = fields.Selection(
        RATINGS, string="Requested Rating Perilaku Kerja"
    )
    original_work_rating = fields.Selection(
        RATINGS, string="Rating Hasil Kerja Objected To", readonly=True
    )
    original_behavior_rating = fields.Selection(
        RATINGS, string="Rating Perilaku Kerja Objected To", readonly=True
    )
    original_predikat = fields.Selection(
        PREDIKATS, string="Predikat Objected To", readonly=True
    )
    new_work_rating = fields.Selection(
        RATINGS, string="Decided Rating Hasil Kerja", readonly=True, tracking=True
    )
    new_behavior_rating = fields.Selection(
        RATINGS, string="Decided Rating Perilaku Kerja", readonly=True, tracking=True
    )
    new_predikat = fields.Selection(
        PREDIKATS,
        string="Decided Predikat",
        compute="_compute_new_predikat",
        store=True,
    )
    decision_note = fields.Text(string="Decision Reasons", readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    date_decided = fields.Datetime(readonly=True)
    can_decide = fields.Boolean(compute="_compute_permissions")
    can_edit = fields.Boolean(compute="_compute_permissions")

    _sql_constraints = [
        (
            "appraisal_unique",
            "unique(appraisal_id)",
            "Only one keberatan can be filed against an SKP; its decision is final.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("appraisal_id")
    def _compute_name(self):
        for objection in self:
            objection.name = _(
                "Keberatan %(skp)s", skp=objection.appraisal_id.sudo().name or ""
            )

    @api.depends("new_work_rating", "new_behavior_rating")
    def _compute_new_predikat(self):
        for objection in self:
            objection.new_predikat = predikat_rules.predikat_of(
                objection.new_work_rating, objection.new_behavior_rating
            )

    @api.depends_context("uid")
    @api.depends(
        "state",
        "appraisal_id.state",
        "appraisal_id.employee_id",
        "appraisal_id.appraiser_parent_id",
    )
    def _compute_permissions(self):
        self._compute_can_flags()
        for objection in self:
            # A keberatan is decided on a validated SKP.
            if objection.appraisal_id.sudo().state != "done":
                objection.can_decide = False

    # ------------------------------------------------------------------
    # Roles and checks (the workflow engine asks these)
    # ------------------------------------------------------------------
    def _get_user_roles(self, user=None):
        """The roles the user holds on the keberatan: those held on its SKP,
        where nobody holds another role on their own case."""
        self.ensure_one()
        if not self.appraisal_id:  # a form being filled in
            return set()
        return self.appraisal_id._get_user_roles(user)

    def _get_part_label(self, part):
        return _("the reasons and evidence")

    def _check_skp_validated(self):
        self.ensure_one()
        appraisal = self.appraisal_id.sudo()
        if appraisal.state != "done":
            raise UserError(
                _(
                    "%(skp)s is %(state)s: a keberatan is decided on a validated "
                    "SKP. Ask HR to validate it again first.",
                    skp=appraisal.display_name,
                    state=appraisal._state_label(appraisal.state),
                )
            )

    def _check_transition_requirements(self, new_state):
        """A decision needs a validated SKP; a change needs the SKP to carry
        ratings other than those objected to (``action_decide_change`` gives
        them to the SKP first)."""
        self.ensure_one()
        self._check_skp_validated()
        appraisal = self.appraisal_id.sudo()
        if new_state == "changed" and (
            appraisal.work_rating,
            appraisal.behavior_rating,
        ) == (self.original_work_rating, self.original_behavior_rating):
            raise UserError(
                _(
                    "These are the ratings %(skp)s already has: reject the "
                    "keberatan instead, with the reasons.",
                    skp=appraisal.display_name,
                )
            )
        return super()._check_transition_requirements(new_state)

    def _check_decision_allowed(self, new_state):
        """Refuse a decision before anything changes (the dialog opens, the
        SKP gets its new ratings), with the specific messages: UserError once
        decided (the decision is final) or while the SKP is not validated,
        AccessError for anyone but the appraiser's superior. The write funnel
        checks the transition again, from the same table."""
        for objection in self:
            if objection.state != "submitted":
                raise UserError(
                    _(
                        "%(objection)s has already been decided; the decision is "
                        "final.",
                        objection=objection.display_name,
                    )
                )
            allowed = objection._transition_allowed_roles(objection.state, new_state)
            if not self.env.su and not objection._get_user_roles() & allowed:
                appraisal = objection.appraisal_id
                raise AccessError(
                    _(
                        "Only the appraiser's superior (atasan pejabat penilai) of "
                        "%(skp)s, %(decider)s, decides its keberatan.",
                        skp=appraisal.display_name,
                        decider=appraisal.sudo().appraiser_parent_id.name or "-",
                    )
                )
            objection._check_skp_validated()

    def _check_write(self, vals):
        if (
            not self.env.su
            and "appraisal_id" in vals
            and any(
                objection.appraisal_id.id != vals["appraisal_id"] for objection in self
            )
        ):
            # The SKP decides whose keberatan it is: it never changes.
            raise UserError(_("The SKP of a keberatan cannot change."))
        return super()._check_write(vals)

    def _prepare_transition_vals(self, new_state, now):
        """Who decided and when; a change records the ratings the SKP now has."""
        self.ensure_one()
        vals = {"decided_by_id": self.env.uid, "date_decided": now}
        if new_state == "changed":
            appraisal = self.appraisal_id.sudo()
            vals.update(
                new_work_rating=appraisal.work_rating,
                new_behavior_rating=appraisal.behavior_rating,
            )
        return vals

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        objections = super().create(vals_list)
        objections._attach_evidence()
        objections._notify_filed()
        objections._sync_activities()
        return objections

    def _prepare_server_create_vals(self, vals_list):
        """Filed only by the employee, within the period (checked after the
        caller's values were); stamped with the deadline and the ratings
        objected to."""
        Appraisal = self.env["hr.asn.appraisal"]
        for vals in vals_list:
            appraisal = Appraisal.browse(vals.get("appraisal_id"))
            appraisal._check_can_file_objection()
            vals.update(
                {
                    "deadline": appraisal._get_objection_deadline(),
                    "original_work_rating": appraisal.work_rating,
                    "original_behavior_rating": appraisal.behavior_rating,
                    "original_predikat": appraisal.predikat,
                }
            )
        return super()._prepare_server_create_vals(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._attach_evidence()
        return result

    def _attach_evidence(self):
        """Bind freshly uploaded evidence to its keberatan.

        The upload of an unsaved form creates attachments with res_id 0, which
        only their uploader may read; attached to the keberatan, they follow
        its access (decider, appraiser, HR).
        """
        for objection in self:
            loose = objection.sudo().attachment_ids.filtered(
                lambda a: (
                    not a.res_id
                    and a.res_model in (False, self._name)
                    and a.create_uid == self.env.user
                )
            )
            if loose:
                loose.write({"res_model": self._name, "res_id": objection.id})

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def action_decide_reject(self, note):
        """Reject the keberatan, with the reasons; the SKP keeps its ratings."""
        self.ensure_one()
        self._check_decision_allowed("rejected")
        self.write({"state": "rejected", "decision_note": note})
        return True

    def action_decide_change(self, work_rating, behavior_rating, note=False):
        """Accept the keberatan: the SKP gets the new ratings and predikat.

        The SKP changes first: once the keberatan is decided its ratings and
        decided figures are final. Then the keberatan moves to ``changed``
        through the write funnel, which stamps the ratings the SKP now has.
        """
        self.ensure_one()
        self._lock_for_transition()
        self._check_decision_allowed("changed")
        appraisal = self.appraisal_id
        if (work_rating, behavior_rating) == (
            appraisal.work_rating,
            appraisal.behavior_rating,
        ):
            raise UserError(
                _(
                    "These are the ratings %(skp)s already has: reject the "
                    "keberatan instead, with the reasons.",
                    skp=appraisal.display_name,
                )
            )
        appraisal._apply_objection_decision(work_rating, behavior_rating, self)
        self.write(
            {
                "state": "changed",
                "decision_note": note
                or _("Ratings changed on the grounds of the keberatan."),
            }
        )
        return True

    def _on_enter_rejected(self, from_state):
        self._notify_decided()

    def _on_enter_changed(self, from_state):
        self._notify_decided()

    def _notify_decided(self):
        """The decision in both chatters (the employee is notified on the
        SKP); the follow-up of the SKP is derived again."""
        for objection in self:
            body = objection._get_decision_body()
            objection.message_post(body=body, subtype_xmlid="mail.mt_comment")
            objection.appraisal_id.sudo().message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
                partner_ids=objection.sudo().employee_id.user_id.partner_id.ids,
            )
            objection.appraisal_id._on_objection_decided()

    def _get_decision_body(self):
        self.ensure_one()
        if self.state == "rejected":
            title = _("Keberatan rejected by %(decider)s", decider=self.env.user.name)
            lines = [self.decision_note]
        else:
            ratings = dict(
                self._fields["new_work_rating"]._description_selection(self.env)
            )
            predikats = dict(
                self._fields["new_predikat"]._description_selection(self.env)
            )
            title = _(
                "Keberatan accepted by %(decider)s: ratings changed",
                decider=self.env.user.name,
            )
            lines = [
                _(
                    "Rating Hasil Kerja: %(old)s → %(new)s",
                    old=ratings.get(self.original_work_rating, "-"),
                    new=ratings[self.new_work_rating],
                ),
                _(
                    "Rating Perilaku Kerja: %(old)s → %(new)s",
                    old=ratings.get(self.original_behavior_rating, "-"),
                    new=ratings[self.new_behavior_rating],
                ),
                _(
                    "Predikat Kinerja: %(old)s → %(new)s",
                    old=predikats.get(self.original_predikat, "-"),
                    new=predikats[self.new_predikat],
                ),
            ]
            if self.decision_note:
                lines.append(self.decision_note)
        body = Markup("<p><b>%s</b></p>") % title
        for line in lines:
            body += Markup("<p>%s</p>") % line
        body += Markup("<p><i>%s</i></p>") % _("The decision is final.")
        return body

    def _notify_filed(self):
        """The SKP's chatter records the filing (the decider gets the to-do
        and follows the keberatan through the engine's activity sync)."""
        for objection in self.sudo():
            appraisal = objection.appraisal_id
            appraisal.message_post(
                body=_(
                    "Keberatan filed by %(employee)s; decided by %(decider)s.",
                    employee=appraisal.employee_id.name,
                    decider=appraisal.appraiser_parent_id.name or "-",
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _get_activity_user(self, who):
        """The appraiser's superior decides; never on their own keberatan."""
        self.ensure_one()
        appraisal = self.sudo().appraisal_id
        decider = appraisal.appraiser_parent_id.user_id
        if not decider or appraisal._is_appraisee(decider):
            return self.env["res.users"]
        return decider

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def _open_decision_wizard(self, decision):
        self.ensure_one()
        self._check_decision_allowed("rejected" if decision == "reject" else "changed")
        appraisal = self.appraisal_id
        return {
            "type": "ir.actions.act_window",
            "name": _("Decide Keberatan"),
            "res_model": "hr.asn.objection.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_objection_id": self.id,
                "default_decision": decision,
                "default_work_rating": self.requested_work_rating
                or appraisal.work_rating,
                "default_behavior_rating": self.requested_behavior_rating
                or appraisal.behavior_rating,
            },
        }

    def action_reject_wizard(self):
        return self._open_decision_wizard("reject")

    def action_change_wizard(self):
        return self._open_decision_wizard("change")

    def action_view_appraisal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.asn.appraisal",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": self.appraisal_id.id,
        }
