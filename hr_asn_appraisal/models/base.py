from odoo import models


class Base(models.AbstractModel):
    _inherit = "base"

    def export_data(self, fields_to_export):
        """An export reads related and computed values as they are computed:
        on the addon's own models the reader's access to the records and to the
        fields (``groups``) is checked first, as ``read()`` does."""
        if self._original_module == "hr_asn_appraisal" and not self.env.su:
            self.check_access("read")
            self.check_field_access_rights(
                "read", list({path.split("/")[0] for path in fields_to_export})
            )
        return super().export_data(fields_to_export)
