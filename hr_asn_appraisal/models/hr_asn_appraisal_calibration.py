from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import credit as credit_rules
from ..rules import recommend as recommend_rules
from .hr_asn_appraisal import RATING_EDITORS, RATINGS
from .hr_asn_distribution_rule import ORG_RATINGS


class HrAsnAppraisal(models.Model):
    """Calibration and follow-up on the SKP: the unit head's suggested work
    rating, development recommendations and the months served that prorate
    the JF credit points (the decided figures: hr_asn_appraisal_decision.py)."""

    _inherit = "hr.asn.appraisal"
    # Derived from the predikat: as confidential as it is, until validation.
    _asn_confidential_fields = frozenset(
        {"credit_points", "allowance_adjustment", "recommendation_ids"}
    )

    # Calibration: the unit's organisational rating.
    unit_org_rating = fields.Selection(
        ORG_RATINGS,
        string="Unit's Organisational Rating",
        compute="_compute_suggested_work_rating",
        compute_sudo=True,
    )
    is_unit_head = fields.Boolean(
        string="Leads the Unit",
        compute="_compute_suggested_work_rating",
        compute_sudo=True,
    )
    suggested_work_rating = fields.Selection(
        RATINGS,
        string="Suggested Rating Hasil Kerja",
        compute="_compute_suggested_work_rating",
        compute_sudo=True,
        help="The employee leads the unit: the unit's organisational rating is "
        "offered as their Rating Hasil Kerja (mapping set on the distribution "
        "rules).",
    )
    can_apply_suggested_work_rating = fields.Boolean(
        compute="_compute_calibration_permissions"
    )
    can_edit_months_served = fields.Boolean(compute="_compute_calibration_permissions")

    # Follow-up.
    recommendation_ids = fields.One2many(
        "hr.asn.recommendation", "appraisal_id", string="Recommendations"
    )
    months_served = fields.Integer(
        default=12,
        tracking=True,
        help="Months of the cycle served in the position; prorates the JF credit "
        "points (months/12). Set by HR.",
    )
    employee_position_type = fields.Selection(
        related="employee_id.asn_position_type", string="Position Type"
    )
    employee_position_level = fields.Selection(
        related="employee_id.asn_position_level", string="Position Level"
    )

    # ------------------------------------------------------------------
    # Calibration: the unit head's work rating
    # ------------------------------------------------------------------
    @api.depends("employee_id", "department_id.manager_id", "cycle_id")
    def _compute_suggested_work_rating(self):
        unit_ratings = (
            self.env["hr.asn.unit.rating"]
            .sudo()
            .search_fetch(
                [
                    ("cycle_id", "in", self.cycle_id.ids),
                    ("department_id", "in", self.department_id.ids),
                ],
                ["cycle_id", "department_id", "org_rating"],
            )
        )
        org_by_unit = {
            (u.cycle_id.id, u.department_id.id): u.org_rating for u in unit_ratings
        }
        rules = self.env["hr.asn.distribution.rule"].sudo()._get_rules_by_org_rating()
        for appraisal in self:
            org_rating = org_by_unit.get(
                (appraisal.cycle_id.id, appraisal.department_id.id)
            )
            is_head = bool(
                appraisal.employee_id
                and appraisal.department_id.manager_id == appraisal.employee_id
            )
            rule = rules.get(org_rating)
            appraisal.unit_org_rating = org_rating
            appraisal.is_unit_head = is_head
            appraisal.suggested_work_rating = (
                rule.head_work_rating if is_head and rule else False
            )

    @api.depends_context("uid")
    @api.depends("state", "work_rating", "suggested_work_rating")
    def _compute_calibration_permissions(self):
        for appraisal in self:
            roles = appraisal._get_user_roles()
            appraisal.can_apply_suggested_work_rating = bool(
                appraisal.suggested_work_rating
                and appraisal.suggested_work_rating != appraisal.work_rating
                and roles & RATING_EDITORS.get(appraisal.state, set())
            )
            appraisal.can_edit_months_served = (
                "hr" in roles and appraisal.state != "done"
            )

    def action_apply_suggested_work_rating(self):
        """The appraiser takes the unit's organisational rating as the head's
        Rating Hasil Kerja."""
        for appraisal in self:
            if appraisal.state not in RATING_EDITORS:
                raise UserError(
                    _(
                        "The ratings of %(skp)s cannot change while it is %(state)s.",
                        skp=appraisal.display_name,
                        state=appraisal._state_label(appraisal.state),
                    )
                )
            if not self.env.su and not (
                appraisal._get_user_roles() & RATING_EDITORS[appraisal.state]
            ):
                raise AccessError(
                    _(
                        "Only the appraiser can rate %(skp)s.",
                        skp=appraisal.display_name,
                    )
                )
            if not appraisal.suggested_work_rating:
                raise UserError(
                    _(
                        "%(skp)s has no suggested Rating Hasil Kerja: the employee "
                        "does not lead the unit, or the unit has no "
                        "organisational rating in this cycle.",
                        skp=appraisal.display_name,
                    )
                )
            appraisal.write({"work_rating": appraisal.suggested_work_rating})
        return True

    @api.constrains("months_served")
    def _check_months_served(self):
        for appraisal in self:
            if not 0 <= appraisal.months_served <= credit_rules.MONTHS_IN_YEAR:
                raise ValidationError(
                    _(
                        "%(skp)s: months served must lie between 0 and 12.",
                        skp=appraisal.display_name,
                    )
                )

    def _check_months_served_editable(self):
        if self.env.su:
            return
        for appraisal in self:
            if "hr" not in appraisal._get_user_roles():
                raise AccessError(
                    _(
                        "Only an HR officer sets the months served of %(skp)s.",
                        skp=appraisal.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Development recommendations
    # ------------------------------------------------------------------
    def _get_recommendation_facts(self, predikat=None):
        """The facts of the SKP; predikat, the one followed up (the year's
        result once decided, _get_follow_up_predikats), else the SKP's."""
        self.ensure_one()
        return recommend_rules.Facts(
            predikat=predikat or self.predikat or None,
            work_rating=self.work_rating or None,
            behavior_rating=self.behavior_rating or None,
            rhk=tuple(self.rhk_ids.mapped("name")),
            behavior_values=tuple(self.behavior_ids.value_id.mapped("name")),
        )

    def _prepare_recommendation_vals(self, rule, params):
        """Values of one automatic recommendation: the rule's text filled with
        the SKP's facts."""
        self.ensure_one()
        predikats = dict(self._fields["predikat"]._description_selection(self.env))
        ratings = dict(self._fields["work_rating"]._description_selection(self.env))
        values = {
            "employee": self.employee_id.name,
            "cycle": self.cycle_id.name,
            "predikat": predikats.get(params["predikat"], ""),
            "work_rating": ratings.get(params["work_rating"], ""),
            "behavior_rating": ratings.get(params["behavior_rating"], ""),
            "focus_rhk": "; ".join(params["focus_rhk"]) or "-",
            "focus_values": ", ".join(params["focus_values"]) or "-",
        }
        return {
            "name": rule.name,
            "sequence": rule.sequence,
            "appraisal_id": self.id,
            "rule_id": rule.id,
            "recommendation_type": rule.recommendation_type,
            "explanation": recommend_rules.render(rule.template, values),
            "is_auto": True,
        }

    def _derive_recommendations(self):
        """Replace the automatic recommendations of these SKPs.

        Validated SKPs get those of the predikat followed up: the year's
        result once every SKP of the employee's cycle is validated, until then
        their own (docs/year.md); any other SKP (e.g. a reopened one) is left
        without automatic recommendations. The other validated SKPs of the
        same employees and cycles are derived again too: validating or
        reopening one SKP decides or undecides their year.
        """
        siblings = (
            self.env["hr.asn.appraisal"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("cycle_id", "in", self.cycle_id.ids),
                    ("state", "=", "done"),
                    ("id", "not in", self.ids),
                ]
            )
        )
        years = {(a.employee_id.id, a.cycle_id.id) for a in self.sudo()}
        siblings = siblings.filtered(
            lambda s: (s.employee_id.id, s.cycle_id.id) in years
        )
        targets = self.sudo() | siblings
        Recommendation = self.env["hr.asn.recommendation"].sudo()
        Recommendation.search(
            [("appraisal_id", "in", targets.ids), ("is_auto", "=", True)]
        ).unlink()
        rules = self.env["hr.asn.recommendation.rule"].sudo().search([])
        by_code = {rule.code: rule for rule in rules}
        plain_rules = [
            recommend_rules.RecommendationRule(code=rule.code, predikat=rule.predikat)
            for rule in rules
        ]
        vals_list = []
        # Own prefetch set: the caller's may be an x2many's, emptied by the
        # activities unlinked in the same transition.
        appraisals = targets.with_prefetch()
        # Read what the texts need for the whole batch at once.
        appraisals.mapped("employee_id.name")
        appraisals.mapped("cycle_id.name")
        appraisals.rhk_ids.mapped("name")
        appraisals.behavior_ids.value_id.mapped("name")
        follow_up = appraisals._get_follow_up_predikats()
        for appraisal in appraisals:
            if appraisal.state != "done" or not appraisal.predikat:
                continue
            facts = appraisal._get_recommendation_facts(follow_up.get(appraisal.id))
            for code, params in recommend_rules.recommend(facts, plain_rules):
                vals_list.append(
                    appraisal._prepare_recommendation_vals(by_code[code], params)
                )
        return Recommendation.create(vals_list)

    def _on_objection_decided(self):
        """Hook called once an objection (keberatan) on these SKPs is decided:
        the result may have changed, so the recommendations are derived again."""
        self._derive_recommendations()
        return True

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any("months_served" in vals for vals in vals_list):
            if not self.env.user.has_group("hr_asn_appraisal.group_hr_asn_officer"):
                raise AccessError(_("Only an HR officer sets the months served."))
        return super().create(vals_list)

    def _check_write(self, vals):
        if "months_served" in vals:
            self._check_months_served_editable()
        return super()._check_write(vals)

    def action_view_recommendations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Recommendations"),
            "res_model": "hr.asn.recommendation",
            "view_mode": "list,form",
            "domain": [("appraisal_id", "=", self.id)],
            "context": {"default_appraisal_id": self.id},
        }
