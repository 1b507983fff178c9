from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Keys that only carry the lines' own operations (checked by those models).
LINE_FIELDS = {"iki_ids", "evidence_ids"}


class HrAsnCheckinRhk(models.Model):
    """One RHK in a check-in: its bukti dukung and the appraiser's umpan balik."""

    _name = "hr.asn.checkin.rhk"
    _description = "Check-in RHK (Bukti Dukung and Umpan Balik)"
    _order = "checkin_id, sequence, id"
    _rec_name = "name"

    checkin_id = fields.Many2one(
        "hr.asn.checkin",
        string="Check-in",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="checkin_id.company_id", store=True)
    state = fields.Selection(related="checkin_id.state")
    rhk_id = fields.Many2one(
        "hr.asn.appraisal.rhk",
        string="SKP RHK",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(readonly=True)
    name = fields.Text(related="rhk_id.name", string="RHK")
    rhk_type = fields.Selection(related="rhk_id.rhk_type")
    iki_ids = fields.One2many("hr.asn.checkin.iki", "checkin_rhk_id", string="IKI")
    evidence_ids = fields.One2many(
        "hr.asn.checkin.evidence", "checkin_rhk_id", string="Bukti Dukung"
    )
    evidence_count = fields.Integer(
        string="Bukti Dukung Count", compute="_compute_evidence_count"
    )
    feedback = fields.Text(
        string="Umpan Balik", help="The appraiser's feedback on this RHK."
    )

    _sql_constraints = [
        (
            "checkin_rhk_unique",
            "unique(checkin_id, rhk_id)",
            "An RHK appears once per check-in.",
        ),
    ]

    @api.depends("evidence_ids")
    def _compute_evidence_count(self):
        for line in self:
            line.evidence_count = len(line.evidence_ids)

    def write(self, vals):
        if "feedback" in vals:
            self.checkin_id._check_editable("feedback")
        if not self.env.su and set(vals) - LINE_FIELDS - {"feedback"}:
            raise UserError(_("The RHK of a check-in come from the approved SKP."))
        return super().write(vals)
