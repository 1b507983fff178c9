from odoo import api, fields, models


class HrAsnRank(models.Model):
    """Pangkat/golongan ruang of a PNS, or golongan of a PPPK (shipped as data)."""

    _name = "hr.asn.rank"
    _description = "ASN Rank (Pangkat/Golongan)"
    _order = "asn_type, sequence, id"
    _rec_names_search = ["code", "name"]

    name = fields.Char(string="Pangkat", required=True)
    code = fields.Char(string="Golongan", required=True)
    asn_type = fields.Selection(
        [("pns", "PNS"), ("pppk", "PPPK")], string="ASN Type", required=True
    )
    sequence = fields.Integer(default=1, help="Order of the rank, lowest first.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_type_unique",
            "unique(code, asn_type)",
            "A golongan code can only be used once per ASN type.",
        ),
    ]

    @api.depends("name", "code", "asn_type")
    def _compute_display_name(self):
        for rank in self:
            if rank.asn_type == "pns":
                rank.display_name = f"{rank.code} - {rank.name}"
            else:
                rank.display_name = rank.name or rank.code
