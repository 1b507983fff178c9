"""Importing employees from a SIASN/SIMPEG extract, as an HR officer does it:
upload the file, read the preview, import (issue #15, item 5)."""

import base64
import csv
import importlib.util
import io
from pathlib import Path

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
SAMPLE = DATA / "siasn_extract_sample.csv"
CLEAN = DATA / "siasn_extract_sample_clean.csv"
OFFICER = "base.group_user,hr_asn_appraisal.group_hr_asn_officer"


def load_sample_maker():
    """tools/make_siasn_extract_sample.py, which writes the sample files."""
    spec = importlib.util.spec_from_file_location(
        "make_siasn_extract_sample", REPO / "tools" / "make_siasn_extract_sample.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def csv_bytes(rows, headings):
    out = io.StringIO()
    writer = csv.DictWriter(out, headings, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def read_rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader), reader.fieldnames


class EmployeeImportCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env["res.company"].create({"name": "BKPSDM Uji Impor"})
        cls.other_company = cls.env["res.company"].create({"name": "Dinas Lain"})

        def user(login, groups, companies):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=companies[0].id,
                company_ids=[Command.set(companies.ids)],
            )

        cls.user_hr = user("imp_hr", OFFICER, cls.company)
        cls.user_staff = user("imp_staff", "base.group_user", cls.company)
        cls.user_other_hr = user("imp_other_hr", OFFICER, cls.other_company)

    def wizard(self, content=None, filename="extract.csv", user=None, **vals):
        if content is None:
            content = SAMPLE.read_bytes()
        Wizard = self.env["hr.asn.employee.import.wizard"].with_user(
            user or self.user_hr
        )
        return Wizard.create(
            {
                "company_id": self.company.id,
                "file": base64.b64encode(content),
                "filename": filename,
                **vals,
            }
        )

    def employees(self):
        return (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.company.id)])
        )

    def units(self):
        return self.env["hr.department"].search([("company_id", "=", self.company.id)])

    def line(self, wizard, row_number):
        return wizard.line_ids.filtered(lambda line: line.row_number == row_number)


