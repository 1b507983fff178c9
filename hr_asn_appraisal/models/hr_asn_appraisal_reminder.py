from odoo import api, fields, models

from ..rules import reminders as reminder_rules

REMINDER_CRON = "hr_asn_appraisal.ir_cron_hr_asn_reminders"
# SKPs (or check-ins) per committed batch: about 6 s each at 500
BATCH_SIZE_PARAM = "hr_asn_appraisal.reminder_batch_size"
DEFAULT_BATCH_SIZE = 500

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
        """Scheduled action: remind each actor of what is due.

        Run by the scheduler, one batch per call (Odoo's batch protocol for
        scheduled actions: the runner commits after each call and calls again
        while work remains), so a province's reminders never hit the cron time
        limit. Called from code (no cron progress in the context), everything
        is done in this transaction. Returns how many reminders were sent.
        """
        today = fields.Date.context_today(self)
        phases = self._get_reminder_phases(today)
        if not self.env.context.get("ir_cron_progress_id"):
            return sum(
                handler(Model.search(domain, order="id"))
                for _phase, (Model, domain), handler in phases
            )
        batch_size = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(BATCH_SIZE_PARAM, DEFAULT_BATCH_SIZE)
        )
        _handled, sent = (
            self.env["hr.asn.job.cursor"]
            .sudo()
            ._run_batch(self.env.ref(REMINDER_CRON), phases, max(batch_size, 1), today)
        )
        return sent

    @api.model
    def _get_reminder_phases(self, today):
        """[(phase, (model, domain), handler)] the reminder job goes through,
        in order; feature slices add theirs."""
        return [
            (
                "skp",
                (
                    self.sudo(),
                    [
                        ("state", "in", ("draft", "submitted", "approved")),
                        ("cycle_id.state", "=", "open"),
                    ],
                ),
                lambda skps: skps._send_due_reminders(today),
            ),
            (
                "checkin",
                (
                    self.env["hr.asn.checkin"].sudo(),
                    [
                        ("state", "in", ("draft", "submitted")),
                        ("cycle_id.state", "=", "open"),
                        ("appraisal_id.state", "in", ("approved", "rated")),
                    ],
                ),
                lambda checkins: checkins._send_due_reminders(today),
            ),
        ]

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
                # The SKP's own deadline and end: an SKP started by a
                # transfer in July is not late in January's terms.
                filing_deadline=skp.filing_deadline,
                cycle_end=skp.date_end,
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
