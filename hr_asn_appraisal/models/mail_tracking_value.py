from collections import defaultdict

from odoo import models
from odoo.exceptions import MissingError


class MailTrackingValue(models.Model):
    """Tracked changes of confidential fields follow the confidentiality
    policy: Odoo already hides the tracking of a field the reader may not
    access (``groups``); a field declared confidential is hidden the same way
    from the readers its document withholds it from."""

    _inherit = "mail.tracking.value"

    def _filter_has_field_access(self, env):
        allowed = super()._filter_has_field_access(env)
        users = env["hr.asn.confidential.mixin"]._asn_audience()
        if not allowed or not users:
            return allowed
        return allowed._asn_filter_confidential(users)

    def _filter_free_field_access(self):
        # The trackings "for all users" (web push summaries) go to whoever
        # follows the document: none of a pending one's confidential fields.
        return super()._filter_free_field_access()._asn_filter_confidential()

    def _asn_filter_confidential(self, users=None):
        """self without the trackings of confidential fields on documents that
        withhold them: from ``users``, or (None) from their appraisee, i.e.
        documents still pending, whoever reads."""
        if not self:
            return self
        trackings = self.sudo()
        by_model = defaultdict(list)
        for tracking in trackings:
            field = tracking.field_id
            if field.model not in self.env:
                continue
            Model = self.env[field.model]
            if not hasattr(Model, "_asn_confidential_names"):
                continue
            if field.name in Model._asn_confidential_names():
                by_model[field.model].append(tracking)
        hidden = self.browse()
        for model_name, candidates in by_model.items():
            res_ids = {tracking.mail_message_id.res_id for tracking in candidates}
            records = self.env[model_name].sudo().browse(res_ids)
            try:
                withheld = records._asn_withheld_from(users)
            except MissingError:  # a message outliving its document
                withheld = records.exists()._asn_withheld_from(users)
            withheld_ids = set(withheld.ids)
            hidden |= self.browse(
                tracking.id
                for tracking in candidates
                if tracking.mail_message_id.res_id in withheld_ids
            )
        return self - hidden
