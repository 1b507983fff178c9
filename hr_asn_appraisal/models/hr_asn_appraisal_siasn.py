import dataclasses

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..rules import siasn as siasn_rules

HR_USER = "hr.group_hr_user"
# Set by the SIASN export only (with sudo); a caller's value is refused.
SIASN_STAMP_FIELDS = {"siasn_exported_on", "siasn_exported_by"}


def siasn_error_message(env, error):
    """Translate a rules.siasn.SiasnMappingError into a sentence for HR."""
    kinds = dict(env["hr.asn.siasn.code"]._fields["kind"]._description_selection(env))
    messages = {
        "missing_siasn_id": env._("the employee has no SIASN ID"),
        "missing_year": env._("the cycle has no year"),
        "missing_work_rating": env._("the SKP has no Rating Hasil Kerja"),
        "missing_behavior_rating": env._("the SKP has no Rating Perilaku Kerja"),
        "missing_predikat": env._("the SKP has no predikat"),
        "missing_appraiser_name": env._("the SKP has no appraiser"),
        "missing_appraiser_nip": env._("the appraiser has no NIP"),
        "missing_period": env._("the evaluation has no period"),
        "missing_period_start": env._("the evaluation has no period start"),
        "missing_period_end": env._("the evaluation has no period end"),
        "missing_code": env._(
            "no SIASN code for %(kind)s '%(value)s' (Configuration > SIASN Codes)",
            kind=kinds.get(error.params.get("kind"), error.params.get("kind")),
            value=error.params.get("value"),
        ),
    }
    return messages.get(error.code) or str(error)


class HrAsnAppraisal(models.Model):
    """What an SKP sends to BKN's SIASN, and when it was exported."""

    _inherit = "hr.asn.appraisal"

    siasn_exported_on = fields.Datetime(
        string="Exported to SIASN on",
        readonly=True,
        copy=False,
        groups=HR_USER,
        help="When HR last exported this SKP's SIASN payload.",
    )
    siasn_exported_by = fields.Many2one(
        "res.users",
        string="Exported to SIASN by",
        readonly=True,
        copy=False,
        groups=HR_USER,
    )

    def _get_server_owned_fields(self):
        return super()._get_server_owned_fields() | SIASN_STAMP_FIELDS

    def _get_siasn_facts(self, year_results=None):
        """The frozen facts of this validated SKP (rules.siasn.SkpFacts).

        :param year_results: ``_get_year_results`` of the exported SKPs, read
            once by a caller exporting many
        """
        self.ensure_one()
        skp = self.sudo()
        if skp.state != "done":
            raise UserError(
                _(
                    "%(skp)s is not validated: only a validated SKP goes to SIASN.",
                    skp=skp.display_name,
                )
            )
        # SIASN keeps one annual record per employee and year: an employee
        # with several SKPs in the cycle sends the last one, with the year's
        # predikat (docs/year.md).
        if not skp.is_last_in_cycle:
            raise UserError(
                _(
                    "%(skp)s is not %(employee)s's last SKP of the cycle: SIASN "
                    "takes one annual result, sent with the last SKP.",
                    skp=skp.display_name,
                    employee=skp.employee_id.name,
                )
            )
        if year_results is None:
            year_results = self._get_year_results(skp.employee_id.ids, skp.cycle_id.ids)
        year_predikat = year_results.get((skp.employee_id.id, skp.cycle_id.id))
        if not year_predikat:
            raise UserError(
                _(
                    "The year of %(employee)s is not decided yet: every SKP of "
                    "%(cycle)s must be validated before it goes to SIASN.",
                    employee=skp.employee_id.name,
                    cycle=skp.cycle_id.name,
                )
            )
        employee = skp.employee_id
        appraiser = skp.appraiser_id
        rank = appraiser.asn_rank_id
        return siasn_rules.SkpFacts(
            year=skp.cycle_id.date_end.year if skp.cycle_id.date_end else None,
            employee_nip=skp.employee_nip_snapshot or employee.asn_nip,
            employee_siasn_id=employee.asn_siasn_id,
            work_rating=skp.work_rating,
            behavior_rating=skp.behavior_rating,
            predikat=year_predikat,
            appraiser_name=skp.appraiser_name_snapshot or appraiser.name,
            appraiser_nip=skp.appraiser_nip_snapshot or appraiser.asn_nip,
            appraiser_golongan=rank.code if rank else None,
            appraiser_position=skp.appraiser_position_snapshot or appraiser.job_title,
            appraiser_unit=skp.appraiser_unit_snapshot
            or appraiser.department_id.display_name,
            appraiser_is_asn=bool(appraiser) and appraiser.asn_type != "non_asn",
        )

    def _get_siasn_payload(self, codes=None, year_results=None, remote_id=None):
        """The SIASN ``skp22/save`` payload of this validated SKP.

        :param codes: the code table, read once by a caller exporting many
        :param remote_id: SIASN's id of the record (a resend updates it)
        :raises UserError: not validated, or data SIASN needs is missing
        """
        self.ensure_one()
        if codes is None:
            codes = self.env["hr.asn.siasn.code"]._get_code_table()
        facts = self._get_siasn_facts(year_results)
        if remote_id:
            facts = dataclasses.replace(facts, remote_id=remote_id)
        try:
            return siasn_rules.skp_payload(facts, codes)
        except siasn_rules.SiasnMappingError as error:
            raise UserError(
                _(
                    "%(skp)s cannot be sent to SIASN: %(reason)s.",
                    skp=self.sudo().display_name,
                    reason=siasn_error_message(self.env, error),
                )
            ) from error
