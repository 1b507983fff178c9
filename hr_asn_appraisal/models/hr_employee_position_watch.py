# A further extension of hr.employee in this addon, on purpose: each feature
# keeps its fields in its own file so that parallel branches merge cleanly.
# pylint: disable=consider-merging-classes-inherited
from odoo import _, api, fields, models
from odoo.tools.misc import format_date

# The employee's fields whose change during a running SKP is a position change
# (docs/year.md): the SKP's unit, appraiser, position and rank follow only
# through the "Record a Position Change" wizard.
WATCHED_FIELDS = (
    "job_id",
    "job_title",
    "department_id",
    "parent_id",
    "asn_appraiser_id",
    "asn_rank_id",
    "asn_position_type",
    "asn_position_level",
)


class HrEmployee(models.Model):
    """A warning on the employee form when HR changes the position, unit,
    manager, appraiser or rank of an employee whose SKP is running: saving
    the form does not split the SKP; the wizard does."""

    _inherit = "hr.employee"

    def _asn_get_running_appraisal(self, date=None):
        """The employee's SKP running on date (default today), not validated
        nor cancelled, or an empty recordset."""
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        return (
            self.env["hr.asn.appraisal"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", self._origin.id),
                    ("state", "not in", ("done", "cancel")),
                    ("date_start", "<=", date),
                    ("date_end", ">=", date),
                ],
                limit=1,
            )
        )

    def _asn_position_change_warning(self):
        """The onchange warning for the watched fields, or None: only for an
        existing employee whose watched data differs from the saved one while
        an SKP runs, and only to those who may record the change."""
        self.ensure_one()
        origin = self._origin
        if not origin.id or not self.env.user.has_group(
            "hr_asn_appraisal.group_hr_asn_officer"
        ):
            return None
        changed = [name for name in WATCHED_FIELDS if self[name] != origin[name]]
        if not changed:
            return None
        skp = self._asn_get_running_appraisal()
        if not skp:
            return None
        labels = [
            self._fields[name].get_description(self.env)["string"] for name in changed
        ]
        return {
            "title": _("%(employee)s has a running SKP", employee=origin.name),
            "message": _(
                "You changed %(fields)s while %(skp)s runs (%(start)s to %(end)s). "
                "Saving here changes the employee's data only: the running SKP "
                "keeps its unit, appraiser and position. To end it on the "
                "effective date and start a new SKP for the rest of the cycle, "
                'discard this change and use "Record a Position Change" on '
                "the ASN page.",
                fields=", ".join(labels),
                skp=skp.display_name,
                start=format_date(self.env, skp.date_start),
                end=format_date(self.env, skp.date_end),
            ),
        }

    @api.onchange(*WATCHED_FIELDS)
    def _onchange_asn_position_change_warning(self):
        warning = self._asn_position_change_warning()
        if warning:
            return {"warning": warning}
        return None
