from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestSkpWorkflow(AsnAppraisalCase):
    def test_full_cycle_by_the_right_people(self):
        """Employee submits, appraiser approves and rates, HR validates."""
        skp = self._create_skp(self.emp_staff)
        self.assertEqual(skp.state, "draft")
        self.assertEqual(skp.appraiser_id, self.emp_appraiser)
        self.assertEqual(skp.appraiser_parent_id, self.emp_head)
        self.assertEqual(len(skp.behavior_ids), 7, "seven BerAKHLAK values")

        skp.with_user(self.user_staff).action_submit()
        self.assertEqual(skp.state, "submitted")
        self.assertTrue(skp.date_submitted)

        skp.with_user(self.user_appraiser).action_approve()
        self.assertEqual(skp.state, "approved")

        skp.with_user(self.user_appraiser).write(
            {"work_rating": "above", "behavior_rating": "above"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        self.assertEqual(skp.state, "rated")
        self.assertEqual(skp.predikat, "sangat_baik")

        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(skp.state, "done")
        self.assertTrue(skp.date_done)

    def test_snapshot_taken_at_approval(self):
        """The SKP keeps who employee and appraisers were when it was approved."""
        skp = self._approved_skp()
        self.assertEqual(skp.employee_name_snapshot, "Staf Satu")
        self.assertEqual(skp.employee_nip_snapshot, "199001012015031003")
        self.assertEqual(skp.employee_rank_snapshot, "III/a - Penata Muda")
        self.assertEqual(skp.employee_position_snapshot, "Pengelola Data Kepegawaian")
        self.assertEqual(skp.employee_unit_snapshot, "Bidang Kepegawaian")
        self.assertEqual(skp.appraiser_name_snapshot, "Kepala Bidang")
        self.assertEqual(skp.appraiser_parent_name_snapshot, "Kepala Dinas")
        # A later promotion or transfer does not rewrite the approved document.
        self.emp_staff.write(
            {"asn_rank_id": self.env.ref("hr_asn_appraisal.rank_pns_3b").id}
        )
        self.emp_appraiser.name = "Kepala Bidang Baru"
        self.assertEqual(skp.employee_rank_snapshot, "III/a - Penata Muda")
        self.assertEqual(skp.appraiser_name_snapshot, "Kepala Bidang")

    def test_submit_requires_a_complete_plan(self):
        """No submission without an RHK utama whose IKI has a target."""
        skp = self._create_skp(self.emp_staff, with_plan=False)
        with self.assertRaisesRegex(UserError, "RHK utama"):
            skp.with_user(self.user_staff).action_submit()
        rhk = self.env["hr.asn.appraisal.rhk"].create(
            {"appraisal_id": skp.id, "name": "RHK tanpa IKI", "rhk_type": "utama"}
        )
        with self.assertRaisesRegex(UserError, "has no IKI"):
            skp.with_user(self.user_staff).action_submit()
        iki = self.env["hr.asn.appraisal.iki"].create(
            {"rhk_id": rhk.id, "name": "Persentase", "aspect": "kualitas"}
        )
        with self.assertRaisesRegex(UserError, "has no target"):
            skp.with_user(self.user_staff).action_submit()
        iki.write({"target_value": 100, "target_unit": "%"})
        with self.assertRaisesRegex(UserError, "intervenes"):
            skp.with_user(self.user_staff).action_submit()
        rhk.parent_rhk_text = "RHK atasan"
        skp.with_user(self.user_staff).action_submit()
        self.assertEqual(skp.state, "submitted")

    def test_qualitative_iki_needs_descriptive_target(self):
        skp = self._create_skp(self.emp_staff, with_plan=False, approach="kualitatif")
        rhk = self.env["hr.asn.appraisal.rhk"].create(
            {
                "appraisal_id": skp.id,
                "name": "Tersusunnya kebijakan",
                "parent_rhk_text": "RHK atasan",
            }
        )
        iki = self.env["hr.asn.appraisal.iki"].create(
            {"rhk_id": rhk.id, "name": "Kebijakan ditetapkan"}
        )
        with self.assertRaisesRegex(UserError, "has no target"):
            skp.action_submit()
        iki.target_text = "Kebijakan ditetapkan tepat waktu"
        skp.action_submit()
        self.assertEqual(skp.state, "submitted")

    def test_jpt_rhk_needs_perspective(self):
        self.emp_head.asn_appraiser_id = self.env["hr.employee"].create(
            {"name": "Wali Kota", "company_id": self.company.id}
        )
        skp = self._create_skp(self.emp_head, with_plan=False)
        self.assertTrue(skp.is_jpt)
        self.env["hr.asn.appraisal.rhk"].create(
            {
                "appraisal_id": skp.id,
                "name": "Meningkatnya kualitas manajemen ASN",
                "parent_rhk_text": "Sasaran RPJMD",
                "iki_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Indeks",
                            "aspect": "kualitas",
                            "target_value": 80,
                            "target_unit": "poin",
                        },
                    )
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "perspektif"):
            skp.action_submit()
        skp.rhk_ids.perspective = "penerima_layanan"
        skp.action_submit()
        self.assertEqual(skp.state, "submitted")

    def test_cascading_rhk_from_the_appraiser_skp(self):
        """An RHK intervenes an RHK of the appraiser's own SKP in the cycle."""
        boss_skp = self._create_skp(self.emp_appraiser)
        skp = self._create_skp(self.emp_staff, with_plan=False)
        self.assertEqual(skp.superior_appraisal_id, boss_skp)
        # The staff member reads the appraiser's RHK to pick it.
        boss_rhk = boss_skp.rhk_ids.with_user(self.user_staff)
        self.assertTrue(boss_rhk.name)
        rhk = (
            self.env["hr.asn.appraisal.rhk"]
            .with_user(self.user_staff)
            .create(
                {
                    "appraisal_id": skp.id,
                    "name": "Termutakhirkannya data",
                    "parent_rhk_id": boss_rhk.id,
                }
            )
        )
        self.assertEqual(rhk.intervened_display, boss_rhk.name)
        colleague_skp = self._create_skp(self.emp_colleague)
        with self.assertRaisesRegex(Exception, "appraiser's own SKP"):
            self.env["hr.asn.appraisal.rhk"].create(
                {
                    "appraisal_id": skp.id,
                    "name": "Salah tautan",
                    "parent_rhk_id": colleague_skp.rhk_ids.id,
                }
            )

    def test_return_needs_reason_and_posts_it(self):
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        with self.assertRaisesRegex(UserError, "needs a reason"):
            skp.with_user(self.user_appraiser).action_return("  ")
        skp.with_user(self.user_appraiser).action_return("Target terlalu rendah")
        self.assertEqual(skp.state, "draft")
        self.assertEqual(skp.return_reason, "Target terlalu rendah")
        self.assertIn("Target terlalu rendah", skp.message_ids[0].body)
        # Back in draft, the employee edits and submits again.
        skp.rhk_ids.iki_ids.with_user(self.user_staff).target_value = 150
        skp.with_user(self.user_staff).action_submit()
        self.assertEqual(skp.state, "submitted")

    def test_rate_requires_both_ratings(self):
        skp = self._approved_skp()
        skp.with_user(self.user_appraiser).work_rating = "above"
        with self.assertRaisesRegex(UserError, "Rating Perilaku Kerja"):
            skp.with_user(self.user_appraiser).action_rate()

    def test_done_is_locked(self):
        skp = self._rated_skp()
        skp.with_user(self.user_hr).action_validate()
        for user in (self.user_hr, self.user_appraiser, self.user_staff):
            with self.assertRaises(UserError):
                skp.with_user(user).write({"work_rating": "above"})
            with self.assertRaises(UserError):
                skp.rhk_ids.with_user(user).write({"name": "Diubah"})
        with self.assertRaises(UserError):
            skp.with_user(self.user_hr).unlink()
        with self.assertRaises(UserError):
            skp.with_user(self.user_hr).action_cancel("Terlambat")

    def test_hr_reopen_with_reason(self):
        skp = self._rated_skp()
        skp.with_user(self.user_hr).action_validate()
        with self.assertRaisesRegex(UserError, "needs a reason"):
            skp.with_user(self.user_hr).action_reopen("")
        with self.assertRaises(AccessError):
            skp.with_user(self.user_appraiser).action_reopen("Koreksi")
        skp.with_user(self.user_hr).action_reopen("Salah input rating")
        self.assertEqual(skp.state, "rated")
        self.assertEqual(skp.reopen_reason, "Salah input rating")
        skp.with_user(self.user_appraiser).write({"work_rating": "above"})
        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(skp.predikat, "baik")

    def test_cancel_by_hr_with_reason(self):
        skp = self._approved_skp()
        with self.assertRaisesRegex(UserError, "needs a reason"):
            skp.with_user(self.user_hr).action_cancel("")
        skp.with_user(self.user_hr).action_cancel("Pegawai pindah instansi")
        self.assertEqual(skp.state, "cancel")
        self.assertIn("Pegawai pindah instansi", skp.message_ids[0].body)
        skp.with_user(self.user_hr).action_reset_draft()
        self.assertEqual(skp.state, "draft")

    def test_wrong_state_transitions(self):
        """Every action checks the state it starts from."""
        skp = self._create_skp(self.emp_staff)
        with self.assertRaisesRegex(UserError, "cannot go from Draft to Approved"):
            skp.with_user(self.user_appraiser).action_approve()
        with self.assertRaises(UserError):
            skp.with_user(self.user_appraiser).action_rate()
        with self.assertRaises(UserError):
            skp.with_user(self.user_hr).action_validate()
        with self.assertRaises(UserError):
            skp.with_user(self.user_hr).action_reopen("x")
        skp.with_user(self.user_staff).action_submit()
        with self.assertRaises(UserError):
            skp.with_user(self.user_staff).action_submit()

    def test_state_cannot_be_written_directly(self):
        """A raw RPC write of state goes through the same checks."""
        skp = self._create_skp(self.emp_staff)
        with self.assertRaisesRegex(UserError, "cannot go from Draft to Approved"):
            skp.with_user(self.user_staff).write({"state": "approved"})
        skp.with_user(self.user_staff).write({"state": "submitted"})
        self.assertEqual(skp.state, "submitted", "a raw write runs the same checks")
        with self.assertRaises(AccessError):
            skp.with_user(self.user_staff).write({"state": "approved"})
        with self.assertRaises(UserError):
            skp.with_user(self.user_staff).write({"date_done": "2026-05-01"})
        with self.assertRaises(UserError):
            self.env["hr.asn.appraisal"].with_user(self.user_staff).create(
                {
                    "employee_id": self.emp_staff.id,
                    "cycle_id": self.cycle.id,
                    "state": "done",
                }
            )

    def test_activities_follow_the_next_actor(self):
        """Each step leaves a to-do for the next actor and closes the previous."""

        def todo(skp):
            return skp.activity_ids.mapped(
                lambda a: (
                    a.activity_type_id.get_external_id()[a.activity_type_id.id],
                    a.user_id,
                )
            )

        skp = self._create_skp(self.emp_staff)
        self.assertEqual(
            todo(skp),
            [("hr_asn_appraisal.mail_activity_type_skp_draft", self.user_staff)],
        )
        skp.with_user(self.user_staff).action_submit()
        self.assertEqual(
            todo(skp),
            [("hr_asn_appraisal.mail_activity_type_skp_approve", self.user_appraiser)],
        )
        skp.with_user(self.user_appraiser).action_approve()
        self.assertEqual(
            todo(skp),
            [("hr_asn_appraisal.mail_activity_type_skp_rate", self.user_appraiser)],
        )
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "below", "behavior_rating": "as_expected"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        self.assertEqual(
            todo(skp),
            [("hr_asn_appraisal.mail_activity_type_skp_validate", self.user_hr)],
        )
        skp.with_user(self.user_hr).action_validate()
        self.assertFalse(skp.activity_ids)
        done_messages = skp.message_ids.filtered(lambda m: m.mail_activity_type_id)
        self.assertEqual(len(done_messages), 4, "each finished step is in the chatter")

    def test_state_changes_tracked_in_chatter(self):
        skp = self._create_skp(self.emp_staff)
        # Records created in a transaction are tracked from the next one on.
        self.env.flush_all()
        self.env.cr.precommit.run()
        skp.with_user(self.user_staff).action_submit()
        self.env.flush_all()
        self.env.cr.precommit.run()
        skp.invalidate_recordset(["message_ids"])
        tracked = skp.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.old_value_char, "Draft")
        self.assertEqual(tracked.new_value_char, "Submitted")
        self.assertEqual(tracked.mail_message_id.author_id, self.user_staff.partner_id)

    def test_late_flag(self):
        """A draft past the filing deadline is late; late submission is flagged."""
        self.cycle.filing_deadline = "2026-01-31"
        skp = self._create_skp(self.emp_staff)
        on_time = self._create_skp(self.emp_colleague)
        with freeze_time("2026-01-15"):
            self.assertNotIn(skp, skp.search([("is_late", "=", True)]))
            on_time.with_user(self.user_colleague).action_submit()
        self.assertFalse(on_time.submitted_late)
        with freeze_time("2026-02-10"):
            self.assertIn(skp, skp.search([("is_late", "=", True)]))
            self.assertNotIn(on_time, skp.search([("is_late", "=", True)]))
            skp.with_user(self.user_staff).action_submit()
        self.assertTrue(skp.submitted_late)
        self.assertIn(skp, skp.search([("is_late", "=", True)]))
