from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import AsnAppraisalCase

CRON = "hr_asn_appraisal.ir_cron_hr_asn_reminders"


class ReminderJobCrash(Exception):
    """A worker dying in the middle of a batch, after it sent its messages."""


@tagged("post_install", "-at_install")
class TestReminderBatches(AsnAppraisalCase):
    """The reminders' scheduled action runs as committed, resumable batches
    (Odoo's batch protocol for scheduled actions), never sending twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.filing_deadline = "2026-01-31"
        cls.skps = cls.env["hr.asn.appraisal"]
        cls.staff_users = cls.env["res.users"]
        for index in range(5):
            user = new_test_user(
                cls.env,
                login=f"t_batch_{index}",
                groups="base.group_user",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
            employee = cls.env["hr.employee"].create(
                {
                    "name": f"Staf Batch {index}",
                    "company_id": cls.company.id,
                    "department_id": cls.unit.id,
                    "user_id": user.id,
                    "parent_id": cls.emp_appraiser.id,
                    "asn_type": "pns",
                    "asn_nip": f"199001012015031{index + 10:03d}",
                }
            )
            cls.staff_users |= user
            cls.skps |= cls._create_skp(employee)
        cls.env["ir.config_parameter"].sudo().set_param(
            "hr_asn_appraisal.reminder_batch_size", 2
        )

    def _run_once(self):
        """One call as the cron runner makes it: (handled, remaining, sent)."""
        cron, progress = self.env.ref(CRON)._add_progress()
        sent = (
            self.env["hr.asn.appraisal"]
            .with_context(ir_cron_progress_id=progress.id)
            ._cron_send_reminders()
        )
        return progress.done, progress.remaining, sent

    def _run_until_done(self, limit=500):
        calls = []
        for _call in range(limit):
            calls.append(self._run_once())
            if not calls[-1][1]:
                return calls
        self.fail("the reminder job never reported that nothing remains")

    def _reminders_to(self, user, skp):
        return self.env["mail.message"].search_count(
            [
                ("model", "=", "hr.asn.appraisal"),
                ("res_id", "=", skp.id),
                ("partner_ids", "in", user.partner_id.ids),
            ]
        )

    def _assert_each_reminded_once(self):
        for user, skp in zip(self.staff_users, self.skps, strict=True):
            self.assertEqual(self._reminders_to(user, skp), 1, skp.display_name)

    def test_batches_report_progress_and_remind_each_once(self):
        with freeze_time("2026-01-25"):
            calls = self._run_until_done()
        handled = [done for done, _remaining, _sent in calls]
        self.assertGreaterEqual(len(calls), 3, "five SKPs in batches of two")
        self.assertTrue(all(done <= 2 for done in handled), calls)
        # What the first call reported as remaining is what the others did.
        first_done, first_remaining, _sent = calls[0]
        self.assertEqual(sum(handled), first_done + first_remaining)
        self.assertEqual(calls[-1][1], 0)
        self._assert_each_reminded_once()
        self.assertGreaterEqual(sum(sent for *_rest, sent in calls), 5)

    def test_a_crashed_batch_is_done_again_and_nothing_twice(self):
        Appraisal = type(self.env["hr.asn.appraisal"])
        send = Appraisal._send_reminders
        crash = {"armed": False}

        def send_then_die(records, to_send):
            send(records, to_send)
            if crash["armed"] and to_send:
                raise ReminderJobCrash()

        self.patch(Appraisal, "_send_reminders", send_then_die)
        with freeze_time("2026-01-25"):
            self._run_once()
            crash["armed"] = True
            # The first batch that sends something dies after sending: the
            # runner's transaction of that call is rolled back, the messages,
            # the reminder log and the cursor of the batch together.
            for _call in range(100):
                try:
                    with self.env.cr.savepoint():
                        _done, remaining, _sent = self._run_once()
                except ReminderJobCrash:
                    break
                self.assertTrue(remaining, "the job ended without the crash")
            self.env.invalidate_all()
            crash["armed"] = False
            self._run_until_done()
        self._assert_each_reminded_once()

    def test_the_day_is_done_once_then_the_next_day_starts_over(self):
        with freeze_time("2026-01-25"):
            self._run_until_done()
            self.assertEqual(self._run_once(), (0, 0, 0))
        with freeze_time("2026-02-02"):
            # Past the deadline: every SKP is reminded again (and escalated).
            calls = self._run_until_done()
        self.assertGreaterEqual(sum(done for done, *_rest in calls), 5)
        for user, skp in zip(self.staff_users, self.skps, strict=True):
            self.assertEqual(self._reminders_to(user, skp), 2, skp.display_name)

    def test_run_manually_does_one_batch_and_triggers_the_rest(self):
        cron = self.env.ref(CRON)
        self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]).unlink()
        with freeze_time("2026-01-25"):
            cron.method_direct_trigger()
        reminded = sum(
            self._reminders_to(user, skp)
            for user, skp in zip(self.staff_users, self.skps, strict=True)
        )
        self.assertLessEqual(reminded, 2, "one batch of two")
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            "the rest is queued for the scheduler",
        )

    def test_a_call_from_code_still_does_everything(self):
        with freeze_time("2026-01-25"):
            self.env["hr.asn.appraisal"]._cron_send_reminders()
        self._assert_each_reminded_once()

    def test_posting_costs_the_same_queries_for_more_reminders(self):
        """The messages, notifications and e-mails of a batch are made
        together: two reminders or five take the same number of queries."""
        Appraisal = self.env["hr.asn.appraisal"].with_context(
            mail_notify_force_send=False
        )
        counts = []
        for size in (2, 5):
            notices = [
                (skp, user, f"Pengingat {size}", f"<p>{skp.display_name}</p>")
                for skp, user in list(zip(self.skps, self.staff_users, strict=True))[
                    :size
                ]
            ]
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Appraisal._notify_users(notices)
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertLessEqual(counts[1], counts[0] + 2, counts)
        for index, (user, skp) in enumerate(
            zip(self.staff_users, self.skps, strict=True)
        ):
            # the first two in both calls, the other three in the second
            expected = 2 if index < 2 else 1
            self.assertEqual(self._reminders_to(user, skp), expected, skp.display_name)
