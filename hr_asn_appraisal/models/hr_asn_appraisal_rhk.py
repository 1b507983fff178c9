from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PERSPECTIVES = [
    ("penerima_layanan", "Penerima Layanan"),
    ("proses_bisnis", "Proses Bisnis"),
    ("penguatan_internal", "Penguatan Internal"),
    ("anggaran", "Anggaran"),
]


class HrAsnAppraisalRhk(models.Model):
    """Rencana Hasil Kerja: one intended work result of an SKP.

    Each RHK intervenes an RHK of the appraiser's own SKP (cascading); when the
    appraiser has no SKP in the system, the superior's RHK is typed instead.
    """

    _name = "hr.asn.appraisal.rhk"
    _description = "RHK (Rencana Hasil Kerja)"
    _order = "appraisal_id, rhk_type desc, sequence, id"

    appraisal_id = fields.Many2one(
        "hr.asn.appraisal", string="SKP", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Text(string="RHK", required=True)
    rhk_type = fields.Selection(
        [("utama", "Utama"), ("tambahan", "Tambahan")],
        string="Type",
        required=True,
        default="utama",
    )
    parent_rhk_id = fields.Many2one(
        "hr.asn.appraisal.rhk",
        string="Intervened RHK of the Superior",
        index="btree_not_null",
        ondelete="set null",
    )
    parent_rhk_text = fields.Text(
        string="Superior's RHK (typed)",
        help="Used when the appraiser has no SKP in the system.",
    )
    perspective = fields.Selection(PERSPECTIVES, string="Perspektif")
    iki_ids = fields.One2many("hr.asn.appraisal.iki", "rhk_id", string="IKI", copy=True)
    intervened_display = fields.Char(
        string="Intervened RHK",
        compute="_compute_intervened_display",
        compute_sudo=True,
    )

    @api.depends("parent_rhk_id.name", "parent_rhk_text")
    def _compute_intervened_display(self):
        for rhk in self:
            rhk.intervened_display = rhk.parent_rhk_id.name or rhk.parent_rhk_text

    @api.constrains("parent_rhk_id", "appraisal_id")
    def _check_parent_rhk(self):
        for rhk in self.sudo():
            parent = rhk.parent_rhk_id
            if not parent:
                continue
            appraisal = rhk.appraisal_id
            if (
                parent.appraisal_id.employee_id != appraisal.appraiser_id
                or parent.appraisal_id.cycle_id != appraisal.cycle_id
            ):
                raise ValidationError(
                    _(
                        "RHK %(rhk)s can only intervene an RHK of the appraiser's "
                        "own SKP in the same cycle.",
                        rhk=rhk.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        appraisal_ids = {vals.get("appraisal_id") for vals in vals_list}
        self.env["hr.asn.appraisal"].browse(appraisal_ids)._check_editable({"rhk_ids"})
        return super().create(vals_list)

    def write(self, vals):
        appraisals = self.appraisal_id
        if "appraisal_id" in vals:
            appraisals |= appraisals.browse(vals["appraisal_id"])
        appraisals._check_editable({"rhk_ids"})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editable(self):
        self.appraisal_id._check_editable({"rhk_ids"})
