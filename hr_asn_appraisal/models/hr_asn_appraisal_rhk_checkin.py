from odoo import _, api, models
from odoo.exceptions import UserError


class HrAsnAppraisalRhk(models.Model):
    """An RHK already evaluated in a check-in stays."""

    _inherit = "hr.asn.appraisal.rhk"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evaluated(self):
        """Draft check-ins lose the RHK's lines with it; others are locked."""
        lines = (
            self.env["hr.asn.checkin.rhk"]
            .sudo()
            .search([("rhk_id", "in", self.ids), ("checkin_id.state", "!=", "draft")])
        )
        if lines:
            raise UserError(
                _(
                    "RHK %(rhk)s is part of the %(checkin)s check-in, already "
                    "submitted: it cannot be deleted.",
                    rhk=lines[0].name,
                    checkin=lines[0].checkin_id.display_name,
                )
            )
