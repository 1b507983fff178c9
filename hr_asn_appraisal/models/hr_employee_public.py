from odoo import fields, models

from .hr_employee import ASN_TYPES, POSITION_LEVELS, POSITION_TYPES


class HrEmployeePublic(models.Model):
    """Expose the non-sensitive ASN master data to every internal user.

    Colleagues and appraisers read employees through this public view; the NIP,
    rank and position appear on the printed SKP anyway, the TMT pangkat goes
    with the rank, and who appraises whom is the organisation chart of the
    appraisal. The other fields the addon adds to hr.employee (SKP history,
    promotion and training follow-up) carry `groups` instead.
    """

    _inherit = "hr.employee.public"

    asn_type = fields.Selection(ASN_TYPES, string="ASN Type", readonly=True)
    asn_nip = fields.Char(string="NIP", readonly=True)
    asn_rank_id = fields.Many2one("hr.asn.rank", string="Rank", readonly=True)
    asn_rank_date = fields.Date(string="TMT Pangkat", readonly=True)
    asn_position_type = fields.Selection(
        POSITION_TYPES, string="Position Type", readonly=True
    )
    asn_position_level = fields.Selection(
        POSITION_LEVELS, string="Position Level", readonly=True
    )
    asn_appraiser_id = fields.Many2one(
        "hr.employee.public", string="Appraiser (Pejabat Penilai)", readonly=True
    )
    asn_appraiser_parent_id = fields.Many2one(
        "hr.employee.public", string="Appraiser's Superior", readonly=True
    )
    asn_appraisee_ids = fields.One2many(
        "hr.employee.public",
        "asn_appraiser_id",
        string="Appraised Employees",
        readonly=True,
    )
