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
        help="Regular promotion (kenaikan pangkat reguler): 4 years in the rank, "
        "the last two validated SKPs at least Baik, no disciplinary sanction.",
    )
    asn_promotion_date = fields.Date(
        string="4 Years in Rank On",
        compute="_compute_asn_promotion",
        groups=OFFICER,
    )
    asn_promotion_skp_summary = fields.Char(
        string="Last Validated SKPs",
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
    def _get_done_predikats(self):
        """{employee id: [(cycle, predikat), ...]} of decided years, newest
        first: the year's result of each cycle (one or several SKPs, the
        cycle's method, decided predikat only; docs/year.md)."""
        years = self.env["hr.asn.appraisal"]._get_year_results(self.ids)
        cycles = (
            self.env["hr.asn.appraisal.cycle"]
            .sudo()
            .browse({cycle_id for _employee_id, cycle_id in years})
        )
        result = defaultdict(list)
        for (employee_id, cycle_id), predikat in sorted(
            years.items(),
            key=lambda item: (cycles.browse(item[0][1]).date_end, item[0][1]),
            reverse=True,
        ):
            if predikat:
                result[employee_id].append((cycles.browse(cycle_id), predikat))
        return result

    @api.depends_context("tz")
    @api.depends(
        "asn_type",
        "asn_rank_date",
        "asn_disciplinary_flag",
        "asn_appraisal_ids.state",
        "asn_appraisal_ids.decided_predikat",
    )
    def _compute_asn_promotion(self):
        today = fields.Date.context_today(self)
        done = self._origin._get_done_predikats()
        predikat_labels = dict(
            self.env["hr.asn.appraisal"]
            ._fields["predikat"]
            ._description_selection(self.env)
        )
        for employee in self:
            history = done.get(employee._origin.id or employee.id, [])
            recent = history[: promotion_rules.SKP_COUNT]
            result = promotion_rules.promotion_eligibility(
                employee.asn_type,
                employee.asn_rank_date,
                today,
                [predikat for _cycle, predikat in recent],
                employee.asn_disciplinary_flag,
            )
            employee.asn_promotion_eligible = result.eligible
            employee.asn_promotion_date = result.eligible_from
            employee.asn_promotion_skp_summary = "; ".join(
                f"{cycle.name}: {predikat_labels.get(predikat, '-')}"
                for cycle, predikat in recent
            )
            employee.asn_promotion_reasons = "\n".join(
                employee._promotion_reason_message(reason, recent, predikat_labels)
                for reason in result.reasons
            )

    def _promotion_reason_message(self, reason, recent, predikat_labels):
        """One translated sentence for a rules.promotion.Reason."""
        code, params = reason.code, reason.params
        if code == promotion_rules.NOT_PNS:
            return _("Only a PNS is promoted in rank (pangkat).")
        if code == promotion_rules.NO_RANK_DATE:
            return _("The TMT pangkat (start of the current rank) is not recorded.")
        if code == promotion_rules.YEARS_IN_RANK_SHORT:
            return _(
                "Less than %(years)s years in the current rank: complete on %(date)s.",
                years=params["years"],
                date=format_date(self.env, params["eligible_from"]),
            )
        if code == promotion_rules.MISSING_SKP:
            return _(
                "%(required)s validated SKPs are needed; found %(found)s.",
                required=params["required"],
                found=params["found"],
            )
        if code == promotion_rules.PREDIKAT_BELOW_BAIK:
            cycle = recent[params["position"] - 1][0]
            return _(
                "The SKP of %(cycle)s has the predikat %(predikat)s, below Baik.",
                cycle=cycle.name,
                predikat=predikat_labels.get(params["predikat"], "-"),
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
