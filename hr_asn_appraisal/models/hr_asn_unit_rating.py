from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import formatLang

from ..rules import distribution as distribution_rules
from .hr_asn_appraisal import PREDIKATS
from .hr_asn_distribution_rule import ORG_RATINGS
from .hr_asn_distribution_rule_line import predikat_labels

# Set only by action_validate_unit().
VALIDATION_FIELDS = {"override_reason", "date_validated", "validated_user_id"}
# The SKPs that count in a unit's distribution.
COUNTED_STATES = ("rated", "done")


class HrAsnUnitRating(models.Model):
    """The organisational rating of one unit in one cycle, and its calibration.

    The rating fixes the allowed distribution of the unit's predikat
    (hr.asn.distribution.rule); HR checks the rated and validated SKPs of the
    unit against it and validates the rated ones in one step, giving a
    recorded reason when the distribution breaches the rule.
    """

    _name = "hr.asn.unit.rating"
    _description = "Unit Organisational Rating"
    _inherit = ["mail.thread"]
    _order = "cycle_id, department_id, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    cycle_id = fields.Many2one(
        "hr.asn.appraisal.cycle",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, precompute=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    manager_id = fields.Many2one(related="department_id.manager_id", string="Unit Head")
    org_rating = fields.Selection(
        ORG_RATINGS, string="Organisational Rating", required=True, tracking=True
    )
    rule_id = fields.Many2one(
        "hr.asn.distribution.rule",
        string="Distribution Rule",
        compute="_compute_rule_id",
    )
    rule_description = fields.Text(string="Rule", compute="_compute_rule_id")
    include_sub_units = fields.Boolean(
        string="Include Sub-units",
        tracking=True,
        help="Calibrate the unit together with all its sub-units: their SKPs "
        "count in this unit's distribution curve. Each unit head's own SKP "
        "still counts in the superior unit, never in the unit they lead.",
    )
    note = fields.Text()

    count_sangat_baik = fields.Integer(
        string="Sangat Baik", compute="_compute_distribution"
    )
    count_baik = fields.Integer(string="Baik", compute="_compute_distribution")
    count_butuh_perbaikan = fields.Integer(
        string="Butuh Perbaikan", compute="_compute_distribution"
    )
    count_kurang = fields.Integer(
        string="Kurang/Misconduct", compute="_compute_distribution"
    )
    count_sangat_kurang = fields.Integer(
        string="Sangat Kurang", compute="_compute_distribution"
    )
    share_sangat_baik = fields.Float(
        string="Sangat Baik (%)", digits=(5, 1), compute="_compute_distribution"
    )
    share_baik = fields.Float(
        string="Baik (%)", digits=(5, 1), compute="_compute_distribution"
    )
    share_butuh_perbaikan = fields.Float(
        string="Butuh Perbaikan (%)", digits=(5, 1), compute="_compute_distribution"
    )
    share_kurang = fields.Float(
        string="Kurang/Misconduct (%)", digits=(5, 1), compute="_compute_distribution"
    )
    share_sangat_kurang = fields.Float(
        string="Sangat Kurang (%)", digits=(5, 1), compute="_compute_distribution"
    )
    count_total = fields.Integer(
        string="SKPs Counted",
        compute="_compute_distribution",
        help="Rated and validated SKPs of the unit in this cycle.",
    )
    count_to_validate = fields.Integer(
        string="SKPs to Validate",
        compute="_compute_distribution",
        help="Rated SKPs of the unit, waiting for HR's validation.",
    )
    breach_text = fields.Text(string="Breaches", compute="_compute_distribution")
    is_compliant = fields.Boolean(
        string="Distribution Follows the Rule", compute="_compute_distribution"
    )
    can_validate = fields.Boolean(compute="_compute_can_validate")

    override_reason = fields.Text(
        readonly=True,
        tracking=True,
        copy=False,
        help="Why HR validated the unit's SKPs although the distribution breaches "
        "the rule.",
    )
    date_validated = fields.Datetime(readonly=True, copy=False)
    validated_user_id = fields.Many2one(
        "res.users", string="Validated By", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "cycle_department_unique",
            "unique(cycle_id, department_id)",
            "A unit has one organisational rating per cycle.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("cycle_id.name", "department_id.name")
    def _compute_name(self):
        for unit_rating in self:
            unit_rating.name = _(
                "%(unit)s - %(cycle)s",
                unit=unit_rating.department_id.name or "",
                cycle=unit_rating.cycle_id.name or "",
            )

    # translated text: computed again in each language
    @api.depends_context("lang")
    @api.depends("org_rating")
    def _compute_rule_id(self):
        rules = self.env["hr.asn.distribution.rule"]._get_rules_by_org_rating()
        for unit_rating in self:
            rule = rules.get(unit_rating.org_rating)
            unit_rating.rule_id = rule
            unit_rating.rule_description = rule.description if rule else False

    # ------------------------------------------------------------------
    # Who counts in a unit's curve (docs/calibration.md, "Who counts")
    # ------------------------------------------------------------------
    def _get_covered_departments(self):
        """{unit rating id: set of department ids} whose SKPs the rating
        covers: its unit, or its unit and every sub-unit (child_of) when
        include_sub_units is set. Two queries for the whole batch."""
        Department = self.env["hr.department"].sudo().with_context(active_test=False)
        covered = {rating.id: {rating.department_id.id} for rating in self}
        with_subs = self.filtered("include_sub_units")
        if with_subs:
            tops = with_subs.department_id.sudo()
            tops.fetch(["parent_path"])
            subs = Department.search_fetch(
                [("id", "child_of", tops.ids)], ["parent_path"]
            )
            for rating in with_subs:
                prefix = rating.department_id.sudo().parent_path
                covered[rating.id] |= {
                    dept.id for dept in subs if dept.parent_path.startswith(prefix)
                }
        return covered

    def _get_curve_scope(self):
        """(covered, departments, heads) for the batch: covered as
        _get_covered_departments(); departments, the ids whose SKPs may count
        in a covered unit (the covered ones and their direct children, whose
        heads count in their parent unit); heads, {department id: (head
        employee id, curve unit id)} for those departments that have a head."""
        Department = self.env["hr.department"].sudo().with_context(active_test=False)
        covered = self._get_covered_departments()
        all_covered = set().union(*covered.values()) if covered else set()
        children = Department.search_fetch(
            [("parent_id", "in", list(all_covered))], ["parent_id", "manager_id"]
        )
        departments = Department.browse(all_covered) | children
        departments.fetch(["parent_id", "manager_id"])
        heads = {
            dept.id: (dept.manager_id.id, self._curve_unit_of_head(dept))
            for dept in departments
            if dept.manager_id
        }
        return covered, departments, heads

    @api.model
    def _curve_unit_of_head(self, department):
        """The unit in whose curve the head of department counts: the parent
        unit (their appraiser's unit in the organisation chart); a top unit
        without a parent keeps its head."""
        return department.parent_id.id or department.id

    def _get_curve_appraisals(self, domain):
        """{unit rating id: hr.asn.appraisal} of the SKPs counted in each
        unit's curve among those matching domain, searched with the caller's
        rights: SKPs of the covered units, except a unit head's own SKP, which
        counts in the superior unit (and so SKPs of heads of sub-units count
        here)."""
        covered, departments, heads = self._get_curve_scope()
        appraisals = self.env["hr.asn.appraisal"].search(
            [
                ("cycle_id", "in", self.cycle_id.ids),
                ("department_id", "in", departments.ids),
                *domain,
            ]
        )
        ids_by_key = defaultdict(list)
        for appraisal in appraisals.sudo():
            department_id = appraisal.department_id.id
            head = heads.get(department_id)
            if head and head[0] == appraisal.employee_id.id:
                department_id = head[1]
            ids_by_key[appraisal.cycle_id.id, department_id].append(appraisal.id)
        result = {}
        for rating in self:
            ids = []
            for department_id in covered[rating.id]:
                ids += ids_by_key.get((rating.cycle_id.id, department_id), [])
            result[rating.id] = appraisals.browse(ids)
        return result

    def _get_distribution_counts(self):
        """{unit rating id: {state: {predikat: count}}} in a few queries
        whatever the number of SKPs: one read_group of the SKPs per unit, one
        of the heads' own SKPs, which move from the unit they lead to the
        superior unit."""
        covered, departments, heads = self._get_curve_scope()
        Appraisal = self.env["hr.asn.appraisal"].sudo()
        domain = [
            ("cycle_id", "in", self.cycle_id.ids),
            ("department_id", "in", departments.ids),
            ("state", "in", COUNTED_STATES),
            ("predikat", "!=", False),
            # An employee who moved during the year counts once, in the
            # unit of their last SKP (docs/year.md).
            ("is_last_in_cycle", "=", True),
        ]
        # {(cycle id, department id): {(state, predikat): count}}
        by_unit = defaultdict(lambda: defaultdict(int))
        groups = Appraisal._read_group(
            domain,
            ["cycle_id", "department_id", "state", "predikat"],
            ["__count"],
        )
        for cycle, department, state, predikat, count in groups:
            by_unit[cycle.id, department.id][state, predikat] += count
        if heads:
            head_groups = Appraisal._read_group(
                [
                    *domain,
                    ("employee_id", "in", [head for head, _unit in heads.values()]),
                ],
                ["cycle_id", "department_id", "employee_id", "state", "predikat"],
                ["__count"],
            )
            for cycle, department, employee, state, predikat, count in head_groups:
                head = heads.get(department.id)
                if not head or head[0] != employee.id:
                    continue
                by_unit[cycle.id, department.id][state, predikat] -= count
                by_unit[cycle.id, head[1]][state, predikat] += count
        result = {}
        for rating in self:
            by_state = defaultdict(lambda: defaultdict(int))
            for department_id in covered[rating.id]:
                unit_counts = by_unit.get((rating.cycle_id.id, department_id), {})
                for (state, predikat), count in unit_counts.items():
                    by_state[state][predikat] += count
            result[rating.id] = by_state
        return result

    # translated text: computed again in each language
    @api.depends_context("lang")
    @api.depends("cycle_id", "department_id", "org_rating", "include_sub_units")
    def _compute_distribution(self):
        counts_by_unit = self._get_distribution_counts()
        for unit_rating in self:
            by_state = counts_by_unit.get(unit_rating.id, {})
            counts = dict.fromkeys((code for code, _label in PREDIKATS), 0)
            for state_counts in by_state.values():
                for predikat, count in state_counts.items():
                    counts[predikat] += count
            shares = distribution_rules.shares(counts)
            for code in counts:
                unit_rating[f"count_{code}"] = counts[code]
                unit_rating[f"share_{code}"] = shares[code]
            unit_rating.count_total = sum(counts.values())
            unit_rating.count_to_validate = sum(by_state.get("rated", {}).values())
            breaches = unit_rating._get_breaches(counts)
            unit_rating.is_compliant = not breaches
            unit_rating.breach_text = "\n".join(
                unit_rating._breach_message(breach) for breach in breaches
            )

    @api.depends_context("uid")
    @api.depends("count_to_validate")
    def _compute_can_validate(self):
        is_hr = self._is_hr_officer()
        for unit_rating in self:
            unit_rating.can_validate = is_hr and unit_rating.count_to_validate > 0

    # ------------------------------------------------------------------
    # Distribution check
    # ------------------------------------------------------------------
    def _get_breaches(self, counts):
        """The breaches of the unit's rule by counts {predikat: count}."""
        self.ensure_one()
        if not self.rule_id:
            return []
        return distribution_rules.check_distribution(self.rule_id._get_checks(), counts)

    def _breach_message(self, breach):
        """One translated sentence for a rules.distribution.Breach."""
        names = predikat_labels(self.env, breach.predikats)
        share = formatLang(self.env, breach.share, digits=1)
        percent = formatLang(self.env, breach.percent, digits=0)
        if breach.code == distribution_rules.LARGEST:
            return _(
                "%(predikat)s should be the largest group (%(count)s of %(total)s "
                "SKPs), but %(larger)s has more.",
                predikat=names,
                count=breach.count,
                total=breach.total,
                larger=predikat_labels(self.env, breach.larger),
            )
        if breach.code == distribution_rules.MAX_SHARE:
            return _(
                "%(predikat)s: %(share)s %% (%(count)s of %(total)s SKPs), more "
                "than the %(percent)s %% allowed.",
                predikat=names,
                share=share,
                count=breach.count,
                total=breach.total,
                percent=percent,
            )
        if breach.code == distribution_rules.MIN_SHARE:
            return _(
                "%(predikat)s: %(share)s %% (%(count)s of %(total)s SKPs), less "
                "than the %(percent)s %% required.",
                predikat=names,
                share=share,
                count=breach.count,
                total=breach.total,
                percent=percent,
            )
        return _(
            "There must be at least one SKP with %(predikat)s; there is none "
            "among the %(total)s SKPs.",
            predikat=names,
            total=breach.total,
        )

    # ------------------------------------------------------------------
    # Validation of the unit's SKPs
    # ------------------------------------------------------------------
    def _is_hr_officer(self):
        return self.env.su or self.env.user.has_group(
            "hr_asn_appraisal.group_hr_asn_officer"
        )

    def _get_rated_appraisals_by_unit(self):
        """{unit rating id: rated SKPs counted in its curve}."""
        return self._get_curve_appraisals([("state", "=", "rated")])

    def _get_rated_appraisals(self):
        appraisals = self.env["hr.asn.appraisal"]
        for rated in self._get_rated_appraisals_by_unit().values():
            appraisals |= rated
        return appraisals

    def _check_can_validate(self, override_reason=None):
        """Raise unless the user may validate every unit now, with this reason."""
        if not self._is_hr_officer():
            raise AccessError(_("Only an HR officer can validate the SKPs of a unit."))
        reason = (override_reason or "").strip()
        if not self.env.su:
            own = self._get_rated_appraisals().filtered(
                lambda appraisal: appraisal._is_appraisee(self.env.user)
            )
            if own:
                raise AccessError(
                    _(
                        "Your own SKP (%(skp)s) is among the rated SKPs of this "
                        "unit: another HR officer validates it.",
                        skp=own[0].display_name,
                    )
                )
        for unit_rating in self:
            if not unit_rating.count_to_validate:
                raise UserError(
                    _(
                        "%(unit)s has no rated SKP waiting for validation.",
                        unit=unit_rating.display_name,
                    )
                )
            if not unit_rating.is_compliant and not reason:
                raise UserError(
                    _(
                        "The predikat distribution of %(unit)s breaches the rule "
                        "of its organisational rating:\n%(breaches)s\nValidating "
                        "anyway needs a written reason.",
                        unit=unit_rating.display_name,
                        breaches=unit_rating.breach_text,
                    )
                )

    def action_validate_unit(self, override_reason=None):
        """Validate all rated SKPs of the units in one batch.

        When a unit's distribution breaches its rule, override_reason is
        required; it is stored and posted in the unit's chatter with the
        breaches it overrides.
        """
        # The counts are computed, not stored: read them afresh.
        self.invalidate_recordset()
        self._check_can_validate(override_reason)
        reason = (override_reason or "").strip()
        by_unit = self._get_rated_appraisals_by_unit()
        appraisals = self.env["hr.asn.appraisal"]
        for rated in by_unit.values():
            appraisals |= rated
        # Read before validation: the breaches are those HR overrides.
        breaches = {unit_rating.id: unit_rating.breach_text for unit_rating in self}
        appraisals.action_validate()
        now = fields.Datetime.now()
        for unit_rating in self:
            validated = by_unit[unit_rating.id]
            overridden = breaches[unit_rating.id]
            unit_rating.sudo().write(
                {
                    "override_reason": reason if overridden else False,
                    "date_validated": now,
                    "validated_user_id": self.env.uid,
                }
            )
            body = Markup("<p>%s</p>") % _(
                "SKPs validated: %(count)s (%(names)s).",
                count=len(validated),
                names=", ".join(validated.employee_id.mapped("name")),
            )
            if overridden:
                body += Markup("<p><b>%s</b></p><ul>%s</ul><p><b>%s</b> %s</p>") % (
                    _("Validated despite these breaches of the distribution rule:"),
                    Markup().join(
                        Markup("<li>%s</li>") % line for line in overridden.splitlines()
                    ),
                    _("Reason:"),
                    reason,
                )
            unit_rating.message_post(body=body, subtype_xmlid="mail.mt_note")
        self.invalidate_recordset()
        return True

    def action_open_validate_wizard(self):
        self.ensure_one()
        if not self._is_hr_officer():
            raise AccessError(_("Only an HR officer can validate the SKPs of a unit."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Validate the Unit's SKPs"),
            "res_model": "hr.asn.unit.rating.validate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_unit_rating_id": self.id},
        }

    def action_view_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_appraisal_action_all"
        )
        action["domain"] = [("id", "in", self._get_curve_appraisals([])[self.id].ids)]
        action["context"] = {"search_default_groupby_predikat": 1}
        return action

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(set(vals) & VALIDATION_FIELDS for vals in vals_list):
            raise UserError(
                _("The validation record is set only by the Validate button.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) & VALIDATION_FIELDS:
            raise UserError(
                _("The validation record changes only through the Validate button.")
            )
        if "include_sub_units" in vals:
            for unit_rating in self.filtered("date_validated"):
                if unit_rating.include_sub_units != bool(vals["include_sub_units"]):
                    raise UserError(
                        _(
                            "The SKPs of %(unit)s were validated with this scope: "
                            "whether sub-units are included no longer changes.",
                            unit=unit_rating.display_name,
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated(self):
        for unit_rating in self:
            if unit_rating.date_validated:
                raise UserError(
                    _(
                        "%(unit)s has validated SKPs: its organisational rating "
                        "is kept as their record.",
                        unit=unit_rating.display_name,
                    )
                )
