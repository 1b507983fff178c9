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
# Written by the decision methods only (with sudo, after their checks).
DECISION_FIELDS = {
    "state",
    "new_work_rating",
    "new_behavior_rating",
    "decision_note",
    "decided_by_id",
    "date_decided",
}
# Set when the keberatan is filed, never changed.
FILING_FIELDS = {
    "appraisal_id",
    "date_filed",
    "deadline",
    "original_work_rating",
    "original_behavior_rating",
    "original_predikat",
}
# What the employee may amend while the keberatan waits for a decision.
EMPLOYEE_FIELDS = {
    "reason",
    "attachment_ids",
    "requested_work_rating",
    "requested_behavior_rating",
}
ACTIVITY_TYPE = "hr_asn_appraisal.mail_activity_type_objection_decide"


class HrAsnObjection(models.Model):
    """Keberatan: the employee's objection against their validated SKP.

    Filed by the employee within the cycle's period after validation, decided
    once and for all by the appraiser's superior (atasan pejabat penilai):
    rejected, or the ratings are changed (and the SKP's predikat with them).
    Only one keberatan per SKP.
    """

    _name = "hr.asn.objection"
    _description = "Keberatan (Objection against an SKP)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_filed desc, id desc"
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
    can_decide = fields.Boolean(compute="_compute_can_decide")
    can_edit = fields.Boolean(compute="_compute_can_edit")

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
    @api.depends("state", "appraisal_id.state", "appraisal_id.appraiser_parent_id")
    def _compute_can_decide(self):
        for objection in self:
            objection.can_decide = not objection._get_decision_refusal()

    @api.depends_context("uid")
    @api.depends("state", "appraisal_id.employee_id")
    def _compute_can_edit(self):
        for objection in self:
            objection.can_edit = not objection._get_amend_refusal()

    # ------------------------------------------------------------------
    # Permissions: one place decides, for server and screen.
    # ------------------------------------------------------------------
    def _get_decision_refusal(self):
        """Why the current user cannot decide this keberatan now: (error class,
        message), or None. Only the appraiser's superior decides; not HR, not
        the appraiser."""
        self.ensure_one()
        appraisal = self.appraisal_id
        if not appraisal:
            return UserError, _("A keberatan is filed against an SKP.")
        if not self.env.su and "appraiser_parent" not in appraisal._get_user_roles():
            return AccessError, _(
                "Only the appraiser's superior (atasan pejabat penilai) of %(skp)s, "
                "%(decider)s, decides its keberatan.",
                skp=appraisal.display_name,
                decider=appraisal.sudo().appraiser_parent_id.name or "-",
            )
        if self.state != "submitted":
            return UserError, _(
                "%(objection)s has already been decided; the decision is final.",
                objection=self.display_name,
            )
        if appraisal.state != "done":
            return UserError, _(
                "%(skp)s is %(state)s: a keberatan is decided on a validated SKP. "
                "Ask HR to validate it again first.",
                skp=appraisal.display_name,
                state=appraisal._state_label(appraisal.state),
            )
        return None

    def _check_can_decide(self):
        for objection in self:
            refusal = objection._get_decision_refusal()
            if refusal:
                error_class, message = refusal
                raise error_class(message)

    def _get_amend_refusal(self):
        """Why the current user cannot amend the reasons and evidence."""
        self.ensure_one()
        if not self.appraisal_id:  # a form being filled in
            return None
        if not self.env.su and "employee" not in self.appraisal_id._get_user_roles():
            return AccessError, _(
                "Only the employee who filed %(objection)s can change its reasons "
                "and evidence.",
                objection=self.display_name,
            )
        if self.state != "submitted":
            return UserError, _(
                "%(objection)s has been decided and can no longer change.",
                objection=self.display_name,
            )
        return None

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Appraisal = self.env["hr.asn.appraisal"]
        for vals in vals_list:
            if not self.env.su and set(vals) & self._get_server_owned_fields() - {
                "appraisal_id"
            }:
                raise UserError(
                    _("A keberatan is filed with reasons and evidence only.")
                )
            appraisal = Appraisal.browse(vals.get("appraisal_id"))
            appraisal._check_can_file_objection()
            vals.update(
                {
                    "state": "submitted",
                    "deadline": appraisal._get_objection_deadline(),
                    "original_work_rating": appraisal.work_rating,
                    "original_behavior_rating": appraisal.behavior_rating,
                    "original_predikat": appraisal.predikat,
                }
            )
        objections = super().create(vals_list)
        objections._attach_evidence()
        objections._notify_filed()
        return objections

    @api.model
    def _get_server_owned_fields(self):
        """Fields only the server writes: the filing stamps and the decision
        (decision, new ratings, reasons, who decided and when), set by the
        decision buttons alone."""
        return DECISION_FIELDS | FILING_FIELDS

    def write(self, vals):
        if not self.env.su:
            if set(vals) & self._get_server_owned_fields():
                raise UserError(
                    _(
                        "A keberatan is decided only with the decision buttons, by "
                        "the appraiser's superior."
                    )
                )
            if set(vals) & EMPLOYEE_FIELDS:
                for objection in self:
                    refusal = objection._get_amend_refusal()
                    if refusal:
                        error_class, message = refusal
                        raise error_class(message)
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
        self._check_can_decide()
        if not (note or "").strip():
            raise UserError(
                _(
                    "Rejecting %(objection)s needs the reasons of the decision.",
                    objection=self.display_name,
                )
            )
        self._record_decision({"state": "rejected", "decision_note": note})
        return True

    def action_decide_change(self, work_rating, behavior_rating, note=False):
        """Accept the keberatan: the SKP gets the new ratings and predikat."""
        self.ensure_one()
        self._check_can_decide()
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
        self._record_decision(
            {
                "state": "changed",
                "new_work_rating": work_rating,
                "new_behavior_rating": behavior_rating,
                "decision_note": note or False,
            }
        )
        return True

    def _record_decision(self, vals):
        self.ensure_one()
        self.sudo().write(
            {
                **vals,
                "decided_by_id": self.env.uid,
                "date_decided": fields.Datetime.now(),
            }
        )
        body = self._get_decision_body()
        self.message_post(body=body, subtype_xmlid="mail.mt_comment")
        self.appraisal_id.sudo().message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
            partner_ids=self.sudo().employee_id.user_id.partner_id.ids,
        )
        self.sudo().activity_feedback([ACTIVITY_TYPE], feedback=_("Keberatan decided."))
        self.appraisal_id._on_objection_decided()

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
        """The decider follows the keberatan and gets the to-do; the SKP's
        chatter records the filing."""
        today = fields.Date.context_today(self)
        for objection in self.sudo():
            appraisal = objection.appraisal_id
            decider = appraisal.appraiser_parent_id.user_id
            if decider:
                objection.message_subscribe(partner_ids=decider.partner_id.ids)
                objection.activity_schedule(
                    ACTIVITY_TYPE, date_deadline=today, user_id=decider.id
                )
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
    # Buttons
    # ------------------------------------------------------------------
    def _open_decision_wizard(self, decision):
        self.ensure_one()
        self._check_can_decide()
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
