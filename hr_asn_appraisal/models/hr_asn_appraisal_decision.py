from collections import defaultdict

from odoo import api, fields, models

from ..rules import credit as credit_rules
from .hr_asn_appraisal import PREDIKATS
from .hr_employee import POSITION_LEVELS, POSITION_TYPES

# The figures a validation decides, in the order they are shown. The server
# writes them (``_freeze_decisions``); a caller never does.
DECISION_FIELDS = (
    "decided_predikat",
    "decided_position_type",
    "decided_position_level",
    "decided_months",
    "credit_coefficient",
    "credit_points",
    "allowance_adjustment",
    "allowance_rule_id",
)


class HrAsnAppraisal(models.Model):
    """Frozen decisions: what the validation of an SKP decided for its year.

    When an SKP is validated, its predikat, the employee's position type and
    level, the JF credit coefficient and credit points and the performance
    allowance adjustment (with the table row it came from) are stored as they
    are on that day. A later promotion, coefficient change or allowance table
    change never rewrites a validated year (DOMAIN.md, "Decided figures are
    frozen"). A decided keberatan decides the predikat again and what follows
    from it, on the position of the validation. An HR reopen clears the
    figures: a reopened SKP is not decided, and its next validation decides
    again with the data of that day.
    """

    _inherit = "hr.asn.appraisal"

    decided_predikat = fields.Selection(
        PREDIKATS,
        string="Predikat Kinerja (as decided)",
        readonly=True,
        copy=False,
        help="The predikat of the validated SKP, as decided at validation or "
        "by the keberatan decision.",
    )
    decided_position_type = fields.Selection(
        POSITION_TYPES,
        string="Position Type (as decided)",
        readonly=True,
        copy=False,
        help="The employee's position type on the day the SKP was validated.",
    )
    decided_position_level = fields.Selection(
        POSITION_LEVELS,
        string="Position Level (as decided)",
        readonly=True,
        copy=False,
        help="The employee's position level on the day the SKP was validated.",
    )
    decided_months = fields.Integer(
        string="Months (as decided)",
        readonly=True,
        copy=False,
        help="Calendar months of the SKP's period served at the decided level, "
        "that prorate its credit points (months/12): the months of the SKP's "
        "period, at most the months served HR recorded.",
    )
    credit_coefficient = fields.Float(
        string="Credit Coefficient (as decided)",
        digits=(6, 2),
        readonly=True,
        copy=False,
        help="Annual credit point coefficient of the JF level on the day the "
        "SKP was validated.",
    )
    credit_points = fields.Float(
        string="Angka Kredit",
        digits=(16, 3),
        readonly=True,
        copy=False,
        tracking=True,
        help="JF credit points of the cycle, decided at validation: percentage "
        "by predikat x the level's annual coefficient x months served / 12.",
    )
    allowance_adjustment = fields.Float(
        string="Allowance Adjustment (%)",
        digits=(5, 2),
        readonly=True,
        copy=False,
        tracking=True,
        help="Performance allowance (tunjangan kinerja) adjustment of the "
        "predikat, from the company's table on the day the SKP was validated.",
    )
    allowance_rule_id = fields.Many2one(
        "hr.asn.allowance.rule",
        string="Allowance Table Row",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The row of the allowance table the adjustment was taken from "
        "(none: the predikat had no row, 0 %).",
    )

    # ------------------------------------------------------------------
    # Server-owned fields
    # ------------------------------------------------------------------
    @api.model
    def _get_decision_fields(self):
        """Names of the fields only the server writes: the decided figures."""
        return set(DECISION_FIELDS)

    # ------------------------------------------------------------------
    # Freezing
    # ------------------------------------------------------------------
    def _get_credit_months(self):
        """Months the credit points of this SKP count: the calendar months of
        its period (rules/credit.py ``months_in_period``), at most the months
        served HR recorded."""
        self.ensure_one()
        start, end = self._get_skp_period()
        period_months = (
            credit_rules.months_in_period(start, end)
            if start and end
            else credit_rules.MONTHS_IN_YEAR
        )
        return min(self.months_served, period_months)

    def _prepare_decision_vals(
        self, coefficients, allowance_rules, position=None, months=None
    ):
        """The decided figures of this SKP.

        :param coefficients: {JF level: annual coefficient}, read once
        :param allowance_rules: {(company id, predikat): allowance rule}, read once
        :param position: (position type, level) to keep, or None for the
            employee's position of today
        :param months: the months to keep, or None for the SKP's months now
        """
        self.ensure_one()
        if position is None:
            employee = self.employee_id
            position = (employee.asn_position_type, employee.asn_position_level)
        position_type, position_level = position
        if months is None:
            months = self._get_credit_months()
        coefficient, points = credit_rules.jf_credit(
            position_type,
            position_level,
            self.predikat,
            months,
            coefficients,
        )
        rule = allowance_rules.get((self.company_id.id, self.predikat))
        return {
            "decided_predikat": self.predikat or False,
            "decided_position_type": position_type or False,
            "decided_position_level": position_level or False,
            "decided_months": months,
            "credit_coefficient": coefficient or 0.0,
            "credit_points": points,
            "allowance_adjustment": rule.adjustment_percent if rule else 0.0,
            "allowance_rule_id": rule.id if rule else False,
        }

    def _write_decisions(self, keep_position=False):
        """Compute and store the decided figures of these SKPs in one pass:
        the tables are read once, the SKPs with the same figures written
        together."""
        if not self:
            return
        appraisals = self.sudo()
        table = self.env["hr.asn.credit.coefficient"]._get_coefficients()
        rules = self.env["hr.asn.allowance.rule"]._get_rules(appraisals.company_id)
        batches = defaultdict(list)
        for appraisal in appraisals:
            position, coefficients, months = None, table, None
            if keep_position:
                months = appraisal.decided_months
                position = (
                    appraisal.decided_position_type,
                    appraisal.decided_position_level,
                )
                coefficients = {
                    appraisal.decided_position_level: appraisal.credit_coefficient
                }
            vals = appraisal._prepare_decision_vals(
                coefficients, rules, position, months
            )
            batches[tuple(sorted(vals.items()))].append(appraisal.id)
        for vals, ids in batches.items():
            appraisals.browse(ids).write(dict(vals))

    def _freeze_decisions(self):
        """Record what the validation decides, with today's position and
        tables. Call once these SKPs have entered ``done``."""
        self._write_decisions()
        return True

    def _freeze_objection_decision(self):
        """A keberatan decision changed the ratings of these validated SKPs:
        the predikat, the credit points and the allowance follow the new
        predikat. The position, the coefficient and the months stay
        those decided at validation (the year's facts); the allowance row is
        the company's row of the new predikat."""
        self._write_decisions(keep_position=True)
        return True

    def _clear_decisions(self):
        """A reopened SKP is no longer decided; its next validation decides
        again. The previous figures stay in the chatter (tracking)."""
        if self:
            self.sudo().write(dict.fromkeys(DECISION_FIELDS, False))
        return True

    @api.model
    def _fill_missing_decided_months(self):
        """SKPs validated before the months were stored were decided with
        their months served: record those (18.0.1.1.0 migration). One query."""
        self.flush_model(["state", "months_served", "decided_months"])
        self.env.cr.execute(
            """
            UPDATE hr_asn_appraisal
               SET decided_months = LEAST(GREATEST(months_served, 0), 12)
             WHERE state = 'done' AND decided_months IS NULL
            """
        )
        count = self.env.cr.rowcount
        self.invalidate_model(["decided_months"])
        return count

    @api.model
    def _freeze_missing_decisions(self):
        """Give the SKPs validated before the figures were stored their
        decided figures, from the data of the day of the update (what the
        earlier computed fields showed). Called by data on every install and
        update; SKPs already decided are never touched."""
        self.sudo().search(
            [("state", "=", "done"), ("decided_predikat", "=", False)]
        )._freeze_decisions()
        return True

    # ------------------------------------------------------------------
    # ORM (the transitions freeze through the SKP's _on_enter_done hook)
    # ------------------------------------------------------------------
    def _get_server_owned_fields(self):
        return super()._get_server_owned_fields() | self._get_decision_fields()

    @api.model_create_multi
    def create(self, vals_list):
        appraisals = super().create(vals_list)
        # Loaded already validated (demo data, a superuser's import).
        appraisals.filtered(lambda a: a.state == "done")._freeze_decisions()
        return appraisals
