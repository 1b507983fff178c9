from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_worklog import WorklogCase


@tagged("post_install", "-at_install")
class TestWorklogEntries(WorklogCase):
    def test_entry_is_placed_in_its_skp_and_period(self):
        """An entry finds the employee's approved SKP and the period's check-in."""
        log = self._log()
        self.assertEqual(log.employee_id, self.emp_staff)
        self.assertEqual(log.appraisal_id, self.skp)
        self.assertEqual(log.checkin_id, self.q4)
        self.assertEqual(log.appraiser_id, self.emp_appraiser)
        self.assertEqual(log.state, "draft")
        september = self._log(date="2026-09-15")
        self.assertEqual(september.checkin_id, self.q3)

    def test_no_future_date(self):
        """Work cannot be logged in advance."""
        with self.assertRaises(ValidationError):
            self._log(date=date.today() + timedelta(days=1))

    def test_rhk_of_another_skp_refused(self):
        """Only an RHK of the employee's own SKP."""
        with self.assertRaises(ValidationError):
            self._log(rhk_id=self.skp_colleague.rhk_ids.id)

    def test_no_approved_skp_for_the_date(self):
        """Outside the cycle there is no approved SKP to log against."""
        with self.assertRaises(ValidationError):
            self._log(date="2025-12-15")

    def test_cancelled_skp_refused(self):
        """Only an approved SKP takes entries (here: cancelled by HR)."""
        self.skp.with_user(self.user_hr).action_cancel("Mutasi")
        with self.assertRaises(ValidationError):
            self._log()

    def test_iki_of_another_rhk_refused(self):
        """A colleague's IKI: the staff may not even read it, so it is refused
        before anything is computed from it."""
        with self.assertRaises(AccessError):
            self._log(iki_id=self.skp_colleague.iki_ids.id)

    def test_log_for_someone_else_refused(self):
        """Nobody logs work for another person, the appraiser included."""
        with self.assertRaises(AccessError):
            self._log(employee_id=self.emp_colleague.id)
        with self.assertRaises(AccessError):
            self.Log.with_user(self.user_appraiser).create(
                {
                    "employee_id": self.emp_staff.id,
                    "date": "2026-11-16",
                    "rhk_id": self.rhk.id,
                    "name": "Oleh atasan",
                }
            )

    def test_new_entry_cannot_start_acknowledged(self):
        with self.assertRaises(UserError):
            self._log(state="acknowledged")

    def test_entries_locked_once_checkin_submitted(self):
        """Submitting the period's check-in locks its entries; returning unlocks."""
        log = self._log()
        september = self._log(date="2026-09-15")
        with freeze_time("2026-11-20"):
            self._submit(self.q4)
        with self.assertRaises(UserError):
            log.with_user(self.user_staff).write({"output_qty": 6})
        with self.assertRaises(UserError):
            log.with_user(self.user_staff).unlink()
        with self.assertRaises(UserError):
            self._log(date="2026-11-17")
        with self.assertRaises(UserError):
            # Moving an entry of an open period into the locked one.
            september.with_user(self.user_staff).write({"date": "2026-11-17"})
        with self.assertRaises(UserError):
            log.with_user(self.user_appraiser).action_request_correction("Cek")
        # Another, open period still takes entries.
        september.with_user(self.user_staff).write({"output_qty": 2})
        self.assertEqual(september.output_qty, 2)
        # The appraiser can still acknowledge what is locked.
        log.with_user(self.user_appraiser).action_acknowledge()
        self.assertEqual(log.state, "acknowledged")
        self.q4.with_user(self.user_appraiser).action_return("Lengkapi")
        self._log(date="2026-11-17")

    def test_employee_edits_and_deletes_own_draft_entries(self):
        log = self._log()
        log.with_user(self.user_staff).write(
            {"output_qty": 8, "evidence_url": "https://x.id/a"}
        )
        self.assertTrue(log.has_evidence)
        log.with_user(self.user_staff).unlink()
        self.assertFalse(log.exists())

    def test_acknowledged_entry_is_fixed_for_the_employee(self):
        log = self._log()
        log.with_user(self.user_appraiser).action_acknowledge()
        with self.assertRaises(UserError):
            log.with_user(self.user_staff).write({"output_qty": 9})
        with self.assertRaises(UserError):
            log.with_user(self.user_staff).unlink()

    def test_status_only_through_buttons(self):
        log = self._log()
        with self.assertRaises(UserError):
            log.with_user(self.user_appraiser).write({"correction_comment": "x"})

    def test_repeat_today_and_copy_last_day(self):
        """Duplicating yesterday's work: one entry, or the whole last day."""
        with freeze_time("2026-11-20"):
            first = self._log(date="2026-11-18")
            self._log(date="2026-11-18", name="Rapat koordinasi", output_qty=1)
            first.with_user(self.user_appraiser).action_acknowledge()
            copy = self.Log.browse(
                first.with_user(self.user_staff).action_repeat_today()["res_id"]
            )
            self.assertEqual(copy.date, date(2026, 11, 20))
            self.assertEqual(copy.state, "draft")
            self.assertEqual(copy.rhk_id, self.rhk)
            self.Log.with_user(self.user_staff).action_copy_previous_day()
            today = self.Log.search(
                [("employee_id", "=", self.emp_staff.id), ("date", "=", "2026-11-20")]
            )
            # The repeated entry, then both entries of the 18th.
            self.assertEqual(len(today), 3)
            self.assertEqual(
                sorted(today.mapped("name")),
                sorted(["Pemutakhiran data pegawai"] * 2 + ["Rapat koordinasi"]),
            )

    def test_form_on_defaults(self):
        """The form fills in the employee and today's date, and offers the RHK."""
        with freeze_time("2026-11-20"):
            form = Form(self.Log.with_user(self.user_staff))
            self.assertEqual(form.employee_id, self.emp_staff)
            self.assertEqual(form.date, date(2026, 11, 20))
            self.assertEqual(form.appraisal_id, self.skp)
            form.rhk_id = self.rhk
            form.name = "Verifikasi berkas"
            form.iki_id = self.iki_doc
            form.output_qty = 3
            log = form.save()
        self.assertEqual(log.output_unit, "Dokumen")


