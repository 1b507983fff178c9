import datetime
import io
from importlib import import_module

from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError

from .common import AsnAppraisalCase

INJECTION = '=HYPERLINK("http://evil.example","click")'


class TestRecapXlsx(AsnAppraisalCase):
    """The Excel recaps and the training plan export (OCA report_xlsx),
    generated through the report actions and read back with openpyxl."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_2 = cls.env["hr.department"].create(
            {"name": "Bidang Keuangan", "company_id": cls.company.id}
        )
        cls.emp_finance = cls.env["hr.employee"].create(
            {
                "name": "Staf Keuangan",
                "company_id": cls.company.id,
                "department_id": cls.unit_2.id,
                "parent_id": cls.emp_appraiser.id,
                "asn_type": "pns",
                "asn_nip": "199202022016032005",
                "asn_position_type": "pelaksana",
                "job_title": "Pengelola Keuangan",
            }
        )
        # a hostile name: must stay text in the workbook
        cls.emp_colleague.name = INJECTION
        # the staff's SKP validated, the colleague's and the finance one in draft
        cls.skp_staff = cls._create_skp(cls.emp_staff)
        cls.skp_staff.with_user(cls.user_staff).action_submit()
        cls.skp_staff.with_user(cls.user_appraiser).action_approve()
        cls.skp_staff.with_user(cls.user_appraiser).write(
            {"work_rating": "above", "behavior_rating": "above"}
        )
        cls.skp_staff.with_user(cls.user_appraiser).action_rate()
        cls.skp_staff.with_user(cls.user_hr).action_validate()
        cls.skp_colleague = cls._create_skp(cls.emp_colleague)
        cls.skp_finance = cls._create_skp(cls.emp_finance)
        cls.env["hr.asn.training.hours"].create(
            [
                {
                    "employee_id": cls.emp_staff.id,
                    "name": "Diklat A",
                    "jp": 12.5,
                    "year": 2026,
                },
                {
                    "employee_id": cls.emp_staff.id,
                    "name": "Diklat B",
                    "jp": 8,
                    "year": 2026,
                },
                {
                    "employee_id": cls.emp_staff.id,
                    "name": "Old",
                    "jp": 40,
                    "year": 2025,
                },
            ]
        )

    def _render(self, xmlid, records, user=None, lang="en_US", data=None):
        user = user or self.user_hr
        content, file_type = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang=lang)
            ._render(xmlid, records.ids, data or {})
        )
        self.assertEqual(file_type, "xlsx")
        return load_workbook(io.BytesIO(content))

    def _table(self, sheet):
        """(headers, rows as dicts) of a sheet's table."""
        values = list(sheet.iter_rows(values_only=True))
        headers = list(values[0])
        return headers, [dict(zip(headers, row, strict=True)) for row in values[1:]]

    def _cells_by_header(self, sheet, header):
        col = [c.value for c in sheet[1]].index(header) + 1
        return [sheet.cell(row, col) for row in range(2, sheet.max_row + 1)]

    # ------------------------------------------------------------------
    def test_cycle_recap_sheets_headers_rows(self):
        wb = self._render("hr_asn_appraisal.action_report_recap_cycle_xlsx", self.cycle)
        self.assertEqual(
            wb.sheetnames, ["Summary", "Bidang Kepegawaian", "Bidang Keuangan"]
        )
        sheet = wb["Bidang Kepegawaian"]
        headers, rows = self._table(sheet)
        for header in (
            "NIP",
            "Rank",
            "Position",
            "Unit",
            "Predikat Kinerja",
            "Rating Hasil Kerja",
            "Rating Perilaku Kerja",
            "JP",
            "Angka Kredit",
            "Eligible for Promotion",
        ):
            self.assertIn(header, headers)
        # one row per SKP of the unit
        self.assertEqual(len(rows), 2)
        by_nip = {row["NIP"]: row for row in rows}
        staff = by_nip["199001012015031003"]
        self.assertEqual(staff["Predikat Kinerja"], "Sangat Baik")
        self.assertEqual(staff["State"], "Done")
        self.assertEqual(staff["JP"], 20.5)  # the cycle's year only
        # decided at validation: a pelaksana earns no credit points, and the
        # company has no allowance table (0 %)
        self.assertEqual(staff["Angka Kredit"], 0)
        self.assertEqual(staff["Allowance Adjustment (%)"], 0)
        self.assertIs(staff["Eligible for Promotion"], False)
        self.assertIsInstance(staff["Date Validated"], datetime.datetime)
        colleague = by_nip["198502022022212004"]
        self.assertEqual(colleague["State"], "Draft")
        self.assertEqual(colleague["JP"], 0)
        # not validated: nothing decided yet, left blank
        self.assertIsNone(colleague["Angka Kredit"])
        self.assertIsNone(colleague["Allowance Adjustment (%)"])
        self.assertEqual(len(self._table(wb["Bidang Keuangan"])[1]), 1)
        # no organisational rating yet: counted all the same, no rule to check
        _headers, summary = self._table(wb["Summary"])
        unit = next(r for r in summary if r["Unit"] == "Bidang Kepegawaian")
        self.assertEqual(unit["SKPs Counted"], 1)
        self.assertEqual(unit["Sangat Baik"], 1)
        self.assertEqual(unit["Organisational Rating"], "No organisational rating")
        self.assertIsNone(unit["Distribution Follows the Rule"])

    def test_cell_types_frozen_header_autofilter(self):
        wb = self._render("hr_asn_appraisal.action_report_recap_cycle_xlsx", self.cycle)
        sheet = wb["Bidang Kepegawaian"]
        self.assertEqual(sheet.freeze_panes, "A2")
        # 19 columns: the SKP's period (start, end) and the year's predikat
        # came with several SKPs per cycle (docs/year.md).
        self.assertEqual(sheet.auto_filter.ref, f"A1:S{sheet.max_row}")
        for cell in self._cells_by_header(sheet, "Period Start"):
            self.assertTrue(cell.is_date)
        self.assertGreater(sheet.column_dimensions["B"].width, 10)
        for cell in self._cells_by_header(sheet, "JP"):
            self.assertEqual(cell.data_type, "n")
            self.assertIsInstance(cell.value, (int, float))
        # the decided figures: numbers for the validated SKP, blank otherwise
        states = [c.value for c in self._cells_by_header(sheet, "State")]
        for header in ("Angka Kredit", "Allowance Adjustment (%)"):
            cells = self._cells_by_header(sheet, header)
            for state, cell in zip(states, cells, strict=True):
                self.assertEqual(cell.data_type, "n", header)
                if state == "Done":
                    self.assertIsInstance(cell.value, (int, float), header)
                else:
                    self.assertIsNone(cell.value, header)
        for cell in self._cells_by_header(sheet, "NIP"):
            self.assertEqual(cell.data_type, "s")  # NIPs keep their digits
        for cell in self._cells_by_header(sheet, "Eligible for Promotion"):
            self.assertEqual(cell.data_type, "b")
        dates = [c for c in self._cells_by_header(sheet, "Date Validated") if c.value]
        self.assertEqual(len(dates), 1)
        self.assertTrue(dates[0].is_date)
        summary = wb["Summary"]
        self.assertEqual(summary.freeze_panes, "A2")
        self.assertTrue(summary.auto_filter.ref)
        # printed on A4 landscape, one page wide, header repeated
        for printed in (sheet, summary):
            self.assertEqual(printed.page_setup.orientation, "landscape")
            self.assertEqual(int(printed.page_setup.paperSize), 9)
            # one page wide (1, the default, may be left out), pages as needed
            self.assertIn(printed.page_setup.fitToWidth, (None, 1))
            self.assertEqual(int(printed.page_setup.fitToHeight), 0)
            self.assertTrue(printed.sheet_properties.pageSetUpPr.fitToPage)
            self.assertEqual(printed.print_title_rows.replace("$", ""), "1:1")

    def test_formula_injection_stays_text(self):
        wb = self._render("hr_asn_appraisal.action_report_recap_cycle_xlsx", self.cycle)
        cells = [
            c
            for c in self._cells_by_header(wb["Bidang Kepegawaian"], "Employee")
            if c.value == INJECTION
        ]
        self.assertEqual(len(cells), 1)
        self.assertEqual(cells[0].data_type, "s")

    def test_summary_against_unit_rule(self):
        rating = self.env["hr.asn.unit.rating"].create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.unit.id,
                "org_rating": "istimewa",
            }
        )
        wb = self._render("hr_asn_appraisal.action_report_recap_cycle_xlsx", self.cycle)
        _headers, rows = self._table(wb["Summary"])
        by_unit = {row["Unit"]: row for row in rows}
        self.assertEqual(set(by_unit), {"Bidang Kepegawaian", "Bidang Keuangan"})
        unit = by_unit["Bidang Kepegawaian"]
        # only rated and validated SKPs count, as in the unit rating
        self.assertEqual(unit["SKPs Counted"], rating.count_total)
        self.assertEqual(unit["SKPs Counted"], 1)
        self.assertEqual(unit["Sangat Baik"], 1)
        self.assertEqual(unit["Distribution Follows the Rule"], rating.is_compliant)
        self.assertEqual(unit["Breaches"] or False, rating.breach_text or False)
        finance = by_unit["Bidang Keuangan"]
        self.assertEqual(finance["SKPs Counted"], 0)
        self.assertIsNone(finance["Distribution Follows the Rule"])

    def test_indonesian_headers(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hr_asn_appraisal"], ["id_ID"])
        self.user_hr.lang = "id_ID"
        wb = self._render(
            "hr_asn_appraisal.action_report_recap_cycle_xlsx", self.cycle, lang="id_ID"
        )
        headers, rows = self._table(wb["Bidang Kepegawaian"])
        self.assertIn("Pangkat/Golongan Ruang", headers)  # GLOSSARY.md: Rank
        self.assertIn("Jabatan", headers)
        self.assertIn("Unit Kerja", headers)
        self.assertNotIn("Rank", headers)
        self.assertEqual(len(rows), 2)

    def test_validated_year_keeps_what_was_decided(self):
        """A promotion after validation changes the employee, not the year
        already decided: rank, position, predikat and figures stay."""
        wb = self._render("hr_asn_appraisal.action_report_recap_xlsx", self.skp_staff)
        before = self._table(wb["Bidang Kepegawaian"])[1][0]
        self.emp_staff.write(
            {
                "asn_rank_id": self.env.ref("hr_asn_appraisal.rank_pns_3b").id,
                "job_title": "Pranata Komputer Ahli Muda",
                "asn_position_type": "fungsional",
                "asn_position_level": "ahli_muda",
            }
        )
        self.env["hr.asn.allowance.rule"].create(
            {
                "company_id": self.company.id,
                "predikat": "sangat_baik",
                "adjustment_percent": 3,
            }
        )
        wb = self._render("hr_asn_appraisal.action_report_recap_xlsx", self.skp_staff)
        after = self._table(wb["Bidang Kepegawaian"])[1][0]
        self.assertEqual(after, before)
        self.assertEqual(after["Position"], "Pengelola Data Kepegawaian")
        self.assertEqual(after["Angka Kredit"], 0)
        self.assertEqual(after["Allowance Adjustment (%)"], 0)

    def test_recap_of_selected_skps_and_of_a_unit(self):
        wb = self._render("hr_asn_appraisal.action_report_recap_xlsx", self.skp_finance)
        self.assertEqual(wb.sheetnames, ["Summary", "Bidang Keuangan"])
        self.assertEqual(len(self._table(wb["Bidang Keuangan"])[1]), 1)
        wb = self._render(
            "hr_asn_appraisal.action_report_recap_department_xlsx", self.unit
        )
        self.assertEqual(wb.sheetnames, ["Summary", "Bidang Kepegawaian"])
        self.assertEqual(len(self._table(wb["Bidang Kepegawaian"])[1]), 2)

    def test_staff_cannot_print_recaps(self):
        for xmlid, records in (
            ("hr_asn_appraisal.action_report_recap_cycle_xlsx", self.cycle),
            ("hr_asn_appraisal.action_report_recap_xlsx", self.skp_colleague),
            ("hr_asn_appraisal.action_report_recap_department_xlsx", self.unit),
            ("hr_asn_appraisal.action_report_training_plan_xlsx", self.cycle),
        ):
            with self.subTest(report=xmlid), self.assertRaises(AccessError):
                self._render(xmlid, records, user=self.user_staff)

    def test_record_rules_apply_to_officers_of_another_company(self):
        with self.assertRaises(AccessError):
            self._render(
                "hr_asn_appraisal.action_report_recap_xlsx",
                self.skp_staff,
                user=self.user_other_hr,
            )

    def test_training_plan(self):
        today = fields.Date.today()
        program = self.env["hr.asn.training.program"].create(
            {
                "name": "Pelatihan Teknis Kearsipan",
                "company_id": self.company.id,
                "category": "technical",
                "jp_hours": 16,
                "date_start": today + datetime.timedelta(days=10),
                "date_end": today + datetime.timedelta(days=12),
                "user_id": self.user_hr.id,
            }
        )
        self.env["hr.asn.training.request"].with_user(self.user_staff).create(
            {
                "appraisal_id": self.skp_staff.id,
                "program_id": program.id,
                "motivation": "+SUM(1,1)",
            }
        )
        self.env["hr.asn.recommendation"].create(
            {
                "name": "@cmd",
                "appraisal_id": self.skp_staff.id,
                "recommendation_type": "coaching",
                "explanation": "-2+3",
            }
        )
        wb = self._render(
            "hr_asn_appraisal.action_report_training_plan_xlsx", self.cycle
        )
        self.assertIn("Bidang Kepegawaian", wb.sheetnames)
        sheet = wb["Bidang Kepegawaian"]
        self.assertEqual(sheet.freeze_panes, "A2")
        headers, rows = self._table(sheet)
        self.assertEqual(len(rows), len(self.skp_staff.recommendation_ids) + 1)
        request = next(r for r in rows if r["Kind"] == "Training request")
        self.assertEqual(request["Programme / Recommendation"], program.name)
        self.assertEqual(request["JP"], 16)
        self.assertIsInstance(request["Start Date"], datetime.datetime)
        self.assertEqual(request["Motivation / Explanation"], "+SUM(1,1)")
        manual = next(r for r in rows if r["Programme / Recommendation"] == "@cmd")
        self.assertEqual(manual["Motivation / Explanation"], "-2+3")
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                self.assertNotEqual(cell.data_type, "f")

    def _recap_queries(self, skps):
        self.env.invalidate_all()
        records = skps.with_user(self.user_hr)
        before = self.cr.sql_log_count
        rows = records._get_recap_rows()
        self.assertEqual(len(rows), len(skps))
        return self.cr.sql_log_count - before

    def test_recap_rows_are_batched(self):
        """The number of queries does not grow with the number of SKPs."""
        few = self.skp_staff | self.skp_colleague | self.skp_finance
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"Staf Tambahan {i}",
                    "company_id": self.company.id,
                    "department_id": self.unit_2.id,
                    "parent_id": self.emp_appraiser.id,
                    "asn_type": "pns",
                    "asn_nip": f"19930303201703100{i}",
                    "asn_position_type": "pelaksana",
                }
                for i in range(1, 7)
            ]
        )
        many = few
        for employee in employees:
            many |= self._create_skp(employee)
        self._recap_queries(many)  # warm the registry caches
        self.assertLessEqual(self._recap_queries(many), self._recap_queries(few) + 2)

    def test_recap_rows_in_chunks_are_the_same(self):
        """A province's cycle is read in chunks, the cache cleared between
        them: chunks of one SKP give the same rows, in the same order, as one
        chunk, for an officer and for the appraiser (record rules and
        confidentiality applied)."""
        skps = self.skp_staff | self.skp_colleague | self.skp_finance
        recap_module = import_module(
            "odoo.addons.hr_asn_appraisal.models.hr_asn_appraisal_recap"
        )
        for user in (self.user_hr, self.user_appraiser):
            readable = skps.with_user(user)
            whole = readable._get_recap_rows()
            self.env.invalidate_all()
            self.patch(recap_module, "RECAP_CACHE_CHUNK", 1)
            chunked = readable._get_recap_rows()
            self.patch(recap_module, "RECAP_CACHE_CHUNK", 2000)
            self.assertEqual(len(chunked), 3)
            self.assertEqual(chunked, whole, user.login)
