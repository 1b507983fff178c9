import logging
from collections import defaultdict

from odoo import api, fields, models

from ..rules import periods as period_rules
from .hr_asn_checkin import SKP_OPEN_STATES

_logger = logging.getLogger(__name__)

# SKPs whose check-ins are frozen: a migration never moves them.
FROZEN_SKP_STATES = ("done", "cancel")


def _overlap_days(period, checkin):
    start = max(period.date_start, checkin.date_start)
    end = min(period.date_end, checkin.date_end)
    return max((end - start).days + 1, 0)


def covered(period, reviewed):
    """Whether a reviewed check-in already evaluates ``period``: same code, or
    the same kind (periodic/annual) over more than half of its days."""
    days = (period.date_end - period.date_start).days + 1
    return any(
        checkin.period_code == period.code
        or (
            checkin.is_annual == period.is_annual
            and 2 * _overlap_days(period, checkin) > days
        )
        for checkin in reviewed
    )


class HrAsnAppraisal(models.Model):
    """The SKP's own period and its calendar evaluation periods.

    The evaluation periods are calendar periods (rules/periods.py: Triwulan I
    = January-March, whatever day the SKP starts on).
    """

    _inherit = "hr.asn.appraisal"

    def _get_skp_period(self):
        """(first day, last day) of the period this SKP covers: its own
        ``date_start``/``date_end`` (one SKP per position held, see
        hr_asn_appraisal_period.py), the cycle's while they are not set yet.
        Every period, month count and year of an SKP goes through it."""
        self.ensure_one()
        return (
            self.date_start or self.cycle_id.date_start,
            self.date_end or self.cycle_id.date_end,
        )

    def _get_skp_year(self):
        """The calendar year the SKP's results count for: the year of its
        last day (a calendar-year cycle's year)."""
        self.ensure_one()
        return self._get_skp_period()[1].year

    def _get_evaluation_periods(self):
        """The calendar evaluation periods of the SKP's period, then the
        annual one (rules/periods.py)."""
        self.ensure_one()
        start, end = self._get_skp_period()
        if not (start and end and self.cycle_id.period_type):
            return []
        return period_rules.evaluation_periods(start, end, self.cycle_id.period_type)

    def _get_periods_by_skp(self):
        """{SKP: evaluation periods}, computed once per distinct period."""
        cache, result = {}, {}
        for skp in self:
            key = (*skp._get_skp_period(), skp.cycle_id.period_type)
            if key not in cache:
                cache[key] = skp._get_evaluation_periods()
            result[skp] = cache[key]
        return result

    # ------------------------------------------------------------------
    # Migration: check-ins of open SKPs onto the calendar periods
    # ------------------------------------------------------------------
    @api.model
    def _realign_open_checkin_periods(self, batch_size=2000):
        """Move the check-ins of every SKP that is still open onto the
        calendar periods (called by the 18.0.1.1.0 migration). SKPs are read
        in batches; the ones already aligned are left alone."""
        Checkin = self.env["hr.asn.checkin"].sudo()
        skp_ids = sorted(
            {
                skp.id
                for (skp,) in Checkin._read_group(
                    [
                        ("state", "!=", "reviewed"),
                        ("appraisal_id.state", "not in", FROZEN_SKP_STATES),
                    ],
                    ["appraisal_id"],
                )
            }
        )
        moved = 0
        for index in range(0, len(skp_ids), batch_size):
            skps = self.sudo().browse(skp_ids[index : index + batch_size])
            moved += skps._realign_checkin_periods()
            skps.invalidate_recordset()
        _logger.info("Calendar periods: %s check-ins re-aligned", moved)
        return moved

    def _realign_checkin_periods(self):
        """Re-align the open check-ins of these SKPs to their calendar
        periods; returns how many check-ins changed.

        Reviewed check-ins, and every check-in of a validated or cancelled
        SKP, are final and stay as they are. A calendar period that a reviewed
        check-in already evaluates (same code, or more than half of its days)
        is not given a second check-in. Each open check-in takes the free
        calendar period of its kind it overlaps most (in order); the free
        periods left get a new check-in; an open check-in left without a
        period keeps its period (and a ``-before`` suffix on its code if a
        calendar period now uses it), for HR to look at.
        """
        skps = self.sudo().filtered(lambda s: s.state not in FROZEN_SKP_STATES)
        if not skps:
            return 0
        checkins = (
            self.env["hr.asn.checkin"]
            .sudo()
            .search([("appraisal_id", "in", skps.ids)], order="period_sequence, id")
        )
        by_skp = defaultdict(lambda: self.env["hr.asn.checkin"].sudo())
        for checkin in checkins:
            by_skp[checkin.appraisal_id] |= checkin
        updates, renames, to_create = [], [], []
        for skp, periods in skps._get_periods_by_skp().items():
            skp_checkins = by_skp.get(skp)
            if not skp_checkins:
                continue
            reviewed = skp_checkins.filtered(lambda c: c.state == "reviewed")
            open_checkins = skp_checkins - reviewed
            free = [p for p in periods if not covered(p, reviewed)]
            assigned = {}
            for checkin in open_checkins:
                candidates = [
                    p
                    for p in free
                    if p.is_annual == checkin.is_annual and p not in assigned.values()
                ]
                if not candidates:
                    continue
                assigned[checkin] = max(
                    candidates,
                    key=lambda p, c=checkin: (_overlap_days(p, c), -p.sequence),
                )
            used_codes = {p.code for p in assigned.values()} | set(
                reviewed.mapped("period_code")
            )
            for checkin in open_checkins:
                period = assigned.get(checkin)
                if period is None:
                    if checkin.period_code in used_codes:
                        renames.append((checkin, checkin.period_code))
                    continue
                if (
                    checkin.period_code,
                    checkin.period_name,
                    checkin.period_sequence,
                    checkin.date_start,
                    checkin.date_end,
                ) != (
                    period.code,
                    period.name,
                    period.sequence,
                    period.date_start,
                    period.date_end,
                ):
                    updates.append((checkin, period))
            if skp.state in SKP_OPEN_STATES:
                to_create.extend(
                    skp._prepare_checkin_vals(p)
                    for p in free
                    if p not in assigned.values()
                    and p.code not in set(skp_checkins.mapped("period_code"))
                )
        # Free the codes first: two check-ins of an SKP may swap codes.
        for checkin in [c for c, _p in updates] + [c for c, _code in renames]:
            checkin.period_code = f"~{checkin.id}"
        self.env["hr.asn.checkin"].flush_model(["period_code"])
        for checkin, code in renames:
            checkin.period_code = f"{code}-before"
        for checkin, period in updates:
            vals = {
                "period_code": period.code,
                "period_name": period.name,
                "period_sequence": period.sequence,
                "date_start": period.date_start,
                "date_end": period.date_end,
            }
            if checkin.date_first_submitted:
                vals["submitted_late"] = period_rules.is_late(
                    fields.Date.context_today(checkin, checkin.date_first_submitted),
                    period.date_end,
                    max(checkin.cycle_id.checkin_grace_days, 0),
                )
            checkin.write(vals)
        if to_create:
            self.env["hr.asn.checkin"].sudo().create(to_create)
        return len(updates) + len(renames)
