from odoo import api, fields, models

from ..rules import employee_extract as extract_rules

NIP_CHECKS = [
    ("missing", "No NIP"),
    ("invalid", "Invalid NIP"),
    ("birthday_mismatch", "Birth Date Differs from the NIP"),
    ("gender_mismatch", "Gender Differs from the NIP"),
    ("young_appointment", "Appointed Before 18 per the NIP"),
]


class HrEmployee(models.Model):
    """Employees HR should look at after an import: a NIP that looks wrong
    (stored, so that the "to check" list filters in one query)."""

    _inherit = "hr.employee"

    asn_nip_check = fields.Selection(
        NIP_CHECKS,
        string="Suspicious NIP",
        compute="_compute_asn_nip_check",
        store=True,
        groups="hr.group_hr_user",
        help="Why the NIP looks wrong: missing or invalid, or the birth date, "
        "gender or appointment age it encodes disagree with the employee.",
    )

    @api.depends("asn_nip", "asn_type", "birthday", "gender")
    def _compute_asn_nip_check(self):
        # birthday and gender are HR fields: read as superuser, whoever
        # changed the NIP.
        for employee, sudoed in zip(self, self.sudo(), strict=True):
            employee.asn_nip_check = (
                extract_rules.nip_warning(
                    sudoed.asn_nip,
                    sudoed.asn_type,
                    sudoed.birthday,
                    sudoed.gender,
                )
                or False
            )
