from odoo import _, api, models
from odoo.exceptions import UserError


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_appraisal_history(self):
        """A unit with appraisal history is archived, not deleted: its SKPs past
        draft, check-ins and unit ratings keep pointing at it (recaps, the
        Penetapan Predikat Kinerja)."""
        domain = [("department_id", "in", self.ids)]
        counts = dict(
            self.env["hr.asn.appraisal"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [*domain, ("state", "!=", "draft")], ["department_id"], ["__count"]
            )
        )
        for department, count in (
            self.env["hr.asn.unit.rating"]
            .sudo()
            ._read_group(domain, ["department_id"], ["__count"])
        ):
            counts[department] = counts.get(department, 0) + count
        for department in self:
            if counts.get(department):
                raise UserError(
                    _(
                        "Unit %(unit)s cannot be deleted: %(count)s SKPs or unit "
                        "ratings belong to it and are kept as appraisal history. "
                        "Archive the unit instead.",
                        unit=department.display_name,
                        count=counts[department],
                    )
                )
