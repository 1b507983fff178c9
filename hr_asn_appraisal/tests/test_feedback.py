from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestFeedback(AsnAppraisalCase):
    """Umpan balik and coaching: written by the appraiser or the appraiser's
    superior, read by the employee, who may only reply."""

    def setUp(self):
        super().setUp()
        self.skp = self._approved_skp()

    def _feedback(self, user, skp=None, **vals):
        return (
            self.env["hr.asn.feedback"]
            .with_user(user)
            .create(
                {
                    "appraisal_id": (skp or self.skp).id,
                    "feedback": "Laporan bulanan tepat waktu; lengkapi bukti dukung.",
                    **vals,
                }
            )
        )

    def _coaching(self, user, skp=None, **vals):
        return (
            self.env["hr.asn.coaching"]
            .with_user(user)
            .create(
                {
                    "appraisal_id": (skp or self.skp).id,
                    "session_type": "counselling",
                    "topic": "Ketepatan waktu laporan",
                    "outcome": "training",
                    **vals,
                }
            )
        )

    # ------------------------------------------------------------------
    # Who writes
    # ------------------------------------------------------------------
    def test_appraiser_gives_feedback_employee_reads(self):
        """The appraiser gives umpan balik; the employee reads it and is told."""
        rhk = self.skp.rhk_ids[0]
        feedback = self._feedback(self.user_appraiser, rhk_id=rhk.id)
        self.assertEqual(feedback.author_id, self.user_appraiser)
        self.assertEqual(feedback.employee_id, self.emp_staff)
        mine = self.env["hr.asn.feedback"].with_user(self.user_staff).search([])
        self.assertEqual(mine, feedback)
        self.assertEqual(mine.rhk_id, rhk)
        self.assertEqual(self.skp.with_user(self.user_staff).feedback_count, 1)
        note = self.skp.message_ids[0]
        self.assertIn("Umpan balik from", str(note.body))
        self.assertIn(self.user_staff.partner_id, note.partner_ids)

    def test_appraiser_superior_gives_feedback(self):
        feedback = self._feedback(self.user_head)
        self.assertEqual(feedback.author_id, self.user_head)

    def test_author_is_always_the_writer(self):
        """Feedback cannot be written in someone else's name."""
        feedback = self._feedback(self.user_appraiser, author_id=self.user_head.id)
        self.assertEqual(feedback.author_id, self.user_appraiser)

    def test_employee_cannot_create_feedback_on_own_skp(self):
        with self.assertRaises(AccessError):
            self._feedback(self.user_staff)
        with self.assertRaises(AccessError):
            self._coaching(self.user_staff)
        with self.assertRaises(AccessError):
            self.skp.with_user(self.user_staff).action_add_feedback()
        self.assertFalse(self.skp.with_user(self.user_staff).can_add_feedback)
        self.assertTrue(self.skp.with_user(self.user_appraiser).can_add_feedback)

    def test_colleague_neither_creates_nor_sees(self):
        feedback = self._feedback(self.user_appraiser)
        coaching = self._coaching(self.user_appraiser)
        with self.assertRaises(AccessError):
            self._feedback(self.user_colleague)
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_colleague).read(["feedback"])
        with self.assertRaises(AccessError):
            coaching.with_user(self.user_colleague).read(["notes"])
        for model in ("hr.asn.feedback", "hr.asn.coaching"):
            self.assertFalse(self.env[model].with_user(self.user_colleague).search([]))

    def test_hr_reads_all_but_does_not_write(self):
        """HR reads every record of its companies, but gives no feedback itself."""
        feedback = self._feedback(self.user_appraiser)
        coaching = self._coaching(self.user_head)
        self.assertEqual(
            self.env["hr.asn.feedback"].with_user(self.user_hr).search([]), feedback
        )
        self.assertEqual(
            self.env["hr.asn.coaching"].with_user(self.user_hr).search([]), coaching
        )
        with self.assertRaises(AccessError):
            self._feedback(self.user_hr)
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_hr).write({"feedback": "Diubah HR"})

    def test_other_company_hr_sees_nothing(self):
        feedback = self._feedback(self.user_appraiser)
        self.assertFalse(
            self.env["hr.asn.feedback"].with_user(self.user_other_hr).search([])
        )
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_other_hr).read(["feedback"])

    def test_hr_records_for_a_paper_appraiser(self):
        """An appraiser outside the ERP: HR records their feedback for them."""
        outsider = self.env["hr.employee"].create(
            {"name": "Pejabat Luar", "company_id": self.company.id}
        )
        skp = self._create_skp(self.emp_colleague, appraiser_id=outsider.id)
        skp.with_user(self.user_colleague).action_submit()
        skp.with_user(self.user_hr).action_approve()
        feedback = self._feedback(self.user_hr, skp=skp)
        self.assertEqual(feedback.author_id, self.user_hr)

    # ------------------------------------------------------------------
    # When
    # ------------------------------------------------------------------
    def test_not_before_approval_nor_on_cancelled_skp(self):
        draft = self._create_skp(self.emp_colleague)
        with self.assertRaises(UserError):
            self._feedback(self.user_appraiser, skp=draft)
        draft.with_user(self.user_colleague).action_submit()
        with self.assertRaises(UserError):
            self._coaching(self.user_appraiser, skp=draft)
        self.assertFalse(draft.with_user(self.user_appraiser).can_add_feedback)
        feedback = self._feedback(self.user_appraiser)
        self.skp.with_user(self.user_hr).action_cancel("Pegawai mutasi")
        with self.assertRaises(UserError):
            self._feedback(self.user_appraiser)
        with self.assertRaises(UserError):
            feedback.with_user(self.user_staff).write({"employee_reply": "Baik"})

    def test_feedback_on_rated_and_done_skp(self):
        """Feedback continues after rating and validation (not locked by the SKP)."""
        skp = self.skp
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "as_expected", "behavior_rating": "as_expected"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        skp.with_user(self.user_hr).action_validate()
        feedback = self._feedback(self.user_appraiser, skp=skp)
        feedback.with_user(self.user_staff).write({"employee_reply": "Siap."})
        self.assertEqual(feedback.employee_reply, "Siap.")
        self.assertEqual(skp.state, "done")

    # ------------------------------------------------------------------
    # The employee replies, and only replies
    # ------------------------------------------------------------------
    def test_employee_writes_only_the_reply(self):
        feedback = self._feedback(self.user_appraiser)
        as_staff = feedback.with_user(self.user_staff)
        self.assertTrue(as_staff.can_reply)
        self.assertFalse(as_staff.can_edit)
        as_staff.write({"employee_reply": "Akan saya lengkapi minggu ini."})
        self.assertEqual(feedback.employee_reply, "Akan saya lengkapi minggu ini.")
        self.assertTrue(feedback.date_reply)
        note = self.skp.message_ids[0]
        self.assertIn("Akan saya lengkapi", str(note.body))
        self.assertIn(self.user_appraiser.partner_id, note.partner_ids)
        with self.assertRaises(AccessError):
            as_staff.write({"feedback": "Tidak ada masalah."})
        with self.assertRaises(AccessError):
            as_staff.write({"employee_reply": "Ok", "feedback": "Tidak ada masalah."})
        with self.assertRaises(UserError):
            as_staff.write({"date_reply": "2026-01-01 00:00:00"})
        self.assertEqual(
            feedback.feedback, "Laporan bulanan tepat waktu; lengkapi bukti dukung."
        )

    def test_employee_reply_on_coaching_only(self):
        coaching = self._coaching(self.user_appraiser)
        as_staff = coaching.with_user(self.user_staff)
        self.assertEqual(as_staff.read(["outcome"])[0]["outcome"], "training")
        as_staff.write({"employee_reply": "Saya bersedia ikut pelatihan."})
        self.assertTrue(coaching.date_reply)
        for vals in (
            {"outcome": "coaching"},
            {"notes": "Tidak perlu pelatihan."},
            {"session_type": "coaching"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_staff.write(vals)
        self.assertEqual(coaching.outcome, "training")

    def test_nobody_else_replies_or_edits(self):
        feedback = self._feedback(self.user_appraiser)
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_appraiser).write({"employee_reply": "x"})
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_head).write({"feedback": "Diubah atasan"})
        self.assertFalse(feedback.with_user(self.user_head).can_edit)
        feedback.with_user(self.user_appraiser).write({"feedback": "Diperbaiki"})
        self.assertEqual(feedback.feedback, "Diperbaiki")
        with self.assertRaises(UserError):
            feedback.with_user(self.user_appraiser).write(
                {"appraisal_id": self._create_skp(self.emp_colleague).id}
            )

    def test_no_reply_at_creation(self):
        with self.assertRaises(UserError):
            self._feedback(self.user_appraiser, employee_reply="Dibuat sendiri")

    def test_rhk_of_another_skp_refused(self):
        other = self._create_skp(self.emp_colleague)
        with self.assertRaises(ValidationError):
            self._feedback(self.user_appraiser, rhk_id=other.rhk_ids[0].id)

    def test_delete_by_author_until_answered(self):
        feedback = self._feedback(self.user_appraiser)
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_staff).unlink()
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_head).unlink()
        feedback.with_user(self.user_staff).write({"employee_reply": "Terima kasih"})
        with self.assertRaises(UserError):
            feedback.with_user(self.user_appraiser).unlink()
        coaching = self._coaching(self.user_appraiser)
        coaching.with_user(self.user_appraiser).unlink()
        self.assertFalse(coaching.exists())

    # ------------------------------------------------------------------
    # Through the forms, as the screens use them
    # ------------------------------------------------------------------
    def test_forms(self):
        """The appraiser fills in the dialog; the employee can only type a reply."""
        action = self.skp.with_user(self.user_appraiser).action_add_feedback()
        Feedback = (
            self.env[action["res_model"]]
            .with_user(self.user_appraiser)
            .with_context(**action["context"])
        )
        with Form(Feedback) as form:
            form.feedback = "Pertahankan ritme pelaporan."
        feedback = form.record
        self.assertEqual(feedback.appraisal_id, self.skp)
        with Form(feedback.with_user(self.user_staff)) as form:
            form.employee_reply = "Siap, terima kasih."
            with self.assertRaises(AssertionError):
                form.feedback = "Diubah pegawai"
        self.assertEqual(feedback.employee_reply, "Siap, terima kasih.")
        action = self.skp.with_user(self.user_head).action_add_coaching()
        Coaching = (
            self.env[action["res_model"]]
            .with_user(self.user_head)
            .with_context(**action["context"])
        )
        with Form(Coaching) as form:
            form.topic = "Rencana pengembangan kompetensi"
            form.outcome = "training"
        self.assertEqual(form.record.author_id, self.user_head)
