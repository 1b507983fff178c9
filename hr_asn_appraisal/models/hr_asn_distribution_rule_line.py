from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..rules import distribution as distribution_rules
from .hr_asn_appraisal import PREDIKATS

CHECK_TYPES = [
    (distribution_rules.LARGEST, "Largest group"),
    (distribution_rules.MAX_SHARE, "At most"),
    (distribution_rules.MIN_SHARE, "At least"),
    (distribution_rules.REQUIRED, "At least one"),
]
# The boolean field that includes each predikat in a check.
PREDIKAT_FIELDS = {code: f"include_{code}" for code, _label in PREDIKATS}


def predikat_labels(env, codes):
    """Translated predikat names joined with "and/or", best first."""
    labels = dict(PREDIKATS)
    names = [labels[code] for code, _label in PREDIKATS if code in codes]
    if len(names) < 2:
        return "".join(names)
    return env._(
        "%(names)s and/or %(last)s", names=", ".join(names[:-1]), last=names[-1]
    )


class HrAsnDistributionRuleLine(models.Model):
    """One check of a distribution rule, on one or several predikat."""

    _name = "hr.asn.distribution.rule.line"
    _description = "Predikat Distribution Check"
    _order = "rule_id, sequence, id"
    _inherit = ["hr.asn.number.input.mixin"]

    rule_id = fields.Many2one(
        "hr.asn.distribution.rule", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    check_type = fields.Selection(CHECK_TYPES, required=True, default="max_share")
    percent = fields.Float(
        digits=(5, 2),
        help="The limit of an 'At most' or 'At least' check, in percent of the "
        "unit's rated SKPs.",
    )
    include_sangat_baik = fields.Boolean(string="Sangat Baik")
    include_baik = fields.Boolean(string="Baik")
    include_butuh_perbaikan = fields.Boolean(string="Butuh Perbaikan")
    include_kurang = fields.Boolean(string="Kurang/Misconduct")
    include_sangat_kurang = fields.Boolean(string="Sangat Kurang")
    predikat_codes = fields.Char(compute="_compute_predikat_codes")
    description = fields.Char(compute="_compute_description")

    _sql_constraints = [
        (
            "percent_range",
            "CHECK(percent >= 0 AND percent <= 100)",
            "A percentage lies between 0 and 100.",
        ),
    ]

    @api.depends(*PREDIKAT_FIELDS.values())
    def _compute_predikat_codes(self):
        for line in self:
            line.predikat_codes = ",".join(
                code for code, field_name in PREDIKAT_FIELDS.items() if line[field_name]
            )

    def _get_predikat_set(self):
        self.ensure_one()
        return frozenset(
            code for code, field_name in PREDIKAT_FIELDS.items() if self[field_name]
        )

    # translated text: computed again in each language
    @api.depends_context("lang")
    @api.depends("check_type", "percent", "predikat_codes")
    def _compute_description(self):
        for line in self:
            names = predikat_labels(self.env, line._get_predikat_set())
            if not names or not line.check_type:
                line.description = False
                continue
            percent = f"{line.percent:g}"
            line.description = {
                distribution_rules.LARGEST: _(
                    "%(predikat)s is the largest group", predikat=names
                ),
                distribution_rules.MAX_SHARE: _(
                    "%(predikat)s: at most %(percent)s %%",
                    predikat=names,
                    percent=percent,
                ),
                distribution_rules.MIN_SHARE: _(
                    "%(predikat)s: at least %(percent)s %%",
                    predikat=names,
                    percent=percent,
                ),
                distribution_rules.REQUIRED: _(
                    "%(predikat)s: at least one SKP", predikat=names
                ),
            }[line.check_type]

    @api.constrains(*PREDIKAT_FIELDS.values())
    def _check_predikat_chosen(self):
        for line in self:
            if not line._get_predikat_set():
                raise ValidationError(
                    _(
                        "Each check of the distribution rule %(rule)s needs at "
                        "least one predikat.",
                        rule=line.rule_id.name,
                    )
                )

    def _get_check(self):
        self.ensure_one()
        return distribution_rules.Check(
            check_type=self.check_type,
            predikats=self._get_predikat_set(),
            percent=self.percent,
        )
