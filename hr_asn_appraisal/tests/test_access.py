from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestSkpAccess(AsnAppraisalCase):
    """Role x operation matrix, through the ORM as an RPC caller gets it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.skp_staff = cls._create_skp(cls.emp_staff)
        cls.skp_colleague = cls._create_skp(cls.emp_colleague)
        cls.skp_appraiser = cls._create_skp(cls.emp_appraiser)

    def _readable(self, user):
        return (
            self.env["hr.asn.appraisal"]
            .with_user(user)
            .search([("cycle_id", "=", self.cycle.id)])
        )

    def test_employee_sees_only_own_skp(self):
        """An employee cannot read a colleague's SKP."""
        self.assertEqual(self._readable(self.user_staff), self.skp_staff)
        with self.assertRaises(AccessError):
            self.skp_colleague.with_user(self.user_staff).read(["name"])
        with self.assertRaises(AccessError):
            self.skp_colleague.rhk_ids.with_user(self.user_staff).read(["name"])
        with self.assertRaises(AccessError):
            self.skp_colleague.behavior_ids.with_user(self.user_staff).read(
                ["expectation"]
            )

    def test_appraiser_sees_team_and_own(self):
        """Being the appraiser grants access to the staff's SKPs, not to the boss's."""
        head_skp = self._create_skp(self.emp_head)
        readable = self._readable(self.user_appraiser)
        self.assertEqual(
            readable, self.skp_staff | self.skp_colleague | self.skp_appraiser
        )
        with self.assertRaises(AccessError):
            head_skp.with_user(self.user_appraiser).read(["name"])

    def test_appraiser_superior_reads_but_cannot_approve(self):
        self.assertIn(self.skp_staff, self._readable(self.user_head))
        self.skp_staff.with_user(self.user_staff).action_submit()
        with self.assertRaises(AccessError):
            self.skp_staff.with_user(self.user_head).action_approve()

    def test_employee_cannot_approve_rate_or_validate_own(self):
        skp = self.skp_staff.with_user(self.user_staff)
        skp.action_submit()
        with self.assertRaises(AccessError):
            skp.action_approve()
        self.skp_staff.with_user(self.user_appraiser).action_approve()
        with self.assertRaises(UserError):
            skp.write({"work_rating": "above", "behavior_rating": "above"})
        with self.assertRaises(AccessError):
            skp.action_rate()

    def test_hr_officer_cannot_approve_own_skp(self):
        """Even an HR officer cannot approve or validate their own SKP."""
        emp_hr = self.env["hr.employee"].create(
            {
                "name": "Petugas SDM",
                "company_id": self.company.id,
                "user_id": self.user_hr.id,
                "parent_id": self.emp_appraiser.id,
                "asn_type": "pns",
                "asn_nip": "198803032010012005",
            }
        )
        skp = self._create_skp(emp_hr).with_user(self.user_hr)
        skp.action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "above", "behavior_rating": "above"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        with self.assertRaises(AccessError):
            skp.action_validate()

    def test_employee_cannot_edit_after_submission(self):
        skp = self.skp_staff.with_user(self.user_staff)
        skp.action_submit()
        with self.assertRaises(UserError):
            skp.write({"resource_support": "Laptop"})
        with self.assertRaises(UserError):
            skp.rhk_ids.write({"name": "Diubah setelah diajukan"})
        with self.assertRaises(UserError):
            skp.rhk_ids.iki_ids.write({"target_value": 1})
        with self.assertRaises(UserError):
            self.env["hr.asn.appraisal.rhk"].with_user(self.user_staff).create(
                {"appraisal_id": skp.id, "name": "RHK baru", "parent_rhk_text": "x"}
            )
        with self.assertRaises(UserError):
            skp.rhk_ids.unlink()
        # The appraiser may still adjust targets before approving.
        skp.rhk_ids.iki_ids.with_user(self.user_appraiser).write({"target_value": 130})

    def test_expectation_is_set_by_the_appraiser(self):
        line = self.skp_staff.behavior_ids[:1]
        with self.assertRaises(UserError):
            line.with_user(self.user_staff).write({"expectation": "Saya sendiri"})
        line.with_user(self.user_appraiser).write(
            {"expectation": "Menjawab surat masuk dalam 2 hari kerja"}
        )
        self.assertEqual(line.expectation, "Menjawab surat masuk dalam 2 hari kerja")
        self.assertTrue(line.guide)

    def test_employee_cannot_choose_own_appraiser(self):
        with self.assertRaises(UserError):
            self.skp_staff.with_user(self.user_staff).write(
                {"appraiser_id": self.emp_colleague.id}
            )

    def test_appraiser_cannot_validate_cancel_or_reopen(self):
        skp = self._rated_skp_of(self.skp_staff)
        with self.assertRaises(AccessError):
            skp.with_user(self.user_appraiser).action_validate()
        with self.assertRaises(AccessError):
            skp.with_user(self.user_appraiser).action_cancel("Tidak perlu")

    def _rated_skp_of(self, skp):
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "as_expected", "behavior_rating": "above"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        return skp

    def test_employee_creates_only_own_skp(self):
        self.skp_staff.unlink()
        own = (
            self.env["hr.asn.appraisal"]
            .with_user(self.user_staff)
            .create(
                {
                    "employee_id": self.emp_staff.id,
                    "cycle_id": self.cycle.id,
                    "appraiser_id": self.emp_colleague.id,
                }
            )
        )
        self.assertEqual(
            own.appraiser_id, self.emp_appraiser, "appraiser comes from master data"
        )
        self.skp_colleague.unlink()
        with self.assertRaises(AccessError):
            self.env["hr.asn.appraisal"].with_user(self.user_staff).create(
                {"employee_id": self.emp_colleague.id, "cycle_id": self.cycle.id}
            )

    def test_only_hr_deletes_and_only_drafts(self):
        with self.assertRaises(AccessError):
            self.skp_staff.with_user(self.user_staff).unlink()
        with self.assertRaises(AccessError):
            self.skp_staff.with_user(self.user_appraiser).unlink()
        self.skp_staff.with_user(self.user_staff).action_submit()
        with self.assertRaises(UserError):
            self.skp_staff.with_user(self.user_hr).unlink()
        self.skp_colleague.with_user(self.user_hr).unlink()
        self.assertFalse(self.skp_colleague.exists())

    def test_hr_officer_reaches_own_company_only(self):
        self.assertEqual(
            self._readable(self.user_hr),
            self.skp_staff | self.skp_colleague | self.skp_appraiser,
        )
        self.assertFalse(self._readable(self.user_other_hr))
        with self.assertRaises(AccessError):
            self.skp_staff.with_user(self.user_other_hr).read(["name"])
        with self.assertRaises(AccessError):
            self.cycle.with_user(self.user_other_hr).read(["name"])

    def test_hr_officer_cannot_approve_for_the_appraiser(self):
        self.skp_staff.with_user(self.user_staff).action_submit()
        with self.assertRaises(AccessError):
            self.skp_staff.with_user(self.user_hr).action_approve()

    def test_staff_cannot_manage_cycles_or_configuration(self):
        Cycle = self.env["hr.asn.appraisal.cycle"].with_user(self.user_staff)
        with self.assertRaises(AccessError):
            Cycle.create(
                {"name": "X", "date_start": "2027-01-01", "date_end": "2027-12-31"}
            )
        with self.assertRaises(UserError):
            self.cycle.with_user(self.user_staff).action_generate_appraisals()
        with self.assertRaises(AccessError):
            self.rank_3a.with_user(self.user_staff).write({"name": "Diubah"})
        with self.assertRaises(AccessError):
            self.rank_3a.with_user(self.user_hr).write({"name": "Diubah"})
        self.assertTrue(self.rank_3a.with_user(self.user_staff).read(["name"]))

    def test_buttons_follow_server_rules(self):
        """The can_* flags that drive the buttons agree with the server checks."""
        skp = self.skp_staff
        self.assertTrue(skp.with_user(self.user_staff).can_submit)
        self.assertFalse(skp.with_user(self.user_appraiser).can_approve)
        skp.with_user(self.user_staff).action_submit()
        skp.invalidate_recordset()
        self.assertFalse(skp.with_user(self.user_staff).can_approve)
        self.assertTrue(skp.with_user(self.user_appraiser).can_approve)
        self.assertTrue(skp.with_user(self.user_appraiser).can_return)
        self.assertFalse(skp.with_user(self.user_hr).can_approve)
        self.assertTrue(skp.with_user(self.user_hr).can_cancel)
        self.assertFalse(skp.with_user(self.user_staff).can_edit_plan)
        self.assertTrue(skp.with_user(self.user_appraiser).can_edit_plan)

    def test_hr_records_decisions_of_an_appraiser_outside_the_erp(self):
        """The Kepala Daerah has no user: HR records the approval and the rating."""
        mayor = self.env["hr.employee"].create(
            {"name": "Wali Kota", "company_id": self.company.id}
        )
        self.emp_head.asn_appraiser_id = mayor
        skp = self._create_skp(self.emp_head)
        skp.with_user(self.user_head).action_submit()
        with self.assertRaises(AccessError):
            skp.with_user(self.user_appraiser).action_approve()
        skp.with_user(self.user_hr).action_approve()
        skp.with_user(self.user_hr).write(
            {"work_rating": "above", "behavior_rating": "as_expected"}
        )
        skp.with_user(self.user_hr).action_rate()
        self.assertEqual(skp.predikat, "baik")
        self.assertFalse(skp.with_user(self.user_hr).can_rate)
        self.assertTrue(skp.with_user(self.user_hr).can_validate)
