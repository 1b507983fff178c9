from odoo import _, api, models
from odoo.exceptions import UserError


class HrAsnAppraisalIki(models.Model):
    """An IKI whose realisasi was already submitted in a check-in stays."""

    _inherit = "hr.asn.appraisal.iki"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evaluated(self):
        """Draft check-ins lose the IKI's lines with it; others are locked."""
        lines = (
            self.env["hr.asn.checkin.iki"]
            .sudo()
            .search([("iki_id", "in", self.ids), ("checkin_id.state", "!=", "draft")])
        )
        if lines:
            raise UserError(
                _(
                    "IKI %(iki)s is part of the %(checkin)s check-in, already "
                    "submitted: it cannot be deleted.",
                    iki=lines[0].name,
                    checkin=lines[0].checkin_id.display_name,
                )
            )
