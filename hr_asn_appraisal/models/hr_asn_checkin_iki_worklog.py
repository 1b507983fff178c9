from collections import defaultdict

from odoo import fields, models


class HrAsnCheckinIki(models.Model):
    """The realisasi the daily work log proposes for an IKI of a check-in."""

    _inherit = "hr.asn.checkin.iki"

    log_realisation = fields.Float(
        string="Realisasi (Daily Log)",
        digits=(16, 2),
        compute="_compute_log_realisation",
        help="Sum of the period's work log outputs for this IKI: those naming it, "
        "and those of its RHK in the IKI's unit.",
    )

    def _compute_log_realisation(self):
        by_checkin = defaultdict(lambda: self.browse())
        for line in self:
            by_checkin[line.checkin_id] |= line
        checkins = self.env["hr.asn.checkin"].union(*by_checkin)
        rollups = checkins._get_worklog_rollup()
        for checkin, lines in by_checkin.items():
            totals = rollups.get(checkin._origin.id, ({}, []))[0]
            for line in lines:
                line.log_realisation = totals.get(line.iki_id.id, 0.0)
