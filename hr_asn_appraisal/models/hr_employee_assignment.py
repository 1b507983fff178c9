# A further extension of hr.employee in this addon, on purpose: each feature
# keeps its fields in its own file so that parallel branches merge cleanly.
# pylint: disable=consider-merging-classes-inherited
from odoo import _, fields, models

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"


class HrEmployee(models.Model):
    """Joining and leaving dates, and the assignment history, which the
    position-change flow (hr.asn.assignment) keeps."""

    _inherit = "hr.employee"

    asn_date_joined = fields.Date(
        string="Start in Office (TMT)",
        groups="hr.group_hr_user",
        tracking=True,
        help="The day the employee started here: a CPNS's TMT CPNS, a transfer's "
        "TMT in this office. An SKP generated for a cycle starts on this day when "
        "it falls within the cycle.",
    )
    asn_date_left = fields.Date(
        string="Last Day in Service",
        groups="hr.group_hr_user",
        tracking=True,
        help="Set when HR records retirement, death, dismissal, CLTN or a transfer "
        "out: the running SKP ends on this day and no new one is generated.",
    )
    asn_assignment_ids = fields.One2many(
        "hr.asn.assignment",
        "employee_id",
        string="Assignment History",
        groups=OFFICER,
    )

    def action_asn_record_position_change(self):
        """Open the wizard that records a position change (or joining,
        leaving) of this employee."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record a Position Change"),
            "res_model": "hr.asn.position.change.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_employee_id": self.id},
        }
