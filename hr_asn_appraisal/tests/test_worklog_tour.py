from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common_tour import approved_skp_for_tour


@tagged("post_install", "-at_install")
class TestWorklogTour(HttpCase):
    def test_staff_logs_and_appraiser_acknowledges(self):
        """Web client: the staff logs a day's work; the appraiser acknowledges it."""
        # A cycle around today, whenever the test runs.
        today = fields.Date.context_today(self.env["hr.asn.work.log"])
        skp = approved_skp_for_tour(
            self.env,
            "Dinas Tur Log",
            "log",
            "Log",
            {
                "name": "SKP Tur Log",
                "date_start": today - timedelta(days=40),
                "date_end": today + timedelta(days=300),
                "filing_deadline": today + timedelta(days=300),
            },
        )
        emp_staff, boss = skp.employee_id, skp.appraiser_id.user_id
        self.start_tour("/odoo", "hr_asn_work_log_staff_tour", login="log_staff")
        log = self.env["hr.asn.work.log"].search([("employee_id", "=", emp_staff.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.date, log.rhk_id, log.output_qty, log.output_unit, log.state),
            (
                # today as the staff member's own calendar has it
                fields.Date.context_today(log.with_user(emp_staff.user_id)),
                skp.rhk_ids,
                12.0,
                "Data",
                "draft",
            ),
        )
        self.start_tour("/odoo", "hr_asn_work_log_appraiser_tour", login="log_boss")
        self.assertEqual(log.state, "acknowledged")
        self.assertEqual(log.acknowledged_by_id, boss)
