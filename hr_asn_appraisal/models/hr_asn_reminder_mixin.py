from collections import defaultdict
from datetime import timedelta

import psycopg2.errors

from odoo import fields, models
from odoo.tools import SQL

from ..rules import reminders as reminder_rules
from .hr_asn_confidential_mixin import AUDIENCE_KEY


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

    def _claim_reminders(self, to_send, today):
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
            (self._name, record.id, kind, user.id, today)
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
            for record, user in items:
                record.sudo().message_notify(
                    partner_ids=user.partner_id.ids,
                    subject=subjects[record.id],
                    body=bodies[record.id],
                    subtype_xmlid="mail.mt_note",
                    email_layout_xmlid="mail.mail_notification_light",
                )