@tagged("post_install", "-at_install")
class TestWorklogReview(WorklogCase):
    def test_acknowledge_in_bulk(self):
        """The appraiser acknowledges the team's entries at once."""
        logs = (
            self._log() | self._log(date="2026-11-17") | self._log(self.user_colleague)
        )
        logs[0].with_user(self.user_appraiser).action_acknowledge()
        logs.with_user(self.user_appraiser).action_acknowledge()
        self.assertEqual(set(logs.mapped("state")), {"acknowledged"})
        self.assertEqual(logs.acknowledged_by_id, self.user_appraiser)

    def test_appraiser_superior_acknowledges(self):
        log = self._log()
        log.with_user(self.user_head).action_acknowledge()
        self.assertEqual(log.state, "acknowledged")

    def test_employee_cannot_acknowledge_own(self):
        log = self._log()
        with self.assertRaises(AccessError):
            log.with_user(self.user_staff).action_acknowledge()

    def test_colleague_cannot_acknowledge(self):
        log = self._log()
        with self.assertRaises(AccessError):
            log.with_user(self.user_colleague).action_acknowledge()

    def test_appraiser_cannot_change_content(self):
        log = self._log()
        with self.assertRaises(AccessError):
            log.with_user(self.user_appraiser).write({"output_qty": 50})
        with self.assertRaises(AccessError):
            log.with_user(self.user_appraiser).unlink()

    def test_correction_dialogue(self):
        """Needs correction with a comment; the employee corrects and answers."""
        log = self._log()
        wizard = (
            self.env["hr.asn.work.log.correction.wizard"]
            .with_user(self.user_appraiser)
            .create({"work_log_ids": [(6, 0, log.ids)], "comment": "Satuan salah"})
        )
        wizard.action_confirm()
        self.assertEqual(log.state, "to_correct")
        self.assertEqual(log.correction_comment, "Satuan salah")
        notified = self.env["mail.message"].search(
            [
                ("partner_ids", "in", self.user_staff.partner_id.ids),
                ("subject", "ilike", "correction requested"),
            ]
        )
        self.assertEqual(len(notified), 1)
        self.assertIn("Satuan salah", notified.body)
        staff_log = log.with_user(self.user_staff)
        self.assertTrue(staff_log.can_answer)
        with self.assertRaises(UserError):
            # An answer is needed.
            staff_log.action_answer_correction()
        staff_log.write(
            {"output_unit": "Berkas", "employee_answer": "Sudah diperbaiki"}
        )
        with self.assertRaises(AccessError):
            log.with_user(self.user_appraiser).write({"employee_answer": "Bukan saya"})
        staff_log.action_answer_correction()
        self.assertEqual(log.state, "draft")
        log.with_user(self.user_appraiser).action_acknowledge()
        self.assertEqual(log.state, "acknowledged")

    def test_correction_needs_comment(self):
        log = self._log()
        with self.assertRaises(UserError):
            log.with_user(self.user_appraiser).action_request_correction("  ")

    def test_only_reviewers_request_correction(self):
        log = self._log()
        with self.assertRaises(AccessError):
            log.with_user(self.user_staff).action_request_correction("Saya sendiri")


