from freezegun import freeze_time

from odoo.tests import tagged

from .common_worklog import WorklogCase

SUBJECT = "Daily work log"


@tagged("post_install", "-at_install")
class TestWorklogReminders(WorklogCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.worklog_reminder_days = 3
        # Only this cycle's staff are watched (not those of the demo data).
        cls.env["hr.asn.appraisal.cycle"].search(
            [("id", "!=", cls.cycle.id)]
        ).worklog_reminder_days = 0
        cls.Appraisal = cls.env["hr.asn.appraisal"]

    def _received(self, user, text=SUBJECT):
        return self.env["mail.message"].search(
            [("partner_ids", "in", user.partner_id.ids), ("subject", "ilike", text)]
        )

    def _cron(self, day):
        with freeze_time(day):
            return self.Appraisal._cron_send_reminders()

    def test_one_reminder_per_gap(self):
        """Three working days without entries: one reminder and one digest,
        never repeated for the same gap; a new gap gets a new one."""
        self._log(date="2026-11-02")
        self._log(self.user_colleague, date="2026-11-05")
        # Tue 3 to Thu 5 missed, checked on Friday 6th: a gap.
        self._cron("2026-11-06 07:00:00")
        self._cron("2026-11-06 09:00:00")
        self.assertEqual(len(self._received(self.user_staff, "no entry since")), 1)
        digest = self._received(self.user_appraiser, "team digest")
        self.assertEqual(len(digest), 1)
        self.assertIn("Staf Satu", digest.body)
        self.assertNotIn("Staf Dua", digest.body)
        # The same gap, days later: nothing new.
        self._cron("2026-11-09 07:00:00")
        self._cron("2026-11-10 07:00:00")
        self.assertEqual(len(self._received(self.user_staff, "no entry since")), 1)
        # The staff logs again; a new gap from Wednesday 11th.
        self._log(date="2026-11-10")
        self._cron("2026-11-13 07:00:00")
        self.assertEqual(len(self._received(self.user_staff, "no entry since")), 1)
        self._cron("2026-11-16 07:00:00")
        self.assertEqual(len(self._received(self.user_staff, "no entry since")), 2)
        digests = self._received(self.user_appraiser, "team digest")
        # The colleague (last entry on the 5th) has had a gap since the 6th.
        self.assertEqual(len(digests), 3)
        self.assertEqual(len(digests.filtered(lambda m: "Staf Satu" in m.body)), 2)

    def test_weekend_is_not_a_gap(self):
        self._log(date="2026-11-12")
        self._log(self.user_colleague, date="2026-11-12")
        self._log(date="2026-11-13")
        self._log(self.user_colleague, date="2026-11-13")
        self._cron("2026-11-17 07:00:00")  # Monday 16th missed only
        self.assertFalse(self._received(self.user_staff))
        self.assertFalse(self._received(self.user_appraiser))

    def test_threshold_is_configurable_and_zero_is_off(self):
        self._log(date="2026-11-12")
        self.cycle.worklog_reminder_days = 0
        self._cron("2026-11-27 07:00:00")
        self.assertFalse(self._received(self.user_staff))
        self.cycle.worklog_reminder_days = 10
        self._cron("2026-11-27 07:00:00")  # 13th to 26th: 10 working days
        self.assertEqual(len(self._received(self.user_staff, "no entry since")), 1)

    def test_reminders_counted_by_the_cron(self):
        """The shared scheduled action reports the work log reminders it sent."""
        self._log(date="2026-11-02")
        self._log(self.user_colleague, date="2026-11-02")
        with freeze_time("2026-11-06 07:00:00"):
            first = self.Appraisal._send_worklog_gap_reminders()
            again = self.Appraisal._send_worklog_gap_reminders()
        # Staff and colleague, and the appraiser once for each of them.
        self.assertEqual((first, again), (4, 0))
        self.assertEqual(len(self._received(self.user_appraiser, "team digest")), 1)

    def test_one_digest_when_the_team_spans_batches(self):
        """The scheduled action in batches of one SKP: the staff and the
        colleague are reminded in two batches, each once, and their appraiser
        gets one digest of the day naming both (also after a second run)."""
        self._log(date="2026-11-02")
        self._log(self.user_colleague, date="2026-11-02")
        self.env["ir.config_parameter"].sudo().set_param(
            "hr_asn_appraisal.reminder_batch_size", 1
        )
        cron = self.env.ref("hr_asn_appraisal.ir_cron_hr_asn_reminders")
        calls = 0
        with freeze_time("2026-11-06 07:00:00"):
            while calls < 200:
                calls += 1
                cron, progress = cron._add_progress()
                self.Appraisal.with_context(
                    ir_cron_progress_id=progress.id
                )._cron_send_reminders()
                if not progress.remaining:
                    break
            self.Appraisal._cron_send_reminders()
        self.assertGreaterEqual(calls, 3, "two work log batches and the digest")
        self.assertEqual(len(self._received(self.user_staff, "no entry since")), 1)
        self.assertEqual(len(self._received(self.user_colleague, "no entry since")), 1)
        digest = self._received(self.user_appraiser, "team digest")
        self.assertEqual(len(digest), 1)
        self.assertIn("Staf Satu", digest.body)
        self.assertIn("Staf Dua", digest.body)

    def test_public_holidays_and_working_schedule(self):
        """Days off of everyone (public holidays, cuti bersama) are no gap, and
        a six-day working schedule makes Saturday a working day."""
        self._log(date="2026-11-02")
        self._log(self.user_colleague, date="2026-11-02")
        calendar = (
            self.emp_staff.resource_calendar_id or self.company.resource_calendar_id
        )
        tz_offset = 7  # Asia/Jakarta: the leave is stored in UTC
        calendar.tz = "Asia/Jakarta"
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Cuti bersama",
                "calendar_id": calendar.id,
                "date_from": f"2026-11-02 {24 - tz_offset}:00:00",  # Tue 3rd 00:00
                "date_to": "2026-11-04 16:59:59",  # Wed 4th 23:59 WIB
            }
        )
        # Tue 3 and Wed 4 are off: only Thu 5 missed on Friday 6th.
        self._cron("2026-11-06 07:00:00")
        self.assertFalse(self._received(self.user_staff))
        # Thu 5, Fri 6, Mon 9 missed: the gap starts on the 5th.
        self._cron("2026-11-10 07:00:00")
        reminders = self._received(self.user_staff, "no entry since")
        self.assertEqual(len(reminders), 1)
        self.assertEqual(
            self.env["hr.asn.reminder.log"]
            .search([("user_id", "=", self.user_staff.id), ("kind", "like", "worklog")])
            .mapped("kind"),
            ["worklog_gap:2026-11-05"],
        )

    def test_six_day_schedule_counts_saturday(self):
        six_days = self.env["resource.calendar"].create(
            {
                "name": "Sekolah (6 hari)",
                "company_id": self.company.id,
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": str(day),
                            "dayofweek": str(day),
                            "hour_from": 7,
                            "hour_to": 13,
                        },
                    )
                    for day in range(6)
                ],
            }
        )
        self.emp_staff.resource_calendar_id = six_days
        self._log(date="2026-11-12")  # Thursday
        self._log(self.user_colleague, date="2026-11-12")
        # Fri 13, Sat 14 and Mon 16 missed by the six-day staff only.
        self._cron("2026-11-17 07:00:00")
        self.assertEqual(len(self._received(self.user_staff, "no entry since")), 1)
        self.assertFalse(self._received(self.user_colleague, "no entry since"))
