# A further extension of hr.employee in this addon, on purpose: each feature
# keeps its fields in its own file so that parallel branches merge cleanly.
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"


class HrEmployee(models.Model):
    """The acting assignments (Plt/Plh) an employee holds."""

    _inherit = "hr.employee"

    asn_acting_ids = fields.One2many(
        "hr.asn.acting.assignment",
        "employee_id",
        string="Acting Assignments (Plt/Plh)",
        groups=OFFICER,
    )
