from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

REALISATION_FIELDS = {"realisation_value", "realisation_text"}


class HrAsnCheckinIki(models.Model):
    """One IKI in a check-in, with the realisasi the employee reports."""

    _name = "hr.asn.checkin.iki"
    _description = "Check-in IKI (Realisasi)"
    _order = "checkin_id, checkin_rhk_id, sequence, id"
    _rec_name = "name"
    _inherit = ["hr.asn.number.input.mixin"]

    checkin_rhk_id = fields.Many2one(
        "hr.asn.checkin.rhk",
        string="Check-in RHK",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    checkin_id = fields.Many2one(
        related="checkin_rhk_id.checkin_id", store=True, index=True
    )
    company_id = fields.Many2one(related="checkin_rhk_id.company_id", store=True)
    state = fields.Selection(related="checkin_id.state")
    rhk_id = fields.Many2one(related="checkin_rhk_id.rhk_id", string="RHK")
    iki_id = fields.Many2one(
        "hr.asn.appraisal.iki",
        string="SKP IKI",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(related="iki_id.sequence", store=True)
    name = fields.Text(related="iki_id.name", string="IKI")
    approach = fields.Selection(related="iki_id.approach")
    aspect = fields.Selection(related="iki_id.aspect")
    target_display = fields.Char(related="iki_id.target_display", string="Target")
    target_unit = fields.Char(related="iki_id.target_unit")
    realisation_value = fields.Float(
        string="Realisasi",
        digits=(16, 2),
        help="Quantitative approach: the value reached, in the target's unit.",
    )
    realisation_text = fields.Text(
        string="Realisasi (Keterangan)",
        help="What was achieved; required in the qualitative approach and for a "
        "zero value.",
    )

    _sql_constraints = [
        (
            "checkin_iki_unique",
            "unique(checkin_rhk_id, iki_id)",
            "An IKI appears once per check-in.",
        ),
    ]

    @api.constrains("realisation_value")
    def _check_realisation_not_negative(self):
        for line in self:
            if line.realisation_value < 0:
                value = f"{line.realisation_value:g}"
                raise ValidationError(
                    _(
                        "The realisasi of IKI %(iki)s cannot be negative (%(value)s).",
                        iki=line.name,
                        value=value,
                    )
                )

    def _has_realisation(self):
        """A realisasi is reported: a text, or a value in the quantitative approach.

        A zero value alone does not count: "nothing yet" must be explained.
        """
        self.ensure_one()
        if (self.realisation_text or "").strip():
            return True
        return self.approach != "kualitatif" and bool(self.realisation_value)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(_("Check-in lines are created from the approved SKP."))
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) & REALISATION_FIELDS:
            self.checkin_id._check_editable("realisation")
        if not self.env.su and set(vals) - REALISATION_FIELDS:
            raise UserError(_("The IKI of a check-in come from the approved SKP."))
        return super().write(vals)
