from odoo import api, fields, models

from .hr_employee import LEVELS_BY_POSITION_TYPE, POSITION_LEVELS

JF_LEVELS = [
    (code, label)
    for code, label in POSITION_LEVELS
    if code in LEVELS_BY_POSITION_TYPE["fungsional"]
]


# Angka Kredit Kumulatif per level: (for the next rank inside the level, for
# the next level), as shipped (rules/credit.py has the sources; the trade
# levels' figures for the next level are unconfirmed: HR checks them).
DEFAULT_REQUIREMENTS = {
    "ahli_pertama": (50.0, 100.0),
    "ahli_muda": (100.0, 200.0),
    "ahli_madya": (150.0, 450.0),
    "ahli_utama": (200.0, 0.0),
    "pemula": (0.0, 15.0),
    "terampil": (20.0, 60.0),
    "mahir": (50.0, 100.0),
    "penyelia": (100.0, 0.0),
}


class HrAsnCreditCoefficient(models.Model):
    """The annual credit point coefficient (koefisien) of a JF level, and
    the cumulative credit points (Angka Kredit Kumulatif) the level needs for
    the next rank and for the next level.

    Shipped as data from DOMAIN.md and Peraturan BKN 3/2023 (rules/credit.py).
    A change applies to the SKPs validated afterwards; a validated SKP keeps
    the coefficient it was decided with.
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
    rank_requirement = fields.Float(
        string="Credit Points for the Next Rank",
        digits=(8, 2),
        help="Angka Kredit Kumulatif a JF officer of this level accumulates "
        "from the current rank (TMT pangkat) for the next rank inside the "
        "level (Peraturan BKN 3/2023). 0: no rank promotion inside the level.",
    )
    level_requirement = fields.Float(
        string="Credit Points for the Next Level",
        digits=(8, 2),
        help="Angka Kredit Kumulatif accumulated at this level for the next "
        "level (kenaikan jenjang), needed at the level's top rank. 0: no next "
        "level. The trade (keterampilan) levels' figures are not confirmed by "
        "a source found: check them.",
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
        (
            "requirements_positive",
            "CHECK(rank_requirement >= 0 AND level_requirement >= 0)",
            "A credit point requirement cannot be negative.",
        ),
    ]

    @api.model
    def _get_coefficients(self):
        """{position level: annual coefficient}, read once."""
        return {rec.position_level: rec.coefficient for rec in self.sudo().search([])}

    @api.model
    def _get_requirements(self):
        """({level: points for the next rank}, {level: points for the next
        level}), read once."""
        records = self.sudo().search([])
        return (
            {rec.position_level: rec.rank_requirement for rec in records},
            {rec.position_level: rec.level_requirement for rec in records},
        )

    @api.model
    def _fill_missing_requirements(self):
        """Give the shipped levels their requirements where none is set (the
        rows are noupdate data: an update does not load new columns)."""
        for rec in self.sudo().search([]):
            defaults = DEFAULT_REQUIREMENTS.get(rec.position_level)
            if defaults and not (rec.rank_requirement or rec.level_requirement):
                rec.write(
                    {
                        "rank_requirement": defaults[0],
                        "level_requirement": defaults[1],
                    }
                )
        return True
