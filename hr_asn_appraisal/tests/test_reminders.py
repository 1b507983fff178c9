from freezegun import freeze_time

from odoo.tests import tagged

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestReminders(AsnAppraisalCase):
    def _notified(self, user, skp):
        return self.env["mail.message"].search(
            [
                ("model", "=", "hr.asn.appraisal"),
                ("res_id", "=", skp.id),
                ("partner_ids", "in", user.partner_id.ids),
            ]
        )

    def test_deadline_reminder_once_per_interval(self):
        """Two runs the same day send one reminder; the next comes a week later."""
        self.cycle.filing_deadline = "2026-01-31"
        skp = self._create_skp(self.emp_staff)
        with freeze_time("2026-01-25"):
            self.assertEqual(skp._send_due_reminders(), 1)
            self.assertEqual(skp._send_due_reminders(), 0)
        self.assertEqual(len(self._notified(self.user_staff, skp)), 1)
        self.assertIn("SKP 2026", self._notified(self.user_staff, skp).subject)
        with freeze_time("2026-01-28"):
            self.assertEqual(skp._send_due_reminders(), 0)
        with freeze_time("2026-02-02"):
            # Past the deadline: the employee and, as escalation, the appraiser.
            self.assertEqual(skp._send_due_reminders(), 2)
        self.assertEqual(len(self._notified(self.user_appraiser, skp)), 1)

    def test_approval_escalates_to_appraiser_superior(self):
        with freeze_time("2026-01-05"):
            skp = self._create_skp(self.emp_staff)
            skp.with_user(self.user_staff).action_submit()
        with freeze_time("2026-01-13"):
            skp._send_due_reminders()
        self.assertEqual(len(self._notified(self.user_appraiser, skp)), 1)
        self.assertFalse(self._notified(self.user_head, skp))
        with freeze_time("2026-01-20"):
            # The scheduled action itself, twice: one escalation.
            self.env["hr.asn.appraisal"]._cron_send_reminders()
            self.env["hr.asn.appraisal"]._cron_send_reminders()
        escalation = self._notified(self.user_head, skp)
        self.assertEqual(len(escalation), 1)
        self.assertIn("Overdue", escalation.subject)

    def test_reminder_in_the_recipient_language(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hr_asn_appraisal"], ["id_ID"])
        self.user_staff.lang = "id_ID"
        self.cycle.filing_deadline = "2026-01-31"
        skp = self._create_skp(self.emp_staff)
        with freeze_time("2026-01-25"):
            skp._send_due_reminders()
        message = self._notified(self.user_staff, skp)
        self.assertEqual(len(message), 1)
        self.assertIn("batas", message.subject.lower())

    def test_nothing_for_done_or_closed(self):
        skp = self._rated_skp()
        skp.with_user(self.user_hr).action_validate()
        with freeze_time("2027-03-01"):
            self.assertEqual(skp._send_due_reminders(), 0)

    def test_periodic_evaluation_reminders(self):
        """End of Triwulan I: the employee is reminded; once overdue, the
        appraiser too; never twice the same day."""
        skp = self._approved_skp()
        checkin = skp.checkin_ids.filtered(lambda c: c.period_name == "Triwulan I")
        self.assertEqual(len(checkin), 1)
        with freeze_time("2026-03-20"):
            self.assertEqual(checkin._send_due_reminders(), 0)
        with freeze_time("2026-03-28"):
            self.assertEqual(checkin._send_due_reminders(), 1)
            self.assertEqual(checkin._send_due_reminders(), 0)
        with freeze_time("2026-04-10"):
            self.assertEqual(checkin._send_due_reminders(), 2)
        messages = self.env["mail.message"].search(
            [("model", "=", "hr.asn.checkin"), ("res_id", "=", checkin.id)]
        )
        self.assertIn(self.user_appraiser.partner_id, messages.partner_ids)
        self.assertIn("Triwulan I", " ".join(filter(None, messages.mapped("subject"))))
