import base64
import csv
import io
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_calibration import AsnCalibrationCase

WIZARD = "hr.asn.siasn.export.wizard"
# Expected values from DOMAIN.md ("BKN's systems"): ratings 1 = di atas,
# 2 = sesuai, 3 = di bawah ekspektasi; kuadran 1 Sangat Baik ... 5 Sangat
# Kurang; statusPenilai "ASN" / "NON ASN"; pnsDinilaiOrang is the SIASN id.
SIASN_ID = "A8ACA7A0-F2C1-4F11-E050-640A3C0A6B7D"


@tagged("post_install", "-at_install")
class TestSiasnExport(AsnCalibrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rank_3d = cls.env.ref("hr_asn_appraisal.rank_pns_3d")
        cls.emp_appraiser.asn_rank_id = cls.rank_3d
        cls.emp_staff.asn_siasn_id = SIASN_ID
        # Di Atas / Sesuai Ekspektasi: Baik
        cls.skp = cls._done_for(cls.emp_staff, "above", "as_expected")

    def _wizard(self, user=None, **vals):
        user = user or self.user_hr
        return self.env[WIZARD].with_user(user).create(vals)

    def _files(self, wizard):
        lines = base64.b64decode(wizard.jsonl_file).decode().splitlines()
        payloads = [json.loads(line) for line in lines]
        text = base64.b64decode(wizard.csv_file).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        return payloads, rows

    def test_payload_of_a_validated_skp(self):
        self.assertEqual(
            self.skp.with_user(self.user_hr)._get_siasn_payload(),
            {
                "id": None,
                "tahun": 2026,
                "hasilKinerjaNilai": 1,
                "perilakuKerjaNilai": 2,
                "kuadranKinerjaNilai": 2,
                "penilaiNama": "Kepala Bidang",
                "penilaiNipNrp": "197505052000032002",
                "penilaiGolongan": "III/d",
                "penilaiJabatan": "Kepala Bidang Kepegawaian",
                "penilaiUnorNama": "Bidang Kepegawaian",
                "pnsDinilaiOrang": SIASN_ID,
                "statusPenilai": "ASN",
            },
        )

    def test_codes_are_data_hr_can_correct(self):
        code = self.env.ref("hr_asn_appraisal.siasn_code_kuadran_baik")
        code.with_user(self.user_manager).siasn_code = "9"
        payload = self.skp._get_siasn_payload()
        self.assertEqual(payload["kuadranKinerjaNilai"], 9)
        with self.assertRaises(AccessError):
            code.with_user(self.user_hr).siasn_code = "2"

    def test_non_asn_appraiser(self):
        self.emp_appraiser.write({"asn_type": "non_asn", "asn_rank_id": False})
        payload = self.skp._get_siasn_payload()
        self.assertEqual(payload["statusPenilai"], "NON ASN")
        self.assertEqual(payload["penilaiGolongan"], "")

    def test_staff_and_appraiser_cannot_export(self):
        for user in (self.user_staff, self.user_appraiser):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self._wizard(user, appraisal_ids=self.skp.ids).action_export()

    def test_officer_check_in_the_action(self):
        wizard = self._wizard(appraisal_ids=self.skp.ids)
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_staff).action_export()

    def test_other_company_officer_cannot_export(self):
        with self.assertRaises(AccessError):
            self._wizard(self.user_other_hr, appraisal_ids=self.skp.ids).action_export()

    def test_files_of_the_cycle(self):
        self.emp_colleague.asn_siasn_id = "COLLEAGUE-1"
        # Sangat Kurang: Di Bawah / Di Bawah Ekspektasi
        other = self._done_for(self.emp_colleague, "below", "below")
        draft = self._create_skp(self.extra[0])
        wizard = self._wizard(cycle_id=self.cycle.id)
        wizard.action_export()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.exported_count, 2)
        payloads, rows = self._files(wizard)
        by_id = {p["pnsDinilaiOrang"]: p for p in payloads}
        self.assertEqual(set(by_id), {SIASN_ID, "COLLEAGUE-1"})
        self.assertEqual(
            (
                by_id["COLLEAGUE-1"]["hasilKinerjaNilai"],
                by_id["COLLEAGUE-1"]["perilakuKerjaNilai"],
                by_id["COLLEAGUE-1"]["kuadranKinerjaNilai"],
            ),
            (3, 3, 5),
        )
        self.assertEqual(len(rows), 2)
        row = next(r for r in rows if r["pnsDinilaiOrang"] == SIASN_ID)
        self.assertEqual(row["nip"], "199001012015031003")
        self.assertEqual(row["kuadranKinerjaNilai"], "2")
        self.assertEqual(row["statusPenilai"], "ASN")
        self.assertEqual(row["id"], "")
        # the draft is listed with its reason, not exported
        self.assertEqual(wizard.skipped_count, 1)
        self.assertIn(draft.display_name, wizard.skipped_text)
        self.assertIn("not validated", wizard.skipped_text)
        self.assertTrue(other.siasn_exported_on)

    def test_unit_filter(self):
        unit_b = self.env["hr.department"].create(
            {"name": "Bidang Lain", "company_id": self.company.id}
        )
        wizard = self._wizard(cycle_id=self.cycle.id, department_id=unit_b.id)
        wizard.action_export()
        self.assertEqual((wizard.exported_count, wizard.skipped_count), (0, 0))
        self.assertFalse(wizard.jsonl_file)

    def test_selected_skps_from_the_list(self):
        wizard = (
            self.env[WIZARD]
            .with_user(self.user_hr)
            .with_context(active_model="hr.asn.appraisal", active_ids=self.skp.ids)
            .create({})
        )
        self.assertEqual(wizard.appraisal_ids, self.skp)
        wizard.action_export()
        payloads, _rows = self._files(wizard)
        self.assertEqual([p["pnsDinilaiOrang"] for p in payloads], [SIASN_ID])

    def test_not_validated_skp_is_refused_with_its_reason(self):
        rated = self._rated_for(self.emp_colleague, "above", "above")
        with self.assertRaises(UserError):
            rated._get_siasn_payload()
        wizard = self._wizard(appraisal_ids=rated.ids)
        wizard.action_export()
        self.assertEqual(wizard.exported_count, 0)
        self.assertFalse(wizard.jsonl_file)
        self.assertIn(rated.display_name, wizard.skipped_text)
        self.assertIn("not validated", wizard.skipped_text)
        self.assertFalse(rated.siasn_exported_on)

    def test_employee_without_siasn_id_is_listed(self):
        skp = self._done_for(self.emp_colleague, "above", "above")
        with self.assertRaisesRegex(UserError, "no SIASN ID"):
            skp._get_siasn_payload()
        wizard = self._wizard(appraisal_ids=(self.skp | skp).ids)
        wizard.action_export()
        self.assertEqual((wizard.exported_count, wizard.skipped_count), (1, 1))
        self.assertIn(skp.display_name, wizard.skipped_text)
        self.assertIn("no SIASN ID", wizard.skipped_text)
        payloads, _rows = self._files(wizard)
        self.assertEqual([p["pnsDinilaiOrang"] for p in payloads], [SIASN_ID])
        self.assertFalse(skp.siasn_exported_on)

    def test_export_stamps_are_server_owned(self):
        self.assertFalse(self.skp.siasn_exported_on)
        self._wizard(appraisal_ids=self.skp.ids).action_export()
        self.assertTrue(self.skp.siasn_exported_on)
        self.assertEqual(self.skp.siasn_exported_by, self.user_hr)
        for vals in (
            {"siasn_exported_on": "2020-01-01 00:00:00"},
            {"siasn_exported_by": self.user_manager.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.skp.with_user(self.user_hr).write(vals)

    def test_csv_cells_are_never_formulas(self):
        # user text starting like a formula, taken in the approval snapshot
        self.emp_appraiser.job_title = '=HYPERLINK("http://x")'
        self.emp_colleague.asn_siasn_id = "COLLEAGUE-1"
        skp = self._done_for(self.emp_colleague, "above", "above")
        wizard = self._wizard(appraisal_ids=skp.ids)
        wizard.action_export()
        payloads, rows = self._files(wizard)
        # the payload keeps the text; the checking CSV shows it as text
        self.assertEqual(payloads[0]["penilaiJabatan"], '=HYPERLINK("http://x")')
        self.assertEqual(rows[0]["penilaiJabatan"], '\'=HYPERLINK("http://x")')

    def test_siasn_id_is_hr_only(self):
        field = self.env["hr.employee"]._fields["asn_siasn_id"]
        self.assertEqual(field.groups, "hr.group_hr_user")
        self.assertNotIn("asn_siasn_id", self.env["hr.employee.public"]._fields)
