from odoo import fields, models

from .hr_asn_appraisal import PREDIKATS

RECOMMENDATION_TYPES = [
    ("further_education", "Further Education"),
    ("talent_pool", "Talent Pool"),
    ("award", "Award"),
    ("training", "Training Programme"),
    ("development_plan", "Development Plan"),
    ("coaching", "Coaching"),
    ("counselling", "Counselling"),
    ("behaviour_programme", "Behaviour-Focused Programme"),
    ("disciplinary_review", "Disciplinary Review"),
    ("improvement_plan", "Performance Improvement Plan"),
]


class HrAsnRecommendationRule(models.Model):
    """Which follow-up a predikat leads to, and how it is explained.

    Shipped as data (DOMAIN.md, "Follow-up"); HR administrators adjust the
    rules and their text. The template may use {employee}, {cycle},
    {predikat}, {work_rating}, {behavior_rating}, {focus_rhk} (the RHK when
    work was rated below expectation) and {focus_values} (the BerAKHLAK
    values when behaviour was rated below expectation).
    """

    _name = "hr.asn.recommendation.rule"
    _description = "Development Recommendation Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    predikat = fields.Selection(PREDIKATS, string="Predikat Kinerja", required=True)
    recommendation_type = fields.Selection(
        RECOMMENDATION_TYPES, string="Recommendation", required=True
    )
    template = fields.Text(
        string="Explanation Template",
        required=True,
        translate=True,
        help="Placeholders: {employee}, {cycle}, {predikat}, {work_rating}, "
        "{behavior_rating}, {focus_rhk}, {focus_values}.",
    )

    _sql_constraints = [
        (
            "code_unique",
            "unique(code)",
            "The code of a recommendation rule must be unique.",
        ),
    ]
