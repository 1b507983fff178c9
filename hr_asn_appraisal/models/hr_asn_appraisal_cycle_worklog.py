from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrAsnAppraisalCycle(models.Model):
    """Daily work log settings of a cycle."""

    _inherit = "hr.asn.appraisal.cycle"

    worklog_reminder_days = fields.Integer(
        string="Remind After Working Days Without Log",
        default=3,
        tracking=True,
        help="Staff with an approved SKP who log no work for this many working "
        "days get a reminder, and their appraiser a digest; once per gap. "
        "Working days follow the employee's working schedule and its public "
        "holidays. 0 turns the reminder off.",
    )

    @api.constrains("worklog_reminder_days")
    def _check_worklog_reminder_days(self):
        for cycle in self:
            if cycle.worklog_reminder_days < 0:
                raise ValidationError(
                    _(
                        "The work log reminder of %(cycle)s cannot count negative "
                        "days.",
                        cycle=cycle.name,
                    )
                )