@tagged("post_install", "-at_install")
class TestWorklogAccess(WorklogCase):
    def test_colleague_does_not_see_staff_entries(self):
        """Employees see their own entries only."""
        log = self._log()
        self.assertFalse(
            self.Log.with_user(self.user_colleague).search([("id", "=", log.id)])
        )
        with self.assertRaises(AccessError):
            log.with_user(self.user_colleague).read(["name"])
        with self.assertRaises(AccessError):
            log.with_user(self.user_colleague).unlink()

    def test_appraiser_and_superior_see_the_team(self):
        logs = self._log() | self._log(self.user_colleague)
        for user in (self.user_appraiser, self.user_head):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.Log.with_user(user).search([("id", "in", logs.ids)]), logs
                )

    def test_hr_sees_own_companies_only(self):
        log = self._log()
        self.assertEqual(
            self.Log.with_user(self.user_hr).search([("id", "=", log.id)]), log
        )
        with self.assertRaises(AccessError):
            log.with_user(self.user_other_hr).read(["name"])

    def test_hr_cannot_acknowledge_for_an_appraiser_in_the_system(self):
        log = self._log()
        with self.assertRaises(AccessError):
            log.with_user(self.user_hr).action_acknowledge()

    def test_hr_acknowledges_for_an_appraiser_outside_the_system(self):
        """An appraiser without a user (e.g. the Kepala Daerah): HR acts."""
        log = self._log()
        self.emp_appraiser.user_id = False
        log.with_user(self.user_hr).action_acknowledge()
        self.assertEqual(log.state, "acknowledged")
        with self.assertRaises(AccessError):
            log.with_user(self.user_other_hr).action_acknowledge()

    def test_hr_cannot_change_content(self):
        log = self._log()
        with self.assertRaises(AccessError):
            log.with_user(self.user_hr).write({"name": "HR"})


@tagged("post_install", "-at_install")
class TestActionPlan(WorklogCase):
    def _plan(self, user=None, checkin=None, **vals):
        return (
            self.env["hr.asn.action.plan"]
            .with_user(user or self.user_staff)
            .create(
                {
                    "checkin_id": (checkin or self.q4).id,
                    "rhk_id": self.rhk.id,
                    "iki_id": self.iki_doc.id,
                    "name": "Verifikasi data 40 pegawai",
                    "output_qty": 40,
                    "output_unit": "Dokumen",
                    **vals,
                }
            )
        )

    def test_plan_and_log_against_it(self):
        plan = self._plan()
        self.assertEqual(plan.employee_id, self.emp_staff)
        self._log(action_plan_id=plan.id, output_qty=6, output_unit=False)
        log = self._log(action_plan_id=plan.id, output_qty=4)
        self.assertEqual(log.iki_id, self.iki_doc)
        self.assertEqual(plan.log_output, 10)
        self.assertEqual(plan.log_count, 2)
        self.assertIn(plan, self.q4.action_plan_ids)

    def test_plan_of_another_period_refused_on_entry(self):
        plan = self._plan(checkin=self.q3)
        with self.assertRaises(ValidationError):
            self._log(action_plan_id=plan.id)

    def test_only_the_employee_plans(self):
        with self.assertRaises(AccessError):
            self._plan(self.user_appraiser)
        plan = self._plan()
        with self.assertRaises(AccessError):
            plan.with_user(self.user_appraiser).write({"output_qty": 1})
        with self.assertRaises(AccessError):
            plan.with_user(self.user_colleague).read(["name"])

    def test_plans_fixed_once_checkin_submitted(self):
        plan = self._plan()
        plan.with_user(self.user_staff).write({"output_qty": 45})
        with freeze_time("2026-11-20"):
            self._submit(self.q4)
        with self.assertRaises(UserError):
            plan.with_user(self.user_staff).write({"output_qty": 50})
        with self.assertRaises(UserError):
            plan.with_user(self.user_staff).unlink()
        with self.assertRaises(UserError):
            self._plan()

    def test_no_plan_for_the_annual_evaluation(self):
        annual = self.skp.checkin_ids.filtered("is_annual")
        with self.assertRaises(ValidationError):
            self._plan(checkin=annual)

    def test_rhk_of_the_same_skp(self):
        with self.assertRaises(ValidationError):
            self._plan(rhk_id=self.skp_colleague.rhk_ids.id, iki_id=False)
