from odoo import models

from ..rules import reminders as reminder_rules

TEMPLATE_BY_KIND = {
    reminder_rules.CHECKIN_DUE: "hr_asn_appraisal.mail_template_checkin_due",
    reminder_rules.CHECKIN_OVERDUE: "hr_asn_appraisal.mail_template_checkin_overdue",
    reminder_rules.CHECKIN_REVIEW_DUE: (
        "hr_asn_appraisal.mail_template_checkin_review_due"
    ),
    reminder_rules.CHECKIN_REVIEW_OVERDUE: (
        "hr_asn_appraisal.mail_template_checkin_escalation"
    ),
}


class HrAsnCheckin(models.Model):
    """Reminders for periodic evaluations: at the end of each period, for review."""

    _name = "hr.asn.checkin"
    _inherit = ["hr.asn.checkin", "hr.asn.reminder.mixin"]

    def _get_due_reminders(self, today):
        planned = []
        for checkin in self.filtered(
            lambda c: (
                c.state in ("draft", "submitted")
                and c.cycle_id.state == "open"
                and c.appraisal_id.state in ("approved", "rated")
            )
        ):
            facts = reminder_rules.CheckinFacts(
                state=checkin.state,
                period_end=checkin.date_end,
                deadline=checkin.date_deadline or checkin.date_end,
                submitted_on=checkin.date_submitted and checkin.date_submitted.date(),
            )
            policy = checkin._get_reminder_policy()
            for kind, role in reminder_rules.due_checkin_reminders(
                facts, today, policy
            ):
                user = checkin._get_role_user(role)
                if user:
                    planned.append((checkin, kind, user))
        return planned

    def _get_reminder_template(self, kind):
        return TEMPLATE_BY_KIND[kind]
