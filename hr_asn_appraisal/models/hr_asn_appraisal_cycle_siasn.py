from odoo import _, models


class HrAsnAppraisalCycle(models.Model):
    """HR's "Queue for SIASN" on a cycle: its validated SKPs and reviewed
    periodic evaluations that were not sent yet (or changed since)."""

    _inherit = "hr.asn.appraisal.cycle"

    def action_siasn_queue(self):
        """Queue the cycle's validated SKPs and reviewed periodic evaluations
        not sent yet, failed, or changed since sent. The data is checked when
        sent (a province's cycle is too large to check in this request):
        what SIASN cannot take shows as failed with the reason."""
        self._check_hr_officer()
        self.check_access("read")
        Sync = self.env["hr.asn.siasn.sync"]
        count, skipped = 0, []
        for cycle in self:
            skps = (
                self.env["hr.asn.appraisal"]
                .sudo()
                .search([("cycle_id", "=", cycle.id), ("state", "=", "done")])
            )
            checkins = (
                self.env["hr.asn.checkin"]
                .sudo()
                .search(
                    [
                        ("cycle_id", "=", cycle.id),
                        ("state", "=", "reviewed"),
                        ("is_annual", "=", False),
                    ]
                )
            )
            for documents in (skps, checkins):
                queued, left = Sync._queue(documents, check_payload=False)
                count += queued
                skipped += left
        message = _("Queued for SIASN: %(count)s.", count=count)
        if skipped:
            message += " " + _(
                "Already sent and unchanged: %(count)s.", count=len(skipped)
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
