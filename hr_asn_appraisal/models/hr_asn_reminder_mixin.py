import threading
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors
from markupsafe import escape

from odoo import fields, models
from odoo.tools import SQL, split_every
from odoo.tools.mail import generate_tracking_message_id

from ..rules import reminders as reminder_rules
from .hr_asn_confidential_mixin import AUDIENCE_KEY

# The light layout of Odoo's notification e-mails (no reply buttons).
NOTIFY_LAYOUT = "mail.mail_notification_light"


class HrAsnReminderMixin(models.AbstractModel):
    """Send the reminders a document needs today, never the same one twice.

    A model using it says which reminders are due (``_get_due_reminders``)
    and which mail template each kind uses (``_get_reminder_template``); the
    mixin removes what was sent recently (``hr.asn.reminder.log``), logs and
    sends the rest, rendering each template once per language.
    """

    _name = "hr.asn.reminder.mixin"
    _description = "ASN Appraisal Reminders"

    def _get_role_user(self, role):
        self.ensure_one()
        people = {
            "employee": self.employee_id,
            "appraiser": self.appraiser_id,
            "appraiser_parent": self.appraiser_parent_id,
        }
        return people[role].user_id

    def _get_reminder_policy(self):
        self.ensure_one()
        cycle = self.cycle_id
        return reminder_rules.ReminderPolicy(
            days_before_deadline=cycle.reminder_days_before,
            approval_days=cycle.reminder_approval_days,
            escalation_days=cycle.reminder_escalation_days,
        )

    def _get_due_reminders(self, today):
        """[(record, kind, user)] due today."""
        raise NotImplementedError

    def _get_reminder_template(self, kind):
        raise NotImplementedError

    def _send_due_reminders(self, today=None):
        """Send what is due for these records; return how many were sent."""
        today = today or fields.Date.context_today(self)
        records = self.sudo()
        planned = records._get_due_reminders(today)
        if not planned:
            return 0
        longest = max(records.cycle_id.mapped("reminder_interval_days"))
        recent = (
            self.env["hr.asn.reminder.log"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", records.ids),
                    ("date", ">", today - timedelta(days=longest)),
                ],
                ["res_id", "kind", "user_id", "date"],
            )
        )
        last_sent = {}
        for log in recent:
            key = (log.res_id, log.kind, log.user_id.id)
            last_sent[key] = max(last_sent.get(key, log.date), log.date)
        to_send = [
            (record, kind, user)
            for record, kind, user in planned
            if not (
                (last := last_sent.get((record.id, kind, user.id)))
                and (today - last).days < record.cycle_id.reminder_interval_days
            )
        ]
        to_send = self._claim_reminders(to_send, today)
        self._send_reminders(to_send)
        return len(to_send)

    def _claim_reminders(self, to_send, today, res_model=None):
        """Log the reminders about to be sent; return those this run may send.

        The log's unique index decides between two runs at once (the scheduled
        action and a run by hand, or two servers): a reminder that another
        transaction logged first is skipped here, instead of failing the run.
        Under PostgreSQL's repeatable read, an insert that conflicts with a row
        committed after this transaction began raises a serialization failure
        even with ON CONFLICT DO NOTHING; then each row is tried on its own.
        """
        if not to_send:
            return []
        rows = [
            (res_model or self._name, record.id, kind, user.id, today)
            for record, kind, user in to_send
        ]
        cr = self.env.cr
        self.env["hr.asn.reminder.log"].flush_model()

        def insert(batch):
            cr.execute(
                SQL(
                    "INSERT INTO hr_asn_reminder_log "
                    "(res_model, res_id, kind, user_id, date) VALUES %s "
                    "ON CONFLICT DO NOTHING RETURNING res_id, kind, user_id",
                    SQL(", ").join(SQL("%s", row) for row in batch),
                ),
                log_exceptions=False,
            )
            return set(cr.fetchall())

        try:
            with cr.savepoint(flush=False):
                claimed = insert(rows)
        except psycopg2.errors.SerializationFailure:
            claimed = set()
            for row in rows:
                try:
                    with cr.savepoint(flush=False):
                        claimed |= insert([row])
                except psycopg2.errors.SerializationFailure:
                    continue  # logged (and sent) by the concurrent run
        return [
            (record, kind, user)
            for record, kind, user in to_send
            if (record.id, kind, user.id) in claimed
        ]

    def _send_reminders(self, to_send):
        groups = defaultdict(list)
        for record, kind, user in to_send:
            template = record._get_reminder_template(kind)
            groups[(template, user.lang or "en_US")].append((record, user))
        notices = []
        for (template_xmlid, lang), items in groups.items():
            # Rendered once for all recipients: as for each of them under the
            # confidentiality policy (a value withheld from one is left out).
            template = (
                self.env.ref(template_xmlid)
                .sudo()
                .with_context(**{AUDIENCE_KEY: [user.id for _record, user in items]})
            )
            res_ids = list({record.id for record, _user in items})
            subjects = template._render_field("subject", res_ids, set_lang=lang)
            bodies = template._render_field("body_html", res_ids, set_lang=lang)
            notices += [
                (record, user, subjects[record.id], bodies[record.id])
                for record, user in items
            ]
        self._notify_users(notices)

    # ------------------------------------------------------------------
    # Posting many notifications at once
    # ------------------------------------------------------------------
    def _notify_users(self, notices, layout=NOTIFY_LAYOUT):
        """Notify each user of ``notices`` ``[(record, user, subject, body)]``
        (records of this model) as ``record.message_notify(partner_ids=...,
        subject=..., body=..., subtype_xmlid="mail.mt_note",
        email_layout_xmlid=layout)`` does, for many at once.

        Each notice gives the same message (a user notification on the
        record), the same inbox notification and live update for a user
        notified in Odoo, the same e-mail (Odoo's own recipient grouping and
        layout rendering) for a user notified by e-mail, and the same push to
        the user's devices. What is done together: the messages are created
        in one batch, the recipients, followers and devices are read in one
        query each, the notifications and the e-mails are created in one batch
        each. E-mails go as Odoo sends notification e-mails: right after the
        commit when fewer than ``mail.mail.force.send.limit`` (100) were made,
        else by the mail queue, which is woken up.

        Returns the messages, in the order of the notices.
        """
        if not notices:
            return self.env["mail.message"]
        records = self.sudo()._fallback_lang()
        records = records.browse(list(dict.fromkeys(n[0].id for n in notices)))
        author_id, email_from = records._message_compute_author(
            None, None, raise_on_email=False
        )
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        alias_domains = records._mail_get_alias_domains(
            default_company=self.env.company
        )
        companies = records._mail_get_companies(default=self.env.company)
        reply_to = records._notify_get_reply_to(default=email_from)
        values_list = [
            {
                "author_id": author_id,
                "email_from": email_from,
                "model": self._name,
                "record_name": False,
                "res_id": record.id,
                "body": escape(body),
                "is_internal": True,
                "message_type": "user_notification",
                "subject": subject,
                "subtype_id": subtype_id,
                "message_id": generate_tracking_message_id("message-notify"),
                "partner_ids": user.partner_id.ids,
                "email_add_signature": True,
                "email_layout_xmlid": layout,
                "record_alias_domain_id": alias_domains[record.id].id,
                "record_company_id": companies[record.id].id,
                "reply_to": reply_to[record.id],
            }
            for record, user, subject, body in notices
        ]
        messages = records._message_create(values_list)
        records._notify_users_deliver(messages, values_list)
        return messages

    def _notify_users_deliver(self, messages, values_list):
        """Odoo's ``_notify_thread`` (inbox, e-mail, web push) for the messages
        of ``_notify_users``, in batches."""
        env = self.env
        partner_ids = sorted(
            {pid for vals in values_list for pid in vals["partner_ids"]}
        )
        recipients = env["mail.followers"]._get_recipient_data(
            env["mail.thread"],
            "user_notification",
            values_list[0]["subtype_id"],
            pids=partner_ids,
        )[0]
        env.cr.execute(
            SQL(
                "SELECT res_id, partner_id FROM mail_followers "
                "WHERE res_model = %s AND res_id = ANY(%s) AND partner_id = ANY(%s)",
                self._name,
                self.ids,
                partner_ids,
            )
        )
        following = set(env.cr.fetchall())
        # As Odoo: nobody is notified of a message they wrote.
        author_pid = False
        if not env.context.get("mail_notify_author"):
            author_pid = (
                env.user.partner_id.id
                if env.user.active
                else values_list[0]["author_id"]
            )
        inbox, by_email = [], []
        for message, vals in zip(messages, values_list, strict=True):
            record = self.browse(vals["res_id"])
            data = [
                {**recipients[pid], "is_follower": (record.id, pid) in following}
                for pid in vals["partner_ids"]
                if pid in recipients
                and pid != author_pid
                and recipients[pid]["active"] is not False
            ]
            inbox += [(record, message, vals, r) for r in data if r["notif"] == "inbox"]
            email_data = [r for r in data if r["notif"] == "email"]
            if email_data:
                by_email.append((record, message, vals, email_data))
        if inbox:
            self._notify_users_by_inbox(inbox)
        if by_email:
            self._notify_users_by_email(by_email)

    def _notify_users_by_inbox(self, inbox):
        """[(record, message, message values, recipient data)]: the inbox
        notifications, the live update of each user's inbox, the web push."""
        env = self.env
        env["mail.notification"].sudo().create(
            [
                {
                    "author_id": vals["author_id"],
                    "mail_message_id": message.id,
                    "notification_status": "sent",
                    "notification_type": "inbox",
                    "res_partner_id": data["id"],
                }
                for _record, message, vals, data in inbox
            ]
        )
        followers = (
            env["mail.followers"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", list({record.id for record, *_ in inbox})),
                    ("partner_id", "in", list({data["id"] for *_, data in inbox})),
                ]
            )
        )
        for _record, message, vals, data in inbox:
            if not data["uid"]:
                continue
            user = env["res.users"].browse(data["uid"])
            user._bus_send_store(
                message.with_user(user).with_context(allowed_company_ids=[]),
                msg_vals=vals,
                for_current_user=True,
                add_followers=True,
                followers=followers,
                notification_type="mail.message/inbox",
            )
        # Web push: only to users notified in Odoo, and only those with a
        # registered device (one query for all).
        with_device = set(
            env["mail.push.device"]
            .sudo()
            .search([("partner_id", "in", list({d["id"] for *_, d in inbox}))])
            .partner_id.ids
        )
        for record, message, vals, data in inbox:
            if data["id"] in with_device:
                record._notify_thread_by_web_push(message, [data], vals)

    def _notify_users_by_email(self, by_email):
        """[(record, message, message values, recipients data)]: the e-mails,
        each rendered by Odoo's notification layout for its recipient group,
        created together with their notifications."""
        env = self.env
        batch_size = (
            int(env["ir.config_parameter"].sudo().get_param("mail.batch_size")) or 50
        )
        mail_values, recipients_of_mail = [], []
        for record, message, vals, email_data in by_email:
            # A new message has no tracking: saves Odoo's search for it.
            render_vals = {**vals, "tracking_value_ids": []}
            base = record._notify_by_email_get_base_mail_values(
                message, additional_values={"auto_delete": True}
            )
            for (
                _lang,
                render_values,
                group,
            ) in record._notify_get_classified_recipients_iterator(
                message, email_data, msg_vals=render_vals
            ):
                body = record._notify_by_email_render_layout(
                    message, group, msg_vals=render_vals, render_values=render_values
                )
                for chunk in split_every(batch_size, group.pop("recipients")):
                    mail_values.append(
                        record._notify_by_email_get_final_mail_values(
                            list(chunk), base, additional_values={"body_html": body}
                        )
                    )
                    recipients_of_mail.append((message, vals, list(chunk)))
        emails = env["mail.mail"].sudo().create(mail_values)
        env["mail.notification"].sudo().create(
            [
                {
                    "author_id": vals["author_id"],
                    "is_read": True,
                    "mail_mail_id": email.id,
                    "mail_message_id": message.id,
                    "notification_status": "ready",
                    "notification_type": "email",
                    "res_partner_id": pid,
                }
                for email, (message, vals, pids) in zip(
                    emails, recipients_of_mail, strict=True
                )
                for pid in pids
            ]
        )
        # As Odoo's _notify_thread_by_email: a few are sent right after the
        # commit (at once in tests), many go through the mail queue.
        test_mode = getattr(threading.current_thread(), "testing", False)
        force_send = env.context.get("mail_notify_force_send", True)
        if force_send:
            limit = int(
                env["ir.config_parameter"]
                .sudo()
                .get_param("mail.mail.force.send.limit", 100)
            )
            force_send = len(emails) < limit
        if force_send and (not self.pool._init or test_mode):
            if test_mode:
                emails.send()
            else:
                emails.send_after_commit()
        elif emails:
            env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
