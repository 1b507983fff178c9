from odoo import fields, models

from ..rules import objection as objection_rules


class HrAsnAppraisalCycle(models.Model):
    _inherit = "hr.asn.appraisal.cycle"

    objection_days = fields.Integer(
        string="Keberatan Period (days)",
        required=True,
        default=objection_rules.DEFAULT_OBJECTION_DAYS,
        tracking=True,
        help="Number of days after an SKP is validated during which the employee "
        "can file a keberatan (objection) against it.",
    )

    _sql_constraints = [
        (
            "objection_days_check",
            "CHECK(objection_days >= 0)",
            "The keberatan period cannot be negative.",
        ),
    ]
