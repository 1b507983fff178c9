from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_calibration import AsnCalibrationCase


@tagged("post_install", "-at_install")
class TestCreditPoints(AsnCalibrationCase):
    """JF credit points: percentage by predikat x the level's coefficient x
    months/12 (DOMAIN.md, "Functional positions (JF)")."""

    def _jf(self, employee, level):
        employee.write({"asn_position_type": "fungsional", "asn_position_level": level})
        return employee

    def test_coefficients_shipped_as_data(self):
        coefficients = self.env["hr.asn.credit.coefficient"]._get_coefficients()
        self.assertEqual(
            coefficients,
            {
                "ahli_pertama": 12.5,
                "ahli_muda": 25.0,
                "ahli_madya": 37.5,
                "ahli_utama": 50.0,
                "pemula": 3.75,
                "terampil": 5.0,
                "mahir": 12.5,
                "penyelia": 25.0,
            },
        )

    def test_credit_points_per_level_and_part_year(self):
        # (level, work, behaviour -> predikat, months served, coefficient of
        # the level, expected points)
        cases = [
            ("ahli_pertama", "above", "above", 12, 12.5, 18.75),  # SB 150 % x 12.5
            ("ahli_muda", "as_expected", "as_expected", 12, 25.0, 25.0),  # B 100 %
            ("ahli_madya", "below", "as_expected", 12, 37.5, 28.125),  # BP 75 %
            ("ahli_utama", "above", "above", 8, 50.0, 50.0),  # SB x 8/12
            ("terampil", "as_expected", "below", 12, 5.0, 2.5),  # K 50 % x 5
            ("mahir", "above", "above", 6, 12.5, 9.375),  # SB x 6/12
            ("penyelia", "as_expected", "above", 3, 25.0, 6.25),  # B x 3/12
        ]
        for n, (level, work, behavior, months, coefficient, expected) in enumerate(
            cases
        ):
            with self.subTest(level=level, months=months):
                employee = self._jf(self.extra[n], level)
                skp = self._rated_for(employee, work, behavior)
                skp.with_user(self.user_hr).months_served = months
                skp.with_user(self.user_hr).action_validate()
                self.assertAlmostEqual(skp.credit_points, expected, places=3)
                self.assertEqual(skp.credit_coefficient, coefficient)
                self.assertEqual(skp.decided_position_level, level)

    def test_not_jf_has_no_credit_points(self):
        skp = self._done_for(self.emp_staff, "above", "above")
        self.assertEqual(skp.credit_points, 0.0)
        self.assertEqual(skp.decided_position_type, "pelaksana")
        self.assertEqual(skp.credit_coefficient, 0.0)

    def test_decided_at_validation_with_the_table_of_that_day(self):
        """Rated is not decided: the coefficient of the validation day counts,
        and a later change of the table leaves the validated year alone."""
        skp = self._approved_skp()
        self._jf(self.emp_staff, "ahli_pertama")
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "above", "behavior_rating": "above"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        self.assertEqual(skp.credit_points, 0.0)
        coefficient = self.env.ref("hr_asn_appraisal.credit_coefficient_ahli_pertama")
        coefficient.with_user(self.user_manager).coefficient = 10.0
        skp.with_user(self.user_hr).action_validate()
        self.assertAlmostEqual(skp.credit_points, 15.0)  # SB 150 % x 10
        coefficient.with_user(self.user_manager).coefficient = 12.5
        skp.invalidate_recordset()
        self.assertAlmostEqual(skp.credit_points, 15.0)
        self.assertEqual(skp.credit_coefficient, 10.0)
        with self.assertRaises(AccessError):
            coefficient.with_user(self.user_hr).coefficient = 12.5

    def test_months_served_only_by_hr(self):
        skp = self._rated_skp()
        self.assertEqual(skp.months_served, 12)
        for user in (self.user_staff, self.user_appraiser, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                skp.with_user(user).write({"months_served": 6})
        with self.assertRaises(ValidationError):
            skp.with_user(self.user_hr).write({"months_served": 13})
        skp.with_user(self.user_hr).write({"months_served": 6})
        skp.with_user(self.user_hr).action_validate()
        with self.assertRaises(UserError):
            skp.with_user(self.user_hr).write({"months_served": 12})
        with self.assertRaises(AccessError):
            self.env["hr.asn.appraisal"].with_user(self.user_colleague).create(
                {
                    "employee_id": self.emp_colleague.id,
                    "cycle_id": self.cycle.id,
                    "months_served": 6,
                }
            )


@tagged("post_install", "-at_install")
class TestAllowanceAdjustment(AsnCalibrationCase):
    def test_company_table(self):
        """DOMAIN.md example: Sangat Kurang -2 %, Kurang -1 %, others 0 %."""
        Rule = self.env["hr.asn.allowance.rule"].with_user(self.user_manager)
        Rule.create(
            [
                {
                    "company_id": self.company.id,
                    "predikat": "kurang",
                    "adjustment_percent": -1,
                },
                {
                    "company_id": self.company.id,
                    "predikat": "sangat_kurang",
                    "adjustment_percent": -2,
                },
            ]
        )
        self.env["hr.asn.allowance.rule"].create(
            {
                "company_id": self.other_company.id,
                "predikat": "baik",
                "adjustment_percent": 5,
            }
        )
        cases = [
            (self.emp_staff, "above", "above", 0.0),
            (self.emp_colleague, "as_expected", "as_expected", 0.0),
            (self.extra[0], "below", "as_expected", 0.0),
            (self.extra[1], "as_expected", "below", -1.0),
            (self.extra[2], "below", "below", -2.0),
        ]
        for employee, work, behavior, expected in cases:
            with self.subTest(employee=employee.name):
                skp = self._rated_for(employee, work, behavior)
                # decided at validation, not before
                self.assertEqual(skp.allowance_adjustment, 0.0)
                self.assertFalse(skp.allowance_rule_id)
                skp.with_user(self.user_hr).action_validate()
                self.assertEqual(skp.allowance_adjustment, expected)
                if expected:  # the company's row of the predikat
                    self.assertEqual(skp.allowance_rule_id.predikat, skp.predikat)
                    self.assertEqual(skp.allowance_rule_id.company_id, self.company)
                else:  # no row in this company (the other company's is not used)
                    self.assertFalse(skp.allowance_rule_id)
        self.assertEqual(self._create_skp(self.extra[3]).allowance_adjustment, 0.0)
        with self.assertRaises(AccessError):
            Rule.with_user(self.user_hr).create(
                {"company_id": self.company.id, "predikat": "baik"}
            )


@tagged("post_install", "-at_install")
class TestPromotionEligibility(AsnCalibrationCase):
    """Promotion on an evaluation date looks at the two calendar years just
    before it (1 April 2027: 2026 and 2025), 4 years in rank, no sanction
    (rules/promotion.py); JF officers by credit points; nothing above IV/e."""

    ON = date(2027, 4, 1)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle_2025 = cls._cycle(2025)
        cls.emp_staff.asn_rank_date = date(2020, 4, 1)

    @classmethod
    def _cycle(cls, year):
        cycle = cls.env["hr.asn.appraisal.cycle"].create(
            {
                "name": f"SKP {year}",
                "date_start": f"{year}-01-01",
                "date_end": f"{year}-12-31",
                "company_id": cls.company.id,
                "user_id": cls.user_hr.id,
                "require_annual_evaluation": False,
            }
        )
        cycle.with_user(cls.user_hr).action_open()
        return cycle

    def _on(self, employee, on=None):
        employee.invalidate_recordset()
        return employee.with_context(asn_promotion_on=on or self.ON)

    def test_eligible_after_two_good_years(self):
        self._done_for(self.emp_staff, "as_expected", "as_expected", self.cycle_2025)
        staff = self._on(self.emp_staff)
        self.assertFalse(staff.asn_promotion_eligible)
        self.assertEqual(
            staff.asn_promotion_reasons,
            "No validated SKP result for 2026: the two years before the "
            "promotion date are needed.",
        )
        self._done_for(self.emp_staff, "above", "above")
        staff = self._on(self.emp_staff)
        self.assertTrue(staff.asn_promotion_eligible)
        self.assertFalse(staff.asn_promotion_reasons)
        self.assertEqual(
            staff.asn_promotion_skp_summary, "2026: Sangat Baik; 2025: Baik"
        )
        Employee = self.env["hr.employee"].with_user(self.user_hr)
        Employee = Employee.with_context(asn_promotion_on=self.ON)
        self.assertIn(
            self.emp_staff, Employee.search([("asn_promotion_eligible", "=", True)])
        )
        self.assertNotIn(
            self.emp_staff, Employee.search([("asn_promotion_eligible", "=", False)])
        )
        # On 1 April 2028 the years are 2027 (missing) and 2026.
        later = self._on(self.emp_staff, date(2028, 4, 1))
        self.assertFalse(later.asn_promotion_eligible)
        self.assertIn("for 2027", later.asn_promotion_reasons)

    def test_missing_year_is_not_skipped_over(self):
        """Two good years, but not the year just before: not eligible."""
        self._done_for(self.emp_staff, "above", "above", self._cycle(2024))
        self._done_for(self.emp_staff, "above", "above", self.cycle_2025)
        staff = self._on(self.emp_staff)
        self.assertFalse(staff.asn_promotion_eligible)
        self.assertEqual(staff.asn_promotion_skp_summary, "2026: -; 2025: Sangat Baik")
        self.assertIn("for 2026", staff.asn_promotion_reasons)

    def test_weak_year_names_the_year(self):
        self._done_for(self.emp_staff, "below", "as_expected", self.cycle_2025)
        self._done_for(self.emp_staff, "above", "above")
        staff = self._on(self.emp_staff)
        self.assertFalse(staff.asn_promotion_eligible)
        self.assertEqual(
            staff.asn_promotion_reasons,
            "The predikat of 2025 is Butuh Perbaikan, below Baik.",
        )

    def test_rated_but_not_validated_does_not_count(self):
        self._done_for(self.emp_staff, "as_expected", "as_expected", self.cycle_2025)
        self._rated_for(self.emp_staff, "above", "above")
        self.assertFalse(self._on(self.emp_staff).asn_promotion_eligible)

    def test_rank_date_and_sanction(self):
        self._done_for(self.emp_staff, "as_expected", "as_expected", self.cycle_2025)
        self._done_for(self.emp_staff, "as_expected", "as_expected")
        self.emp_staff.asn_disciplinary_flag = True
        staff = self._on(self.emp_staff)
        self.assertFalse(staff.asn_promotion_eligible)
        self.assertEqual(
            staff.asn_promotion_reasons, "A disciplinary sanction is recorded."
        )
        self.emp_staff.asn_disciplinary_flag = False
        self.emp_staff.asn_rank_date = date(2024, 1, 1)
        staff = self._on(self.emp_staff)
        self.assertFalse(staff.asn_promotion_eligible)
        self.assertEqual(staff.asn_promotion_date, date(2028, 1, 1))
        self.assertIn("Less than 4 years", staff.asn_promotion_reasons)
        self.emp_staff.asn_rank_date = False
        self.assertIn("TMT pangkat", self._on(self.emp_staff).asn_promotion_reasons)

    def test_nothing_above_iv_e(self):
        self._done_for(self.emp_staff, "above", "above", self.cycle_2025)
        self._done_for(self.emp_staff, "above", "above")
        self.emp_staff.asn_rank_id = self.env.ref("hr_asn_appraisal.rank_pns_4d")
        self.assertTrue(self._on(self.emp_staff).asn_promotion_eligible)
        self.emp_staff.asn_rank_id = self.env.ref("hr_asn_appraisal.rank_pns_4e")
        staff = self._on(self.emp_staff)
        self.assertFalse(staff.asn_promotion_eligible)
        self.assertEqual(
            staff.asn_promotion_reasons,
            "IV/e is the highest rank: there is no rank above it.",
        )

    def test_jf_by_credit_points(self):
        """A JF officer Ahli Pertama III/a: 2 years in rank and 50 credit
        points from the rank (Peraturan BKN 3/2023 via BKN's briefing)."""
        self.emp_staff.write(
            {
                "asn_position_type": "fungsional",
                "asn_position_level": "ahli_pertama",
                "asn_rank_id": self.env.ref("hr_asn_appraisal.rank_pns_3a").id,
                "asn_rank_date": date(2025, 1, 1),
            }
        )
        self._done_for(self.emp_staff, "above", "above", self.cycle_2025)  # 18.75
        self._done_for(self.emp_staff, "above", "above")  # 18.75
        staff = self._on(self.emp_staff)
        self.assertFalse(staff.asn_promotion_eligible)
        self.assertEqual(
            staff.asn_promotion_reasons,
            "37.5 credit points in the current rank; the next rank needs 50.0.",
        )
        self.assertEqual(
            (
                staff.asn_credit_rank_total,
                staff.asn_credit_next,
                staff.asn_credit_required,
            ),
            (37.5, "rank", 50.0),
        )
        # The requirement is data the HR administrator sets.
        row = self.env.ref("hr_asn_appraisal.credit_coefficient_ahli_pertama")
        row.with_user(self.user_manager).rank_requirement = 35.0
        self.assertTrue(self._on(self.emp_staff).asn_promotion_eligible)
        # At the level's top rank the next rank needs the next level's points
        # (100 at the level, Ahli Pertama -> Ahli Muda).
        self.emp_staff.asn_rank_id = self.env.ref("hr_asn_appraisal.rank_pns_3b")
        staff = self._on(self.emp_staff)
        self.assertFalse(staff.asn_promotion_eligible)
        self.assertIn("the next level needs 100.0", staff.asn_promotion_reasons)

    def test_pppk_not_promoted_in_rank(self):
        colleague = self._on(self.emp_colleague)
        self.assertFalse(colleague.asn_promotion_eligible)
        self.assertIn("Only a PNS", colleague.asn_promotion_reasons)

    def test_only_hr_officers_see_it(self):
        for name in ("asn_promotion_eligible", "asn_credit_level_total"):
            with self.subTest(field=name), self.assertRaises(AccessError):
                self.emp_staff.with_user(self.user_staff).read([name])
        self.emp_staff.with_user(self.user_hr).read(
            [
                "asn_promotion_eligible",
                "asn_disciplinary_flag",
                "asn_credit_level_total",
            ]
        )


@tagged("post_install", "-at_install")
class TestTrainingHours(AsnCalibrationCase):
    """JP per employee and year: PNS at least 20, PPPK at most 24."""

    def _add(self, employee, jp, year=None, user=None):
        year = year or fields.Date.today().year
        return (
            self.env["hr.asn.training.hours"]
            .with_user(user or self.user_hr)
            .create(
                {
                    "employee_id": employee.id,
                    "name": "Pelatihan",
                    "year": year,
                    "jp": jp,
                    "source_ref": "hr.asn.training.request,1",
                }
            )
        )

    def test_pns_minimum(self):
        staff = self.emp_staff  # PNS
        self.assertEqual(staff.asn_training_jp_status, "below_minimum")
        self._add(staff, 12)
        self._add(staff, 30, year=fields.Date.today().year - 1)
        staff.invalidate_recordset()
        self.assertEqual(staff.asn_training_jp, 12)
        self.assertEqual(staff.asn_training_jp_status, "below_minimum")
        self._add(staff, 8)
        staff.invalidate_recordset()
        self.assertEqual(staff.asn_training_jp, 20)
        self.assertEqual(staff.asn_training_jp_status, "ok")

    def test_pppk_maximum(self):
        colleague = self.emp_colleague  # PPPK
        self.assertEqual(colleague.asn_training_jp_status, "ok")
        self._add(colleague, 24)
        colleague.invalidate_recordset()
        self.assertEqual(colleague.asn_training_jp_status, "ok")
        self._add(colleague, 1)
        colleague.invalidate_recordset()
        self.assertEqual(colleague.asn_training_jp, 25)
        self.assertEqual(colleague.asn_training_jp_status, "above_maximum")

    def test_totals_per_year(self):
        self._add(self.emp_staff, 12, year=2025)
        self._add(self.emp_staff, 10, year=2026)
        self._add(self.emp_staff, 4, year=2026)
        self._add(self.emp_colleague, 6, year=2026)
        totals = self.env["hr.asn.training.hours"]._get_totals(
            self.emp_staff | self.emp_colleague, [2025, 2026]
        )
        self.assertEqual(
            totals,
            {
                (self.emp_staff.id, 2025): 12,
                (self.emp_staff.id, 2026): 14,
                (self.emp_colleague.id, 2026): 6,
            },
        )

    def test_line_from_another_feature(self):
        """A training feature records just the employee, year, JP and source."""
        line = self.env["hr.asn.training.hours"].create(
            {
                "employee_id": self.emp_staff.id,
                "year": fields.Date.today().year,
                "jp": 21,
                "source_ref": "hr.asn.training.request,7",
            }
        )
        self.assertEqual(line.company_id, self.company)
        self.assertEqual(self.emp_staff.asn_training_jp_status, "ok")

    def test_access(self):
        own = self._add(self.emp_staff, 12)
        other = self._add(self.emp_colleague, 6)
        Hours = self.env["hr.asn.training.hours"]
        self.assertEqual(Hours.with_user(self.user_staff).search([]), own)
        with self.assertRaises(AccessError):
            other.with_user(self.user_staff).read(["jp"])
        with self.assertRaises(AccessError):
            own.with_user(self.user_staff).write({"jp": 40})
        with self.assertRaises(AccessError):
            self._add(self.emp_staff, 10, user=self.user_staff)
        with self.assertRaises(AccessError):
            own.with_user(self.user_other_hr).read(["jp"])
        with self.assertRaises(ValidationError):
            own.with_user(self.user_hr).write({"date": "2020-01-01"})
