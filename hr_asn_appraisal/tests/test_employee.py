import csv
import io
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestAsnEmployee(AsnAppraisalCase):
    def _employee(self, **vals):
        return self.env["hr.employee"].create(
            {"name": "Pegawai Baru", "company_id": self.company.id, **vals}
        )

    def test_birth_date_and_gender_from_nip(self):
        """NIP 19660801 198803 2 001: born 1 Aug 1966, female."""
        employee = self._employee(asn_type="pns", asn_nip="19660801 198803 2 001")
        self.assertEqual(employee.asn_nip, "196608011988032001")
        self.assertEqual(employee.birthday, date(1966, 8, 1))
        self.assertEqual(employee.gender, "female")

    def test_explicit_birthday_is_kept(self):
        employee = self._employee(
            asn_type="pns", asn_nip="196608011988031001", birthday="1966-08-02"
        )
        self.assertEqual(employee.birthday, date(1966, 8, 2))

    def test_invalid_nips_are_refused_with_the_reason(self):
        cases = {
            "19660801198803100": "exactly 18",
            "199913311988031001": "19991331",
            "196608011988131001": "198813",
            "196608011988033001": "gender digit",
            "19660801198803100A": "only contain digits",
        }
        for nip, reason in cases.items():
            with self.subTest(nip=nip), self.assertRaisesRegex(ValidationError, reason):
                self._employee(asn_type="pns", asn_nip=nip)

    def test_asn_needs_a_nip_and_pppk_checks_length(self):
        with self.assertRaisesRegex(ValidationError, "needs a NIP"):
            self._employee(asn_type="pns")
        with self.assertRaisesRegex(ValidationError, "exactly 18"):
            self._employee(asn_type="pppk", asn_nip="12345")
        pppk = self._employee(asn_type="pppk", asn_nip="199001012022211001")
        self.assertEqual(pppk.asn_nip, "199001012022211001")
        self.assertFalse(pppk.birthday, "NI PPPK structure is unconfirmed: no parsing")
        self.assertTrue(self._employee(asn_type="non_asn"))

    def test_nip_unique_per_company(self):
        other = self.env["hr.employee"].create(
            {
                "name": "Di Instansi Lain",
                "company_id": self.other_company.id,
                "asn_type": "pns",
                "asn_nip": self.emp_staff.asn_nip,
            }
        )
        self.assertTrue(other)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._employee(asn_type="pns", asn_nip=self.emp_staff.asn_nip)

    def test_rank_must_match_asn_type(self):
        with self.assertRaisesRegex(ValidationError, "another ASN type"):
            self._employee(
                asn_type="pppk",
                asn_nip="199001012022211001",
                asn_rank_id=self.rank_3a.id,
            )

    def test_position_level_must_match_type(self):
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            self._employee(
                asn_position_type="pelaksana", asn_position_level="ahli_muda"
            )

    def test_ranks_shipped(self):
        """17 PNS pangkat/golongan and 17 PPPK golongan."""
        Rank = self.env["hr.asn.rank"]
        self.assertEqual(Rank.search_count([("asn_type", "=", "pns")]), 17)
        self.assertEqual(Rank.search_count([("asn_type", "=", "pppk")]), 17)
        self.assertEqual(self.env.ref("hr_asn_appraisal.rank_pns_4e").code, "IV/e")
        self.assertEqual(
            self.env.ref("hr_asn_appraisal.rank_pns_4e").name, "Pembina Utama"
        )

    def test_berakhlak_values_shipped(self):
        values = self.env["hr.asn.behavior.value"].search([])
        self.assertEqual(
            values.mapped("name"),
            [
                "Berorientasi Pelayanan",
                "Akuntabel",
                "Kompeten",
                "Harmonis",
                "Loyal",
                "Adaptif",
                "Kolaboratif",
            ],
        )
        for value in values:
            self.assertEqual(len(value.guide.strip().splitlines()), 3, value.name)

    def test_appraiser_defaults(self):
        """Appraiser defaults to the manager; the superior to their appraiser."""
        self.assertEqual(self.emp_staff.asn_appraiser_id, self.emp_appraiser)
        self.assertEqual(self.emp_staff.asn_appraiser_parent_id, self.emp_head)
        with self.assertRaisesRegex(ValidationError, "own appraiser"):
            self.emp_staff.asn_appraiser_id = self.emp_staff


@tagged("post_install", "-at_install")
class TestAsnEmployeeImport(AsnAppraisalCase):
    """Odoo's standard import (base_import) of employees with ASN columns."""

    HEADER = ["name", "asn_type", "asn_nip", "asn_rank_id", "asn_position_type"]

    def _import(self, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.HEADER)
        writer.writerows(rows)
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "hr.employee",
                "file": buffer.getvalue().encode(),
                "file_type": "text/csv",
                "file_name": "pegawai.csv",
            }
        )
        return wizard.execute_import(
            self.HEADER,
            self.HEADER,
            {"quoting": '"', "separator": ",", "has_headers": True},
        )

    def _rows(self, count):
        return [
            [
                f"Pegawai Impor {i}",
                "pns",
                f"19800101200501{1 + i % 2}{i:03d}",
                "III/b",
                "pelaksana",
            ]
            for i in range(1, count + 1)
        ]

    def test_import_valid_file(self):
        result = self._import(self._rows(5))
        self.assertFalse(result["messages"], result["messages"])
        imported = self.env["hr.employee"].search([("name", "like", "Pegawai Impor")])
        self.assertEqual(len(imported), 5)
        self.assertEqual(
            imported.asn_rank_id, self.env.ref("hr_asn_appraisal.rank_pns_3b")
        )

    def test_bad_nip_in_row_57_stops_the_whole_file(self):
        rows = self._rows(60)
        rows[56][2] = "198001012005013057"  # gender digit 3
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self._import(rows)
        errors = [m for m in result["messages"] if m["type"] == "error"]
        # Odoo retries row by row and reports the failing record, 0-based and
        # without the header: index 56 is the 57th employee.
        row_errors = [m for m in errors if m["record"] == 56]
        self.assertEqual(len(row_errors), 1, errors)
        self.assertIn("gender digit", row_errors[0]["message"])
        self.assertIn("Pegawai Impor 57", row_errors[0]["message"])
        self.assertEqual({m["message"] for m in errors}, {row_errors[0]["message"]})
        self.assertFalse(result["ids"])
        self.assertFalse(
            self.env["hr.employee"].search_count([("name", "like", "Pegawai Impor")])
        )
