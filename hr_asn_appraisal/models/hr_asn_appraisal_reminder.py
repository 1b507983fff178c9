from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from ..rules import reminders as reminder_rules

TEMPLATE_BY_KIND = {
    reminder_rules.DEADLINE_NEAR: "hr_asn_appraisal.mail_template_skp_deadline_near",
    reminder_rules.DRAFT_OVERDUE: "hr_asn_appraisal.mail_template_skp_draft_overdue",
    reminder_rules.APPROVAL_DUE: "hr_asn_appraisal.mail_template_skp_approval_due",
    reminder_rules.APPROVAL_OVERDUE: "hr_asn_appraisal.mail_template_skp_escalation",
    reminder_rules.RATING_DUE: "hr_asn_appraisal.mail_template_skp_rating_due",
    reminder_rules.RATING_OVERDUE: "hr_asn_appraisal.mail_template_skp_escalation",
}


class HrAsnAppraisal(models.Model):
    """Reminders and escalation for SKPs waiting on someone (scheduled action)."""

    _inherit = "hr.asn.appraisal"

    def _get_role_user(self, role):
        self.ensure_one()
        people = {
            "employee": self.employee_id,
            "appraiser": self.appraiser_id,
            "appraiser_parent": self.appraiser_parent_id,
        }
        return people[role].user_id

    @api.model
    def _cron_send_reminders(self):
        """Scheduled action: remind each actor of what is due."""
        skps = self.sudo().search(
            [
                ("state", "in", ("draft", "submitted", "approved")),
                ("cycle_id.state", "=", "open"),
            ]
        )
        return skps._send_due_reminders()

    def _send_due_reminders(self, today=None):
        """Send the reminders due today for these SKPs; never one twice.

        Everything is read in a few queries; one log row per reminder sent,
        protected by a unique index, makes a second run the same day send
        nothing. Returns the number of reminders sent.
        """
        today = today or fields.Date.context_today(self)
        skps = self.sudo().filtered(
            lambda s: (
                s.state in ("draft", "submitted", "approved")
                and s.cycle_id.state == "open"
            )
        )
        planned = []
        for skp in skps:
            cycle = skp.cycle_id
            policy = reminder_rules.ReminderPolicy(
                days_before_deadline=cycle.reminder_days_before,
                approval_days=cycle.reminder_approval_days,
                escalation_days=cycle.reminder_escalation_days,
            )
            facts = reminder_rules.SkpFacts(
                state=skp.state,
                filing_deadline=cycle.filing_deadline,
                cycle_end=cycle.date_end,
                submitted_on=skp.date_submitted and skp.date_submitted.date(),
            )
            for kind, role in reminder_rules.due_reminders(facts, today, policy):
                user = skp._get_role_user(role)
                if user:
                    planned.append((skp, kind, user))
        if not planned:
            return 0
        longest = max(skps.cycle_id.mapped("reminder_interval_days"))
        recent = (
            self.env["hr.asn.reminder.log"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", skps.ids),
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
            (skp, kind, user)
            for skp, kind, user in planned
            if not (
                (last := last_sent.get((skp.id, kind, user.id)))
                and (today - last).days < skp.cycle_id.reminder_interval_days
            )
        ]
        self.env["hr.asn.reminder.log"].sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": skp.id,
                    "kind": kind,
                    "user_id": user.id,
                    "date": today,
                }
                for skp, kind, user in to_send
            ]
        )
        self._send_reminders(to_send)
        return len(to_send)

    def _send_reminders(self, to_send):
        """Render each template once per language, then notify each person."""
        groups = defaultdict(list)
        for skp, kind, user in to_send:
            groups[(TEMPLATE_BY_KIND[kind], user.lang or "en_US")].append((skp, user))
        for (template_xmlid, lang), items in groups.items():
            template = self.env.ref(template_xmlid).sudo()
            res_ids = list({skp.id for skp, _user in items})
            subjects = template._render_field("subject", res_ids, set_lang=lang)
            bodies = template._render_field("body_html", res_ids, set_lang=lang)
            for skp, user in items:
                skp.sudo().message_notify(
                    partner_ids=user.partner_id.ids,
                    subject=subjects[skp.id],
                    body=bodies[skp.id],
                    subtype_xmlid="mail.mt_note",
                    email_layout_xmlid="mail.mail_notification_light",
                )
