from odoo import fields, models

from .hr_employee import ASN_TYPES, POSITION_LEVELS, POSITION_TYPES


class HrEmployeePublic(models.Model):
    """Expose the non-sensitive ASN master data to every internal user.

    Colleagues and appraisers read employees through this public view; the NIP,
    rank and position appear on the printed SKP anyway.
    """

    _inherit = "hr.employee.public"

    asn_type = fields.Selection(ASN_TYPES, string="ASN Type", readonly=True)
    asn_nip = fields.Char(string="NIP", readonly=True)
    asn_rank_id = fields.Many2one("hr.asn.rank", string="Rank", readonly=True)
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
