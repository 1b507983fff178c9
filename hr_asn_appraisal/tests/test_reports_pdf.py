from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_reports import AsnReportCase

SKP = "hr_asn_appraisal.action_report_skp"
EVALUATION = "hr_asn_appraisal.action_report_evaluation"
UNIT = "hr_asn_appraisal.action_report_unit_predikat"
PAYLOAD = '<script>alert("rhk")</script><b>Tebal</b>'


@tagged("post_install", "-at_install")
class TestReportsPdf(AsnReportCase):
    """The printed SKP, Dokumen Evaluasi and Penetapan Predikat, rendered by
    wkhtmltopdf and read back as text."""

    def test_skp_prints_the_approval_snapshot(self):
        """After approval the SKP prints who the people were then, for HR and
        for the employee."""
        skp = self._approved_skp()
        old_rank = self.rank_3a.display_name
        self.emp_staff.write(
            {
                "asn_rank_id": self.env.ref("hr_asn_appraisal.rank_pns_3b").id,
                "job_title": "Analis SDM Aparatur",
            }
        )
        new_rank = self.emp_staff.asn_rank_id.display_name
        for user in (self.user_hr, self.user_staff):
            with self.subTest(user=user.login):
                text = self._pdf_text(SKP, skp, user)
                for expected in (
                    "SASARAN KINERJA PEGAWAI",
                    "PENDEKATAN HASIL KERJA KUANTITATIF",
                    "PEGAWAI YANG DINILAI",
                    "PEJABAT PENILAI KINERJA",
                    "Staf Satu",
                    "199001012015031003",
                    old_rank,
                    "Pengelola Data Kepegawaian",
                    "Kepala Bidang",
                    "197505052000032002",
                    "HASIL KERJA",
                    "Utama",
                    "Meningkatnya kualitas manajemen ASN",
                    "Terkelolanya data kepegawaian yang mutakhir",
                    "Jumlah data pegawai yang dimutakhirkan",
                    "120 Dokumen",
                    "Kuantitas",
                    "PERILAKU KERJA",
                    skp.behavior_ids[0].value_id.name,
                    "LAMPIRAN",
                    "DUKUNGAN SUMBER DAYA",
                    "SKEMA PERTANGGUNGJAWABAN",
                    "KONSEKUENSI",
                    "Kota Contoh",
                ):
                    self.assertIn(expected, text)
                self.assertNotIn(new_rank, text)
                self.assertNotIn("Analis SDM Aparatur", text)
                self.assertNotIn("Perspektif", text)

    def test_draft_skp_prints_current_data(self):
        """Before approval there is no snapshot: the current data is printed."""
        skp = self._create_skp(self.emp_staff)
        self.emp_staff.asn_rank_id = self.env.ref("hr_asn_appraisal.rank_pns_3b")
        text = self._pdf_text(SKP, skp, self.user_staff)
        self.assertIn(self.emp_staff.asn_rank_id.display_name, text)

    def test_jpt_skp_has_perspektif_column(self):
        """Only the JPT layout has the perspektif column."""
        skp = self._create_skp(self.emp_head)
        self.assertTrue(skp.is_jpt)
        text = self._pdf_text(SKP, skp, self.user_hr)
        self.assertIn("Perspektif", text)
        self.assertIn("Proses Bisnis", text)
        self.assertIn("PEJABAT PIMPINAN TINGGI", text)
        staff_html = self._html(SKP, self._create_skp(self.emp_staff), self.user_hr)
        self.assertNotIn("o_asn_perspective", staff_html)

    def test_user_text_is_printed_escaped(self):
        """Markup typed into an RHK is printed as text, never as HTML."""
        skp = self._create_skp(self.emp_staff)
        skp.rhk_ids[0].name = PAYLOAD
        html = self._html(SKP, skp, self.user_staff)
        self.assertNotIn("<script>alert", html)
        self.assertNotIn("<b>Tebal</b>", html)
        self.assertIn("&lt;script&gt;", html)
        text = self._pdf_text(SKP, skp, self.user_staff)
        self.assertIn(PAYLOAD.replace(" ", ""), text.replace(" ", ""))

    def test_colleague_cannot_print_another_skp(self):
        skp = self._approved_skp()
        for report_ref in (SKP, EVALUATION):
            with self.subTest(report=report_ref), self.assertRaises(AccessError):
                self._html(report_ref, skp, self.user_colleague)

    def test_evaluation_document(self):
        """The annual evaluation: people, organisational rating, ratings,
        predikat, notes and recommendations."""
        skp = self._approved_skp()
        skp.with_user(self.user_appraiser).write(
            {
                "work_rating": "as_expected",
                "behavior_rating": "above",
                "rating_note": "Pertahankan kinerja pelayanan data.",
            }
        )
        skp.with_user(self.user_appraiser).action_rate()
        self.env["hr.asn.unit.rating"].with_user(self.user_hr).create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.unit.id,
                "org_rating": "istimewa",
            }
        )
        self.env["hr.asn.recommendation"].with_user(self.user_hr).create(
            {
                "appraisal_id": skp.id,
                "name": "Pelatihan analisis data kepegawaian",
                "recommendation_type": "training",
            }
        )
        self.emp_head.asn_nip = "197001011995031099"  # after approval
        full = (
            "DOKUMEN EVALUASI KINERJA PEGAWAI",
            "PERIODE: TAHUNAN",
            "ATASAN PEJABAT PENILAI KINERJA",
            "Kepala Dinas",
            "197001011995031001",
            "CAPAIAN KINERJA ORGANISASI Istimewa",
            "RATING HASIL KERJA Sesuai Ekspektasi",
            "RATING PERILAKU KERJA Di Atas Ekspektasi",
            "PREDIKAT KINERJA PEGAWAI Baik",
            "Pertahankan kinerja pelayanan data.",
            "Pelatihan analisis data kepegawaian",
            "LEMBAR EVALUASI KINERJA PEGAWAI",
            "120 Dokumen",
            "KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI",
        )
        text = self._pdf_text(EVALUATION, skp, self.user_hr)
        for expected in full:
            self.assertIn(expected, text)
        self.assertNotIn("197001011995031099", text)
        # Until HR validates, the employee's copy leaves the ratings out, as
        # the SKP form does.
        text = self._pdf_text(EVALUATION, skp, self.user_staff)
        self.assertIn("RATING HASIL KERJA -", text)
        self.assertIn("PREDIKAT KINERJA PEGAWAI -", text)
        self.assertNotIn("Pertahankan kinerja pelayanan data.", text)
        skp.with_user(self.user_hr).action_validate()
        text = self._pdf_text(EVALUATION, skp, self.user_staff)
        for expected in full:
            self.assertIn(expected, text)

    def test_unit_predikat_report(self):
        """The Penetapan Predikat lists the unit's predikat, the distribution
        and its breaches, signed by the unit head."""
        self._rated_for(self.emp_staff, "as_expected", "as_expected")
        self._rated_for(self.emp_colleague, "as_expected", "as_expected")
        self._rated_for(self.extra[0], "above", "above")
        unit_rating = (
            self.env["hr.asn.unit.rating"]
            .with_user(self.user_hr)
            .create(
                {
                    "cycle_id": self.cycle.id,
                    "department_id": self.unit.id,
                    "org_rating": "baik",
                }
            )
        )
        text = self._pdf_text(UNIT, unit_rating, self.user_hr)
        for expected in (
            "PENETAPAN PREDIKAT KINERJA PEGAWAI",
            "Bidang Kepegawaian",
            "CAPAIAN KINERJA ORGANISASI Baik",
            "Staf Tambahan 1",
            "Staf Satu",
            "Staf Dua",
            "Sangat Baik 1 33.3",
            "Baik 2 66.7",
            "The distribution breaches the rule",
            "Butuh Perbaikan and/or Kurang",
            "Kepala Dinas",
            "197001011995031001",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("follows the rule", text)
        # the distribution curve: Baik within its range, as the largest group
        self.assertIn("Baik * 2 (66.7 %)", text)
        html = self._html(UNIT, unit_rating, self.user_hr)
        self.assertIn('<svg xmlns="http://www.w3.org/2000/svg"', html)
        with self.assertRaises(AccessError):
            self._html(UNIT, unit_rating, self.user_staff)

    def test_annual_sheet_shows_annual_evaluation(self):
        """The appraiser prints the annual document; its sheet carries the
        realisasi, bukti dukung and umpan balik of the annual evaluation."""
        skp = self._approved_skp()
        annual = skp.checkin_ids.filtered("is_annual")
        annual.iki_ids.with_user(self.user_staff).write(
            {"realisation_value": 118, "realisation_text": "Data SIASN mutakhir"}
        )
        self.env["hr.asn.checkin.evidence"].with_user(self.user_staff).create(
            {
                "checkin_rhk_id": annual.rhk_ids[0].id,
                "name": "Rekap-SIASN-2026",
                "url": "https://drive.example.go.id/rekap",
                "data_source": "Aplikasi SIASN",
            }
        )
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "as_expected", "behavior_rating": "as_expected"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        text = self._pdf_text(EVALUATION, skp, self.user_appraiser)
        for expected in (
            "LEMBAR EVALUASI KINERJA PEGAWAI",
            "Realisasi",
            "Terkelolanya data kepegawaian yang mutakhir",
            "118 Dokumen",
            "Data SIASN mutakhir",
            "Rekap-SIASN-2026",
            "Aplikasi SIASN",
        ):
            self.assertIn(expected, text)

    def test_compliant_unit_says_so(self):
        self._rated_for(self.emp_staff, "as_expected", "as_expected")
        self._rated_for(self.emp_colleague, "below", "as_expected")
        unit_rating = (
            self.env["hr.asn.unit.rating"]
            .with_user(self.user_hr)
            .create(
                {
                    "cycle_id": self.cycle.id,
                    "department_id": self.unit.id,
                    "org_rating": "baik",
                }
            )
        )
        self.assertTrue(unit_rating.is_compliant)
        html = self._html(UNIT, unit_rating, self.user_hr)
        self.assertIn("The distribution follows the rule", html)
        self.assertNotIn("o_asn_breaches", html)
