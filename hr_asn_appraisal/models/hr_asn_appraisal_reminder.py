from odoo import api, models

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

    _name = "hr.asn.appraisal"
    _inherit = ["hr.asn.appraisal", "hr.asn.reminder.mixin"]

    @api.model
    def _cron_send_reminders(self):
        """Scheduled action: remind each actor of what is due, SKPs and check-ins."""
        skps = self.sudo().search(
            [
                ("state", "in", ("draft", "submitted", "approved")),
                ("cycle_id.state", "=", "open"),
            ]
        )
        count = skps._send_due_reminders()
        checkins = (
            self.env["hr.asn.checkin"]
            .sudo()
            .search(
                [
                    ("state", "in", ("draft", "submitted")),
                    ("cycle_id.state", "=", "open"),
                    ("appraisal_id.state", "in", ("approved", "rated")),
                ]
            )
        )
        return count + checkins._send_due_reminders()

    def _get_due_reminders(self, today):
        planned = []
        for skp in self.filtered(
            lambda s: (
                s.state in ("draft", "submitted", "approved")
                and s.cycle_id.state == "open"
            )
        ):
            facts = reminder_rules.SkpFacts(
                state=skp.state,
                filing_deadline=skp.cycle_id.filing_deadline,
                cycle_end=skp.cycle_id.date_end,
                submitted_on=skp.date_submitted and skp.date_submitted.date(),
            )
            policy = skp._get_reminder_policy()
            for kind, role in reminder_rules.due_reminders(facts, today, policy):
                user = skp._get_role_user(role)
                if user:
                    planned.append((skp, kind, user))
        return planned

    def _get_reminder_template(self, kind):
        return TEMPLATE_BY_KIND[kind]
