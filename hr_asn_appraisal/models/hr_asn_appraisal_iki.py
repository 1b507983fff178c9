from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ASPECTS = [
    ("kuantitas", "Kuantitas"),
    ("kualitas", "Kualitas"),
    ("waktu", "Waktu"),
    ("biaya", "Biaya"),
]


class HrAsnAppraisalIki(models.Model):
    """Indikator Kinerja Individu: how an RHK is measured, with its target."""

    _name = "hr.asn.appraisal.iki"
    _description = "IKI (Indikator Kinerja Individu)"
    _order = "rhk_id, sequence, id"
    _inherit = ["hr.asn.number.input.mixin"]

    rhk_id = fields.Many2one(
        "hr.asn.appraisal.rhk",
        string="RHK",
        required=True,
        index=True,
        ondelete="cascade",
    )
    appraisal_id = fields.Many2one(
        related="rhk_id.appraisal_id", store=True, index=True, string="SKP"
    )
    approach = fields.Selection(related="appraisal_id.approach")
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Indicator", required=True)
    aspect = fields.Selection(ASPECTS)
    target_value = fields.Float(string="Target", digits=(16, 2))
    target_unit = fields.Char(help='e.g. "Dokumen", "Persen", "Bulan"')
    target_text = fields.Text(
        string="Descriptive Target", help="Target of the qualitative approach."
    )
    target_display = fields.Char(
        string="Target Summary", compute="_compute_target_display"
    )

    @api.depends("target_value", "target_unit", "target_text", "approach")
    def _compute_target_display(self):
        for iki in self:
            if iki.approach == "kualitatif":
                iki.target_display = iki.target_text
            elif iki.target_value or iki.target_unit:
                value = f"{iki.target_value:g}"
                iki.target_display = f"{value} {iki.target_unit or ''}".strip()
            else:
                iki.target_display = False

    @api.constrains("target_value")
    def _check_target_not_negative(self):
        for iki in self:
            if iki.target_value < 0:
                value = f"{iki.target_value:g}"
                raise ValidationError(
                    _(
                        "The target of IKI %(iki)s cannot be negative (%(value)s).",
                        iki=iki.name,
                        value=value,
                    )
                )

    def _has_target(self):
        self.ensure_one()
        if self.approach == "kualitatif":
            return bool((self.target_text or "").strip())
        return bool(self.aspect and self.target_value > 0 and self.target_unit)

    @api.model_create_multi
    def create(self, vals_list):
        rhks = self.env["hr.asn.appraisal.rhk"].browse(
            {vals.get("rhk_id") for vals in vals_list}
        )
        rhks.appraisal_id._check_editable({"rhk_ids"})
        return super().create(vals_list)

    def write(self, vals):
        self.appraisal_id._check_editable({"rhk_ids"})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editable(self):
        self.appraisal_id._check_editable({"rhk_ids"})
