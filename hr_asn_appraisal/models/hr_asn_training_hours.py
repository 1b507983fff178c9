from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrAsnTrainingHours(models.Model):
    """JP (jam pelajaran) an employee earned in one year from a completed training.

    A plain line per training, so that a training module can record its
    completed trainings here (source) without this addon depending on it.
    """

    _name = "hr.asn.training.hours"
    _description = "Training Hours (JP)"
    _order = "year desc, employee_id, id"
    _check_company_auto = True
    _inherit = ["hr.asn.number.input.mixin"]

    name = fields.Char(string="Training")
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        help="Calendar year (PNS) or contract year (PPPK) the JP count for.",
    )
    date = fields.Date(string="Completed On")
    jp = fields.Float(string="JP", required=True, digits=(6, 1))
    source_ref = fields.Char(
        string="Source",
        help="Reference of the record the JP come from, e.g. a training request.",
    )

    _sql_constraints = [
        ("jp_positive", "CHECK(jp >= 0)", "Training hours cannot be negative."),
        (
            "year_range",
            "CHECK(year BETWEEN 1900 AND 2100)",
            "The year must be a four-digit year.",
        ),
    ]

    def _check_jp_vals(self, vals):
        """Before the database's own check, so that the message is translated
        and names the training."""
        jp = vals.get("jp")
        if isinstance(jp, int | float) and jp < 0:
            names = {vals.get("name")} if "name" in vals else set(self.mapped("name"))
            raise ValidationError(
                _(
                    "The JP of %(training)s cannot be negative (%(jp)s).",
                    training=", ".join(sorted(n for n in names if n)) or "-",
                    jp=jp,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._check_jp_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        if "jp" in vals:
            self._check_jp_vals(vals)
        return super().write(vals)

    @api.constrains("date", "year")
    def _check_date_year(self):
        for line in self:
            if line.date and line.date.year not in (line.year, line.year + 1):
                raise ValidationError(
                    _(
                        "%(training)s was completed on %(date)s, which is not in "
                        "the year %(year)s it is counted for.",
                        training=line.name or line.source_ref or "",
                        date=line.date,
                        year=line.year,
                    )
                )

    @api.model
    def _get_totals(self, employees, years):
        """{(employee id, year): total JP} for these employees and years."""
        groups = self.sudo()._read_group(
            [("employee_id", "in", employees.ids), ("year", "in", list(years))],
            ["employee_id", "year"],
            ["jp:sum"],
        )
        return {(employee.id, year): jp for employee, year, jp in groups}
