import datetime

from odoo.tests import HttpCase, tagged

from .test_year_moves import YearMovesCase


@tagged("post_install", "-at_install")
class TestYearMovesTour(YearMovesCase, HttpCase):
    """In the browser: HR records a transfer on the employee form, then the new
    appraiser approves the new SKP."""

    def test_hr_records_transfer_new_appraiser_approves(self):
        old = self._create_skp(self.emp_staff)
        old.with_user(self.user_staff).action_submit()
        old.with_user(self.user_appraiser).action_approve()
        self.start_tour(
            f"/odoo/employees/{self.emp_staff.id}",
            "hr_asn_year_moves_tour_hr_transfer",
            login=self.user_hr.login,
        )
        self.assertEqual(old.date_end, datetime.date(2026, 6, 30))
        new_skp = self.env["hr.asn.appraisal"].search(
            [("employee_id", "=", self.emp_staff.id), ("id", "!=", old.id)]
        )
        self.assertEqual(new_skp.date_start, datetime.date(2026, 7, 1))
        self.assertEqual(new_skp.appraiser_id, self.emp_new_appraiser)
        self.assertEqual(new_skp.department_id, self.unit_two)
        # The employee drafts the plan and submits; the new appraiser approves.
        self._add_plan(new_skp)
        new_skp.with_user(self.user_staff).action_submit()
        self.start_tour(
            "/odoo/action-hr_asn_appraisal.hr_asn_appraisal_action_to_review",
            "hr_asn_appraisal_tour_appraiser_approve",
            login=self.user_new_appraiser.login,
        )
        self.assertEqual(new_skp.state, "approved")
        self.assertEqual(old.state, "approved")
