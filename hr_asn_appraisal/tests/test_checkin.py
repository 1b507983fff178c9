import base64
from contextlib import contextmanager
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import format_date

from .common import AsnAppraisalCase

RHK_NAME = "Terkelolanya data kepegawaian yang mutakhir"
IKI_NAME = "Jumlah data pegawai yang dimutakhirkan"


@tagged("post_install", "-at_install")
class TestCheckin(AsnAppraisalCase):
    """Periodic and annual evaluations (check-ins) of an approved SKP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.write({"require_annual_evaluation": True, "checkin_grace_days": 0})
        cls.Checkin = cls.env["hr.asn.checkin"]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @contextmanager
    def assertStateError(self):
        """A UserError about the state or the data, not an AccessError."""
        with self.assertRaises(UserError) as caught:
            yield caught
        self.assertNotIsInstance(caught.exception, AccessError)

    def _approve(self, skp):
        skp.with_user(skp.employee_id.user_id).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        return skp

    def _checkin(self, skp, code):
        checkin = skp.checkin_ids.filtered(lambda c: c.period_code == code)
        self.assertEqual(len(checkin), 1, code)
        return checkin

    def _fill(self, checkin, user=None):
        """The employee reports a realisasi for every IKI and one bukti dukung."""
        user = user or self.user_staff
        for line in checkin.iki_ids:
            line.with_user(user).write(
                {"realisation_value": 30, "realisation_text": "30 data dimutakhirkan"}
            )
        self.env["hr.asn.checkin.evidence"].with_user(user).create(
            {
                "checkin_rhk_id": checkin.rhk_ids[0].id,
                "name": "Laporan pemutakhiran data",
                "url": "https://drive.example.go.id/laporan-pemutakhiran",
                "data_source": "Aplikasi SIASN",
            }
        )

    def _give_feedback(self, checkin, work="above", behavior="as_expected"):
        as_appraiser = checkin.with_user(self.user_appraiser)
        for line in as_appraiser.rhk_ids:
            line.write({"feedback": "Pertahankan ketepatan waktu pemutakhiran."})
        if not checkin.is_annual:
            as_appraiser.write({"work_rating": work, "behavior_rating": behavior})

    def _activities(self, checkin):
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", "hr.asn.checkin"), ("res_id", "=", checkin.id)])
        )

    # ------------------------------------------------------------------
    # Creation from the SKP
    # ------------------------------------------------------------------
    def test_checkins_created_when_skp_approved(self):
        """Approval creates a check-in per triwulan and the annual one, pre-filled."""
        skp = self._approved_skp()
        checkins = skp.checkin_ids.sorted("period_sequence")
        self.assertEqual(
            [
                (c.period_code, c.period_name, c.date_start, c.date_end)
                for c in checkins
            ],
            [
                ("q1", "Triwulan I", date(2026, 1, 1), date(2026, 3, 31)),
                ("q2", "Triwulan II", date(2026, 4, 1), date(2026, 6, 30)),
                ("q3", "Triwulan III", date(2026, 7, 1), date(2026, 9, 30)),
                ("q4", "Triwulan IV", date(2026, 10, 1), date(2026, 12, 31)),
                ("annual", "Tahunan", date(2026, 10, 1), date(2026, 12, 31)),
            ],
        )
        self.assertEqual(checkins.mapped("is_annual"), [False] * 4 + [True])
        self.assertEqual(set(checkins.mapped("state")), {"draft"})
        self.assertEqual(skp.checkin_count, 5)
        for checkin in checkins:
            self.assertEqual(checkin.employee_id, self.emp_staff)
            self.assertEqual(checkin.appraiser_id, self.emp_appraiser)
            self.assertEqual(checkin.rhk_ids.rhk_id, skp.rhk_ids)
            self.assertEqual(checkin.iki_ids.iki_id, skp.iki_ids)
            self.assertEqual(checkin.rhk_ids.name, RHK_NAME)
            self.assertEqual(checkin.iki_ids.target_display, "120 Dokumen")
        self.assertFalse(skp.with_user(self.user_appraiser).can_create_checkins)
        # Idempotent: asking again creates nothing.
        skp.with_user(self.user_appraiser).action_create_checkins()
        self.assertEqual(len(skp.checkin_ids), 5)

    def test_monthly_and_semester_cycles(self):
        """Monthly cycles give Januari..Desember, semester cycles Semester I/II."""
        cases = [
            ("monthly", 13, "Januari", "Desember"),
            ("semester", 3, "Semester I", "Semester II"),
        ]
        for year, (period_type, count, first, last) in enumerate(cases, start=2027):
            with self.subTest(period_type=period_type):
                cycle = self.cycle.copy(
                    {
                        "name": f"SKP {year}",
                        "date_start": f"{year}-01-01",
                        "date_end": f"{year}-12-31",
                        "filing_deadline": f"{year}-12-31",
                        "period_type": period_type,
                    }
                )
                cycle.with_user(self.user_hr).action_open()
                skp = self._add_plan(
                    self.env["hr.asn.appraisal"].create(
                        {"employee_id": self.emp_staff.id, "cycle_id": cycle.id}
                    )
                )
                self._approve(skp)
                names = skp.checkin_ids.sorted("period_sequence").mapped("period_name")
                self.assertEqual(len(names), count)
                self.assertEqual(
                    (names[0], names[-2], names[-1]), (first, last, "Tahunan")
                )

    def test_create_checkins_button(self):
        """Appraiser or HR create missing check-ins; not the employee, not in draft."""
        draft = self._create_skp(self.emp_colleague)
        with self.assertRaises(UserError):
            draft.with_user(self.user_appraiser).action_create_checkins()
        skp = self._approved_skp()
        skp.checkin_ids.sudo().unlink()
        self.assertTrue(skp.with_user(self.user_appraiser).can_create_checkins)
        self.assertTrue(skp.with_user(self.user_hr).can_create_checkins)
        self.assertFalse(skp.with_user(self.user_staff).can_create_checkins)
        with self.assertRaises(AccessError):
            skp.with_user(self.user_staff).action_create_checkins()
        with self.assertRaises(AccessError):
            skp.with_user(self.user_head).action_create_checkins()
        skp.with_user(self.user_hr).action_create_checkins()
        self.assertEqual(len(skp.checkin_ids), 5)

    def test_nobody_creates_checkins_by_hand(self):
        skp = self._approved_skp()
        with self.assertRaises(UserError):
            self.Checkin.with_user(self.user_hr).create(
                {
                    "appraisal_id": skp.id,
                    "period_code": "x",
                    "period_name": "X",
                    "date_start": "2026-01-01",
                    "date_end": "2026-01-31",
                }
            )

    def test_lines_follow_skp_reset_and_new_approval(self):
        """SKP cancelled, reset and approved again: check-ins get the new RHK."""
        skp = self._approved_skp()
        hr_skp = skp.with_user(self.user_hr)
        hr_skp.action_cancel("Koreksi rencana kinerja")
        hr_skp.action_reset_draft()
        self.env["hr.asn.appraisal.rhk"].create(
            {
                "appraisal_id": skp.id,
                "name": "Tersusunnya laporan kepegawaian bulanan",
                "rhk_type": "tambahan",
                "parent_rhk_text": "Meningkatnya kualitas manajemen ASN",
                "iki_ids": [
                    Command.create(
                        {
                            "name": "Jumlah laporan bulanan",
                            "aspect": "kuantitas",
                            "target_value": 12,
                            "target_unit": "Laporan",
                        }
                    )
                ],
            }
        )
        self._approve(skp)
        self.assertEqual(len(skp.checkin_ids), 5)
        for checkin in skp.checkin_ids:
            self.assertEqual(checkin.rhk_ids.rhk_id, skp.rhk_ids)
            self.assertEqual(checkin.iki_ids.iki_id, skp.iki_ids)

    def test_submitted_lines_survive_plan_changes(self):
        """After a reset, an RHK already submitted in a check-in cannot be deleted."""
        with freeze_time("2026-02-16"):
            skp = self._approved_skp()
            q1 = self._checkin(skp, "q1")
            self._fill(q1)
            q1.with_user(self.user_staff).action_submit()
        hr_skp = skp.with_user(self.user_hr)
        hr_skp.action_cancel("Koreksi rencana kinerja")
        hr_skp.action_reset_draft()
        with self.assertStateError():
            skp.rhk_ids.with_user(self.user_staff).unlink()
        with self.assertStateError():
            skp.iki_ids.with_user(self.user_staff).unlink()
        # Only draft check-ins: their lines go with the RHK.
        other = self._approve(self._create_skp(self.emp_colleague))
        other.with_user(self.user_hr).action_cancel("Koreksi rencana kinerja")
        other.with_user(self.user_hr).action_reset_draft()
        other.rhk_ids.with_user(self.user_colleague).unlink()
        self.assertEqual(len(other.checkin_ids), 5)
        self.assertFalse(other.checkin_ids.rhk_ids)
        self.assertFalse(other.checkin_ids.iki_ids)

    def test_cycle_periods_fixed_once_checkins_exist(self):
        self._approved_skp()
        cycle = self.cycle.with_user(self.user_hr)
        with self.assertRaises(UserError):
            cycle.write({"period_type": "monthly"})
        with self.assertRaises(UserError):
            cycle.write({"date_end": "2026-11-30"})
        cycle.write({"period_type": "quarterly", "checkin_grace_days": 3})
        self.assertEqual(cycle.checkin_grace_days, 3)
        with self.assertRaises(ValidationError):
            cycle.write({"checkin_grace_days": -1})

    # ------------------------------------------------------------------
    # The flow
    # ------------------------------------------------------------------
    @freeze_time("2026-02-16")
    def test_full_periodic_flow(self):
        """Employee reports and submits; appraiser gives umpan balik, rates, reviews."""
        skp = self._approved_skp()
        q1 = self._checkin(skp, "q1")
        self.assertTrue(q1.with_user(self.user_staff).can_submit)
        self.assertTrue(q1.with_user(self.user_staff).can_edit_realisation)
        self.assertEqual(
            self._activities(q1).mapped(lambda a: (a.activity_type_id, a.user_id)),
            [
                (
                    self.env.ref("hr_asn_appraisal.mail_activity_type_checkin_submit"),
                    self.user_staff,
                )
            ],
        )
        self._fill(q1)
        q1.with_user(self.user_staff).action_submit()
        self.assertEqual(q1.state, "submitted")
        self.assertTrue(q1.date_submitted)
        self.assertFalse(q1.is_late)
        self.assertEqual(
            self._activities(q1).user_id, self.user_appraiser, "the appraiser's turn"
        )
        self.assertTrue(q1.with_user(self.user_appraiser).can_review)
        self.assertTrue(q1.with_user(self.user_appraiser).can_give_feedback)

        self._give_feedback(q1, work="above", behavior="as_expected")
        # DOMAIN.md kuadran kinerja: Di Atas x Sesuai Ekspektasi = Baik.
        self.assertEqual(q1.predikat, "baik")
        q1.with_user(self.user_appraiser).action_review()
        self.assertEqual(q1.state, "reviewed")
        self.assertTrue(q1.date_reviewed)
        self.assertFalse(self._activities(q1))
        self.assertEqual(q1.evidence_ids.name, "Laporan pemutakhiran data")
        self.assertEqual(q1.rhk_ids.evidence_count, 1)

    @freeze_time("2026-02-16")
    def test_future_period_refused(self):
        """No submission before the period starts; the error names the start date."""
        skp = self._approved_skp()
        cases = [
            ("q2", "Triwulan II", date(2026, 4, 1)),
            ("annual", "Tahunan", date(2026, 10, 1)),
        ]
        for code, name, start in cases:
            with self.subTest(period=name):
                checkin = self._checkin(skp, code)
                self._fill(checkin)
                with self.assertRaises(UserError) as error:
                    checkin.with_user(self.user_staff).action_submit()
                message = str(error.exception)
                self.assertIn(name, message)
                self.assertIn(format_date(self.env, start), message)
                self.assertEqual(checkin.state, "draft")

    def test_late_submission_flagged_not_refused(self):
        """After period end + grace days the submission is accepted and flagged."""
        with freeze_time("2026-02-16"):
            skp = self._approved_skp()
        q1 = self._checkin(skp, "q1")
        q2 = self._checkin(skp, "q2")
        self._fill(q1)
        with freeze_time("2026-04-02"):
            self.assertTrue(q1.is_late, "a draft past its deadline is late")
            self.assertIn(q1, self.Checkin.search([("is_late", "=", True)]))
            self.assertNotIn(q2, self.Checkin.search([("is_late", "=", True)]))
            self.assertIn(q2, self.Checkin.search([("is_late", "=", False)]))
            q1.with_user(self.user_staff).action_submit()
        self.assertEqual(q1.state, "submitted")
        self.assertTrue(q1.submitted_late)
        self.assertTrue(q1.is_late)

    def test_grace_days(self):
        """The cycle's grace days extend the deadline (default 0)."""
        self.cycle.checkin_grace_days = 5
        with freeze_time("2026-02-16"):
            skp = self._approved_skp()
        q1, q2 = self._checkin(skp, "q1"), self._checkin(skp, "q2")
        self.assertEqual(q1.date_deadline, date(2026, 4, 5))
        self._fill(q1)
        self._fill(q2)
        with freeze_time("2026-04-05"):
            q1.with_user(self.user_staff).action_submit()
        self.assertFalse(q1.is_late)
        with freeze_time("2026-07-06"):
            q2.with_user(self.user_staff).action_submit()
        self.assertTrue(q2.is_late)

    def test_submit_requires_realisation(self):
        """Every IKI needs a realisasi; a bare zero does not count."""
        with freeze_time("2026-02-16"):
            skp = self._approved_skp()
            q1 = self._checkin(skp, "q1").with_user(self.user_staff)
            with self.assertRaises(UserError) as error:
                q1.action_submit()
            self.assertIn(
                f"IKI {IKI_NAME} of RHK {RHK_NAME} has no realisasi",
                str(error.exception),
            )
            q1.iki_ids.write({"realisation_value": 0})
            with self.assertRaises(UserError):
                q1.action_submit()
            q1.iki_ids.write(
                {"realisation_text": "Belum ada data baru pada periode ini"}
            )
            q1.action_submit()
        self.assertEqual(q1.state, "submitted")

    def test_review_requires_feedback_and_ratings(self):
        with freeze_time("2026-02-16"):
            skp = self._approved_skp()
            q1 = self._checkin(skp, "q1")
            self._fill(q1)
            q1.with_user(self.user_staff).action_submit()
        as_appraiser = q1.with_user(self.user_appraiser)
        with self.assertRaises(UserError) as error:
            as_appraiser.action_review()
        message = str(error.exception)
        self.assertIn(f"RHK {RHK_NAME} has no umpan balik", message)
        self.assertIn("the Rating Hasil Kerja is not set", message)
        self.assertIn("the Rating Perilaku Kerja is not set", message)
        self._give_feedback(q1, work="below", behavior="above")
        self.assertEqual(q1.predikat, "butuh_perbaikan")
        as_appraiser.action_review()
        self.assertEqual(q1.state, "reviewed")

    @freeze_time("2026-11-02")
    def test_annual_evaluation_has_no_rating(self):
        """The annual evaluation gets umpan balik only; the SKP holds the ratings."""
        skp = self._approved_skp()
        annual = self._checkin(skp, "annual")
        self._fill(annual)
        annual.with_user(self.user_staff).action_submit()
        with self.assertRaises(ValidationError):
            annual.with_user(self.user_appraiser).write({"work_rating": "above"})
        self._give_feedback(annual)
        annual.with_user(self.user_appraiser).action_review()
        self.assertEqual(annual.state, "reviewed")
        self.assertFalse(annual.predikat)

    def test_return_needs_reason(self):
        """The appraiser returns a check-in with a reason, posted in the chatter."""
        with freeze_time("2026-02-16"):
            skp = self._approved_skp()
            q1 = self._checkin(skp, "q1")
            self._fill(q1)
            q1.with_user(self.user_staff).action_submit()
        as_appraiser = q1.with_user(self.user_appraiser)
        for reason in ("", "   ", None):
            with self.subTest(reason=reason), self.assertStateError():
                as_appraiser.action_return(reason)
        self.assertEqual(q1.state, "submitted")
        with self.assertRaises(AccessError):
            q1.with_user(self.user_staff).action_return("Saya ingin mengubah")
        with self.assertRaises(AccessError):
            q1.with_user(self.user_head).action_return("Lengkapi bukti dukung")
        with self.assertRaises(AccessError):
            q1.with_user(self.user_hr).action_return("Lengkapi bukti dukung")

        wizard = (
            self.env["hr.asn.checkin.return.wizard"]
            .with_user(self.user_appraiser)
            .create(
                {
                    "checkin_ids": [Command.set(q1.ids)],
                    "reason": "Lampirkan berita acara pemutakhiran data.",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(q1.state, "draft")
        self.assertEqual(q1.return_reason, "Lampirkan berita acara pemutakhiran data.")
        note = q1.message_ids.filtered(
            lambda m: "Lampirkan berita acara pemutakhiran data." in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn(self.user_staff.partner_id, note.partner_ids)
        self.assertEqual(self._activities(q1).user_id, self.user_staff)
        # Returned for correction after the deadline: judged on the first submission.
        with freeze_time("2026-04-10"):
            q1.with_user(self.user_staff).action_submit()
        self.assertFalse(q1.submitted_late)

    def test_reviewed_checkin_is_locked(self):
        """After review nobody edits lines, evidence, feedback, ratings; nor HR."""
        with freeze_time("2026-02-16"):
            skp = self._approved_skp()
            q1 = self._checkin(skp, "q1")
            self._fill(q1)
            q1.with_user(self.user_staff).action_submit()
            self._give_feedback(q1)
            q1.with_user(self.user_appraiser).action_review()
        iki_line, rhk_line, evidence = q1.iki_ids, q1.rhk_ids, q1.evidence_ids
        for user in (self.user_staff, self.user_appraiser):
            with self.subTest(user=user.login):
                with self.assertStateError():
                    iki_line.with_user(user).write({"realisation_value": 99})
                with self.assertStateError():
                    rhk_line.with_user(user).write({"feedback": "Diubah"})
                with self.assertStateError():
                    q1.with_user(user).write({"work_rating": "below"})
                with self.assertStateError():
                    evidence.with_user(user).write({"name": "Diubah"})
        with self.assertStateError():
            evidence.with_user(self.user_staff).unlink()
        with self.assertStateError():
            self.env["hr.asn.checkin.evidence"].with_user(self.user_staff).create(
                {"checkin_rhk_id": rhk_line.id, "name": "Baru", "url": "https://x.id"}
            )
        for record, vals in (
            (iki_line, {"realisation_text": "HR"}),
            (rhk_line, {"feedback": "HR"}),
            (q1, {"review_note": "HR"}),
        ):
            with self.assertRaises(UserError):
                record.with_user(self.user_hr).write(vals)
            with self.assertStateError():
                record.sudo().write(vals)
        for user in (self.user_staff, self.user_appraiser, self.user_hr):
            with self.assertStateError():
                q1.with_user(user).action_return("Buka lagi")
        self.assertEqual(q1.state, "reviewed")
        self.assertEqual(iki_line.realisation_value, 30)

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    @freeze_time("2026-02-16")
    def test_who_edits_in_draft(self):
        """In draft only the employee edits realisasi and bukti dukung."""
        skp = self._approved_skp()
        q1 = self._checkin(skp, "q1")
        for user in (self.user_appraiser, self.user_head, self.user_hr):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    q1.iki_ids.with_user(user).write({"realisation_value": 5})
                with self.assertRaises(AccessError):
                    self.env["hr.asn.checkin.evidence"].with_user(user).create(
                        {
                            "checkin_rhk_id": q1.rhk_ids.id,
                            "name": "Bukti",
                            "url": "https://x.id",
                        }
                    )
                with self.assertRaises(AccessError):
                    q1.with_user(user).action_submit()
        # Umpan balik and ratings wait for the submission.
        with self.assertStateError():
            q1.rhk_ids.with_user(self.user_appraiser).write(
                {"feedback": "Terlalu dini"}
            )
        with self.assertStateError():
            q1.with_user(self.user_appraiser).write({"work_rating": "above"})
        with self.assertRaises(AccessError):
            q1.rhk_ids.with_user(self.user_staff).write({"feedback": "Penilaian diri"})
        with self.assertRaises(AccessError):
            q1.with_user(self.user_staff).write({"work_rating": "above"})
        # The lines themselves come from the SKP.
        with self.assertRaises(UserError):
            q1.iki_ids.with_user(self.user_staff).write({"iki_id": skp.iki_ids.id})
        with self.assertRaises(UserError):
            q1.with_user(self.user_staff).write({"date_start": "2026-01-15"})
        with self.assertRaises(UserError):
            q1.with_user(self.user_staff).write({"submitted_late": False})

    @freeze_time("2026-02-16")
    def test_who_acts_when_submitted(self):
        """Once submitted the employee's part is frozen; only the appraiser reviews."""
        skp = self._approved_skp()
        q1 = self._checkin(skp, "q1")
        self._fill(q1)
        q1.with_user(self.user_staff).action_submit()
        with self.assertStateError():
            q1.iki_ids.with_user(self.user_staff).write({"realisation_value": 1})
        with self.assertStateError():
            q1.evidence_ids.with_user(self.user_staff).unlink()
        self.assertFalse(q1.with_user(self.user_staff).can_edit_realisation)
        self._give_feedback(q1)
        for user in (
            self.user_staff,
            self.user_head,
            self.user_hr,
            self.user_colleague,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                q1.with_user(user).action_review()
        with self.assertRaises(AccessError):
            q1.rhk_ids.with_user(self.user_head).write({"feedback": "Atasan"})
        with self.assertRaises(UserError):
            q1.with_user(self.user_appraiser).action_submit()
        q1.with_user(self.user_appraiser).action_review()

    def test_checkins_of_cancelled_skp_stop(self):
        with freeze_time("2026-02-16"):
            skp = self._approved_skp()
            q1 = self._checkin(skp, "q1")
            self._fill(q1)
            skp.with_user(self.user_hr).action_cancel("Pegawai mutasi")
            self.assertFalse(self._activities(q1))
            with self.assertStateError():
                q1.with_user(self.user_staff).action_submit()
            with self.assertStateError():
                q1.iki_ids.with_user(self.user_staff).write({"realisation_value": 1})

    def test_hr_acts_for_appraiser_outside_the_erp(self):
        """The Kepala Daerah has no user: HR reviews the check-ins for him."""
        mayor = self.env["hr.employee"].create(
            {"name": "Wali Kota", "company_id": self.company.id}
        )
        self.emp_head.asn_appraiser_id = mayor
        with freeze_time("2026-02-16"):
            skp = self._create_skp(self.emp_head)
            skp.with_user(self.user_head).action_submit()
            skp.with_user(self.user_hr).action_approve()
            q1 = self._checkin(skp, "q1")
            self._fill(q1, user=self.user_head)
            q1.with_user(self.user_head).action_submit()
        self.assertEqual(self._activities(q1).user_id, self.user_hr)
        as_hr = q1.with_user(self.user_hr)
        as_hr.rhk_ids.write({"feedback": "Dicatat oleh BKPSDM atas arahan Wali Kota."})
        as_hr.write({"work_rating": "as_expected", "behavior_rating": "as_expected"})
        as_hr.action_review()
        self.assertEqual(q1.state, "reviewed")
        self.assertEqual(q1.predikat, "baik")

    # ------------------------------------------------------------------
    # Visibility
    # ------------------------------------------------------------------
    def test_employee_cannot_see_colleague_checkins(self):
        skp = self._approved_skp()
        colleague_skp = self._approve(self._create_skp(self.emp_colleague))
        mine, theirs = skp.checkin_ids, colleague_skp.checkin_ids

        def readable(user, model="hr.asn.checkin"):
            return self.env[model].with_user(user).search([])

        self.assertEqual(readable(self.user_staff), mine)
        self.assertEqual(readable(self.user_colleague), theirs)
        with self.assertRaises(AccessError):
            theirs[0].with_user(self.user_staff).read(["name"])
        for model, lines in (
            ("hr.asn.checkin.rhk", theirs.rhk_ids),
            ("hr.asn.checkin.iki", theirs.iki_ids),
        ):
            with self.subTest(model=model):
                self.assertFalse(readable(self.user_staff, model) & lines)
                with self.assertRaises(AccessError):
                    lines[0].with_user(self.user_staff).read(["name"])
        # The appraiser and the appraiser's superior see the team; HR sees all
        # of its company, the other company's HR nothing.
        self.assertEqual(readable(self.user_appraiser), mine | theirs)
        self.assertEqual(readable(self.user_head), mine | theirs)
        self.assertEqual(readable(self.user_hr) & (mine | theirs), mine | theirs)
        self.assertFalse(readable(self.user_other_hr) & (mine | theirs))
        with self.assertRaises(AccessError):
            theirs[0].with_user(self.user_other_hr).read(["name"])

    @freeze_time("2026-02-16")
    def test_colleague_evidence_is_private(self):
        skp = self._approved_skp()
        colleague_skp = self._approve(self._create_skp(self.emp_colleague))
        q1_theirs = self._checkin(colleague_skp, "q1")
        self._fill(q1_theirs, user=self.user_colleague)
        Evidence = self.env["hr.asn.checkin.evidence"]
        self.assertFalse(Evidence.with_user(self.user_staff).search([]))
        with self.assertRaises(AccessError):
            q1_theirs.evidence_ids.with_user(self.user_staff).read(["url"])
        with self.assertRaises(AccessError):
            Evidence.with_user(self.user_staff).create(
                {
                    "checkin_rhk_id": q1_theirs.rhk_ids.id,
                    "name": "Palsu",
                    "url": "https://x.id",
                }
            )
        self.assertEqual(
            Evidence.with_user(self.user_appraiser).search([]), q1_theirs.evidence_ids
        )
        self.assertTrue(skp.checkin_ids)

    # ------------------------------------------------------------------
    # Bukti dukung
    # ------------------------------------------------------------------
    @freeze_time("2026-02-16")
    def test_evidence_needs_a_file_or_link_of_its_own_checkin(self):
        skp = self._approved_skp()
        q1, q2 = self._checkin(skp, "q1"), self._checkin(skp, "q2")
        Evidence = self.env["hr.asn.checkin.evidence"].with_user(self.user_staff)
        with self.assertRaises(ValidationError):
            Evidence.create({"checkin_rhk_id": q1.rhk_ids.id, "name": "Tanpa isi"})
        with self.assertRaises(ValidationError):
            Evidence.create(
                {
                    "checkin_id": q2.id,
                    "checkin_rhk_id": q1.rhk_ids.id,
                    "name": "Salah periode",
                    "url": "https://x.id",
                }
            )
        evidence = Evidence.create(
            {
                "checkin_rhk_id": q1.rhk_ids.id,
                "name": "Berita acara pemutakhiran",
                "file": base64.b64encode(b"%PDF-1.4 berita acara"),
                "file_name": "berita_acara.pdf",
                "data_source": "Dokumen",
            }
        )
        self.assertEqual(evidence.checkin_id, q1)
        self.assertEqual(q1.rhk_ids.evidence_ids, evidence)
        self.assertEqual(base64.b64decode(evidence.file), b"%PDF-1.4 berita acara")
        # Through the check-in form (x2many commands), as the web client saves it.
        q1.with_user(self.user_staff).write(
            {
                "evidence_ids": [
                    Command.create(
                        {
                            "checkin_rhk_id": q1.rhk_ids.id,
                            "name": "Tautan dasbor",
                            "url": "https://dasbor.example.go.id",
                        }
                    )
                ],
                "iki_ids": [
                    Command.update(q1.iki_ids.id, {"realisation_value": 12}),
                ],
            }
        )
        self.assertEqual(len(q1.evidence_ids), 2)
        self.assertEqual(q1.iki_ids.realisation_value, 12)

    # ------------------------------------------------------------------
    # The form, as each role edits it
    # ------------------------------------------------------------------
    @freeze_time("2026-02-16")
    def test_form_follows_permissions(self):
        """Employee fills the form in draft, appraiser in submitted; not the reverse."""
        skp = self._approved_skp()
        q1 = self._checkin(skp, "q1")
        with Form(q1.with_user(self.user_staff)) as form:
            with form.iki_ids.edit(0) as line:
                line.realisation_value = 40
                line.realisation_text = "40 data dimutakhirkan"
            with form.evidence_ids.new() as evidence:
                evidence.checkin_rhk_id = q1.rhk_ids
                evidence.name = "Rekap pemutakhiran"
                evidence.url = "https://drive.example.go.id/rekap"
            with self.assertRaises(AssertionError):
                form.work_rating = "above"
        self.assertEqual(q1.iki_ids.realisation_value, 40)
        self.assertEqual(q1.evidence_ids.checkin_rhk_id, q1.rhk_ids)
        with Form(q1.with_user(self.user_appraiser)) as form:
            with self.assertRaises(AssertionError), form.iki_ids.edit(0) as line:
                line.realisation_value = 1
        q1.with_user(self.user_staff).action_submit()
        with Form(q1.with_user(self.user_staff)) as form:
            with self.assertRaises(AssertionError), form.iki_ids.edit(0) as line:
                line.realisation_value = 1
        with Form(q1.with_user(self.user_appraiser)) as form:
            with form.rhk_ids.edit(0) as line:
                line.feedback = "Lengkap dan tepat waktu."
            form.work_rating = "as_expected"
            form.behavior_rating = "above"
        self.assertEqual(q1.rhk_ids.feedback, "Lengkap dan tepat waktu.")
        self.assertEqual(q1.predikat, "baik")

    def test_skp_form_shows_checkins(self):
        skp = self._approved_skp()
        form = Form(skp.with_user(self.user_staff))
        self.assertEqual(len(form.checkin_ids), 5)
        self.assertEqual(form.checkin_count, 5)

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def test_cron_gives_todo_when_period_starts(self):
        with freeze_time("2026-02-16"):
            skp = self._approved_skp()
        q1, q2 = self._checkin(skp, "q1"), self._checkin(skp, "q2")
        self.assertEqual(len(self._activities(q1)), 1)
        self.assertFalse(self._activities(q2), "Triwulan II has not started")
        with freeze_time("2026-04-01"):
            self.Checkin._cron_sync_activities()
        activity = self._activities(q2)
        self.assertEqual(activity.user_id, self.user_staff)
        self.assertEqual(activity.date_deadline, date(2026, 6, 30))
        self.assertEqual(len(self._activities(q1)), 1, "no duplicate")

    # ------------------------------------------------------------------
    # The SKP's annual rating
    # ------------------------------------------------------------------
    def test_annual_rating_requires_annual_evaluation(self):
        """action_rate lists exactly what the annual evaluation lacks."""
        with freeze_time("2026-11-02"):
            skp = self._approved_skp()
        as_appraiser = skp.with_user(self.user_appraiser)
        as_appraiser.write({"work_rating": "as_expected", "behavior_rating": "above"})
        with self.assertRaises(UserError) as error:
            as_appraiser.action_rate()
        self.assertEqual(
            str(error.exception),
            f"{skp.display_name} cannot be rated yet:\n"
            "- the annual evaluation (Tahunan) has not been submitted\n"
            f"- IKI {IKI_NAME} of RHK {RHK_NAME} has no realisasi in the annual "
            "evaluation",
        )
        annual = self._checkin(skp, "annual")
        annual.iki_ids.with_user(self.user_staff).write(
            {"realisation_value": 118, "realisation_text": "118 dokumen"}
        )
        with self.assertRaises(UserError) as error:
            as_appraiser.action_rate()
        self.assertEqual(
            str(error.exception),
            f"{skp.display_name} cannot be rated yet:\n"
            "- the annual evaluation (Tahunan) has not been submitted",
        )
        self.assertEqual(skp.state, "approved")
        with freeze_time("2026-11-02"):
            annual.with_user(self.user_staff).action_submit()
        as_appraiser.action_rate()
        self.assertEqual(skp.state, "rated")
        self.assertEqual(skp.predikat, "baik")

    def test_annual_rating_without_checkins(self):
        """Check-ins missing altogether: every IKI is listed."""
        skp = self._approved_skp()
        skp.checkin_ids.sudo().unlink()
        as_appraiser = skp.with_user(self.user_appraiser)
        as_appraiser.write({"work_rating": "above", "behavior_rating": "above"})
        with self.assertRaises(UserError) as error:
            as_appraiser.action_rate()
        self.assertIn(
            "the annual evaluation (Tahunan) has not been submitted",
            str(error.exception),
        )
        self.assertIn(
            f"IKI {IKI_NAME} of RHK {RHK_NAME} has no realisasi", str(error.exception)
        )

    def test_annual_rating_requirement_is_per_cycle(self):
        """A cycle that does not require the annual evaluation rates as before."""
        self.cycle.require_annual_evaluation = False
        skp = self._rated_skp(work="above", behavior="above")
        self.assertEqual(skp.state, "rated")
        self.assertEqual(skp.predikat, "sangat_baik")

    def test_new_cycle_requires_annual_evaluation_by_default(self):
        cycle = self.env["hr.asn.appraisal.cycle"].create(
            {"name": "SKP 2030", "date_start": "2030-01-01", "date_end": "2030-12-31"}
        )
        self.assertTrue(cycle.require_annual_evaluation)
        self.assertEqual(cycle.checkin_grace_days, 0)
