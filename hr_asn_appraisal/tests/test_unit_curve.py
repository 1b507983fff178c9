from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_calibration import AsnCalibrationCase


@tagged("post_install", "-at_install")
class TestUnitCurve(AsnCalibrationCase):
    """Who counts in a unit's distribution curve (docs/calibration.md): a
    unit head's own SKP counts in the superior unit, not in the unit they
    lead; a unit may be calibrated together with its sub-units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        # Dinas (led by the Sekda) > Bidang Kepegawaian (led by the Kepala,
        # cls.unit) > Seksi Mutasi (led by extra[7]).
        cls.dinas = Department.create(
            {
                "name": "Dinas Contoh",
                "company_id": cls.company.id,
                "manager_id": cls.emp_sekda.id,
            }
        )
        cls.unit.parent_id = cls.dinas
        cls.seksi = Department.create(
            {
                "name": "Seksi Mutasi",
                "company_id": cls.company.id,
                "parent_id": cls.unit.id,
                "manager_id": cls.extra[7].id,
            }
        )
        cls.seksi_head, cls.seksi_staff = cls.extra[7], cls.extra[6]
        (cls.seksi_head | cls.seksi_staff).write(
            {"department_id": cls.seksi.id, "parent_id": cls.emp_appraiser.id}
        )

    def _rating(self, department, include_sub_units=False):
        return (
            self.env["hr.asn.unit.rating"]
            .with_user(self.user_hr)
            .create(
                {
                    "cycle_id": self.cycle.id,
                    "department_id": department.id,
                    "org_rating": "baik",
                    "include_sub_units": include_sub_units,
                }
            )
        )

    @staticmethod
    def _counts(rating):
        return (
            rating.count_sangat_baik,
            rating.count_baik,
            rating.count_butuh_perbaikan,
            rating.count_kurang,
            rating.count_sangat_kurang,
        )

    def _rate_everyone(self):
        """Kepala: Sangat Baik; unit staff: Baik; Seksi head: Butuh
        Perbaikan; Seksi staff: Sangat Kurang."""
        return {
            "head": self._rated_for(self.emp_head, "above", "above"),
            "staff": self._rated_for(self.emp_staff, "as_expected", "as_expected"),
            "seksi_head": self._rated_for(self.seksi_head, "below", "as_expected"),
            "seksi_staff": self._rated_for(self.seksi_staff, "below", "below"),
        }

    def test_head_counts_in_superior_unit(self):
        skps = self._rate_everyone()
        self.assertEqual(skps["head"].department_id, self.unit)
        unit, dinas, seksi = (
            self._rating(self.unit),
            self._rating(self.dinas),
            self._rating(self.seksi),
        )
        # Bidang: its staff (Baik) and the head of its sub-unit (Butuh
        # Perbaikan); not the Kepala who leads it.
        self.assertEqual(self._counts(unit), (0, 1, 1, 0, 0))
        self.assertEqual(unit.count_total, 2)
        # Dinas: the Kepala of the Bidang (Sangat Baik), nobody else.
        self.assertEqual(self._counts(dinas), (1, 0, 0, 0, 0))
        # Seksi: its staff only, not its head.
        self.assertEqual(self._counts(seksi), (0, 0, 0, 0, 1))
        # The same SKPs are listed on the printed Penetapan Predikat, the
        # chart and the list.
        self.assertEqual(
            unit._get_report_appraisals(), skps["seksi_head"] | skps["staff"]
        )
        chart_ids = unit.action_view_predikat_chart()["domain"][0][2]
        self.assertEqual(set(chart_ids), {skps["staff"].id, skps["seksi_head"].id})
        # The head's annual document shows the curve of the superior unit.
        self.assertEqual(skps["head"]._get_report_unit_rating(), dinas.sudo())

    def test_recap_summary_has_the_superior_unit_of_a_head(self):
        """The Excel recap of the Bidang summarises the Dinas too: the
        Kepala's own SKP counts there, though no row belongs to the Dinas."""
        skps = self._rate_everyone()
        rows = (skps["head"] | skps["staff"]).with_user(self.user_hr)._get_recap_rows()
        report = self.env["report.hr_asn_appraisal.recap_xlsx"].with_user(self.user_hr)
        ratings = report._get_unit_ratings(rows)
        by_unit = {rating.department_id: rating for rating in ratings}
        self.assertEqual(set(by_unit), {self.unit, self.dinas})
        self.assertEqual(self._counts(by_unit[self.dinas]), (1, 0, 0, 0, 0))
        self.assertEqual(self._counts(by_unit[self.unit]), (0, 1, 1, 0, 0))

    def _reviewed_checkin(self, skp):
        """The first periodic check-in of skp, reported and reviewed."""
        checkin = skp.checkin_ids.filtered(lambda c: not c.is_annual).sorted(
            "period_sequence"
        )[:1]
        employee_user = skp.employee_id.user_id or self.env.user
        checkin.iki_ids.with_user(employee_user).write(
            {"realisation_value": 30, "realisation_text": "Data"}
        )
        self.env["hr.asn.checkin.evidence"].with_user(employee_user).create(
            {
                "checkin_rhk_id": checkin.rhk_ids[0].id,
                "name": "Laporan",
                "url": "https://drive.example.go.id/laporan",
                "data_source": "Aplikasi SIASN",
            }
        )
        checkin.with_user(employee_user).action_submit()
        as_appraiser = checkin.with_user(skp.appraiser_id.user_id)
        as_appraiser.rhk_ids.write({"feedback": "Baik."})
        as_appraiser.write(
            {"work_rating": "as_expected", "behavior_rating": "as_expected"}
        )
        as_appraiser.action_review()
        return checkin

    def _approved(self, employee):
        skp = self._create_skp(employee)
        skp.with_user(self.user_hr).action_submit()
        skp.with_user(skp.appraiser_id.user_id).action_approve()
        return skp

    def test_periodic_curve_counts_the_head_in_the_superior_unit(self):
        """The periodic document's curve follows the same rule: the Kepala's
        check-in counts in the Dinas, not in the Bidang they lead."""
        self._rating(self.unit)
        self._rating(self.dinas)
        head = self._reviewed_checkin(self._approved(self.emp_head))
        staff = self._reviewed_checkin(self._approved(self.emp_staff))
        self.assertEqual(head.period_code, staff.period_code)
        # Bidang: its staff member only.
        self.assertEqual(staff._get_report_checkin_distribution()["total"], 1)
        # Dinas (the Kepala's curve): the Kepala only.
        self.assertEqual(head._get_report_checkin_distribution()["total"], 1)
        self.assertEqual(
            head.appraisal_id._get_report_unit_rating().department_id, self.dinas
        )

    def test_top_unit_keeps_its_head(self):
        """A unit without a parent has no superior unit: its head stays."""
        self.unit.parent_id = False
        self._rated_for(self.emp_head, "above", "above")
        self._rated_for(self.emp_staff, "as_expected", "as_expected")
        self.assertEqual(self._counts(self._rating(self.unit)), (1, 1, 0, 0, 0))

    def test_sub_units_option(self):
        self._rate_everyone()
        unit = self._rating(self.unit, include_sub_units=True)
        # Bidang with the Seksi: staff (Baik), Seksi head (Butuh Perbaikan),
        # Seksi staff (Sangat Kurang); the Kepala still counts in the Dinas.
        self.assertEqual(self._counts(unit), (0, 1, 1, 0, 1))
        dinas = self._rating(self.dinas, include_sub_units=True)
        # The whole tree: everyone, each once.
        self.assertEqual(self._counts(dinas), (1, 1, 1, 0, 1))
        unit.include_sub_units = False
        self.assertEqual(self._counts(unit), (0, 1, 1, 0, 0))

    def test_validation_follows_the_curve(self):
        skps = self._rate_everyone()
        unit = self._rating(self.unit)
        self.assertEqual(unit.count_to_validate, 2)
        unit.action_validate_unit(override_reason="test")
        self.assertEqual(skps["staff"].state, "done")
        self.assertEqual(skps["seksi_head"].state, "done")
        self.assertEqual(skps["head"].state, "rated", "validated with the Dinas")
        self.assertEqual(skps["seksi_staff"].state, "rated", "with the Seksi")
        with self.assertRaisesRegex(UserError, "no longer changes"):
            unit.include_sub_units = True
        dinas = self._rating(self.dinas)
        dinas.action_validate_unit(override_reason="test")
        self.assertEqual(skps["head"].state, "done")

    def _queries_to_count(self, ratings):
        """Queries of computing the ratings' counts, the second time (the
        first one warms the registry's caches)."""
        for _round in range(2):
            ratings.invalidate_recordset()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            ratings.mapped("count_total")
        return self.env.cr.sql_log_count - before

    def test_counts_in_flat_queries(self):
        """The number of queries does not grow with SKPs or unit heads."""
        self._rate_everyone()
        ratings = self._rating(self.unit) | self._rating(self.dinas)
        ratings |= self._rating(self.seksi, include_sub_units=True)
        queries = self._queries_to_count(ratings)
        self.assertLessEqual(queries, 25)
        # More staff and one more sub-unit with its head, all rated.
        sub = self.env["hr.department"].create(
            {
                "name": "Seksi Pengadaan",
                "company_id": self.company.id,
                "parent_id": self.unit.id,
                "manager_id": self.extra[5].id,
            }
        )
        self.extra[5].write(
            {"department_id": sub.id, "parent_id": self.emp_appraiser.id}
        )
        for employee in self.extra[:6]:
            self._rated_for(employee, "as_expected", "as_expected")
        self.assertEqual(self._queries_to_count(ratings), queries)
        self.assertEqual(ratings[0].count_total, 2 + 6)
