from odoo import _, api, models
from odoo.exceptions import ValidationError

NUMBER_TYPES = ("float", "integer", "monetary")


class HrAsnNumberInputMixin(models.AbstractModel):
    """Refuse text where a number is expected, with a message that names the field.

    The form and the import already parse numbers; a direct RPC call (or a
    script) that writes "abc" into a numeric field would otherwise fail deep
    in the ORM with a bare Python error. Checked before anything is written.
    """

    _name = "hr.asn.number.input.mixin"
    _description = "ASN Numeric Input Checks"

    @api.model
    def _check_number_vals(self, vals):
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None or field.type not in NUMBER_TYPES:
                continue
            if value is None or isinstance(value, bool | int | float):
                continue
            cast = int if field.type == "integer" else float
            try:
                if not isinstance(value, str):
                    raise TypeError(value)
                cast(value.strip())
            except (TypeError, ValueError) as error:
                raise ValidationError(
                    _(
                        "%(field)s must be a number, not “%(value)s”.",
                        field=field._description_string(self.env),
                        value=str(value)[:50],
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_number_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_number_vals(vals)
        return super().write(vals)
