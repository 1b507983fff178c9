from odoo import _, api, fields, models

from ..rules import distribution as distribution_rules
from .hr_asn_appraisal import RATINGS

ORG_RATINGS = [
    (distribution_rules.ISTIMEWA, "Istimewa"),
    (distribution_rules.BAIK, "Baik"),
    (distribution_rules.BUTUH_PERBAIKAN, "Butuh Perbaikan"),
    (distribution_rules.KURANG, "Kurang"),
    (distribution_rules.SANGAT_KURANG, "Sangat Kurang"),
]


class HrAsnDistributionRule(models.Model):
    """What an organisational rating allows in the distribution of predikat.

    One record per organisational rating, shipped as data from DOMAIN.md; HR
    administrators may adjust the checks (the percentages are unconfirmed).
    """

    _name = "hr.asn.distribution.rule"
    _description = "Predikat Distribution Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    org_rating = fields.Selection(
        ORG_RATINGS, string="Organisational Rating", required=True
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    line_ids = fields.One2many(
        "hr.asn.distribution.rule.line", "rule_id", string="Checks", copy=True
    )
    head_work_rating = fields.Selection(
        RATINGS,
        string="Work Rating of the Unit Head",
        help="Offered as the Rating Hasil Kerja of the employee who leads a unit "
        "with this organisational rating (the unit's achievement is the "
        "leader's result). The mapping is an assumption: adjust it to the "
        "agency's practice.",
    )
    description = fields.Text(compute="_compute_description")

    _sql_constraints = [
        (
            "org_rating_unique",
            "unique(org_rating)",
            "There is one distribution rule per organisational rating.",
        ),
    ]

    # translated text: computed again in each language
    @api.depends_context("lang")
    @api.depends("line_ids.check_type", "line_ids.percent", "line_ids.predikat_codes")
    def _compute_description(self):
        for rule in self:
            rule.description = "\n".join(
                line.description for line in rule.line_ids if line.description
            ) or _("No check: any distribution is accepted.")

    def _get_checks(self):
        """The rule as plain checks for rules.distribution."""
        self.ensure_one()
        return [line._get_check() for line in self.line_ids]

    @api.model
    def _get_rules_by_org_rating(self):
        """{org rating code: rule} of the active rules, read once."""
        return {rule.org_rating: rule for rule in self.search([])}
