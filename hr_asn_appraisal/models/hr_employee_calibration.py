# A second extension of hr.employee in this addon, on purpose: each feature
# keeps its fields in its own file so that parallel branches merge cleanly.
# pylint: disable=consider-merging-classes-inherited
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..rules import promotion as promotion_rules
from ..rules import training_hours as training_rules

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"
# Context key: the date promotion eligibility is judged on (default today).
PROMOTION_DATE_KEY = "asn_promotion_on"
TRAINING_STATUSES = [
    (training_rules.OK, "Within the Norm"),
    (training_rules.BELOW_MINIMUM, "Below the PNS Minimum"),
    (training_rules.ABOVE_MAXIMUM, "Above the PPPK Maximum"),
    (training_rules.NOT_APPLICABLE, "Not Applicable"),
]


class HrEmployee(models.Model):
    """Career follow-up on the employee: rank date, disciplinary flag,
    promotion eligibility and training hours."""

    _inherit = "hr.employee"

    # On hr.employee.public too (goes with the rank); every other field here
    # is for HR officers only (`groups`), see hr_employee.py.
    asn_rank_date = fields.Date(
        string="TMT Pangkat",
        tracking=True,
        help="Start of the current rank (terhitung mulai tanggal pangkat).",
    )
    asn_disciplinary_flag = fields.Boolean(
        string="Disciplinary Sanction",
        tracking=True,
        groups=OFFICER,
        help="A disciplinary sanction is in force: it blocks a regular promotion.",
    )
    asn_promotion_eligible = fields.Boolean(
        string="Eligible for Promotion",
        compute="_compute_asn_promotion",
        search="_search_asn_promotion_eligible",
        groups=OFFICER,
        help="Promotion in rank: 4 years in the rank (2 for a JF officer, with "
        "the credit points required), a validated predikat at least Baik in each "
        "of the two calendar years before today, no disciplinary sanction, "
        "nothing above IV/e.",
    )
    asn_promotion_date = fields.Date(
        string="Years in Rank Complete On",
        compute="_compute_asn_promotion",
        groups=OFFICER,
    )
    asn_promotion_skp_summary = fields.Char(
        string="Appraised Years",
        compute="_compute_asn_promotion",
        groups=OFFICER,
    )
    asn_promotion_reasons = fields.Text(
        string="Not Eligible Because",
        compute="_compute_asn_promotion",
        groups=OFFICER,
    )
    asn_training_hours_ids = fields.One2many(
        "hr.asn.training.hours",
        "employee_id",
        string="Training Hours",
        groups=OFFICER,
    )
    asn_training_jp = fields.Float(
        string="JP This Year",
        digits=(6, 1),
        compute="_compute_asn_training_jp",
        groups=OFFICER,
        help="Training hours (JP) from completed trainings in the current year.",
    )
    asn_training_jp_status = fields.Selection(
        TRAINING_STATUSES,
        string="JP Status",
        compute="_compute_asn_training_jp",
        groups=OFFICER,
        help="A PNS needs at least 20 JP a year; a PPPK gets at most 24 JP per "
        "contract year.",
    )

    # ------------------------------------------------------------------
    # Promotion
    # ------------------------------------------------------------------
    def _get_year_predikats(self):
        """{employee id: {calendar year: predikat}} of the decided years: the
        year's result of each cycle (one or several SKPs, the cycle's method,
        decided predikat only; docs/year.md), under the calendar year the
        cycle ends in. One query for the SKPs, one for their cycles."""
        years = self.env["hr.asn.appraisal"]._get_year_results(self.ids)
        cycles = (
            self.env["hr.asn.appraisal.cycle"]
            .sudo()
            .browse({cycle_id for _employee_id, cycle_id in years})
        )
        result = defaultdict(dict)
        for (employee_id, cycle_id), predikat in years.items():
            if predikat:
                result[employee_id][cycles.browse(cycle_id).date_end.year] = predikat
        return result

    @api.depends_context("tz", PROMOTION_DATE_KEY)
    @api.depends(
        "asn_type",
        "asn_rank_id",
        "asn_rank_date",
        "asn_disciplinary_flag",
        "asn_position_type",
        "asn_position_level",
        "asn_appraisal_ids.state",
        "asn_appraisal_ids.decided_predikat",
        "asn_appraisal_ids.decided_position_level",
    )
    def _compute_asn_promotion(self):
        """Promotion on the evaluation date (today, or the date in the
        context key ``asn_promotion_on``, e.g. the next promotion period): the
        two calendar years before it (rules/promotion.py), JF officers by
        their credit points."""
        today = fields.Date.to_date(
            self.env.context.get(PROMOTION_DATE_KEY)
        ) or fields.Date.context_today(self)
        by_year = self._origin._get_year_predikats()
        credit = self._origin._get_asn_credit_status()
        predikat_labels = dict(
            self.env["hr.asn.appraisal"]
            ._fields["predikat"]
            ._description_selection(self.env)
        )
        for employee in self:
            key = employee._origin.id or employee.id
            predikats = by_year.get(key, {})
            jf_credit = credit.get(key, (None, None, None))[2]
            result = promotion_rules.promotion_eligibility(
                employee.asn_type,
                employee.asn_rank_date,
                today,
                predikats,
                employee.asn_disciplinary_flag,
                rank_code=employee.asn_rank_id.code,
                jf_credit=jf_credit,
            )
            employee.asn_promotion_eligible = result.eligible
            employee.asn_promotion_date = result.eligible_from
            employee.asn_promotion_skp_summary = "; ".join(
                f"{year}: {predikat_labels.get(predikats.get(year), '-')}"
                for year in result.years
            )
            employee.asn_promotion_reasons = "\n".join(
                employee._promotion_reason_message(reason, predikat_labels)
                for reason in result.reasons
            )

    def _promotion_reason_message(self, reason, predikat_labels):
        """One translated sentence for a rules.promotion.Reason."""
        code, params = reason.code, reason.params
        if code == promotion_rules.NOT_PNS:
            return _("Only a PNS is promoted in rank (pangkat).")
        if code == promotion_rules.TOP_RANK:
            return _(
                "%(rank)s is the highest rank: there is no rank above it.",
                rank=params["rank"],
            )
        if code == promotion_rules.NO_RANK_DATE:
            return _("The TMT pangkat (start of the current rank) is not recorded.")
        if code == promotion_rules.YEARS_IN_RANK_SHORT:
            return _(
                "Less than %(years)s years in the current rank: complete on %(date)s.",
                years=params["years"],
                date=format_date(self.env, params["eligible_from"]),
            )
        if code == promotion_rules.MISSING_YEAR:
            return _(
                "No validated SKP result for %(year)s: the two years before the "
                "promotion date are needed.",
                year=params["year"],
            )
        if code == promotion_rules.PREDIKAT_BELOW_BAIK:
            return _(
                "The predikat of %(year)s is %(predikat)s, below Baik.",
                year=params["year"],
                predikat=predikat_labels.get(params["predikat"], "-"),
            )
        if code == promotion_rules.CREDIT_SHORT:
            if params["kind"] == "level":
                return _(
                    "%(accumulated)s credit points at the level; the next level "
                    "needs %(required)s.",
                    accumulated=round(params["accumulated"], 3),
                    required=params["required"],
                )
            return _(
                "%(accumulated)s credit points in the current rank; the next rank "
                "needs %(required)s.",
                accumulated=round(params["accumulated"], 3),
                required=params["required"],
            )
        if code == promotion_rules.NO_CREDIT_REQUIREMENT:
            return _(
                "No credit point requirement is recorded for the next step of "
                "this JF level and rank."
            )
        return _("A disciplinary sanction is recorded.")

    def _search_asn_promotion_eligible(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on promotion eligibility."))
        candidates = self.search([("asn_type", "=", "pns")])
        eligible = candidates.filtered("asn_promotion_eligible")
        if (operator == "=") == value:
            return [("id", "in", eligible.ids)]
        return [("id", "not in", eligible.ids)]

    # ------------------------------------------------------------------
    # Training hours
    # ------------------------------------------------------------------
    @api.depends_context("tz")
    @api.depends("asn_type", "asn_training_hours_ids.jp", "asn_training_hours_ids.year")
    def _compute_asn_training_jp(self):
        year = fields.Date.context_today(self).year
        totals = self.env["hr.asn.training.hours"]._get_totals(self._origin, [year])
        for employee in self:
            jp = totals.get((employee._origin.id, year), 0.0)
            employee.asn_training_jp = jp
            employee.asn_training_jp_status = training_rules.training_hours_status(
                employee.asn_type, jp
            )
