from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, format_date

from ..rules import worklog as worklog_rules

GAP_KIND = "worklog_gap"
DIGEST_KIND = "worklog_gap_digest"


class HrAsnAppraisal(models.Model):
    """Reminders for staff who log no work, and a digest for their appraiser.

    Run by the same scheduled action as the other reminders. Each reminder is
    recorded in hr.asn.reminder.log under a kind that names the first day of
    the gap (``worklog_gap:2026-11-02``): the same gap is never reminded twice,
    whatever the day the action runs; a new gap (after a new entry) has a new
    first day.
    """

    _inherit = "hr.asn.appraisal"

    @api.model
    def _get_reminder_phases(self, today):
        return [
            *super()._get_reminder_phases(today),
            (
                "worklog",
                (self.sudo(), self._get_worklog_gap_domain(today)),
                lambda skps: self._send_worklog_gap_reminders(today, skps),
            ),
            # After every batch of the work log phase: an appraiser whose team
            # spans several batches gets one digest with all of it.
            (
                "worklog_digest",
                (
                    self.env["hr.asn.reminder.log"].sudo(),
                    self._get_worklog_digest_domain(today),
                ),
                lambda lines: self._send_worklog_digests(today, lines),
            ),
        ]

    @api.model
    def _get_worklog_gap_domain(self, today):
        return [
            ("state", "=", "approved"),
            ("cycle_id.state", "=", "open"),
            ("cycle_id.worklog_reminder_days", ">", 0),
            ("cycle_id.date_start", "<", today),
            ("employee_id.user_id", "!=", False),
        ]

    @api.model
    def _get_worklog_digest_domain(self, today):
        """The digest lines logged today: one per SKP with a new gap, for its
        appraiser."""
        return [
            ("res_model", "=", self._name),
            ("kind", "=like", f"{DIGEST_KIND}:%"),
            ("date", "=", today),
        ]

    @api.model
    def _send_worklog_gap_reminders(self, today=None, skps=None):
        """Remind staff with a gap in their work log (of these SKPs, else of
        every SKP that may have one) and log the line of each gap for the
        appraiser's digest; return reminders sent and digest lines logged.

        Given SKPs (a batch of the scheduled action), the digests are left to
        the action's next phase, once every batch is done; else they are sent
        here."""
        today = today or fields.Date.context_today(self)
        everything = skps is None
        if everything:
            skps = self.sudo().search(self._get_worklog_gap_domain(today))
        if not skps:
            return 0
        last_dates = skps._get_last_worklog_dates()
        working_time = skps._get_worklog_working_time(
            min(skps.cycle_id.mapped("date_start")), today
        )
        planned = []
        for skp in skps:
            cycle = skp.cycle_id
            start = cycle.date_start
            if skp.date_approved:
                start = max(start, skp.date_approved.date())
            # No gap after the cycle: count up to its last day at most.
            until = min(today, cycle.date_end + timedelta(days=1))
            weekdays, holidays = working_time[skp.id]
            gap = worklog_rules.log_gap(
                last_dates.get(skp.id),
                start,
                until,
                cycle.worklog_reminder_days,
                weekdays=weekdays,
                holidays=holidays,
            )
            if not gap:
                continue
            planned.append(
                (skp, f"{GAP_KIND}:{gap.isoformat()}", skp.employee_id.user_id, gap)
            )
            appraiser_user = skp.appraiser_id.user_id
            if appraiser_user:
                planned.append(
                    (skp, f"{DIGEST_KIND}:{gap.isoformat()}", appraiser_user, gap)
                )
        if not planned:
            if everything:
                self._send_worklog_digests(today)
            return 0
        Log = self.env["hr.asn.reminder.log"].sudo()
        sent = {
            (log.res_id, log.kind, log.user_id.id)
            for log in Log.search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", [skp.id for skp, *_rest in planned]),
                    ("kind", "in", [kind for _skp, kind, *_rest in planned]),
                ],
                ["res_id", "kind", "user_id"],
            )
        }
        gap_of = {(skp.id, kind, user.id): gap for skp, kind, user, gap in planned}
        # Logged with the reminder log's unique index deciding between two
        # runs at once: what another run logged first is not sent again.
        claimed = self._claim_reminders(
            [
                (skp, kind, user)
                for skp, kind, user, _gap in planned
                if (skp.id, kind, user.id) not in sent
            ],
            today,
        )
        notices = [
            (
                skp,
                user,
                *skp._get_worklog_gap_notice(user, gap_of[skp.id, kind, user.id]),
            )
            for skp, kind, user in claimed
            if not kind.startswith(DIGEST_KIND)
        ]
        self._notify_users(notices)
        if everything:
            self._send_worklog_digests(today)
        return len(claimed)

    @api.model
    def _send_worklog_digests(self, today, lines=None):
        """Send each appraiser of these digest lines (else of all logged
        today) their one digest of the day, with every gap logged for them
        today.

        A digest is claimed in the reminder log (kind ``worklog_gap_digest``
        on the appraiser's user, unique per day) before it is sent: a batch
        that meets an appraiser already digested today skips them, so a team
        spread over several batches, or a second run, gives one digest."""
        Log = self.env["hr.asn.reminder.log"].sudo()
        domain = self._get_worklog_digest_domain(today)
        if lines is None:
            lines = Log.search(domain)
        users = lines.user_id
        if not users:
            return 0
        claimed = self.env["res.users"].browse(
            user.id
            for user, _kind, _user in self._claim_reminders(
                [(user, DIGEST_KIND, user) for user in users],
                today,
                res_model="res.users",
            )
        )
        if not claimed:
            return 0
        items = defaultdict(list)
        all_lines = Log.search_fetch(
            [*domain, ("user_id", "in", claimed.ids)], ["res_id", "kind", "user_id"]
        )
        skps = self.sudo().browse(all_lines.mapped("res_id"))
        for line in all_lines:
            gap = fields.Date.to_date(line.kind.split(":", 1)[1])
            items[line.user_id].append((skps.browse(line.res_id), gap))
        for user, user_items in items.items():
            self._notify_worklog_digest(user, user_items)
        # The lines were counted as the reminders they are when logged.
        return 0

    def _get_worklog_working_time(self, date_from, date_to):
        """{SKP id: (weekdays, holidays)} from the employee's working schedule
        (else the company's): the weekdays it has attendances on, and the days
        off it shares with everyone (public holidays and cuti bersama, i.e.
        leaves of the schedule not tied to one person) between the two dates.

        Two queries whatever the number of SKPs.
        """
        skps = self.sudo()
        calendar_of = {
            skp.id: skp.employee_id.resource_calendar_id
            or skp.company_id.resource_calendar_id
            for skp in skps
        }
        calendars = self.env["resource.calendar"].sudo().union(*calendar_of.values())
        weekdays = {
            calendar.id: frozenset(
                int(day) for day in calendar.attendance_ids.mapped("dayofweek")
            )
            or worklog_rules.WEEKDAYS
            for calendar in calendars
        }
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search_fetch(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [*calendars.ids, False]),
                    ("date_from", "<=", datetime.combine(date_to, time.max)),
                    ("date_to", ">=", datetime.combine(date_from, time.min)),
                ],
                ["calendar_id", "date_from", "date_to"],
            )
        )
        holidays = {}
        for calendar in calendars:
            # Stored in UTC: the days are those of the schedule's time zone.
            tz = pytz.timezone(calendar.tz or "UTC")
            days = set()
            for leave in leaves:
                if leave.calendar_id not in (calendar, leave.calendar_id.browse()):
                    continue
                first = pytz.utc.localize(leave.date_from).astimezone(tz).date()
                last = pytz.utc.localize(leave.date_to).astimezone(tz).date()
                while first <= last:
                    days.add(first)
                    first += timedelta(days=1)
            holidays[calendar.id] = frozenset(days)
        return {
            skp_id: (
                weekdays.get(calendar.id, worklog_rules.WEEKDAYS),
                holidays.get(calendar.id, frozenset()),
            )
            for skp_id, calendar in calendar_of.items()
        }

    def _get_last_worklog_dates(self):
        """{SKP id: date of its employee's last entry for it}.

        One query; per SKP, the last entry is found by a backward scan of the
        (employee_id, date) index rather than by aggregating every entry of the
        year (millions of rows at scale).
        """
        if not self:
            return {}
        self.env["hr.asn.work.log"].flush_model(["employee_id", "appraisal_id", "date"])
        self.flush_model(["employee_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT s.id,
                       (SELECT l.date
                          FROM hr_asn_work_log l
                         WHERE l.employee_id = s.employee_id
                           AND l.appraisal_id = s.id
                      ORDER BY l.date DESC
                         LIMIT 1)
                  FROM hr_asn_appraisal s
                 WHERE s.id = ANY(%s)
                """,
                self.ids,
            )
        )
        return {skp_id: last for skp_id, last in self.env.cr.fetchall() if last}

    def _get_worklog_gap_notice(self, user, gap):
        """(subject, body) of the reminder to ``user``, in their language."""
        self.ensure_one()
        lang_env = self.with_context(lang=user.lang or "en_US").env
        body = Markup("<p>%s</p>") % lang_env._(
            "You have logged no work since %(date)s. Please fill in your daily "
            "work log for %(skp)s.",
            date=format_date(lang_env, gap),
            skp=self.display_name,
        )
        subject = lang_env._(
            "Daily work log: no entry since %(date)s",
            date=format_date(lang_env, gap),
        )
        return subject, body

    @api.model
    def _notify_worklog_digest(self, user, items):
        lang_env = self.with_context(lang=user.lang or "en_US").env
        rows = Markup("").join(
            Markup("<li>%s — %s</li>")
            % (
                skp.employee_id.name,
                lang_env._("no entry since %(date)s", date=format_date(lang_env, gap)),
            )
            for skp, gap in sorted(items, key=lambda item: item[0].employee_id.name)
        )
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            lang_env._("These members of your team have stopped logging their work:"),
            rows,
        )
        self.env["mail.thread"].sudo().message_notify(
            partner_ids=user.partner_id.ids,
            subject=lang_env._("Daily work log: team digest"),
            body=body,
            subtype_xmlid="mail.mt_note",
            email_layout_xmlid="mail.mail_notification_light",
        )
