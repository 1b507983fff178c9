from odoo import _, models

# Periodic check-in columns of the evaluation sheet: printed only when the
# IKI model carries such a field (added by the check-in feature).
EVALUATION_COLUMNS = (
    ("realization", "Realisasi"),
    ("evidence", "Bukti Dukung"),
    ("feedback", "Umpan Balik"),
)
# States in which the approval snapshot is the SKP's record of who was who.
SNAPSHOT_STATES = ("approved", "rated", "done", "cancel")


class HrAsnAppraisal(models.Model):
    """What the printed SKP and Dokumen Evaluasi Kinerja Pegawai show."""

    _inherit = "hr.asn.appraisal"

    def _get_report_people(self):
        """{role: {name, nip, rank, position, unit}} for the printed documents.

        Once approved, the documents print the approval snapshot (who the
        people were when the SKP was agreed); before, the current data.
        """
        self.ensure_one()
        use_snapshot = self.state in SNAPSHOT_STATES and bool(self.date_approved)
        people = {
            "employee": self.employee_id,
            "appraiser": self.appraiser_id,
            "appraiser_parent": self.appraiser_parent_id,
        }
        result = {}
        for role, person in people.items():
            if use_snapshot:
                result[role] = {
                    item: self[f"{role}_{item}_snapshot"] or ""
                    for item in ("name", "nip", "rank", "position", "unit")
                }
            else:
                current = self._snapshot_of(person) if person else {}
                result[role] = {
                    item: current.get(item) or ""
                    for item in ("name", "nip", "rank", "position", "unit")
                }
        return result

    def _get_report_rhk_sections(self):
        """[(section label, RHKs)] for Utama then Tambahan, empty ones left out."""
        self.ensure_one()
        sections = [
            (_("Utama"), self.rhk_ids.filtered(lambda r: r.rhk_type == "utama")),
            (_("Tambahan"), self.rhk_ids.filtered(lambda r: r.rhk_type == "tambahan")),
        ]
        return [(label, rhks) for label, rhks in sections if rhks]

    def _get_report_evaluation_columns(self):
        """[(IKI field name, heading)] of the check-in columns that exist."""
        iki_fields = self.env["hr.asn.appraisal.iki"]._fields
        return [
            (name, label) for name, label in EVALUATION_COLUMNS if name in iki_fields
        ]

    def _get_report_cell(self, record, field_name):
        """The printable text of one field of a record (selection label, name)."""
        field = record._fields[field_name]
        value = record[field_name]
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value) or ""
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type in ("float", "integer", "monetary"):
            return f"{value:g}" if value else ""
        return value or ""

    def _get_report_place(self):
        self.ensure_one()
        return self.company_id.city or ""
