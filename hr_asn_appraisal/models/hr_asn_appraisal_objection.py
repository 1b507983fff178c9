from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from ..rules import objection as objection_rules
from ..rules import predikat as predikat_rules
from .hr_asn_appraisal import RATING_FIELDS
from .hr_asn_appraisal_dialogue_mixin import DIALOGUE_AUTHOR_ROLES, DIALOGUE_STATES


class HrAsnAppraisal(models.Model):
    """The SKP's continuous dialogue: umpan balik and coaching during the year,
    and the keberatan (objection) against the validated result."""

    _inherit = "hr.asn.appraisal"

    # ------------------------------------------------------------------
    # Umpan balik and coaching
    # ------------------------------------------------------------------
    feedback_ids = fields.One2many(
        "hr.asn.feedback", "appraisal_id", string="Umpan Balik"
    )
    coaching_ids = fields.One2many(
        "hr.asn.coaching", "appraisal_id", string="Coaching and Counselling"
    )
    feedback_count = fields.Integer(
        string="Umpan Balik Count", compute="_compute_feedback_counts"
    )
    coaching_count = fields.Integer(compute="_compute_feedback_counts")
    can_add_feedback = fields.Boolean(compute="_compute_can_add_feedback")

    @api.depends("feedback_ids", "coaching_ids")
    def _compute_feedback_counts(self):
        # From the one2many (one fetch per batch, shared with the form's lists).
        for appraisal in self:
            appraisal.feedback_count = len(appraisal.feedback_ids)
            appraisal.coaching_count = len(appraisal.coaching_ids)

    @api.depends_context("uid")
    @api.depends("state", "employee_id", "appraiser_id", "appraiser_parent_id")
    def _compute_can_add_feedback(self):
        for appraisal in self:
            appraisal.can_add_feedback = bool(appraisal.id) and not (
                appraisal._get_feedback_refusal()
            )

    def _get_feedback_refusal(self):
        """Why the current user may not add umpan balik or coaching to this
        SKP: (error class, message), or None."""
        self.ensure_one()
        if not self.env.su and not self._get_user_roles() & DIALOGUE_AUTHOR_ROLES:
            return AccessError, _(
                "Only the appraiser or the appraiser's superior gives umpan balik "
                "and coaching on %(skp)s.",
                skp=self.display_name,
            )
        if self.state not in DIALOGUE_STATES:
            return UserError, _(
                "Umpan balik and coaching start once the SKP is approved; "
                "%(skp)s is %(state)s.",
                skp=self.display_name,
                state=self._state_label(self.state),
            )
        return None

    def _check_can_add_feedback(self):
        if not self:
            raise UserError(_("Umpan balik and coaching belong to an SKP."))
        for appraisal in self:
            refusal = appraisal._get_feedback_refusal()
            if refusal:
                error_class, message = refusal
                raise error_class(message)

    def _open_dialogue_form(self, model, title):
        self.ensure_one()
        self._check_can_add_feedback()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def action_add_feedback(self):
        return self._open_dialogue_form("hr.asn.feedback", _("Umpan Balik"))

    def action_add_coaching(self):
        return self._open_dialogue_form("hr.asn.coaching", _("Coaching Session"))

    def _open_dialogue_list(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("appraisal_id", "=", self.id)]
        action["context"] = {"default_appraisal_id": self.id}
        return action

    def action_view_feedback(self):
        return self._open_dialogue_list("hr_asn_appraisal.hr_asn_feedback_action")

    def action_view_coaching(self):
        return self._open_dialogue_list("hr_asn_appraisal.hr_asn_coaching_action")

    # ------------------------------------------------------------------
    # Keberatan
    # ------------------------------------------------------------------
    objection_ids = fields.One2many(
        "hr.asn.objection", "appraisal_id", string="Keberatan"
    )
    objection_count = fields.Integer(
        string="Keberatan Count", compute="_compute_objection_count"
    )
    objection_deadline = fields.Date(
        string="Keberatan Deadline",
        compute="_compute_objection_deadline",
        help="Last day on which the employee can file a keberatan against the "
        "validated SKP.",
    )
    can_file_objection = fields.Boolean(compute="_compute_can_file_objection")

    @api.depends("objection_ids")
    def _compute_objection_count(self):
        for appraisal in self:
            appraisal.objection_count = len(appraisal.objection_ids)

    @api.depends("state", "date_done", "cycle_id.objection_days")
    def _compute_objection_deadline(self):
        for appraisal in self:
            appraisal.objection_deadline = appraisal._get_objection_deadline()

    @api.depends_context("uid")
    @api.depends("state", "date_done", "employee_id", "cycle_id.objection_days")
    def _compute_can_file_objection(self):
        for appraisal in self:
            appraisal.can_file_objection = bool(appraisal.id) and not (
                appraisal._get_objection_refusal()
            )

    # ------------------------------------------------------------------
    # Filing period
    # ------------------------------------------------------------------
    def _objection_env(self):
        """The employee's time zone decides which day it is, whoever looks."""
        tz = self.sudo().employee_id.tz
        return self.with_context(tz=tz) if tz else self

    def _get_objection_done_day(self):
        self.ensure_one()
        if self.state != "done" or not self.date_done:
            return False
        return fields.Date.context_today(self._objection_env(), self.date_done)

    def _get_objection_deadline(self):
        self.ensure_one()
        done_day = self._get_objection_done_day()
        if not done_day:
            return False
        return objection_rules.objection_deadline(
            done_day, self.cycle_id.objection_days
        )

    # ------------------------------------------------------------------
    # Who may file, and when: one place for server and screen.
    # ------------------------------------------------------------------
    def _get_objection_refusal(self):
        """Why the current user cannot file a keberatan against this SKP now:
        (error class, message), or None."""
        self.ensure_one()
        if not self.env.su and "employee" not in self._get_user_roles():
            return AccessError, _(
                "Only %(employee)s can file a keberatan against %(skp)s.",
                employee=self.sudo().employee_id.name,
                skp=self.display_name,
            )
        if self.state != "done":
            return UserError, _(
                "A keberatan can only be filed against a validated SKP; %(skp)s "
                "is %(state)s.",
                skp=self.display_name,
                state=self._state_label(self.state),
            )
        if self.sudo().objection_ids:
            return UserError, _(
                "A keberatan against %(skp)s has already been filed: only one is "
                "possible per SKP, and its decision is final.",
                skp=self.display_name,
            )
        if not self.sudo().appraiser_parent_id.user_id:
            return UserError, _(
                "%(skp)s has no appraiser's superior (atasan pejabat penilai) with "
                "a user account to decide a keberatan. Please contact HR.",
                skp=self.display_name,
            )
        today = fields.Date.context_today(self._objection_env())
        if not objection_rules.is_within_period(
            today, self._get_objection_done_day(), self.cycle_id.objection_days
        ):
            return UserError, _(
                "The period to file a keberatan against %(skp)s ended on %(deadline)s.",
                skp=self.display_name,
                deadline=format_date(self.env, self._get_objection_deadline()),
            )
        return None

    def _check_can_file_objection(self):
        if not self:
            raise UserError(_("A keberatan is filed against an SKP."))
        for appraisal in self:
            refusal = appraisal._get_objection_refusal()
            if refusal:
                error_class, message = refusal
                raise error_class(message)

    # ------------------------------------------------------------------
    # Decision
    # ------------------------------------------------------------------
    def _apply_objection_decision(self, work_rating, behavior_rating, objection):
        """Overwrite the ratings of this validated SKP with a keberatan decision.

        The one sanctioned way to change the ratings of a done SKP: the caller
        must be the appraiser's superior who decides ``objection`` while it
        waits for its decision (checked here: AccessError for anyone else,
        UserError once decided); the SKP stays done, its predikat is
        recomputed from the kuadran kinerja, and the tracked change appears in
        its chatter in the decider's name. The lock in ``write()`` is passed
        with sudo, after this check. Called by ``action_decide_change`` before
        the keberatan moves to ``changed`` (afterwards the ratings are final).
        """
        self.ensure_one()
        if objection.appraisal_id != self:
            raise UserError(
                _(
                    "The keberatan %(objection)s is not about %(skp)s.",
                    objection=objection.display_name,
                    skp=self.display_name,
                )
            )
        objection._check_decision_allowed("changed")
        if not {work_rating, behavior_rating} <= set(predikat_rules.RATINGS):
            raise UserError(
                _(
                    "Changing the ratings of %(skp)s needs both a Rating Hasil "
                    "Kerja and a Rating Perilaku Kerja.",
                    skp=self.display_name,
                )
            )
        self.sudo().write(
            {"work_rating": work_rating, "behavior_rating": behavior_rating}
        )
        self._freeze_objection_decision()
        return True

    # ------------------------------------------------------------------
    # The decision is final (PP 30/2019 Pasal 59)
    # ------------------------------------------------------------------
    def _get_decided_objection(self):
        """The decided keberatan against this SKP, or an empty recordset."""
        self.ensure_one()
        return self.sudo().objection_ids.filtered(lambda o: o.state != "submitted")

    def _check_transition_requirements(self, new_state):
        """A validated SKP whose keberatan is decided stays validated: nobody,
        HR included, reopens it to rate it again."""
        result = super()._check_transition_requirements(new_state)
        if self.state == "done" and new_state != "done":
            objection = self._get_decided_objection()
            if objection:
                raise UserError(
                    _(
                        "%(skp)s cannot be reopened: its keberatan was decided by "
                        "%(decider)s and the decision is final (PP 30/2019 "
                        "Pasal 59).",
                        skp=self.display_name,
                        decider=objection.decided_by_id.name or "-",
                    )
                )
        return result

    def _check_objection_decision_final(self, vals):
        """Refuse any change of the ratings, the predikat or the decided
        figures of an SKP whose keberatan is decided, whoever writes (sudo
        included). The decision itself writes them before the keberatan is
        marked decided; decided figures still missing (an SKP validated before
        they were stored) may be filled in once."""
        decision_fields = self._get_decision_fields()
        protected = (RATING_FIELDS | decision_fields) & set(vals)
        if not protected:
            return
        # Only a validated SKP can have a decided keberatan.
        for appraisal in self.filtered(lambda a: a.state == "done"):
            objection = appraisal._get_decided_objection()
            if not objection:
                continue
            for name in protected:
                field = appraisal._fields[name]
                current = field.convert_to_write(appraisal[name], appraisal)
                if (current or False) == (vals[name] or False):
                    continue
                if name in decision_fields and not appraisal.decided_predikat:
                    continue
                raise UserError(
                    _(
                        "The keberatan against %(skp)s was decided by "
                        "%(decider)s: its ratings, predikat and decided figures "
                        "are final (PP 30/2019 Pasal 59) and %(field)s cannot "
                        "change.",
                        skp=appraisal.display_name,
                        decider=objection.decided_by_id.name or "-",
                        field=field._description_string(self.env),
                    )
                )

    @api.depends_context("uid")
    @api.depends("state", "employee_id", "appraiser_id", "objection_ids.state")
    def _compute_permissions(self):
        result = super()._compute_permissions()
        for appraisal in self:
            if appraisal.can_reopen and appraisal._get_decided_objection():
                appraisal.can_reopen = False
        return result

    def _check_write(self, vals):
        self._check_objection_decision_final(vals)
        return super()._check_write(vals)

    def _on_objection_decided(self):
        """Hook called once a keberatan against this SKP has been decided.

        Does nothing here: recommendations (development, tindak lanjut) are
        re-derived by the calibration feature, which overrides this method.
        """
        return True

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_file_objection(self):
        self.ensure_one()
        self._check_can_file_objection()
        return {
            "type": "ir.actions.act_window",
            "name": _("File Objection"),
            "res_model": "hr.asn.objection",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_appraisal_id": self.id},
        }

    def action_view_objections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_objection_action"
        )
        action["domain"] = [("appraisal_id", "=", self.id)]
        action["context"] = {"create": False}
        if self.objection_count == 1:
            action.update(
                views=[(False, "form")], view_mode="form", res_id=self.objection_ids.id
            )
        return action
