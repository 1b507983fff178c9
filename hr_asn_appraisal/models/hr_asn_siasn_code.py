from odoo import api, fields, models

from ..rules import siasn as siasn_rules

KINDS = [
    (siasn_rules.KIND_RATING, "Rating"),
    (siasn_rules.KIND_KUADRAN, "Kuadran (Predikat)"),
    (siasn_rules.KIND_PERIODIC, "Periodic Evaluation Period"),
    (siasn_rules.KIND_COEFFICIENT, "Credit Coefficient"),
]


class HrAsnSiasnCode(models.Model):
    """A SIASN reference code: which code SIASN expects for one of our values.

    No official SIASN specification is public (DOMAIN.md, "BKN's systems"):
    the codes are shipped as data from what public clients send, and HR
    administrators correct them here when BKN's reference says otherwise.
    Codes are global (BKN's reference is the same for every office).
    """

    _name = "hr.asn.siasn.code"
    _description = "SIASN Reference Code"
    _order = "kind, sequence, id"

    kind = fields.Selection(KINDS, required=True)
    value = fields.Char(
        string="Our Value",
        required=True,
        help="The value in this application (e.g. the rating 'above' or the "
        "predikat 'sangat_baik').",
    )
    siasn_code = fields.Char(
        string="SIASN Code",
        help="The code SIASN expects for this value. Empty: not known yet; an "
        "export that needs it is refused with the reason.",
    )
    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "kind_value_unique",
            "unique(kind, value)",
            "A value has one SIASN code per kind.",
        ),
    ]

    @api.model
    def _get_code_table(self):
        """{(kind, our value): SIASN code} of the active codes, read once."""
        return {
            (code.kind, code.value): code.siasn_code
            for code in self.sudo().search([])
            if code.siasn_code
        }
