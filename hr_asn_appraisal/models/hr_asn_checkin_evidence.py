import base64
import binascii

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.mimetypes import guess_mimetype

from ..rules import evidence as evidence_rules

MAX_MB_PARAM = "hr_asn_appraisal.evidence_max_mb"


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

    @api.constrains("url")
    def _check_url(self):
        for evidence in self:
            if evidence_rules.url_problem(evidence.url):
                raise ValidationError(
                    _(
                        "The link of bukti dukung %(name)s must be a web address "
                        "starting with http:// or https://.",
                        name=evidence.name,
                    )
                )

    @api.model
    def _get_max_file_bytes(self):
        value = self.env["ir.config_parameter"].sudo().get_param(MAX_MB_PARAM)
        return evidence_rules.max_bytes(value or evidence_rules.DEFAULT_MAX_MB)

    @api.model
    def _check_file_vals(self, vals, current_name=None, current_file_name=None):
        """Refuse an uploaded file that is too large or not a safe document.

        Checked on the incoming value (before it is stored), the type guessed
        from the content, so that a renamed executable or page is caught.
        """
        data = vals.get("file")
        if not data:
            return
        name = vals.get("name") or current_name or ""
        try:
            content = base64.b64decode(data, validate=False)
        except (binascii.Error, ValueError, TypeError) as error:
            raise ValidationError(
                _("The file of bukti dukung %(name)s cannot be read.", name=name)
            ) from error
        problem = evidence_rules.file_problem(
            guess_mimetype(content, default="application/octet-stream"),
            len(content),
            self._get_max_file_bytes(),
            file_name=vals.get("file_name", current_file_name),
            head=content[:2048],
        )
        if not problem:
            return
        code, params = problem
        if code == "size":
            message = _(
                "The file of bukti dukung %(name)s is %(size).1f MB; files up to "
                "%(max).0f MB are accepted.",
                name=name,
                size=params["size_mb"],
                max=params["max_mb"],
            )
        elif code == "extension":
            message = _(
                "The file of bukti dukung %(name)s is a .%(extension)s file, which "
                "is not accepted. Upload a PDF, an image or an office document.",
                name=name,
                extension=params["extension"],
            )
        else:
            message = _(
                "The file of bukti dukung %(name)s is of type %(type)s, which is "
                "not accepted. Upload a PDF, an image or an office document.",
                name=name,
                type=params["mimetype"],
            )
        raise ValidationError(message)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_file_vals(vals)
        rhk_lines = self.env["hr.asn.checkin.rhk"].browse(
            {vals["checkin_rhk_id"] for vals in vals_list if vals.get("checkin_rhk_id")}
        )
        checkins = rhk_lines.checkin_id | self.env["hr.asn.checkin"].browse(
            {vals["checkin_id"] for vals in vals_list if vals.get("checkin_id")}
        )
        checkins._check_editable("realisation")
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("file"):
            for evidence in self:
                evidence._check_file_vals(
                    vals,
                    current_name=evidence.name,
                    current_file_name=evidence.file_name,
                )
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
