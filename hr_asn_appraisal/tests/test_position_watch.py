from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import AsnAppraisalCase

ONCHANGE_LOGGER = "odoo.tests.form.onchange"


@tagged("post_install", "-at_install")
class TestPositionChangeWarning(AsnAppraisalCase):
    """Changing the unit, manager, position or rank of an employee on the
    form while their SKP runs warns HR and points to "Record a Position
    Change"; saving does not split the SKP (docs/year.md)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_unit = cls.env["hr.department"].create(
            {"name": "Bidang Mutasi", "company_id": cls.company.id}
        )

    @freeze_time("2026-07-15")
    def test_warns_and_does_not_split(self):
        skp = self._approved_skp()
        with self.assertLogs(ONCHANGE_LOGGER, "WARNING") as logs:
            form = Form(self.emp_staff.with_user(self.user_hr))
            form.department_id = self.other_unit
        self.assertEqual(len(logs.output), 1)
        message = logs.output[0]
        self.assertIn("has a running SKP", message)
        self.assertIn("Record a Position Change", message)
        self.assertIn("Department", message)
        form.save()
        # The employee's data changed, the SKP did not: no second SKP.
        self.assertEqual(self.emp_staff.department_id, self.other_unit)
        self.assertEqual(skp.department_id, self.unit)
        self.assertEqual(
            self.env["hr.asn.appraisal"].search_count(
                [("employee_id", "=", self.emp_staff.id), ("state", "!=", "cancel")]
            ),
            1,
        )

    @freeze_time("2026-07-15")
    def test_names_every_changed_field(self):
        self._approved_skp()
        employee = self.emp_staff.with_user(self.user_hr)
        draft = employee.new(
            {
                "job_title": "Analis Kepegawaian Ahli Muda",
                "parent_id": self.emp_head.id,
            },
            origin=employee,
        )
        message = draft._asn_position_change_warning()["message"]
        self.assertIn("Job Title", message)
        self.assertIn("Manager", message)
        self.assertNotIn("Department", message)

    @freeze_time("2026-07-15")
    def test_no_warning_when_nothing_runs(self):
        # The colleague has no SKP; a new employee has nothing saved yet.
        with self.assertNoLogs(ONCHANGE_LOGGER, "WARNING"):
            form = Form(self.emp_colleague.with_user(self.user_hr))
            form.department_id = self.other_unit
            form.save()
            form = Form(self.env["hr.employee"].with_user(self.user_hr))
            form.name = "Pegawai Baru"
            form.department_id = self.other_unit

    def test_no_warning_after_the_skp(self):
        self._approved_skp()
        with freeze_time("2027-02-01"), self.assertNoLogs(ONCHANGE_LOGGER, "WARNING"):
            form = Form(self.emp_staff.with_user(self.user_hr))
            form.department_id = self.other_unit
