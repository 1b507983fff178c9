from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrAsnCheckinEvidence(models.Model):
    """Bukti dukung: a document, file or link that supports an RHK's realisasi."""

    _name = "hr.asn.checkin.evidence"
    _description = "Check-in Bukti Dukung (Evidence)"
    _order = "checkin_id, checkin_rhk_id, id"

    checkin_rhk_id = fields.Many2one(
        "hr.asn.checkin.rhk",
        string="RHK",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('checkin_id', '=', checkin_id)]",
    )
    checkin_id = fields.Many2one(
        "hr.asn.checkin",
        string="Check-in",
        compute="_compute_checkin_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="checkin_id.company_id", store=True)
    name = fields.Char(string="Bukti Dukung", required=True)
    file = fields.Binary(attachment=True)
    file_name = fields.Char()
    url = fields.Char(string="Link")
    data_source = fields.Char(
        string="Sumber Data",
        help="Where the evidence comes from, e.g. a report, an application, a "
        "satisfaction survey, public complaints.",
    )

    @api.depends("checkin_rhk_id")
    def _compute_checkin_id(self):
        for evidence in self:
            if evidence.checkin_rhk_id:
                evidence.checkin_id = evidence.checkin_rhk_id.checkin_id

    @api.constrains("checkin_id", "checkin_rhk_id")
    def _check_same_checkin(self):
        for evidence in self:
            if evidence.checkin_rhk_id.checkin_id != evidence.checkin_id:
                raise ValidationError(
                    _(
                        "Bukti dukung %(name)s must support an RHK of its own "
                        "check-in.",
                        name=evidence.name,
                    )
                )

    # "name" and "checkin_rhk_id" are always given: they make the check run on
    # create even when neither file nor url is.
    @api.constrains("file", "url", "name", "checkin_rhk_id")
    def _check_file_or_url(self):
        for evidence in self:
            if not evidence.file and not (evidence.url or "").strip():
                raise ValidationError(
                    _(
                        "Bukti dukung %(name)s needs a file or a link.",
                        name=evidence.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rhk_lines = self.env["hr.asn.checkin.rhk"].browse(
            {vals["checkin_rhk_id"] for vals in vals_list if vals.get("checkin_rhk_id")}
        )
        checkins = rhk_lines.checkin_id | self.env["hr.asn.checkin"].browse(
            {vals["checkin_id"] for vals in vals_list if vals.get("checkin_id")}
        )
        checkins._check_editable("realisation")
        return super().create(vals_list)

    def write(self, vals):
        checkins = self.checkin_id
        if vals.get("checkin_rhk_id"):
            checkins |= self.checkin_rhk_id.browse(vals["checkin_rhk_id"]).checkin_id
        if vals.get("checkin_id"):
            checkins |= checkins.browse(vals["checkin_id"])
        checkins._check_editable("realisation")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editable(self):
        self.checkin_id._check_editable("realisation")
