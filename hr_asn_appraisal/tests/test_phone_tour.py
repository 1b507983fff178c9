from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common_tour import approved_skp_for_tour


@tagged("post_install", "-at_install")
class TestPhoneTour(HttpCase):
    """The daily use on a phone: Odoo's small-screen layout at 390x844."""

    browser_size = "390x844"
    touch_enabled = True

    def test_staff_logs_today_and_submits_checkin_on_phone(self):
        """A staff member logs today's work in three taps from the app list,
        sees it on the My Daily Log cards, fills the period's check-in from
        the log and submits it - all in the phone layout."""
        today = fields.Date.context_today(self.env["hr.asn.work.log"])
        # The cycle started a few days ago: its first (calendar) period is the
        # only started one.
        skp = approved_skp_for_tour(
            self.env,
            "Dinas Tur Ponsel",
            "phone",
            "Ponsel",
            {
                "name": "SKP Tur Ponsel",
                # within the calendar quarter of today
                "date_start": max(
                    today - timedelta(days=5),
                    today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1),
                ),
                "date_end": today + timedelta(days=300),
                "filing_deadline": today + timedelta(days=300),
            },
        )
        checkin = skp.checkin_ids.filtered(
            lambda c: not c.is_annual and c.date_start <= today <= c.date_end
        )
        self.assertEqual(len(checkin), 1)
        self.start_tour("/odoo", "hr_asn_phone_tour", login="phone_staff")
        log = self.env["hr.asn.work.log"].search(
            [("employee_id", "=", skp.employee_id.id)]
        )
        # "Today" as the staff member's own calendar has it (near midnight UTC
        # it is already tomorrow in Jakarta).
        staff_today = fields.Date.context_today(log.with_user(skp.employee_id.user_id))
        self.assertEqual(
            (log.date, log.appraisal_id, log.rhk_id, log.output_qty, log.output_unit),
            (staff_today, skp, skp.rhk_ids, 12.0, "Data"),
        )
        self.assertEqual(checkin.state, "submitted")
        self.assertEqual(checkin.iki_ids.realisation_value, 12.0)
