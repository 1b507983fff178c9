from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules import nip as nip_rules

ASN_TYPES = [("pns", "PNS"), ("pppk", "PPPK"), ("non_asn", "Non-ASN")]
POSITION_TYPES = [
    ("jpt", "JPT (Senior Executive)"),
    ("administrator", "Administrator"),
    ("pengawas", "Pengawas (Supervisor)"),
    ("pelaksana", "Pelaksana (Implementer)"),
    ("fungsional", "Jabatan Fungsional (JF)"),
]
POSITION_LEVELS = [
    ("jpt_utama", "JPT Utama"),
    ("jpt_madya", "JPT Madya"),
    ("jpt_pratama", "JPT Pratama"),
    ("ahli_utama", "Ahli Utama"),
    ("ahli_madya", "Ahli Madya"),
    ("ahli_muda", "Ahli Muda"),
    ("ahli_pertama", "Ahli Pertama"),
    ("penyelia", "Penyelia"),
    ("mahir", "Mahir"),
    ("terampil", "Terampil"),
    ("pemula", "Pemula"),
]
# Which levels belong to which position type; levels are only meaningful for
# JPT and JF positions.
LEVELS_BY_POSITION_TYPE = {
    "jpt": {"jpt_utama", "jpt_madya", "jpt_pratama"},
    "fungsional": {
        "ahli_utama",
        "ahli_madya",
        "ahli_muda",
        "ahli_pertama",
        "penyelia",
        "mahir",
        "terampil",
        "pemula",
    },
}


