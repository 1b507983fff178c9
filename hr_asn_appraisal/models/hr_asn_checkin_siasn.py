import dataclasses

from odoo import _, models
from odoo.exceptions import UserError

from ..rules import siasn as siasn_rules
from .hr_asn_appraisal_siasn import siasn_error_message
from .hr_asn_siasn_connector import KIND_PERIODIC
from .hr_asn_siasn_sync_mixin import SIASN_SYNC_FIELDS, sync_fields

_SYNC_FIELDS = sync_fields("checkin_id")


class HrAsnCheckin(models.Model):
    """What a reviewed periodic evaluation sends to SIASN
    (``kinerjaperiodik/save``), and its sending status. The annual
    evaluation goes to SIASN as the validated SKP."""

    _name = "hr.asn.checkin"
    _inherit = ["hr.asn.checkin", "hr.asn.siasn.sync.mixin"]
    _siasn_sync_field = "checkin_id"
    _siasn_kind = KIND_PERIODIC

    siasn_sync_ids = _SYNC_FIELDS["siasn_sync_ids"]
    siasn_sync_state = _SYNC_FIELDS["siasn_sync_state"]
    siasn_remote_id = _SYNC_FIELDS["siasn_remote_id"]
    siasn_last_error = _SYNC_FIELDS["siasn_last_error"]
    siasn_last_sent_on = _SYNC_FIELDS["siasn_last_sent_on"]
    siasn_attempt_count = _SYNC_FIELDS["siasn_attempt_count"]
    siasn_next_try = _SYNC_FIELDS["siasn_next_try"]

    def _get_server_owned_fields(self):
        return super()._get_server_owned_fields() | SIASN_SYNC_FIELDS

    def _siasn_not_ready_reason(self):
        self.ensure_one()
        if self.is_annual:
            return _("the annual evaluation goes to SIASN as the validated SKP")
        if self.state != "reviewed":
            return _("not reviewed (%(state)s)", state=self._state_label(self.state))
        return None

    def _get_siasn_facts(self):
        """The reviewed (final) facts of this periodic evaluation
        (rules.siasn.PeriodicFacts)."""
        self.ensure_one()
        checkin = self.sudo()
        reason = checkin._siasn_not_ready_reason()
        if reason:
            raise UserError(
                _(
                    "%(checkin)s cannot be sent to SIASN: %(reason)s.",
                    checkin=checkin.display_name,
                    reason=reason,
                )
            )
        skp = checkin.appraisal_id
        employee = skp.employee_id
        appraiser = skp.appraiser_id
        rank = appraiser.asn_rank_id
        return siasn_rules.PeriodicFacts(
            period_code=checkin.period_code,
            date_start=checkin.date_start,
            date_end=checkin.date_end,
            employee_siasn_id=employee.asn_siasn_id,
            position_level=employee.asn_position_level,
            work_rating=checkin.work_rating,
            behavior_rating=checkin.behavior_rating,
            predikat=checkin.predikat,
            appraiser_name=skp.appraiser_name_snapshot or appraiser.name,
            appraiser_nip=skp.appraiser_nip_snapshot or appraiser.asn_nip,
            appraiser_golongan=rank.code if rank else None,
            appraiser_position=skp.appraiser_position_snapshot or appraiser.job_title,
            appraiser_unit=skp.appraiser_unit_snapshot
            or appraiser.department_id.display_name,
            appraiser_is_asn=bool(appraiser) and appraiser.asn_type != "non_asn",
        )

    def _get_siasn_payload(self, codes=None, remote_id=None):
        """The SIASN ``kinerjaperiodik/save`` payload of this reviewed
        periodic evaluation.

        :raises UserError: not reviewed, annual, or data SIASN needs missing
        """
        self.ensure_one()
        if codes is None:
            codes = self.env["hr.asn.siasn.code"]._get_code_table()
        facts = self._get_siasn_facts()
        if remote_id:
            facts = dataclasses.replace(facts, remote_id=remote_id)
        try:
            return siasn_rules.periodic_payload(facts, codes)
        except siasn_rules.SiasnMappingError as error:
            raise UserError(
                _(
                    "%(checkin)s cannot be sent to SIASN: %(reason)s.",
                    checkin=self.sudo().display_name,
                    reason=siasn_error_message(self.env, error),
                )
            ) from error
