from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestAsnAnalysis(AsnAppraisalCase):
    """Pivot and graph views of the SKPs: cycle progress, calibration chart,
    predikat per year."""

    def _read(self, action, user):
        """The SKPs an action shows to user."""
        domain = action["domain"]
        if isinstance(domain, str):
            domain = safe_eval(domain)
        return self.env["hr.asn.appraisal"].with_user(user).search(domain)

    def test_views_load(self):
        Appraisal = self.env["hr.asn.appraisal"].with_user(self.user_hr)
        views = Appraisal.get_views([(False, "graph"), (False, "pivot")])["views"]
        self.assertIn("department_id", views["graph"]["arch"])
        self.assertIn("predikat", views["pivot"]["arch"])
        action_all = self.env.ref("hr_asn_appraisal.hr_asn_appraisal_action_all")
        self.assertIn("pivot", action_all.view_mode)
        self.assertIn("graph", action_all.view_mode)

    def test_cycle_progress(self):
        rated = self._rated_skp()
        draft = self._create_skp(self.emp_colleague)
        cycle = self.cycle.with_user(self.user_hr)
        self.assertEqual(cycle.late_appraisal_count, 0)
        action = cycle.action_view_progress()
        self.assertEqual(action["views"][0][1], "pivot")
        self.assertEqual(action["context"]["pivot_row_groupby"], ["department_id"])
        self.assertEqual(action["context"]["pivot_column_groupby"], ["state"])
        self.assertEqual(self._read(action, self.user_hr), rated | draft)
        # The filing deadline passes: the draft one is late.
        self.cycle.filing_deadline = "2026-01-31"
        with freeze_time("2026-06-01"):
            self.env.invalidate_all()
            self.assertEqual(cycle.late_appraisal_count, 1)
            late = self._read(action, self.user_hr).filtered_domain(
                [("is_late", "=", True)]
            )
            self.assertEqual(late, draft)

    def test_calibration_chart(self):
        rated = self._rated_skp()
        self._create_skp(self.emp_colleague)
        other_unit = self.env["hr.department"].create(
            {"name": "Bidang Lain", "company_id": self.company.id}
        )
        self.emp_colleague.department_id = other_unit
        unit_rating = (
            self.env["hr.asn.unit.rating"]
            .with_user(self.user_hr)
            .create(
                {
                    "cycle_id": self.cycle.id,
                    "department_id": self.unit.id,
                    "org_rating": "baik",
                }
            )
        )
        action = unit_rating.action_view_predikat_chart()
        self.assertEqual(action["context"]["graph_groupbys"], ["predikat"])
        # Only the unit's rated and validated SKPs of the cycle count.
        self.assertEqual(self._read(action, self.user_hr), rated)

    def test_employee_predikat_per_year(self):
        rated = self._rated_skp()
        self._create_skp(self.emp_colleague)
        action = self.emp_staff.with_user(self.user_hr).action_view_asn_predikat_graph()
        self.assertEqual(action["context"]["graph_groupbys"], ["cycle_id", "predikat"])
        self.assertEqual(self._read(action, self.user_hr), rated)

    def test_staff_sees_only_what_rules_allow(self):
        """The analysis action is a view: record rules still decide the rows."""
        mine = self._rated_skp()
        self._create_skp(self.emp_colleague)
        action = self.cycle.with_user(self.user_hr).action_view_progress()
        self.assertEqual(self._read(action, self.user_staff), mine)