@tagged("post_install", "-at_install")
class TestEmployeeImport(EmployeeImportCase):
    def test_preview_lists_every_error_with_its_row(self):
        wizard = self.wizard()
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(len(wizard.line_ids), 200)
        errors = wizard.line_ids.filtered(lambda line: line.action == "error")
        self.assertEqual(errors.mapped("row_number"), [57, 88, 131, 176])
        self.assertIn("gender digit", self.line(wizard, 57).message)
        self.assertIn("already on row 87", self.line(wizard, 88).message)
        self.assertIn("III/e", self.line(wizard, 131).message)
        self.assertIn("196203121985031004", self.line(wizard, 176).message)
        self.assertIn("neither in the file", self.line(wizard, 176).message)
        self.assertEqual(
            (wizard.create_count, wizard.update_count, wizard.unchanged_count),
            (196, 0, 0),
        )
        self.assertEqual(wizard.error_count, 4)
        self.assertEqual(wizard.new_unit_count, 16)
        for row in (57, 88, 131, 176):
            self.assertIn(f"Row {row}:", wizard.error_text)
        # The rows with errors come first, where HR corrects them.
        self.assertEqual(wizard.line_ids[:4], errors)
        # A preview writes nothing.
        self.assertFalse(self.employees())
        self.assertFalse(self.units())

    def test_all_or_nothing_by_default(self):
        wizard = self.wizard()
        wizard.action_preview()
        with self.assertRaisesRegex(UserError, "4 rows have errors: nothing was"):
            wizard.action_import()
        self.assertFalse(self.employees())
        self.assertFalse(self.units())

    def test_import_the_valid_rows(self):
        wizard = self.wizard(import_valid_rows=True)
        wizard.action_preview()
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertIn("196 employees created", wizard.result_text)
        employees = self.employees()
        self.assertEqual(len(employees), 196)
        self.assertEqual(len(self.units()), 16)
        rows, _headings = read_rows(SAMPLE)
        by_nip = {employee.asn_nip: employee for employee in employees}
        self.assertNotIn(rows[57 - 2]["NIP Baru"], by_nip)  # the bad NIP
        self.assertEqual(by_nip[rows[87 - 2]["NIP Baru"]].name, rows[87 - 2]["Nama"])
        self.assertNotIn(rows[131 - 2]["NIP Baru"], by_nip)
        self.assertNotIn(rows[176 - 2]["NIP Baru"], by_nip)
        # Every imported row as in the file, the superior as manager and
        # appraiser.
        checked = 0
        for row in rows:
            employee = by_nip.get(row["NIP Baru"])
            if not employee or row["Nama"] != employee.name:
                continue
            checked += 1
            self.assertEqual(employee.asn_type, row["Jenis Pegawai"].lower())
            self.assertEqual(employee.asn_rank_id.code, row["Golongan"])
            self.assertEqual(employee.department_id.name, row["Unor Nama"])
            self.assertEqual(employee.job_title, row["Jabatan Nama"])
            superior = by_nip.get(row["NIP Atasan"])
            self.assertEqual(employee.parent_id, superior or employee.browse())
            self.assertEqual(employee.asn_appraiser_id, employee.parent_id)
        self.assertEqual(checked, 196)
        # Each has an avatar and a work contact following its employee,
        # as after a manual creation.
        self.assertTrue(all(employees.mapped("work_contact_id")))
        self.assertTrue(all(employees.mapped("image_128")))
        some = employees[:5]
        for employee in some:
            self.assertIn(employee.work_contact_id, employee.message_partner_ids)
        head = by_nip[rows[0]["NIP Baru"]]
        self.assertEqual(
            (head.asn_position_type, head.asn_position_level),
            ("jpt", "jpt_pratama"),
        )
        self.assertFalse(head.parent_id)
        # Birth date and gender come from the NIP, as on a manual creation.
        self.assertEqual(head.birthday.strftime("%Y%m%d"), head.asn_nip[:8])

    def test_reimport_changes_nothing(self):
        wizard = self.wizard(CLEAN.read_bytes())
        wizard.action_preview()
        self.assertEqual((wizard.create_count, wizard.error_count), (200, 0))
        wizard.action_import()
        employees, units = self.employees(), self.units()
        self.assertEqual((len(employees), len(units)), (200, 16))
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, write_date FROM hr_employee WHERE company_id = %s",
            [self.company.id],
        )
        before = dict(self.env.cr.fetchall())
        messages = self.env["mail.message"].search_count(
            [("model", "=", "hr.employee"), ("res_id", "in", employees.ids)]
        )
        again = self.wizard(CLEAN.read_bytes())
        again.action_preview()
        self.assertEqual(
            (again.create_count, again.update_count, again.unchanged_count),
            (0, 0, 200),
        )
        self.assertEqual(set(again.line_ids.mapped("action")), {"unchanged"})
        again.action_import()
        self.assertIn(
            "0 employees created, 0 updated, 200 unchanged", again.result_text
        )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, write_date FROM hr_employee WHERE company_id = %s",
            [self.company.id],
        )
        self.assertEqual(dict(self.env.cr.fetchall()), before)
        self.assertEqual(self.units(), units)
        self.assertEqual(
            self.env["mail.message"].search_count(
                [("model", "=", "hr.employee"), ("res_id", "in", employees.ids)]
            ),
            messages,
        )

    def test_update_changed_rows_only(self):
        self.wizard(CLEAN.read_bytes()).action_import()
        # a later request: mail.thread tracks a record from the transaction
        # after its creation on
        self.env.flush_all()
        self.env.cr.precommit.run()
        rows, headings = read_rows(CLEAN)
        employee = self.employees().filtered(
            lambda e: e.asn_nip == rows[10]["NIP Baru"]
        )
        rows[10]["Nama"] = rows[10]["Nama"] + " Putra"
        rows[10]["Golongan"] = "III/b" if rows[10]["Golongan"] != "III/b" else "III/c"
        # moved under the secretary
        rows[10]["NIP Atasan"] = rows[1]["NIP Baru"]
        rows[10]["Unor Nama"] = "Sekretariat"
        # another one moves to another unit under the same superior
        moved = self.employees().filtered(lambda e: e.asn_nip == rows[20]["NIP Baru"])
        superior = moved.parent_id
        rows[20]["Unor Nama"] = "Sekretariat"
        wizard = self.wizard(csv_bytes(rows, headings))
        wizard.action_preview()
        self.assertEqual(
            (wizard.create_count, wizard.update_count, wizard.unchanged_count),
            (0, 2, 198),
        )
        self.assertEqual(self.line(wizard, 22).message, "Changes: Unit")
        message = self.line(wizard, 12).message
        for label in ("Name", "Golongan", "Unit", "Superior"):
            self.assertIn(label, message)
        wizard.action_import()
        self.assertEqual(employee.name, rows[10]["Nama"])
        self.assertEqual(employee.asn_rank_id.code, rows[10]["Golongan"])
        self.assertEqual(employee.department_id.name, "Sekretariat")
        secretary = self.employees().filtered(
            lambda e: e.asn_nip == rows[1]["NIP Baru"]
        )
        self.assertEqual(employee.parent_id, secretary)
        self.assertEqual(employee.asn_appraiser_id, secretary)
        self.assertEqual(moved.department_id.name, "Sekretariat")
        self.assertTrue(superior)
        self.assertEqual(moved.parent_id, superior)
        self.assertEqual(moved.asn_appraiser_id, superior)
        # The change is tracked on the employee.
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "hr.employee"),
                ("mail_message_id.res_id", "=", employee.id),
            ]
        )
        self.assertIn(
            employee.asn_rank_id.display_name, tracked.mapped("new_value_char")
        )

    def test_appraiser_chosen_by_hr_is_kept(self):
        """A Plt appraiser set by HR stays when the import moves the employee
        under another superior; it follows the superior otherwise."""
        self.wizard(CLEAN.read_bytes()).action_import()
        rows, headings = read_rows(CLEAN)
        by_nip = {e.asn_nip: e for e in self.employees()}
        plt = by_nip[rows[2]["NIP Baru"]]
        employee = by_nip[rows[20]["NIP Baru"]]
        employee.asn_appraiser_id = plt
        rows[20]["NIP Atasan"] = rows[1]["NIP Baru"]
        self.wizard(csv_bytes(rows, headings)).action_import()
        self.assertEqual(employee.parent_id, by_nip[rows[1]["NIP Baru"]])
        self.assertEqual(employee.asn_appraiser_id, plt)

    def test_correct_a_preview_line_and_check_again(self):
        wizard = self.wizard()
        wizard.action_preview()
        wizard.invalidate_recordset(["line_ids"])
        with Form(wizard.with_user(self.user_hr)) as form:
            index = next(
                i for i, line in enumerate(wizard.line_ids) if line.row_number == 131
            )
            with form.line_ids.edit(index) as line:
                line.golongan = "III/d"
        wizard.action_check()
        self.assertEqual(self.line(wizard, 131).action, "create")
        self.assertEqual(wizard.error_count, 3)
        self.assertNotIn("Row 131:", wizard.error_text)
        wizard.import_valid_rows = True
        wizard.action_import()
        rows, _headings = read_rows(SAMPLE)
        employee = self.employees().filtered(
            lambda e: e.asn_nip == rows[131 - 2]["NIP Baru"]
        )
        self.assertEqual(employee.asn_rank_id.code, "III/d")

    def test_superior_in_the_database_and_errors_down_the_chain(self):
        boss = self.env["hr.employee"].create(
            {
                "name": "Kepala Dinas Lama",
                "company_id": self.company.id,
                "asn_type": "pns",
                "asn_nip": "196203121985031004",
            }
        )
        rows, headings = read_rows(SAMPLE)
        wizard = self.wizard()
        wizard.action_preview()
        # Row 176's superior is now an employee of the company.
        self.assertEqual(self.line(wizard, 176).action, "create")
        # A superior with an error stops the rows under it (valid-rows mode
        # could not link them).
        staff = [
            (number, row)
            for number, row in enumerate(rows, start=2)
            if row["NIP Atasan"] == rows[1]["NIP Baru"]
        ]
        rows[1]["Golongan"] = "IV/f"
        wizard = self.wizard(csv_bytes(rows, headings), import_valid_rows=True)
        wizard.action_preview()
        self.assertIn("IV/f", self.line(wizard, 3).message)
        for number, _row in staff:
            self.assertIn("row 3", self.line(wizard, number).message)
        wizard.action_import()
        self.assertEqual(
            self.employees().filtered(lambda e: e.parent_id == boss).mapped("asn_nip"),
            [rows[176 - 2]["NIP Baru"]],
        )

    def test_pppk_golongan_and_headings(self):
        text = (
            "nip;NAMA LENGKAP;status pegawai;Gol. Ruang;Unit Kerja;nip atasan\n"
            "19900101 201503 1 003;Budi Santoso;PNS;Penata Muda (III/a);Umum;\n"
            "198807122023212001;Sari Lubis;PPPK;9;Umum;199001012015031003\n"
            "198807122023212002;Dewi Lubis;PPPK;III/a;Umum;199001012015031003\n"
            "198807122023212003;Rina Lubis;PPPK;XVIII;Umum;199001012015031003\n"
            "198807122023212004;;PPPK;IX;Umum;199001012015031003\n"
        )
        wizard = self.wizard(text.encode("utf-8-sig"))
        wizard.action_preview()
        self.assertEqual(
            [
                (line.row_number, line.action)
                for line in wizard.line_ids.sorted("row_number")
            ],
            [(2, "create"), (3, "create"), (4, "error"), (5, "error"), (6, "error")],
        )
        self.assertIn("PNS golongan", self.line(wizard, 4).message)
        self.assertIn("XVIII", self.line(wizard, 5).message)
        self.assertIn("Name is empty", self.line(wizard, 6).message)
        wizard.import_valid_rows = True
        wizard.action_import()
        sari = self.employees().filtered(lambda e: e.name == "Sari Lubis")
        self.assertEqual(
            sari.asn_rank_id, self.env.ref("hr_asn_appraisal.rank_pppk_09")
        )
        self.assertEqual(sari.parent_id.asn_nip, "199001012015031003")

    def test_xlsx_extract(self):
        import openpyxl  # noqa: PLC0415

        rows, headings = read_rows(CLEAN)
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(headings)
        for row in rows[:30]:
            sheet.append([row[h] for h in headings])
        # A NIP stored as a number: the spreadsheet kept 15 digits of it.
        lost = [row[h] for h in headings]
        lost[0] = float(rows[30]["NIP Baru"])
        sheet.append(lost)
        out = io.BytesIO()
        workbook.save(out)
        wizard = self.wizard(out.getvalue(), filename="extract.xlsx")
        wizard.action_preview()
        self.assertEqual((wizard.create_count, wizard.error_count), (30, 1))
        self.assertIn("format the NIP columns as text", self.line(wizard, 32).message)
        wizard.import_valid_rows = True
        wizard.action_import()
        self.assertEqual(len(self.employees()), 30)

    def test_bad_files(self):
        cases = [
            (b"NIP,Nama,Golongan\n1,A,III/a\n", "extract.csv", "no column for"),
            (b"NIP,Nama,Jenis Pegawai,Golongan,Unor\n", "extract.csv", "no employee"),
            (b"\xd0\xcf\x11\xe0 old excel", "extract.xls", "old Excel"),
            (b"PK\x03\x04 broken", "extract.xlsx", "Excel workbook"),
            (b"", "extract.csv", "Choose the extract"),
        ]
        for content, filename, message in cases:
            with self.subTest(filename=filename, message=message):
                wizard = self.wizard(content, filename=filename)
                if not content:
                    wizard.file = False
                with self.assertRaisesRegex(UserError, message):
                    wizard.action_preview()

    def test_only_hr_officers_of_the_company(self):
        with self.assertRaises(AccessError):
            self.wizard(user=self.user_staff)
        # an officer of another company cannot import into this one
        wizard = (
            self.env["hr.asn.employee.import.wizard"]
            .with_user(self.user_other_hr)
            .create(
                {
                    "company_id": self.other_company.id,
                    "file": base64.b64encode(CLEAN.read_bytes()),
                    "filename": "x.csv",
                }
            )
        )
        wizard.sudo().company_id = self.company
        with self.assertRaises(AccessError):
            wizard.action_preview()
        self.assertFalse(self.employees())
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["hr.asn.employee.import.wizard"].with_user(
                self.user_other_hr
            ).create({"company_id": self.company.id})

    def test_two_thousand_rows(self):
        maker = load_sample_maker()
        rows = maker.extract_rows(2000, seed=7)
        wizard = self.wizard(csv_bytes(rows, maker.HEADINGS))
        wizard.action_preview()
        self.assertEqual((wizard.create_count, wizard.error_count), (2000, 0))
        wizard.action_import()
        employees = self.employees()
        self.assertEqual(len(employees), 2000)
        by_nip = {employee.asn_nip: employee for employee in employees}
        for row in rows:
            superior = by_nip.get(row["NIP Atasan"])
            self.assertEqual(
                by_nip[row["NIP Baru"]].parent_id, superior or employees.browse()
            )
        again = self.wizard(csv_bytes(rows, maker.HEADINGS))
        again.action_preview()
        self.assertEqual(again.unchanged_count, 2000)


