from odoo import _, models

from .hr_asn_siasn_connector import KIND_SKP
from .hr_asn_siasn_sync_mixin import SIASN_SYNC_FIELDS, sync_fields

_SYNC_FIELDS = sync_fields("appraisal_id")


class HrAsnAppraisal(models.Model):
    """Sending a validated SKP to SIASN: its status, and "changed since sent"
    when a sent SKP is validated again with other facts."""

    _name = "hr.asn.appraisal"
    _inherit = ["hr.asn.appraisal", "hr.asn.siasn.sync.mixin"]
    _siasn_sync_field = "appraisal_id"
    _siasn_kind = KIND_SKP

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
        if self.state != "done":
            return _("not validated (%(state)s)", state=self._state_label(self.state))
        return None

    def _on_enter_done(self, from_state):
        """Validated again after a reopen: a sent SKP whose facts differ from
        what SIASN holds is "changed since sent"."""
        res = super()._on_enter_done(from_state)
        self.sudo().siasn_sync_ids._mark_changed()
        return res
