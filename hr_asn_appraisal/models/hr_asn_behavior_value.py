from odoo import fields, models


class HrAsnBehaviorValue(models.Model):
    """One of the seven BerAKHLAK core values, with its official behaviour guides.

    The names and guides are legal wording and stay Indonesian in every language.
    """

    _name = "hr.asn.behavior.value"
    _description = "BerAKHLAK Core Value"
    _order = "sequence, id"

    name = fields.Char(string="Core Value", required=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    guide = fields.Text(string="Behaviour Guides")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a core value must be unique."),
    ]
