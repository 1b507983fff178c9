from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import periods as period_rules
from .hr_asn_appraisal_calendar import covered as period_covered
from .hr_asn_checkin import SKP_OPEN_STATES

# Who may create the missing check-ins of an approved SKP by hand.
CHECKIN_CREATORS = {"appraiser", "hr"}


class HrAsnAppraisal(models.Model):
    """Check-ins (periodic and annual evaluations) of the SKP."""

    _inherit = "hr.asn.appraisal"

    checkin_ids = fields.One2many(
        "hr.asn.checkin", "appraisal_id", string="Check-ins", readonly=True
    )
    checkin_count = fields.Integer(
        string="Check-in Count", compute="_compute_checkin_count"
    )
    can_create_checkins = fields.Boolean(compute="_compute_can_create_checkins")

    @api.depends("checkin_ids")
    def _compute_checkin_count(self):
        # One fetch of the one2many for the whole batch, shared with the form
        # that lists the check-ins (a separate count query was one more).
        for appraisal in self:
            appraisal.checkin_count = len(appraisal.checkin_ids)

    @api.depends_context("uid")
    @api.depends("state", "appraiser_id", "employee_id")
    def _compute_can_create_checkins(self):
        counts = dict(
            self.env["hr.asn.checkin"]
            .sudo()
            ._read_group(
                [("appraisal_id", "in", self.ids)], ["appraisal_id"], ["__count"]
            )
        )
        expected = {
            skp: len(periods)
            for skp, periods in self.filtered("cycle_id")._get_periods_by_skp().items()
        }
        for appraisal in self:
            appraisal.can_create_checkins = (
                appraisal.state in SKP_OPEN_STATES
                and counts.get(appraisal._origin, 0) < expected.get(appraisal, 0)
                and bool(appraisal._get_user_roles() & CHECKIN_CREATORS)
            )

    # ------------------------------------------------------------------
    # Workflow checks
    # ------------------------------------------------------------------
    def _check_transition_requirements(self, new_state):
        """The annual rating needs the annual evaluation (when the cycle asks)."""
        result = super()._check_transition_requirements(new_state)
        if (
            new_state == "rated"
            and self.state == "approved"
            and self.cycle_id.require_annual_evaluation
        ):
            problems = self._get_annual_evaluation_problems()
            if problems:
                raise UserError(
                    _(
                        "%(skp)s cannot be rated yet:\n%(problems)s",
                        skp=self.display_name,
                        problems="\n".join(f"- {p}" for p in problems),
                    )
                )
        return result

    def _get_annual_evaluation_problems(self):
        """What is missing from the annual evaluation before the annual rating."""
        self.ensure_one()
        skp = self.sudo()
        annual = skp.checkin_ids.filtered("is_annual")
        problems = []
        if annual.state not in ("submitted", "reviewed"):
            problems.append(
                _(
                    "the annual evaluation (%(period)s) has not been submitted",
                    period=annual.period_name or period_rules.ANNUAL_NAME,
                )
            )
        reported = annual.iki_ids.filtered(lambda line: line._has_realisation())
        for iki in skp.iki_ids - reported.iki_id:
            problems.append(
                _(
                    "IKI %(iki)s of RHK %(rhk)s has no realisasi in the annual "
                    "evaluation",
                    iki=iki.name,
                    rhk=iki.rhk_id.name,
                )
            )
        return problems

    # ------------------------------------------------------------------
    # Check-ins
    # ------------------------------------------------------------------
    def action_create_checkins(self):
        """Create the missing check-ins of approved SKPs (e.g. approved earlier)."""
        for appraisal in self:
            if appraisal.state not in SKP_OPEN_STATES:
                raise UserError(
                    _(
                        "%(skp)s is %(state)s: check-ins are created once the SKP "
                        "is approved.",
                        skp=appraisal.display_name,
                        state=appraisal._state_label(appraisal.state),
                    )
                )
            if not self.env.su and not (appraisal._get_user_roles() & CHECKIN_CREATORS):
                raise AccessError(
                    _(
                        "Only the appraiser or HR can create the check-ins of %(skp)s.",
                        skp=appraisal.display_name,
                    )
                )
        self._create_checkins()
        return True

    def _create_checkins(self):
        """One check-in per calendar evaluation period of the SKP's period
        (``_get_skp_period``), plus the annual one.

        Lines are pre-filled from the SKP's RHK and IKI. Idempotent: existing
        check-ins are kept (draft ones get lines for new RHK/IKI). One search and
        one create for the whole batch.
        """
        skps = self.sudo().filtered(lambda a: a.state in SKP_OPEN_STATES)
        if not skps:
            return self.env["hr.asn.checkin"]
        Checkin = self.env["hr.asn.checkin"].sudo()
        existing = Checkin.search([("appraisal_id", "in", skps.ids)])
        existing_codes = defaultdict(set)
        reviewed = defaultdict(list)
        for checkin in existing:
            existing_codes[checkin.appraisal_id.id].add(checkin.period_code)
            if checkin.state == "reviewed":
                reviewed[checkin.appraisal_id.id].append(checkin)
        vals_list = [
            skp._prepare_checkin_vals(period)
            for skp, periods in skps._get_periods_by_skp().items()
            for period in periods
            if period.code not in existing_codes[skp.id]
            # a check-in reviewed before the calendar periods covers it
            and not period_covered(period, reviewed[skp.id])
        ]
        existing._sync_lines()
        existing._sync_activities()
        return Checkin.create(vals_list)

    def _prepare_checkin_vals(self, period):
        self.ensure_one()
        Checkin = self.env["hr.asn.checkin"]
        return {
            "appraisal_id": self.id,
            "period_code": period.code,
            "period_name": period.name,
            "period_sequence": period.sequence,
            "is_annual": period.is_annual,
            "date_start": period.date_start,
            "date_end": period.date_end,
            "rhk_ids": [
                Command.create(Checkin._prepare_rhk_line_vals(rhk, sequence))
                for sequence, rhk in enumerate(self.rhk_ids, start=1)
            ],
        }

    def action_view_checkins(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_checkin_action"
        )
        action["domain"] = [("appraisal_id", "=", self.id)]
        action["context"] = {}
        return action
