from odoo import fields, models

from .hr_asn_recommendation_rule import RECOMMENDATION_TYPES


class HrAsnRecommendation(models.Model):
    """A development recommendation that follows from a validated SKP.

    Automatic ones (is_auto) are derived from the recommendation rules when
    the SKP is validated or an objection on it is decided, and replaced on
    each derivation; HR may add others by hand.
    """

    _name = "hr.asn.recommendation"
    _inherit = ["hr.asn.confidential.mixin"]
    _description = "Development Recommendation"
    _order = "cycle_id, employee_id, sequence, id"
    _check_company_auto = True
    # A recommendation tells the predikat it follows from: the rows of an SKP
    # not validated yet are withheld from its employee, whole.
    _asn_confidential_rows = True
    _asn_confidential_fields = frozenset(
        {
            "name",
            "display_name",
            "sequence",
            "predikat",
            "rule_id",
            "recommendation_type",
            "explanation",
            "is_auto",
        }
    )
    _asn_confidential_pending = [("appraisal_id.state", "!=", "done")]

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="SKP",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True)
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="appraisal_id.department_id", string="Unit", store=True
    )
    predikat = fields.Selection(related="appraisal_id.predikat")
    rule_id = fields.Many2one("hr.asn.recommendation.rule", ondelete="set null")
    recommendation_type = fields.Selection(
        RECOMMENDATION_TYPES, string="Recommendation", required=True
    )
    explanation = fields.Text(help="The rule and the facts it was applied to.")
    is_auto = fields.Boolean(
        string="Derived Automatically",
        readonly=True,
        help="Derived from the rules; replaced whenever the SKP's result changes.",
    )
