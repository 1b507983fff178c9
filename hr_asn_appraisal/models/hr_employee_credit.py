# A further extension of hr.employee in this addon, on purpose: each feature
# keeps its fields in its own file so that parallel branches merge cleanly.
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models

from ..rules import credit as credit_rules
from ..rules import promotion as promotion_rules

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"
NEXT_STEPS = [("rank", "Next Rank"), ("level", "Next Level")]


class HrEmployee(models.Model):
    """The path of a JF officer to the next rank or level: the credit points
    accumulated at the current level (Peraturan BKN 3/2023, rules/credit.py),
    from the decided figures of the validated SKPs."""

    _inherit = "hr.employee"

    asn_credit_level_total = fields.Float(
        string="Credit Points at the Level",
        digits=(16, 3),
        compute="_compute_asn_credit",
        groups=OFFICER,
        help="Credit points decided for the validated SKPs held at the "
        "current JF level, all years together.",
    )
    asn_credit_rank_total = fields.Float(
        string="Credit Points in the Rank",
        digits=(16, 3),
        compute="_compute_asn_credit",
        groups=OFFICER,
        help="Credit points at the current level from the SKPs that end on or "
        "after the TMT pangkat.",
    )
    asn_credit_next = fields.Selection(
        NEXT_STEPS,
        string="Credit Points Toward",
        compute="_compute_asn_credit",
        groups=OFFICER,
        help="The next rank inside the level, or at the level's top rank the "
        "next level (kenaikan jenjang).",
    )
    asn_credit_required = fields.Float(
        string="Credit Points Required",
        digits=(16, 3),
        compute="_compute_asn_credit",
        groups=OFFICER,
        help="Angka Kredit Kumulatif of the next step (the level's table).",
    )

    def _get_asn_credit_status(self):
        """{employee id: (level total, rank total, JfCredit or None)} for
        these employees: the decided credit points read in one query, the
        requirement tables once. None for an employee who is not a JF
        officer with a level."""
        Appraisal = self.env["hr.asn.appraisal"]
        jf = self.filtered(
            lambda e: (
                e.asn_position_type == credit_rules.FUNCTIONAL
                and e.asn_position_level in credit_rules.RANKS_BY_LEVEL
            )
        )
        if not jf:
            return {}
        rows = Appraisal._get_credit_rows_by_employee(jf)
        rank_reqs, level_reqs = self.env[
            "hr.asn.credit.coefficient"
        ]._get_requirements()
        result = {}
        for employee in jf:
            level = employee.asn_position_level
            own = rows.get(employee.id, [])
            level_total = credit_rules.cumulative(own, employee.id, level)
            rank_total = (
                credit_rules.cumulative(
                    own, employee.id, level, since=employee.asn_rank_date
                )
                if employee.asn_rank_date
                else 0.0
            )
            requirement = credit_rules.requirement(
                level, employee.asn_rank_id.code, rank_reqs, level_reqs
            )
            accumulated = (
                level_total if requirement and requirement[0] == "level" else rank_total
            )
            result[employee.id] = (
                level_total,
                rank_total,
                promotion_rules.JfCredit(requirement, accumulated),
            )
        return result

    @api.depends(
        "asn_position_type",
        "asn_position_level",
        "asn_rank_id",
        "asn_rank_date",
        "asn_appraisal_ids.state",
        # written with the decided figures at validation (credit_points
        # itself is confidential until then: not a dependency)
        "asn_appraisal_ids.decided_predikat",
        "asn_appraisal_ids.decided_position_level",
    )
    def _compute_asn_credit(self):
        status = self._origin._get_asn_credit_status()
        for employee in self:
            level_total, rank_total, jf_credit = status.get(
                employee._origin.id, (0.0, 0.0, None)
            )
            requirement = jf_credit.requirement if jf_credit else None
            employee.asn_credit_level_total = level_total
            employee.asn_credit_rank_total = rank_total
            employee.asn_credit_next = requirement[0] if requirement else False
            employee.asn_credit_required = requirement[1] if requirement else 0.0
