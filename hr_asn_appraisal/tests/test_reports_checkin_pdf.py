from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_reports import AsnReportCase

CHECKIN_EVALUATION = "hr_asn_appraisal.action_report_checkin_evaluation"
EVALUATION = "hr_asn_appraisal.action_report_evaluation"
PAYLOAD = '<script>alert("x")</script><b>Tebal</b>'


@tagged("post_install", "-at_install")
class TestReportsCheckinPdf(AsnReportCase):
    """The periodic Dokumen Evaluasi Kinerja Pegawai of a check-in and the
    distribution curve on the evaluation sheets, rendered by wkhtmltopdf."""

    def _checkin(self, skp, code):
        checkin = skp.checkin_ids.filtered(lambda c: c.period_code == code)
        self.assertEqual(len(checkin), 1, code)
        return checkin

    def _reviewed(self, skp, code, work, behavior, text="Data-mutakhir"):
        """The employee reports, the appraiser gives umpan balik and ratings."""
        checkin = self._checkin(skp, code)
        # staff without a login report through the superuser
        employee_user = skp.employee_id.user_id or self.env.user
        appraiser_user = skp.appraiser_id.user_id
        checkin.iki_ids.with_user(employee_user).write(
            {"realisation_value": 30, "realisation_text": text}
        )
        self.env["hr.asn.checkin.evidence"].with_user(employee_user).create(
            {
                "checkin_rhk_id": checkin.rhk_ids[0].id,
                "name": "Laporan-pemutakhiran",
                "url": "https://drive.example.go.id/laporan",
                "data_source": "Aplikasi SIASN",
            }
        )
        checkin.with_user(employee_user).action_submit()
        as_appraiser = checkin.with_user(appraiser_user)
        as_appraiser.rhk_ids.write({"feedback": "Pertahankan ketepatan waktu."})
        as_appraiser.write(
            {
                "work_rating": work,
                "behavior_rating": behavior,
                "review_note": "Tingkatkan dokumentasi bukti dukung.",
            }
        )
        as_appraiser.action_review()
        return checkin

    def _approved_for(self, employee):
        skp = self._create_skp(employee)
        skp.with_user(self.user_hr).action_submit()
        skp.with_user(skp.appraiser_id.user_id).action_approve()
        return skp

    def test_periodic_document(self):
        """Title by period, the people at approval, the period's ratings and
        predikat, notes, the sheet with realisasi, bukti dukung and umpan
        balik; the employee and the appraiser print it."""
        skp = self._approved_skp()
        old_rank = self.rank_3a.display_name
        q2 = self._reviewed(skp, "q2", "above", "as_expected")
        # After approval the employee is promoted and moves to another job.
        self.emp_staff.write(
            {
                "asn_rank_id": self.env.ref("hr_asn_appraisal.rank_pns_3b").id,
                "job_title": "Analis SDM Aparatur",
            }
        )
        self.emp_head.asn_nip = "197001011995031099"
        new_rank = self.emp_staff.asn_rank_id.display_name
        for user in (self.user_staff, self.user_appraiser, self.user_hr):
            with self.subTest(user=user.login):
                text = self._pdf_text(CHECKIN_EVALUATION, q2, user)
                for expected in (
                    "DOKUMEN EVALUASI KINERJA PEGAWAI",
                    "PERIODE: TRIWULAN II",
                    "PEGAWAI YANG DINILAI",
                    "Staf Satu",
                    "199001012015031003",
                    old_rank,
                    "Pengelola Data Kepegawaian",
                    "PEJABAT PENILAI KINERJA",
                    "Kepala Bidang",
                    "ATASAN PEJABAT PENILAI KINERJA",
                    "Kepala Dinas",
                    "197001011995031001",
                    "RATING HASIL KERJA Di Atas Ekspektasi",
                    "RATING PERILAKU KERJA Sesuai Ekspektasi",
                    # DOMAIN.md kuadran: Di Atas x Sesuai Ekspektasi = Baik
                    "PREDIKAT KINERJA PEGAWAI Baik",
                    "Tingkatkan dokumentasi bukti dukung.",
                    "LEMBAR EVALUASI KINERJA PEGAWAI",
                    "Terkelolanya data kepegawaian yang mutakhir",
                    "120 Dokumen",
                    "30 Dokumen",
                    "Data-mutakhir",
                    "Laporan-pemutakhiran",
                    "Aplikasi SIASN",
                    "Pertahankan ketepatan waktu.",
                    "KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI",
                    "Kota Contoh",
                ):
                    self.assertIn(expected, text)
                self.assertNotIn(new_rank, text)
                self.assertNotIn("Analis SDM Aparatur", text)
                self.assertNotIn("197001011995031099", text)
                self.assertNotIn("AKHIR", text)

    def test_period_titles(self):
        """The last Triwulan closes the year: TRIWULAN IV-AKHIR; the annual
        check-in prints the annual document."""
        skp = self._approved_skp()
        html = self._html(CHECKIN_EVALUATION, self._checkin(skp, "q4"), self.user_hr)
        self.assertIn("PERIODE: TRIWULAN IV-AKHIR", html)
        html = self._html(CHECKIN_EVALUATION, self._checkin(skp, "q1"), self.user_hr)
        self.assertIn("PERIODE: TRIWULAN I<", html)
        html = self._html(
            CHECKIN_EVALUATION, self._checkin(skp, "annual"), self.user_hr
        )
        self.assertIn("PERIODE: TAHUNAN", html)

    def test_free_text_is_printed_escaped(self):
        """Markup typed into realisasi, bukti dukung, umpan balik and notes is
        printed as text, never run as HTML."""
        skp = self._approved_skp()
        checkin = self._checkin(skp, "q1")
        checkin.iki_ids.with_user(self.user_staff).write(
            {"realisation_value": 5, "realisation_text": PAYLOAD}
        )
        self.env["hr.asn.checkin.evidence"].with_user(self.user_staff).create(
            {
                "checkin_rhk_id": checkin.rhk_ids[0].id,
                "name": PAYLOAD,
                "url": "https://drive.example.go.id/x",
                "data_source": PAYLOAD,
            }
        )
        checkin.with_user(self.user_staff).action_submit()
        as_appraiser = checkin.with_user(self.user_appraiser)
        as_appraiser.rhk_ids.write({"feedback": PAYLOAD})
        as_appraiser.write(
            {
                "work_rating": "as_expected",
                "behavior_rating": "as_expected",
                "review_note": PAYLOAD,
            }
        )
        # The appraiser's copy: the employee reads the review note once the
        # check-in is reviewed (confidential until then).
        html = self._html(CHECKIN_EVALUATION, checkin, self.user_appraiser)
        self.assertNotIn("<script>alert", html)
        self.assertNotIn("<b>Tebal</b>", html)
        self.assertEqual(html.count("&lt;script&gt;alert"), 5, "each text, escaped")
        text = self._pdf_text(CHECKIN_EVALUATION, checkin, self.user_appraiser)
        # the notes span the page: the whole text prints on one line
        self.assertIn(PAYLOAD, text)

    def test_periodic_distribution_curve(self):
        """The sheet's curve counts the unit's periodic predikat of the same
        period against the rule of the unit's organisational rating."""
        self.env["hr.asn.unit.rating"].with_user(self.user_hr).create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.unit.id,
                "org_rating": "baik",
            }
        )
        skp = self._approved_skp()
        q1 = self._reviewed(skp, "q1", "as_expected", "as_expected")  # Baik
        for employee, work, behavior in (
            (self.extra[0], "above", "above"),  # Sangat Baik
            (self.extra[1], "as_expected", "above"),  # Baik
        ):
            self._reviewed(self._approved_for(employee), "q1", work, behavior)
        # Another period of the same SKP does not count in Triwulan I.
        self._reviewed(skp, "q2", "below", "below")
        html = self._html(CHECKIN_EVALUATION, q1, self.user_staff)
        self.assertIn("<svg", html)
        self.assertIn("o_asn_chart", html)
        text = self._pdf_text(CHECKIN_EVALUATION, q1, self.user_staff)
        for expected in (
            "KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI",
            "CAPAIAN KINERJA ORGANISASI: Baik Number of SKPs: 3",
            "Sangat Baik 1 33.3",
            "Baik 2 66.7 ≤ 70 %, largest group",
            "Butuh Perbaikan 0 0.0",
            "Sangat Kurang 0 0.0",
            "The distribution breaches the rule",
            "Butuh Perbaikan and/or Kurang",
        ):
            self.assertIn(expected, text)
        # Triwulan II: one Sangat Kurang only.
        text = self._pdf_text(
            CHECKIN_EVALUATION, self._checkin(skp, "q2"), self.user_staff
        )
        self.assertIn("Number of SKPs: 1", text)
        self.assertIn("Sangat Kurang 1 100.0", text)

    def test_annual_distribution_curve(self):
        """The annual sheet's curve counts the unit's rated SKPs of the cycle;
        without an organisational rating there is no rule to check."""
        skp = self._rated_for(self.emp_staff, "as_expected", "as_expected")
        self._rated_for(self.extra[0], "below", "as_expected")
        text = self._pdf_text(EVALUATION, skp, self.user_hr)
        for expected in (
            "KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI",
            "Number of SKPs: 2",
            "Baik 1 50.0",
            "Butuh Perbaikan 1 50.0",
            "No organisational rating yet",
        ):
            self.assertIn(expected, text)
        self.env["hr.asn.unit.rating"].with_user(self.user_hr).create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.unit.id,
                "org_rating": "butuh_perbaikan",
            }
        )
        text = self._pdf_text(EVALUATION, skp, self.user_hr)
        for expected in (
            "CAPAIAN KINERJA ORGANISASI: Butuh Perbaikan Number of SKPs: 2",
            "Butuh Perbaikan 1 50.0 ≥ 60 %",
            "Sangat Baik 0 0.0 ≤ 10 %",
            "The distribution breaches the rule",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("No organisational rating yet", text)

    def test_employee_copy_shows_no_interim_ratings_of_the_unit(self):
        """The curve is made of colleagues' ratings: the employee's copy counts
        only final ones (reviewed check-ins; validated SKPs on the annual
        document), while the appraiser and HR see the work in progress."""
        skp = self._approved_skp()
        q1 = self._reviewed(skp, "q1", "as_expected", "as_expected")  # Baik
        colleague_q1 = self._checkin(self._approved_for(self.extra[0]), "q1")
        colleague_q1.iki_ids.write({"realisation_value": 30})
        colleague_q1.action_submit()
        colleague_q1.with_user(colleague_q1.appraiser_id.user_id).write(
            {"work_rating": "above", "behavior_rating": "above"}
        )
        as_staff = self._pdf_text(CHECKIN_EVALUATION, q1, self.user_staff)
        self.assertIn("Number of SKPs: 1", as_staff)
        self.assertIn("Sangat Baik 0 0.0", as_staff)
        as_appraiser = self._pdf_text(CHECKIN_EVALUATION, q1, self.user_appraiser)
        self.assertIn("Number of SKPs: 2", as_appraiser)
        self.assertIn("Sangat Baik 1 50.0", as_appraiser)

        rated = self._rated_for(self.extra[1], "below", "as_expected")
        self.assertNotEqual(rated.state, "done")
        staff_skp = skp.with_user(self.user_appraiser)
        staff_skp.write({"work_rating": "above", "behavior_rating": "above"})
        staff_skp.action_rate()
        self.assertNotIn("<svg", self._html(EVALUATION, skp, self.user_staff))
        self.assertIn("<svg", self._html(EVALUATION, skp, self.user_hr))
        skp.with_user(self.user_hr).action_validate()
        self.assertIn("<svg", self._html(EVALUATION, skp, self.user_staff))

    def test_colleague_cannot_print_another_checkin(self):
        skp = self._approved_skp()
        with self.assertRaises(AccessError):
            self._html(
                CHECKIN_EVALUATION, self._checkin(skp, "q1"), self.user_colleague
            )

    def test_print_button_on_checkin_form(self):
        """The check-in form offers the print, bound to the periodic report."""
        skp = self._approved_skp()
        action = self.env.ref(CHECKIN_EVALUATION)
        self.assertEqual(action.binding_model_id.model, "hr.asn.checkin")
        checkin = self._checkin(skp, "q1").with_user(self.user_staff)
        arch = checkin.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn(f'name="{action.id}"', arch)

    def test_rule_text_follows_the_reader_language(self):
        """The rule and breach texts are computed in each reader's language,
        even after another language computed them in the same transaction."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hr_asn_appraisal"], ["id_ID"])
        self._rated_for(self.emp_staff, "as_expected", "as_expected")
        unit_rating = self.env["hr.asn.unit.rating"].create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.unit.id,
                "org_rating": "baik",
            }
        )
        indonesian = unit_rating.with_context(lang="id_ID")
        english = unit_rating.with_context(lang="en_US")
        self.assertNotIn("is the largest group", indonesian.rule_description)
        self.assertNotIn("is the largest group", indonesian.rule_id.description)
        self.assertIn("Baik is the largest group", english.rule_description)
        self.assertIn("Baik is the largest group", english.rule_id.description)
        self.assertIn("there is none among", english.breach_text)
        self.assertNotIn("there is none among", indonesian.breach_text)
