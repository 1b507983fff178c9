from odoo import _, models

from ..rules import periods as period_rules

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

    @staticmethod
    def _get_report_value(record, field_name):
        """record[field_name] as the reader may see it: through the
        confidentiality policy for the models that declare one."""
        if hasattr(record, "_asn_get"):
            return record._asn_get(field_name)
        return record[field_name]

    def _get_report_cell(self, record, field_name):
        """The printable text of one field of a record (selection label, name)."""
        field = record._fields[field_name]
        value = self._get_report_value(record, field_name)
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

    def _get_report_label(self, record, field_name):
        """The translated label of a selection field's value, or "" (also for
        an empty record)."""
        value = self._get_report_value(record, field_name) if record else False
        if not value:
            return ""
        selection = record._fields[field_name]._description_selection(self.env)
        return dict(selection).get(value) or ""

    # ------------------------------------------------------------------
    # Dokumen Evaluasi Kinerja Pegawai: one layout, annual or periodic
    # ------------------------------------------------------------------
    def _get_report_evaluation(self):
        """What the annual Dokumen Evaluasi Kinerja Pegawai prints: the SKP's
        ratings, with the annual evaluation's realisasi on the sheet."""
        self.ensure_one()
        annual = self.checkin_ids.filtered("is_annual")[:1]
        done_on = self._get_signed_on("done" if self.state == "done" else "rated")
        # As on screen, the employee reads their ratings once HR validated
        # them: every confidential value is read through the policy.
        withheld = bool(self._asn_withheld())
        return self._prepare_report_evaluation(
            rated=self,
            checkin=annual,
            period_title=period_rules.ANNUAL_NAME.upper(),
            note=self._asn_get("rating_note"),
            recommendations=self._asn_get("recommendation_ids").mapped("name"),
            sign_date=done_on,
            # The unit's curve is made of colleagues' interim ratings too: none
            # while the reader's own are withheld, final ones only for the
            # employee afterwards.
            distribution=None
            if withheld
            else self._get_report_skp_distribution(
                final_only=bool(self._asn_is_appraisee())
            ),
        )

    def _prepare_report_evaluation(
        self,
        rated,
        checkin,
        period_title,
        note,
        recommendations,
        sign_date,
        distribution,
    ):
        """The values of the shared evaluation layout.

        rated holds the work/behaviour ratings and the predikat (the SKP or a
        periodic check-in); checkin, when given, the realisasi, bukti dukung
        and umpan balik of the evaluation sheet.
        """
        self.ensure_one()
        people = self._get_report_people()
        return {
            "period_title": period_title,
            "company": self.company_id.name or "",
            # The SKP's own period: one of several SKPs of the year prints
            # its months, not the whole cycle.
            "date_start": self.date_start,
            "date_end": self.date_end,
            "employee": people["employee"],
            "appraiser": people["appraiser"],
            "superior": people["appraiser_parent"],
            "org_rating": self._get_report_label(self, "unit_org_rating"),
            "work_rating": self._get_report_label(rated, "work_rating"),
            "behavior_rating": self._get_report_label(rated, "behavior_rating"),
            "predikat": self._get_report_label(rated, "predikat"),
            "note": note or "",
            "recommendations": recommendations,
            "place": self._get_report_place(),
            "sign_date": sign_date,
            "sections": self._get_report_evaluation_sections(checkin),
            "behaviors": [
                (behavior.value_id.name, behavior.expectation or "")
                for behavior in self.behavior_ids
            ],
            "distribution": distribution,
        }

    def _get_report_evaluation_sections(self, checkin):
        """[(section label, [RHK row])] of the evaluation sheet.

        An RHK row: {"name", "ikis": [{"name", "target", "realisation"}],
        "evidence": [{"name", "link", "source"}], "feedback"}; the realisasi,
        bukti dukung and umpan balik come from the check-in, when there is one.
        """
        self.ensure_one()
        lines = {line.rhk_id: line for line in checkin.rhk_ids} if checkin else {}
        sections = []
        for label, rhks in self._get_report_rhk_sections():
            rows = []
            for rhk in rhks:
                line = lines.get(rhk)
                reported = {iki.iki_id: iki for iki in line.iki_ids} if line else {}
                rows.append(
                    {
                        "name": rhk.name or "",
                        "ikis": [
                            {
                                "name": iki.name or "",
                                "target": iki.target_display or "",
                                "realisation": self._get_report_realisation(
                                    reported.get(iki)
                                ),
                            }
                            for iki in rhk.iki_ids
                        ],
                        "evidence": [
                            {
                                "name": evidence.name or "",
                                "link": evidence.url or evidence.file_name or "",
                                "source": evidence.data_source or "",
                            }
                            for evidence in (line.evidence_ids if line else [])
                        ],
                        "feedback": (line.feedback if line else "") or "",
                    }
                )
            sections.append((label, rows))
        return sections

    def _get_report_realisation(self, line):
        """The printed realisasi of a check-in IKI line: value and unit, text."""
        if not line:
            return ""
        text = (line.realisation_text or "").strip()
        parts = []
        if line.approach != "kualitatif" and (line.realisation_value or not text):
            unit = line.target_unit or ""
            parts.append(f"{line.realisation_value:g} {unit}".strip())
        if text:
            parts.append(text)
        return "\n".join(parts)

    def _get_report_unit_rating(self):
        """The organisational rating of the cycle of the unit in whose curve
        the SKP counts (sudo: only its counts and rule are printed), or a new
        one without a rating. A unit head counts in the superior unit."""
        self.ensure_one()
        UnitRating = self.env["hr.asn.unit.rating"].sudo()
        department = self.department_id.sudo()
        department_id = department.id
        if department.manager_id and department.manager_id == self.employee_id:
            department_id = UnitRating._curve_unit_of_head(department)
        unit_rating = UnitRating.search(
            [
                ("cycle_id", "=", self.cycle_id.id),
                ("department_id", "=", department_id),
            ],
            limit=1,
        )
        return unit_rating or UnitRating.new(
            {"cycle_id": self.cycle_id.id, "department_id": department_id}
        )

    def _get_report_skp_distribution(self, final_only=False):
        """The distribution curve of the annual document: the predikat of the
        unit's rated and validated SKPs of the cycle (validated ones only when
        final_only) against the unit's rule."""
        self.ensure_one()
        if not self.department_id:
            return None
        unit_rating = self._get_report_unit_rating()
        if final_only:
            by_state = unit_rating._get_distribution_counts().get(unit_rating.id, {})
            counts = dict(by_state.get("done", {}))
        else:
            counts = unit_rating._get_report_counts()
        return unit_rating._get_report_chart(counts)
