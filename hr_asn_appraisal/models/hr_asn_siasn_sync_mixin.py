from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .hr_asn_siasn_sync import DOCUMENT_STATES, NOT_SENT

HR_USER = "hr.group_hr_user"
OFFICER = "hr_asn_appraisal.group_hr_asn_officer"
# Shown from the sync record, set by the server only.
SIASN_SYNC_FIELDS = {
    "siasn_sync_ids",
    "siasn_sync_state",
    "siasn_remote_id",
    "siasn_last_error",
    "siasn_last_sent_on",
    "siasn_attempt_count",
    "siasn_next_try",
}


def sync_fields(inverse_name):
    """The SIASN fields of a document whose status records point at it
    through ``inverse_name`` (HR only, set by the server)."""
    return {
        "siasn_sync_ids": fields.One2many(
            "hr.asn.siasn.sync",
            inverse_name,
            string="SIASN Status Record",
            readonly=True,
            groups=HR_USER,
        ),
        "siasn_sync_state": fields.Selection(
            DOCUMENT_STATES,
            string="SIASN Status",
            compute="_compute_siasn_sync_state",
            store=True,
            index=True,
            groups=HR_USER,
            help="Not sent, queued, sent (SIASN holds it), failed (see the "
            "error) or changed since sent (queue it again: the resend updates "
            "SIASN's record).",
        ),
        "siasn_remote_id": fields.Char(
            string="SIASN Record ID", compute="_compute_siasn_details", groups=HR_USER
        ),
        "siasn_last_error": fields.Text(
            string="SIASN Error", compute="_compute_siasn_details", groups=HR_USER
        ),
        "siasn_last_sent_on": fields.Datetime(
            string="Sent to SIASN On",
            compute="_compute_siasn_details",
            groups=HR_USER,
        ),
        "siasn_attempt_count": fields.Integer(
            string="SIASN Tries", compute="_compute_siasn_details", groups=HR_USER
        ),
        "siasn_next_try": fields.Datetime(
            string="SIASN Next Try", compute="_compute_siasn_details", groups=HR_USER
        ),
    }


class HrAsnSiasnSyncMixin(models.AbstractModel):
    """What a document sent to SIASN shows (status, SIASN's id, the last
    error, tries) and HR's "Queue for SIASN" action. HR only.

    A model using it declares the fields of ``sync_fields()``,
    ``_siasn_sync_field`` (its field on hr.asn.siasn.sync), ``_siasn_kind``
    and implements
    ``_siasn_not_ready_reason()`` and ``_get_siasn_payload(codes, remote_id)``.
    """

    _name = "hr.asn.siasn.sync.mixin"
    _description = "Sent to SIASN"
    _siasn_sync_field = None
    _siasn_kind = None

    # The fields are declared by each model (sync_fields() below): the
    # status record's inverse field is the model's own.

    @api.depends("siasn_sync_ids.state")
    def _compute_siasn_sync_state(self):
        for document in self:
            document.siasn_sync_state = document.siasn_sync_ids[:1].state or NOT_SENT

    @api.depends(
        "siasn_sync_ids.remote_id",
        "siasn_sync_ids.last_error",
        "siasn_sync_ids.last_sent_on",
        "siasn_sync_ids.attempt_count",
        "siasn_sync_ids.next_try",
    )
    def _compute_siasn_details(self):
        for document in self:
            sync = document.siasn_sync_ids[:1]
            document.siasn_remote_id = sync.remote_id
            document.siasn_last_error = sync.last_error
            document.siasn_last_sent_on = sync.last_sent_on
            document.siasn_attempt_count = sync.attempt_count
            document.siasn_next_try = sync.next_try

    def _siasn_not_ready_reason(self):
        """Why this document cannot go to SIASN now (None: it can)."""
        raise NotImplementedError

    def _check_siasn_officer(self):
        if not self.env.su and not self.env.user.has_group(OFFICER):
            raise AccessError(_("Only an HR officer can queue documents for SIASN."))

    def action_siasn_queue(self):
        """HR's "Queue for SIASN": the selected documents are sent by the
        scheduled action; those that cannot go are listed with the reason."""
        self._check_siasn_officer()
        self.check_access("read")
        companies = self.env.user.company_ids
        foreign = self.sudo().filtered(lambda d: d.company_id not in companies)
        if foreign and not self.env.su:
            raise AccessError(
                _(
                    "%(document)s belongs to a company you do not work for.",
                    document=foreign[0].display_name,
                )
            )
        Sync = self.env["hr.asn.siasn.sync"]
        count, skipped = Sync._queue(self)
        return Sync._queue_notification(count, skipped)
