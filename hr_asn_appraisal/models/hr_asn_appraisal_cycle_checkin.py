from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

PERIOD_FIELDS = ("period_type", "date_start", "date_end")


class HrAsnAppraisalCycle(models.Model):
    """Check-in settings of a cycle."""

    _inherit = "hr.asn.appraisal.cycle"

    require_annual_evaluation = fields.Boolean(
        default=True,
        tracking=True,
        help="An SKP can only be rated once its annual evaluation (Tahunan) is "
        "submitted with a realisasi for every IKI.",
    )
    checkin_grace_days = fields.Integer(
        string="Check-in Grace Days",
        default=0,
        tracking=True,
        help="Days after a period's end during which a check-in still counts as "
        "on time; later submissions are accepted but flagged as late.",
    )

    @api.constrains("checkin_grace_days")
    def _check_checkin_grace_days(self):
        for cycle in self:
            if cycle.checkin_grace_days < 0:
                raise ValidationError(
                    _(
                        "The check-in grace days of %(cycle)s cannot be negative.",
                        cycle=cycle.name,
                    )
                )

    def _check_write(self, vals):
        changed = [name for name in PERIOD_FIELDS if name in vals]
        if changed:
            self._check_periods_unchanged(vals, changed)
        return super()._check_write(vals)

    def _check_periods_unchanged(self, vals, changed):
        """The evaluation periods are fixed once check-ins exist."""
        new_values = {
            name: self._fields[name].convert_to_cache(vals[name], self)
            for name in changed
        }
        moved = self.filtered(
            lambda c: any(c[name] != value for name, value in new_values.items())
        )
        if not moved:
            return
        counts = dict(
            self.env["hr.asn.checkin"]
            .sudo()
            ._read_group([("cycle_id", "in", moved.ids)], ["cycle_id"], ["__count"])
        )
        for cycle in moved:
            if counts.get(cycle):
                raise UserError(
                    _(
                        "The dates and evaluation period of %(cycle)s cannot change: "
                        "%(count)s check-ins already follow them.",
                        cycle=cycle.name,
                        count=counts[cycle],
                    )
                )
