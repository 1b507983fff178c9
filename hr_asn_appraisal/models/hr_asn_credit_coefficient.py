from odoo import api, fields, models

from .hr_employee import LEVELS_BY_POSITION_TYPE, POSITION_LEVELS

JF_LEVELS = [
    (code, label)
    for code, label in POSITION_LEVELS
    if code in LEVELS_BY_POSITION_TYPE["fungsional"]
]


class HrAsnCreditCoefficient(models.Model):
    """The annual credit point coefficient (koefisien) of a JF level.

    Shipped as data from DOMAIN.md. A change applies to the SKPs validated
    afterwards; a validated SKP keeps the coefficient it was decided with.
    """

    _name = "hr.asn.credit.coefficient"
    _description = "JF Credit Point Coefficient"
    _order = "coefficient, id"
    _rec_name = "position_level"
    _inherit = ["hr.asn.number.input.mixin"]

    position_level = fields.Selection(JF_LEVELS, required=True)
    coefficient = fields.Float(
        string="Annual Coefficient", required=True, digits=(6, 2)
    )

    _sql_constraints = [
        (
            "position_level_unique",
            "unique(position_level)",
            "A JF level has one coefficient.",
        ),
        (
            "coefficient_positive",
            "CHECK(coefficient >= 0)",
            "A coefficient cannot be negative.",
        ),
    ]

    @api.model
    def _get_coefficients(self):
        """{position level: annual coefficient}, read once."""
        return {rec.position_level: rec.coefficient for rec in self.sudo().search([])}
