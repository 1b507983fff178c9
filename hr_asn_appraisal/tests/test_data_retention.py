"""Appraisal history is never lost: SKPs past draft are cancelled, not
deleted; deleting an employee, a unit or a cycle with history is refused with
a clear message; archiving keeps everything readable (issue #7)."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestDataRetention(AsnAppraisalCase):
    def _done(self, skp):
        skp.with_user(skp.employee_id.user_id).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "as_expected", "behavior_rating": "as_expected"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        skp.with_user(self.user_hr).action_validate()
        return skp

    def test_skp_past_draft_is_never_deleted(self):
        """Not by HR, not even by the superuser: cancel with a reason instead."""
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        for env_skp in (skp.with_user(self.user_hr), skp.sudo()):
            with self.subTest(su=env_skp.env.su):
                with self.assertRaises(UserError) as caught:
                    env_skp.unlink()
                self.assertIn("only an SKP still in draft", str(caught.exception))
                self.assertIn("Cancel it with a reason", str(caught.exception))
        self.assertTrue(skp.exists())

    def test_skp_cancelled_after_submission_is_kept(self):
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_hr).action_cancel("Pegawai mutasi")
        with self.assertRaises(UserError) as caught:
            skp.with_user(self.user_hr).unlink()
        self.assertIn("kept as appraisal history", str(caught.exception))
        self.assertTrue(skp.exists())

    def test_draft_skp_may_be_deleted_by_hr(self):
        draft = self._create_skp(self.emp_staff)
        cancelled_draft = self._create_skp(self.emp_colleague)
        cancelled_draft.with_user(self.user_hr).action_cancel("Salah buat")
        (draft | cancelled_draft).with_user(self.user_hr).unlink()
        self.assertFalse((draft | cancelled_draft).exists())

    def test_employee_with_history_cannot_be_deleted(self):
        """A clear message, not a database integrity error; archiving works."""
        skp = self._create_skp(self.emp_staff, with_plan=True)
        for employee in (self.emp_staff.with_user(self.user_hr), self.emp_staff.sudo()):
            with (
                self.subTest(su=employee.env.su),
                self.assertRaises(UserError) as caught,
            ):
                employee.unlink()
            self.assertIn("Archive the employee instead", str(caught.exception))
        self.emp_staff.action_archive()
        self.assertFalse(self.emp_staff.active)
        found = (
            self.env["hr.asn.appraisal"]
            .with_user(self.user_hr)
            .search([("employee_id", "=", self.emp_staff.id)])
        )
        self.assertEqual(found, skp)
        self.assertEqual(found.employee_id.name, "Staf Satu")

    def test_appraiser_of_a_past_skp_cannot_be_deleted(self):
        """Deleting the appraiser would blank the appraiser of approved SKPs."""
        self._done(self._create_skp(self.emp_staff))
        lone = self.env["hr.employee"].create(
            {"name": "Tanpa Riwayat", "company_id": self.company.id}
        )
        lone.unlink()  # no history: deleting stays possible
        with self.assertRaises(UserError) as caught:
            self.emp_appraiser.sudo().unlink()
        self.assertIn("Kepala Bidang cannot be deleted", str(caught.exception))

    def test_training_hours_keep_the_employee(self):
        colleague = self.emp_colleague
        line = self.env["hr.asn.training.hours"].create(
            {"employee_id": colleague.id, "name": "Diklat", "year": 2026, "jp": 8}
        )
        with self.assertRaises(UserError):
            colleague.sudo().unlink()
        self.assertTrue(line.exists())

    def test_unit_with_history_is_archived_not_deleted(self):
        skp = self._done(self._create_skp(self.emp_staff))
        with self.assertRaises(UserError) as caught:
            self.unit.sudo().unlink()
        self.assertIn("Archive the unit instead", str(caught.exception))
        self.unit.action_archive()
        skp.invalidate_recordset()
        self.assertEqual(skp.department_id, self.unit)
        self.assertEqual(skp.employee_unit_snapshot, "Bidang Kepegawaian")
        recap = (
            self.env["hr.asn.appraisal"]
            .with_user(self.user_hr)
            .search([("department_id", "=", self.unit.id)])
        )
        self.assertIn(skp, recap)
        empty = self.env["hr.department"].create(
            {"name": "Unit Baru", "company_id": self.company.id}
        )
        empty.unlink()

    def test_cycle_with_skps_is_closed_not_deleted(self):
        skp = self._done(self._create_skp(self.emp_staff))
        with self.assertRaises(UserError) as caught:
            self.cycle.sudo().unlink()
        self.assertIn("Close the cycle instead", str(caught.exception))
        self.cycle.with_user(self.user_hr).action_close()
        self.assertTrue(skp.exists())
        self.assertEqual(skp.cycle_id.state, "closed")
        unused = self.env["hr.asn.appraisal.cycle"].create(
            {
                "name": "SKP 2030",
                "date_start": "2030-01-01",
                "date_end": "2030-12-31",
                "company_id": self.company.id,
            }
        )
        unused.unlink()

    def test_follow_up_records_survive(self):
        """Check-ins, recommendations and objections hang on the SKP, whose
        deletion is refused: none of them can disappear with it."""
        skp = self._done(self._create_skp(self.emp_staff))
        recommendation = self.env["hr.asn.recommendation"].create(
            {
                "appraisal_id": skp.id,
                "name": "Coaching",
                "recommendation_type": "coaching",
            }
        )
        checkins = skp.checkin_ids
        self.assertTrue(checkins)
        for record in (skp, skp.sudo()):
            with self.assertRaises(UserError):
                record.unlink()
        self.assertTrue(recommendation.exists())
        self.assertEqual(skp.checkin_ids, checkins)

    def test_submitted_checkin_kept_message_in_indonesian(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hr_asn_appraisal"], ["id_ID"])
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        checkin = skp.checkin_ids.sorted("date_start")[0]
        checkin.iki_ids.with_user(self.user_staff).write(
            {"realisation_value": 10, "realisation_text": "Sepuluh"}
        )
        checkin.with_user(self.user_staff).action_submit()
        with self.assertRaises(UserError) as caught:
            checkin.with_context(lang="id_ID").sudo().unlink()
        self.assertIn("hanya evaluasi periodik berstatus draf", str(caught.exception))
        self.assertTrue(checkin.exists())
