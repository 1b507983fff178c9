import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AsnAppraisalCase

IDENTITY_FIELDS = ("source_id", "citizen_name", "citizen_phone", "citizen_email")


@tagged("post_install", "-at_install")
class TestPublicFeedback(AsnAppraisalCase):
    """Public and stakeholder feedback: HR records and verifies; the employee
    and the appraisers read verified feedback; the source stays with HR."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.skp_staff = cls._create_skp(cls.emp_staff)
        cls.skp_colleague = cls._create_skp(cls.emp_colleague)
        Feedback = cls.env["hr.asn.public.feedback"].with_user(cls.user_hr)
        cls.complaint = Feedback.create(
            {
                "name": "Antrean layanan terlalu lama",
                "employee_id": cls.emp_staff.id,
                "appraisal_id": cls.skp_staff.id,
                "source_type": "complaint",
                "date": "2026-03-10",
                "summary": "Pemohon menunggu tiga jam tanpa informasi.",
                "citizen_name": "Budi Santoso",
                "citizen_phone": "081200001234",
            }
        )
        cls.complaint.action_verify()
        cls.unverified = Feedback.create(
            {
                "name": "Berkas hilang",
                "employee_id": cls.emp_staff.id,
                "source_type": "complaint",
                "date": "2026-04-01",
                "summary": "Berkas usulan disebut hilang.",
                "citizen_name": "Siti Aminah",
            }
        )
        cls.last_year = Feedback.create(
            {
                "name": "Survei 2025",
                "employee_id": cls.emp_staff.id,
                "source_type": "survey",
                "sentiment": "positive",
                "date": "2025-11-01",
                "summary": "Indeks kepuasan 88.",
            }
        )
        cls.last_year.action_verify()
        cls.on_colleague = Feedback.create(
            {
                "name": "Pelayanan ramah",
                "employee_id": cls.emp_colleague.id,
                "source_type": "stakeholder",
                "sentiment": "positive",
                "date": "2026-05-02",
                "summary": "Mitra sekolah memuji kecepatan layanan.",
            }
        )
        cls.on_colleague.action_verify()

    def _visible(self, user):
        return self.env["hr.asn.public.feedback"].with_user(user).search([])

    # ------------------------------------------------------------------
    # Who sees what
    # ------------------------------------------------------------------
    def test_hr_records_the_source_in_a_separate_model(self):
        """The identity is stored apart from the feedback, readable by HR."""
        complaint = self.complaint.with_user(self.user_hr)
        self.assertEqual(complaint.citizen_name, "Budi Santoso")
        self.assertEqual(complaint.source_id.phone, "081200001234")
        self.assertEqual(complaint.source_id._name, "hr.asn.public.feedback.source")
        last_year = self.last_year.with_user(self.user_hr)
        self.assertFalse(last_year.source_id, "no identity given: anonymous source")

    def test_employee_sees_own_verified_feedback_only(self):
        self.assertEqual(
            self._visible(self.user_staff), self.complaint | self.last_year
        )
        with self.assertRaises(AccessError):
            self.unverified.with_user(self.user_staff).read(["summary"])
        with self.assertRaises(AccessError):
            self.on_colleague.with_user(self.user_staff).read(["summary"])

    def test_employee_never_sees_the_source(self):
        """Reading the identity raises; reading the feedback without it works."""
        complaint = self.complaint.with_user(self.user_staff)
        for field_name in IDENTITY_FIELDS:
            with self.subTest(field=field_name), self.assertRaises(AccessError):
                complaint.read([field_name])
        rows = complaint.search_read(
            [("id", "=", self.complaint.id)], ["name", "summary", "employee_id"]
        )
        self.assertEqual(
            rows[0]["summary"], "Pemohon menunggu tiga jam tanpa informasi."
        )
        all_fields = complaint.read()[0]
        self.assertFalse(set(IDENTITY_FIELDS) & set(all_fields))
        self.assertNotIn("Budi", str(all_fields))
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.user_hr).source_id.with_user(
                self.user_staff
            ).read(["name"])
        with self.assertRaises(AccessError):
            self.env["hr.asn.public.feedback.source"].with_user(self.user_staff).search(
                []
            )
        with self.assertRaises(AccessError):
            complaint.search([("source_id.name", "ilike", "Budi")])

    def test_chatter_does_not_leak_the_source(self):
        messages = self.complaint.with_user(self.user_staff).message_ids
        self.assertTrue(messages)
        text = " ".join(
            [str(m.body) for m in messages]
            + [str(v.new_value_char) for v in messages.sudo().tracking_value_ids]
        )
        self.assertNotIn("Budi", text)
        self.assertNotIn("081200001234", text)

    def test_appraiser_and_superior_see_verified_feedback_of_their_staff(self):
        for user in (self.user_appraiser, self.user_head):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self._visible(user),
                    self.complaint | self.last_year | self.on_colleague,
                )
                with self.assertRaises(AccessError):
                    self.complaint.with_user(user).read(["citizen_name"])
                with self.assertRaises(AccessError):
                    self.unverified.with_user(user).read(["name"])

    def test_colleague_and_other_company_see_nothing_of_others(self):
        self.assertEqual(self._visible(self.user_colleague), self.on_colleague)
        self.assertFalse(self._visible(self.user_other_hr))
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.user_other_hr).read(["name"])

    def test_hr_sees_unverified_feedback(self):
        self.assertIn(self.unverified, self._visible(self.user_hr))

    def test_only_hr_records_feedback(self):
        vals = {
            "name": "Tidak sopan",
            "employee_id": self.emp_colleague.id,
            "date": "2026-05-01",
            "summary": "Petugas berbicara kasar.",
        }
        for user in (self.user_staff, self.user_appraiser, self.user_head):
            with self.subTest(user=user.login):
                Feedback = self.env["hr.asn.public.feedback"].with_user(user)
                with self.assertRaises(AccessError):
                    Feedback.create(vals)
                with self.assertRaises(AccessError):
                    self.complaint.with_user(user).write({"summary": "Tidak ada."})
                with self.assertRaises(AccessError):
                    self.complaint.with_user(user).unlink()

    # ------------------------------------------------------------------
    # Verification
    # ------------------------------------------------------------------
    def test_verify_refusals_per_role(self):
        for user in (self.user_staff, self.user_appraiser, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.unverified.with_user(user).action_verify()
        with self.assertRaises(AccessError):
            self.unverified.with_user(self.user_other_hr).action_verify()
        self.assertFalse(self.unverified.verified)

    def test_verify_and_undo(self):
        feedback = self.unverified.with_user(self.user_hr)
        self.assertTrue(feedback.can_verify)
        self.assertFalse(self.unverified.with_user(self.user_appraiser).can_verify)
        feedback.action_verify()
        self.assertTrue(feedback.verified)
        self.assertEqual(feedback.verified_by_id, self.user_hr)
        self.assertIn(feedback, self._visible(self.user_staff))
        with self.assertRaises(UserError):
            feedback.action_verify()
        feedback.action_unverify()
        self.assertFalse(feedback.verified)
        self.assertNotIn(feedback, self._visible(self.user_staff))
        with self.assertRaises(UserError):
            feedback.action_unverify()

    def test_verified_feedback_is_frozen(self):
        complaint = self.complaint.with_user(self.user_hr)
        with self.assertRaises(UserError):
            complaint.write({"summary": "Diubah."})
        with self.assertRaises(UserError):
            complaint.unlink()
        with self.assertRaises(UserError):
            self.unverified.with_user(self.user_hr).write({"verified": True})
        with self.assertRaises(UserError):
            self.env["hr.asn.public.feedback"].with_user(self.user_hr).create(
                {
                    "name": "X",
                    "employee_id": self.emp_staff.id,
                    "summary": "X",
                    "verified": True,
                }
            )
        # The source can still be corrected: it is not what HR verified.
        complaint.citizen_phone = "081299990000"
        self.assertEqual(complaint.source_id.phone, "081299990000")

    def test_verify_activity(self):
        """Recording feedback asks the cycle's HR responsible to verify it."""
        activity_type = self.env.ref(
            "hr_asn_appraisal.mail_activity_type_public_feedback_verify"
        )
        feedback = (
            self.env["hr.asn.public.feedback"]
            .with_user(self.user_hr)
            .create(
                {
                    "name": "Pungutan liar",
                    "employee_id": self.emp_colleague.id,
                    "appraisal_id": self.skp_colleague.id,
                    "date": "2026-06-01",
                    "summary": "Diminta biaya tambahan.",
                }
            )
        )
        activity = feedback.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertEqual(activity.user_id, self.cycle.user_id)
        feedback.action_verify()
        self.assertFalse(feedback.activity_ids)

    def test_delete_unverified_feedback_removes_the_source(self):
        source = self.unverified.with_user(self.user_hr).source_id
        self.assertTrue(source)
        self.unverified.with_user(self.user_hr).unlink()
        self.assertFalse(source.exists())

    def test_consistency_checks(self):
        Feedback = self.env["hr.asn.public.feedback"].with_user(self.user_hr)
        vals = {"name": "X", "summary": "X", "date": "2026-02-02"}
        with self.assertRaises(ValidationError):
            Feedback.create(
                {
                    **vals,
                    "employee_id": self.emp_colleague.id,
                    "appraisal_id": self.skp_staff.id,
                }
            )
        with self.assertRaises(ValidationError):
            Feedback.create(
                {
                    **vals,
                    "employee_id": self.emp_staff.id,
                    "appraisal_id": self.skp_staff.id,
                    "date": "2025-12-31",
                }
            )
        with self.assertRaises(UserError):
            Feedback.create(
                {**vals, "employee_id": self.emp_staff.id, "citizen_phone": "0812"}
            )
        self.assertEqual(self.complaint.sentiment, "negative")
        self.assertEqual(self.complaint.cycle_id, self.cycle)

    # ------------------------------------------------------------------
    # Evidence
    # ------------------------------------------------------------------
    def test_evidence_follows_the_feedback_rights(self):
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.user_hr)
            .create(
                {
                    "name": "foto_antrean.jpg",
                    "datas": base64.b64encode(b"evidence"),
                    "res_model": "hr.asn.public.feedback",
                    "res_id": 0,
                }
            )
        )
        feedback = (
            self.env["hr.asn.public.feedback"]
            .with_user(self.user_hr)
            .create(
                {
                    "name": "Antrean",
                    "employee_id": self.emp_staff.id,
                    "date": "2026-07-01",
                    "summary": "Foto antrean terlampir.",
                    "attachment_ids": [(6, 0, attachment.ids)],
                }
            )
        )
        self.assertEqual(
            (attachment.res_model, attachment.res_id), (feedback._name, feedback.id)
        )
        with self.assertRaises(AccessError):
            attachment.with_user(self.user_staff).read(["name"])
        feedback.action_verify()
        self.assertEqual(
            attachment.with_user(self.user_staff).read(["name"])[0]["name"],
            "foto_antrean.jpg",
        )

    # ------------------------------------------------------------------
    # The SKP page "Input from others"
    # ------------------------------------------------------------------
    def test_skp_lists_verified_feedback_in_the_cycle_period(self):
        """Not the unverified one, not last year's, not a colleague's."""
        for user in (
            self.user_staff,
            self.user_appraiser,
            self.user_head,
            self.user_hr,
        ):
            with self.subTest(user=user.login):
                skp = self.skp_staff.with_user(user)
                self.assertEqual(skp.public_feedback_ids, self.complaint)
                self.assertEqual(skp.public_feedback_count, 1)

    def _count_queries(self, skps):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        skps.mapped("public_feedback_ids")
        return self.env.cr.sql_log_count - before

    def test_skp_page_batch(self):
        """One search for all SKPs, whatever their number."""
        skps = (self.skp_staff | self.skp_colleague).with_user(self.user_appraiser)
        self.assertEqual(
            [s.public_feedback_ids for s in skps], [self.complaint, self.on_colleague]
        )
        self.assertEqual(self._count_queries(skps), self._count_queries(skps[:1]))

    def test_skp_page_without_any_item(self):
        head_skp = self._create_skp(self.emp_head)
        self.assertFalse(head_skp.with_user(self.user_hr).public_feedback_ids)