@tagged("post_install", "-at_install")
class TestGettingStarted(EmployeeImportCase):
    def checklist(self):
        return (
            self.env["hr.asn.getting.started"]
            .with_user(self.user_hr)
            .create({"company_id": self.company.id})
        )

    def test_steps_follow_the_data(self):
        checklist = self.checklist()
        self.assertEqual(checklist.employee_count, 0)
        self.assertFalse(checklist.step_import_done)
        self.assertFalse(checklist.step_check_done)
        self.assertFalse(checklist.step_cycle_done)
        self.assertTrue(checklist.distribution_rule_count)  # shipped as data
        self.wizard(CLEAN.read_bytes()).action_import()
        checklist = self.checklist()
        self.assertEqual(checklist.employee_count, 200)
        self.assertTrue(checklist.step_import_done)
        # Only the head of the office has no appraiser.
        self.assertEqual(checklist.no_appraiser_count, 1)
        self.assertEqual(checklist.suspicious_nip_count, 0)
        self.assertTrue(checklist.step_check_done)
        # A birth date that disagrees with the NIP is suspicious.
        employee = self.employees().filtered(lambda e: e.asn_type == "pns")[5]
        employee.birthday = "1901-01-01"
        self.assertEqual(employee.asn_nip_check, "birthday_mismatch")
        checklist = self.checklist()
        self.assertEqual(checklist.suspicious_nip_count, 1)
        self.assertFalse(checklist.step_check_done)
        action = checklist.action_employees_to_check()
        to_check = (
            self.env["hr.employee"]
            .with_user(self.user_hr)
            .search(
                action["domain"]
                + [
                    "|",
                    ("asn_appraiser_id", "=", False),
                    ("asn_nip_check", "!=", False),
                ]
            )
        )
        self.assertEqual(len(to_check), 2)
        self.assertIn(employee, to_check)
        # the cycle: none yet, then a new one is prefilled, then opened
        action = checklist.action_cycle()
        self.assertFalse(action.get("res_id"))
        self.assertEqual(action["context"]["default_company_id"], self.company.id)
        cycle = (
            self.env["hr.asn.appraisal.cycle"]
            .with_user(self.user_hr)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(self.checklist().cycle_id, cycle)
        self.assertFalse(self.checklist().step_cycle_done)
        cycle.action_open()
        self.assertTrue(self.checklist().step_cycle_done)
        self.assertEqual(self.checklist().action_cycle()["res_id"], cycle.id)

    def test_step_buttons_open_their_actions(self):
        checklist = self.checklist()
        self.assertEqual(
            checklist.action_import_employees()["res_model"],
            "hr.asn.employee.import.wizard",
        )
        self.assertEqual(
            checklist.action_distribution_rules()["res_model"],
            "hr.asn.distribution.rule",
        )
        self.assertEqual(
            checklist.action_allowance_rules()["domain"],
            [("company_id", "=", self.company.id)],
        )

    def test_staff_cannot_use_it(self):
        with self.assertRaises(AccessError):
            self.env["hr.asn.getting.started"].with_user(self.user_staff).create({})


@tagged("post_install", "-at_install")
class TestEmployeeImportTour(HttpCase):
    def test_hr_imports_the_sample_and_opens_the_cycle(self):
        """HR in a new office imports the sample extract, corrects one error
        in the preview, imports the valid rows and opens the first cycle."""
        company = self.env["res.company"].create({"name": "BKPSDM Tur Impor"})
        hr = new_test_user(
            self.env,
            login="imp_tour_hr",
            password="imp_tour_hr_pw",
            groups=OFFICER,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        self.env["ir.attachment"].with_user(hr).create(
            {"name": "siasn_extract_sample.csv", "raw": SAMPLE.read_bytes()}
        )
        self.start_tour("/odoo", "hr_asn_employee_import_tour", login="imp_tour_hr")
        employees = self.env["hr.employee"].search([("company_id", "=", company.id)])
        self.assertEqual(len(employees), 197)
        self.assertIn("III/d", employees.mapped("asn_rank_id.code"))
        cycle = self.env["hr.asn.appraisal.cycle"].search(
            [("company_id", "=", company.id)]
        )
        self.assertEqual(cycle.state, "open")
