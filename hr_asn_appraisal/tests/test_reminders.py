from freezegun import freeze_time
from markupsafe import Markup

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

    def test_batched_posting_is_what_message_notify_posts(self):
        """The reminders are posted in batches (_notify_users): each recipient
        gets what Odoo's message_notify gives, by e-mail or in the inbox."""
        skp = self._create_skp(self.emp_staff).with_context(
            mail_notify_force_send=False
        )
        body = Markup("<p>Isi <b>SKP</b> Anda</p>")
        message_fields = [
            "author_id",
            "email_from",
            "model",
            "res_id",
            "record_name",
            "body",
            "is_internal",
            "message_type",
            "subject",
            "subtype_id",
            "partner_ids",
            "email_add_signature",
            "email_layout_xmlid",
            "record_alias_domain_id",
            "record_company_id",
            "reply_to",
            "parent_id",
        ]
        mail_fields = [
            "subject",
            "email_from",
            "reply_to",
            "headers",
            "auto_delete",
            "recipient_ids",
            "state",
            "is_notification",
            "body_html",
        ]
        for notification_type in ("email", "inbox"):
            self.user_staff.notification_type = notification_type
            odoo_message = skp.sudo().message_notify(
                partner_ids=self.user_staff.partner_id.ids,
                subject="Pengingat",
                body=body,
                subtype_xmlid="mail.mt_note",
                email_layout_xmlid="mail.mail_notification_light",
            )
            ours = skp._notify_users([(skp, self.user_staff, "Pengingat", body)])
            self.env.flush_all()
            self.assertEqual(len(ours), 1)
            for name in message_fields:
                self.assertEqual(ours[name], odoo_message[name], name)
            notifications = [
                self.env["mail.notification"]
                .search([("mail_message_id", "=", message.id)])
                .read(
                    [
                        "notification_type",
                        "notification_status",
                        "is_read",
                        "res_partner_id",
                        "author_id",
                    ]
                )
                for message in (odoo_message, ours)
            ]
            for notification in notifications[0] + notifications[1]:
                del notification["id"]
            self.assertEqual(notifications[1], notifications[0])
            self.assertEqual(len(notifications[0]), 1)
            self.assertEqual(
                notifications[0][0]["notification_type"], notification_type
            )
            mails = [
                self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
                for message in (odoo_message, ours)
            ]
            self.assertEqual(len(mails[1]), len(mails[0]))
            self.assertEqual(bool(mails[0]), notification_type == "email")
            for name in mail_fields if mails[0] else []:
                self.assertEqual(mails[1][name], mails[0][name], name)