def nip_error_message(env, error, nip):
    """Translate a rules.nip.NipError into a sentence for the user."""
    messages = {
        "empty": env._("An ASN employee needs a NIP."),
        "digits": env._("NIP %(nip)s may only contain digits.", nip=nip),
        "length": env._(
            "NIP %(nip)s has %(length)s digits; it must have exactly 18.",
            nip=nip,
            length=error.params.get("length"),
        ),
        "birth_date": env._(
            "NIP %(nip)s: the birth date %(value)s (first 8 digits, YYYYMMDD) "
            "is not a real date.",
            nip=nip,
            value=error.params.get("value"),
        ),
        "appointment_date": env._(
            "NIP %(nip)s: the appointment month %(value)s (digits 9-14, YYYYMM) "
            "is not a real month.",
            nip=nip,
            value=error.params.get("value"),
        ),
        "appointment_before_birth": env._(
            "NIP %(nip)s: the appointment month lies before the birth date.",
            nip=nip,
        ),
        "gender": env._(
            "NIP %(nip)s: the gender digit (digit 15) is %(value)s; it must be "
            "1 (male) or 2 (female).",
            nip=nip,
            value=error.params.get("value"),
        ),
    }
    return messages.get(error.code) or env._("NIP %(nip)s is not valid.", nip=nip)


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    asn_type = fields.Selection(
        ASN_TYPES,
        string="ASN Type",
        default="non_asn",
        required=True,
        tracking=True,
        help="PNS (career civil servant) and PPPK (contract civil servant) are "
        "appraised with an SKP; non-ASN staff are not.",
    )
    asn_nip = fields.Char(
        string="NIP",
        index="btree_not_null",
        tracking=True,
        help="Nomor Induk Pegawai (PNS) or NI PPPK: 18 digits.",
    )
    # HR only: a colleague has no use for it (hr.employee.public has none).
    asn_siasn_id = fields.Char(
        string="SIASN ID",
        groups="hr.group_hr_user",
        tracking=True,
        copy=False,
        help="The employee's person id in BKN's SIASN (sent as pnsDinilaiOrang "
        "/ pnsDinilaiId), not the NIP. Without it the SKP cannot be exported "
        "to SIASN.",
    )
    asn_rank_id = fields.Many2one(
        "hr.asn.rank",
        string="Rank (Pangkat/Golongan)",
        domain="[('asn_type', '=', asn_type)]",
        tracking=True,
    )
    asn_position_type = fields.Selection(
        POSITION_TYPES, string="Position Type", tracking=True
    )
    asn_position_level = fields.Selection(
        POSITION_LEVELS, string="Position Level", tracking=True
    )
    asn_appraiser_id = fields.Many2one(
        "hr.employee",
        string="Appraiser (Pejabat Penilai)",
        compute="_compute_asn_appraiser_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        help="The official who approves and rates this employee's SKP. "
        "Defaults to the manager.",
    )
    asn_appraiser_parent_id = fields.Many2one(
        "hr.employee",
        string="Appraiser's Superior",
        compute="_compute_asn_appraiser_parent_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Atasan Pejabat Penilai: decides objections. Defaults to the "
        "appraiser's own appraiser.",
    )
    # Every field added to hr.employee is either on hr.employee.public too
    # (hr_employee_public.py: what a colleague may see) or restricted with
    # `groups`: users without HR rights read employees through the public
    # model, and Odoo refuses the whole read when a requested field is on
    # neither (Odoo's own hr tests check it).
    asn_appraisee_ids = fields.One2many(
        "hr.employee", "asn_appraiser_id", string="Appraised Employees"
    )
    # The SKP history with its ratings is personnel data: HR only. The
    # employee and the appraiser reach the SKPs themselves through the SKP
    # menus and their record rules.
    asn_appraisal_ids = fields.One2many(
        "hr.asn.appraisal",
        "employee_id",
        string="SKP History",
        groups="hr.group_hr_user",
    )
    asn_appraisal_count = fields.Integer(
        string="SKP Count",
        compute="_compute_asn_appraisal_count",
        groups="hr.group_hr_user",
    )

    _sql_constraints = [
        (
            "asn_nip_company_uniq",
            "unique(asn_nip, company_id)",
            "This NIP is already used by another employee of the same company.",
        ),
        (
            "asn_siasn_id_company_uniq",
            "unique(asn_siasn_id, company_id)",
            "This SIASN ID is already used by another employee of the same company.",
        ),
    ]

    @api.depends("parent_id")
    def _compute_asn_appraiser_id(self):
        for employee in self:
            previous_manager = employee._origin.parent_id
            if not employee.asn_appraiser_id or (
                employee.asn_appraiser_id == previous_manager
            ):
                employee.asn_appraiser_id = employee.parent_id

    @api.depends("asn_appraiser_id.asn_appraiser_id")
    def _compute_asn_appraiser_parent_id(self):
        for employee in self:
            employee.asn_appraiser_parent_id = (
                employee.asn_appraiser_id.asn_appraiser_id
            )

    def _compute_asn_appraisal_count(self):
        counts = dict(
            self.env["hr.asn.appraisal"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.asn_appraisal_count = counts.get(employee._origin, 0)

    @api.model
    def _asn_values_from_nip(self, nip, asn_type):
        """Birth date and gender embedded in a valid PNS NIP, else {}."""
        if asn_type != "pns" or not nip:
            return {}
        try:
            info = nip_rules.parse_pns_nip(nip)
        except nip_rules.NipError:
            return {}
        return {"birthday": info.birth_date, "gender": info.gender}

    @api.onchange("asn_nip", "asn_type")
    def _onchange_asn_nip(self):
        values = self._asn_values_from_nip(self.asn_nip, self.asn_type)
        if values and not self.birthday:
            self.birthday = values["birthday"]
        if values and not self.gender:
            self.gender = values["gender"]

    @api.model
    def _asn_prepare_nip_vals(self, vals, current=None):
        """Normalise the NIP and read birth date and gender from it if unset."""
        if vals.get("asn_nip"):
            vals["asn_nip"] = nip_rules.normalize(vals["asn_nip"])
        nip = vals.get("asn_nip", current.asn_nip if current else False)
        asn_type = vals.get("asn_type", current.asn_type if current else "non_asn")
        derived = self._asn_values_from_nip(nip, asn_type)
        for field_name, value in derived.items():
            already = current.sudo()[field_name] if current else False
            if field_name not in vals and not already:
                vals[field_name] = value
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._asn_prepare_nip_vals(vals)
            # Checked before anything is inserted, so that an import can retry
            # row by row and point at the failing line.
            self._asn_check_nip(
                vals.get("name"), vals.get("asn_type", "non_asn"), vals.get("asn_nip")
            )
        return super().create(vals_list)

    def write(self, vals):
        if ("asn_nip" in vals or "asn_type" in vals) and len(self) == 1:
            vals = self._asn_prepare_nip_vals(dict(vals), current=self)
        elif vals.get("asn_nip"):
            vals = dict(vals, asn_nip=nip_rules.normalize(vals["asn_nip"]))
        return super().write(vals)

    @api.model
    def _asn_check_nip(self, name, asn_type, nip):
        """Raise a ValidationError naming the employee and what is wrong."""
        if asn_type not in ("pns", "pppk"):
            return
        try:
            if asn_type == "pns":
                nip_rules.parse_pns_nip(nip or "")
            else:
                nip_rules.check_pppk_number(nip or "")
        except nip_rules.NipError as error:
            raise ValidationError(
                _(
                    "%(employee)s: %(reason)s",
                    employee=name,
                    reason=nip_error_message(self.env, error, nip or ""),
                )
            ) from error

    @api.constrains("asn_nip", "asn_type")
    def _check_asn_nip(self):
        for employee in self:
            self._asn_check_nip(employee.name, employee.asn_type, employee.asn_nip)

    @api.constrains("asn_rank_id", "asn_type")
    def _check_asn_rank_type(self):
        for employee in self:
            rank = employee.asn_rank_id
            if rank and rank.asn_type != employee.asn_type:
                raise ValidationError(
                    _(
                        "%(employee)s is %(type)s but rank %(rank)s belongs to "
                        "another ASN type.",
                        employee=employee.name,
                        type=dict(ASN_TYPES)[employee.asn_type],
                        rank=rank.display_name,
                    )
                )

    @api.constrains("asn_position_type", "asn_position_level")
    def _check_asn_position_level(self):
        for employee in self:
            level = employee.asn_position_level
            if not level:
                continue
            allowed = LEVELS_BY_POSITION_TYPE.get(employee.asn_position_type, set())
            if level not in allowed:
                raise ValidationError(
                    _(
                        "%(employee)s: the level %(level)s does not belong to the "
                        "position type %(type)s.",
                        employee=employee.name,
                        level=dict(POSITION_LEVELS)[level],
                        type=dict(POSITION_TYPES).get(
                            employee.asn_position_type, _("(none)")
                        ),
                    )
                )

    @api.constrains("asn_appraiser_id")
    def _check_asn_appraiser_not_self(self):
        for employee in self:
            if employee.asn_appraiser_id == employee:
                raise ValidationError(
                    _(
                        "%(employee)s cannot be their own appraiser.",
                        employee=employee.name,
                    )
                )

    def action_open_asn_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_appraisal_action_all"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_except_appraisal_history(self):
        """Appraisal history outlives the employee record: archive instead.

        Without this, the database refuses with a bare integrity error (SKPs),
        or silently loses history (training hours, appraisers of past SKPs).
        """
        history = self.env["hr.asn.appraisal"]._get_employee_history_counts(self.ids)
        for employee in self:
            count = history.get(employee.id)
            if count:
                raise UserError(
                    _(
                        "%(employee)s cannot be deleted: %(count)s appraisal "
                        "records (SKPs, training hours, feedback) refer to them and "
                        "must be kept. Archive the employee instead.",
                        employee=employee.name,
                        count=count,
                    )
                )
