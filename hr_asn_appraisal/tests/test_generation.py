from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestCycleGeneration(AsnAppraisalCase):
    def _cycle_skps(self):
        return self.env["hr.asn.appraisal"].search([("cycle_id", "=", self.cycle.id)])

    def test_generate_one_skp_per_asn_employee(self):
        non_asn = self.env["hr.employee"].create(
            {
                "name": "Tenaga Harian",
                "company_id": self.company.id,
                "parent_id": self.emp_appraiser.id,
            }
        )
        archived = self.env["hr.employee"].create(
            {
                "name": "Pensiun",
                "company_id": self.company.id,
                "asn_type": "pns",
                "asn_nip": "196001011985031001",
                "parent_id": self.emp_appraiser.id,
                "active": False,
            }
        )
        self.cycle.with_user(self.user_hr).action_generate_appraisals()
        skps = self._cycle_skps()
        self.assertEqual(
            skps.employee_id, self.emp_appraiser | self.emp_staff | self.emp_colleague
        )
        self.assertNotIn(non_asn, skps.employee_id)
        self.assertNotIn(archived, skps.employee_id)
        for skp in skps:
            self.assertEqual(skp.state, "draft")
            self.assertEqual(len(skp.behavior_ids), 7)
            self.assertEqual(skp.appraiser_id, skp.employee_id.asn_appraiser_id)
        staff_skp = skps.filtered(lambda s: s.employee_id == self.emp_staff)
        self.assertEqual(staff_skp.activity_ids.user_id, self.user_staff)

    def test_generation_is_idempotent(self):
        self.cycle.with_user(self.user_hr).action_generate_appraisals()
        first = self._cycle_skps()
        self.cycle.with_user(self.user_hr).action_generate_appraisals()
        self.assertEqual(self._cycle_skps(), first)

    def test_employees_without_appraiser_are_listed(self):
        """The head has no appraiser: no SKP, but HR is told who and why."""
        action = self.cycle.with_user(self.user_hr).action_generate_appraisals()
        self.assertNotIn(self.emp_head, self._cycle_skps().employee_id)
        self.assertEqual(self.cycle.missing_appraiser_employee_ids, self.emp_head)
        self.assertEqual(action["res_model"], "hr.employee")
        self.assertEqual(action["domain"], [("id", "in", self.emp_head.ids)])
        self.assertIn("Kepala Dinas", self.cycle.message_ids[0].body)
        # Once HR sets an appraiser, generating again covers them.
        top = self.env["hr.employee"].create(
            {"name": "Wali Kota", "company_id": self.company.id}
        )
        self.emp_head.asn_appraiser_id = top
        action = self.cycle.with_user(self.user_hr).action_generate_appraisals()
        self.assertIn(self.emp_head, self._cycle_skps().employee_id)
        self.assertFalse(self.cycle.missing_appraiser_employee_ids)
        self.assertEqual(action["tag"], "display_notification")

    def test_generation_limited_to_units(self):
        other_unit = self.env["hr.department"].create(
            {"name": "Bidang Lain", "company_id": self.company.id}
        )
        self.emp_colleague.department_id = other_unit
        self.cycle.department_ids = other_unit
        self.cycle.with_user(self.user_hr).action_generate_appraisals()
        self.assertEqual(self._cycle_skps().employee_id, self.emp_colleague)

    def test_generation_needs_open_cycle_and_hr(self):
        with self.assertRaises(UserError):
            self.cycle.with_user(self.user_appraiser).action_generate_appraisals()
        draft = self.env["hr.asn.appraisal.cycle"].create(
            {
                "name": "2027",
                "date_start": "2027-01-01",
                "date_end": "2027-12-31",
                "company_id": self.company.id,
            }
        )
        with self.assertRaisesRegex(UserError, "Draft"):
            draft.with_user(self.user_hr).action_generate_appraisals()

    def test_one_skp_per_employee_and_cycle(self):
        self._create_skp(self.emp_staff, with_plan=False)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._create_skp(self.emp_staff, with_plan=False)

    def test_cycle_states(self):
        cycle = self.cycle.with_user(self.user_hr)
        with self.assertRaisesRegex(UserError, "Open"):
            cycle.action_open()
        skp = self._create_skp(self.emp_staff)
        with self.assertRaisesRegex(UserError, "neither validated nor cancelled"):
            cycle.action_close()
        skp.with_user(self.user_hr).action_cancel("Mutasi")
        cycle.action_close()
        self.assertEqual(cycle.state, "closed")
        with self.assertRaises(UserError):
            self.env["hr.asn.appraisal"].with_user(self.user_staff).create(
                {"employee_id": self.emp_staff.id, "cycle_id": self.cycle.id}
            )
