from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AsnAppraisalCase

ADDON = "hr_asn_appraisal"


@tagged("post_install", "-at_install")
class TestEmployeePublicProfile(AsnAppraisalCase):
    """Users without HR rights read employees through hr.employee.public:
    Odoo's rule is that every field added to hr.employee is either on the
    public model or restricted with groups (else any read of a colleague or
    of one's manager fails, as Odoo's own hr tests check)."""

    def test_every_added_field_is_public_or_restricted(self):
        public = self.env["hr.employee.public"]._fields
        leaking = [
            name
            for name, field in self.env["hr.employee"]._fields.items()
            if field._module == ADDON and name not in public and not field.groups
        ]
        self.assertEqual(leaking, [])

    def test_colleague_reads_the_public_asn_profile(self):
        """A plain employee reads a colleague's ASN master data and appraiser,
        as the standard employee screens do (search + read of all fields)."""
        self.emp_staff.asn_rank_date = "2021-04-01"
        Employee = self.env["hr.employee"].with_user(self.user_colleague)
        employees = Employee.search([("id", "in", self.emp_staff.ids)])
        self.assertEqual(employees, self.emp_staff)
        # reading "all fields" leaves out the restricted ones instead of failing
        employees.read([])
        readable = Employee.fields_get(attributes=["type"])
        self.assertIn("asn_nip", readable)
        self.assertNotIn("asn_appraisal_ids", readable)
        self.assertNotIn("asn_promotion_eligible", readable)
        values = employees.read(
            ["asn_nip", "asn_rank_id", "asn_rank_date", "asn_appraiser_id"]
        )[0]
        self.assertEqual(values["asn_nip"], "199001012015031003")
        self.assertEqual(values["asn_rank_id"][0], self.rank_3a.id)
        self.assertEqual(str(values["asn_rank_date"]), "2021-04-01")
        self.assertEqual(values["asn_appraiser_id"][0], self.emp_appraiser.id)
        # who an appraiser appraises is public, like the direct subordinates
        appraiser = Employee.browse(self.emp_appraiser.id)
        self.assertEqual(
            set(appraiser.asn_appraisee_ids.ids),
            {self.emp_staff.id, self.emp_colleague.id},
        )

    def test_skp_history_is_hr_only(self):
        self._create_skp(self.emp_staff)
        for user in (self.user_staff, self.user_appraiser):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.emp_staff.with_user(user).read(["asn_appraisal_ids"])
        values = self.emp_staff.with_user(self.user_hr).read(
            ["asn_appraisal_ids", "asn_appraisal_count"]
        )[0]
        self.assertEqual(values["asn_appraisal_count"], 1)
        self.assertEqual(len(values["asn_appraisal_ids"]), 1)
