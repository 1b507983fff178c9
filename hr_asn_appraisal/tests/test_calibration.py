from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..rules.distribution import Check
from .common_calibration import AsnCalibrationCase
from .distribution_table import DOMAIN_TABLE


@tagged("post_install", "-at_install")
class TestCalibration(AsnCalibrationCase):
    """Unit ratings: the distribution check, validation of a unit, overrides."""

    def _unit_rating(self, org_rating, user=None):
        return (
            self.env["hr.asn.unit.rating"]
            .with_user(user or self.user_hr)
            .create(
                {
                    "cycle_id": self.cycle.id,
                    "department_id": self.unit.id,
                    "org_rating": org_rating,
                }
            )
        )

    def test_shipped_rules_follow_domain_table(self):
        """The distribution rules shipped as data are the DOMAIN.md table."""
        rules = self.env["hr.asn.distribution.rule"]._get_rules_by_org_rating()
        self.assertEqual(set(rules), set(DOMAIN_TABLE))
        for org_rating, rows in DOMAIN_TABLE.items():
            with self.subTest(org_rating=org_rating):
                self.assertEqual(
                    set(rules[org_rating]._get_checks()), {Check(*row) for row in rows}
                )

    def test_counts_rated_and_done_only(self):
        """The screen counts the unit's rated and validated SKPs per predikat."""
        self._done_for(self.emp_staff, "as_expected", "as_expected")  # Baik
        self._rated_for(self.emp_colleague, "above", "above")  # Sangat Baik
        self._rated_for(self.extra[0], "below", "as_expected")  # Butuh Perbaikan
        self._rated_for(self.extra[1], "as_expected", "as_expected")  # Baik
        self._create_skp(self.extra[2])  # draft: not counted
        unit_rating = self._unit_rating("baik")
        self.assertEqual(
            (
                unit_rating.count_sangat_baik,
                unit_rating.count_baik,
                unit_rating.count_butuh_perbaikan,
                unit_rating.count_kurang,
                unit_rating.count_sangat_kurang,
            ),
            (1, 2, 1, 0, 0),
        )
        self.assertEqual(unit_rating.count_total, 4)
        self.assertEqual(unit_rating.count_to_validate, 3)
        self.assertAlmostEqual(unit_rating.share_baik, 50.0)
        self.assertAlmostEqual(unit_rating.share_sangat_baik, 25.0)
        self.assertTrue(unit_rating.is_compliant)
        self.assertFalse(unit_rating.breach_text)
        self.assertIn("largest group", unit_rating.rule_description)

    def test_breaches_are_spelled_out(self):
        self._rated_for(self.emp_staff, "above", "above")
        self._rated_for(self.emp_colleague, "above", "above")
        self._rated_for(self.extra[0], "above", "above")
        self._rated_for(self.extra[1], "as_expected", "as_expected")
        unit_rating = self._unit_rating("butuh_perbaikan")
        self.assertFalse(unit_rating.is_compliant)
        lines = unit_rating.breach_text.splitlines()
        self.assertEqual(len(lines), 2)
        # At least 60 % Butuh Perbaikan; Sangat Baik at most 10 %.
        self.assertIn("Butuh Perbaikan: 0", lines[0])
        self.assertIn("less than the 60 %", lines[0])
        self.assertIn("Sangat Baik: 75", lines[1])
        self.assertIn("3 of 4 SKPs", lines[1])
        self.assertIn("more than the 10 %", lines[1])
        # Changing the organisational rating changes the verdict.
        unit_rating.org_rating = "istimewa"
        # Sangat Baik 75 % > 70 %
        self.assertEqual(len(unit_rating.breach_text.splitlines()), 1)
        self.assertIn("70 %", unit_rating.breach_text)

    def test_validate_compliant_unit_in_one_batch(self):
        skps = (
            self._rated_for(self.emp_staff, "as_expected", "as_expected")
            | self._rated_for(self.emp_colleague, "as_expected", "above")
            | self._rated_for(self.extra[0], "below", "as_expected")
            | self._rated_for(self.extra[1], "above", "above")
        )
        draft = self._create_skp(self.extra[2])
        unit_rating = self._unit_rating("baik")
        self.assertTrue(unit_rating.can_validate)
        unit_rating.action_validate_unit()
        self.assertEqual(set(skps.mapped("state")), {"done"})
        self.assertEqual(draft.state, "draft")
        self.assertTrue(unit_rating.date_validated)
        self.assertEqual(unit_rating.validated_user_id, self.user_hr)
        self.assertFalse(unit_rating.override_reason)
        self.assertIn("SKPs validated: 4", unit_rating.message_ids[0].body)
        # Done SKPs still count; nothing left to validate.
        self.assertEqual(unit_rating.count_total, 4)
        self.assertFalse(unit_rating.can_validate)
        with self.assertRaisesRegex(UserError, "no rated SKP"):
            unit_rating.action_validate_unit()

    def test_breached_unit_needs_reason(self):
        skps = (
            self._rated_for(self.emp_staff, "as_expected", "as_expected")
            | self._rated_for(self.emp_colleague, "as_expected", "as_expected")
            | self._rated_for(self.extra[0], "above", "above")
        )
        unit_rating = self._unit_rating("baik")
        # No Butuh Perbaikan and/or Kurang in a unit rated Baik.
        self.assertFalse(unit_rating.is_compliant)
        self.assertIn("Butuh Perbaikan and/or Kurang", unit_rating.breach_text)
        for reason in (None, "", "   "):
            with self.assertRaisesRegex(UserError, "written reason"):
                unit_rating.action_validate_unit(reason)
        self.assertEqual(set(skps.mapped("state")), {"rated"})
        self.assertFalse(unit_rating.date_validated)

        wizard = (
            self.env["hr.asn.unit.rating.validate.wizard"]
            .with_user(self.user_hr)
            .create(
                {
                    "unit_rating_id": unit_rating.id,
                    "override_reason": "Unit kecil; seluruh pegawai mencapai target.",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(set(skps.mapped("state")), {"done"})
        self.assertEqual(
            unit_rating.override_reason, "Unit kecil; seluruh pegawai mencapai target."
        )
        body = unit_rating.message_ids[0].body
        self.assertIn("Unit kecil; seluruh pegawai mencapai target.", body)
        self.assertIn("despite these breaches", body)
        self.assertIn("Butuh Perbaikan and/or Kurang", body)

    def test_nothing_half_done_when_one_skp_refuses(self):
        """An HR officer cannot validate their own SKP: the whole unit stays rated."""
        emp_hr = self.env["hr.employee"].create(
            {
                "name": "Petugas SDM",
                "company_id": self.company.id,
                "department_id": self.unit.id,
                "user_id": self.user_hr.id,
                "parent_id": self.emp_appraiser.id,
                "asn_type": "pns",
                "asn_nip": "198803032010012005",
            }
        )
        own = self._create_skp(emp_hr)
        own.with_user(self.user_hr).action_submit()
        own.with_user(self.user_appraiser).action_approve()
        own.with_user(self.user_appraiser).write(
            {"work_rating": "as_expected", "behavior_rating": "as_expected"}
        )
        own.with_user(self.user_appraiser).action_rate()
        other = self._rated_for(self.emp_staff, "below", "as_expected")
        unit_rating = self._unit_rating("baik")
        with self.assertRaises(AccessError):
            unit_rating.action_validate_unit()
        self.assertEqual((own | other).mapped("state"), ["rated", "rated"])
        self.assertFalse(unit_rating.date_validated)

    def test_refusals_per_role(self):
        """Only HR officers of the company reach unit ratings and validate them."""
        self._rated_for(self.emp_staff, "as_expected", "as_expected")
        unit_rating = self._unit_rating("baik")
        for user in (self.user_staff, self.user_appraiser, self.user_head):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    unit_rating.with_user(user).read(["org_rating"])
                with self.assertRaises(AccessError):
                    unit_rating.with_user(user).action_validate_unit("x")
                with self.assertRaises(AccessError):
                    self._unit_rating("istimewa", user=user)
        with self.assertRaises(AccessError):
            unit_rating.with_user(self.user_other_hr).read(["org_rating"])
        with self.assertRaises(UserError):
            unit_rating.with_user(self.user_hr).write({"override_reason": "x"})
        with self.assertRaises(UserError):
            unit_rating.with_user(self.user_hr).write({"date_validated": "2026-01-01"})
        # The distribution rules are configuration: read-only for officers.
        rule = unit_rating.rule_id.with_user(self.user_hr)
        with self.assertRaises(AccessError):
            rule.write({"head_work_rating": "above"})
        with self.assertRaises(AccessError):
            rule.line_ids[:1].write({"percent": 50})
        rule.with_user(self.user_manager).line_ids[1].write({"percent": 80})

    def test_one_rating_per_unit_and_cycle(self):
        self._unit_rating("baik")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._unit_rating("istimewa")

    def test_validated_rating_is_kept(self):
        self._rated_for(self.extra[0], "below", "as_expected")
        self._rated_for(self.emp_staff, "as_expected", "as_expected")
        unit_rating = self._unit_rating("baik")
        unit_rating.action_validate_unit()
        with self.assertRaises(UserError):
            unit_rating.unlink()
        fresh = self.env["hr.asn.unit.rating"].create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.env["hr.department"]
                .create({"name": "Seksi Lain", "company_id": self.company.id})
                .id,
                "org_rating": "baik",
            }
        )
        fresh.with_user(self.user_hr).unlink()


@tagged("post_install", "-at_install")
class TestUnitHeadRating(AsnCalibrationCase):
    """The unit's organisational rating offered as the unit head's work rating."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_rating = cls.env["hr.asn.unit.rating"].create(
            {
                "cycle_id": cls.cycle.id,
                "department_id": cls.unit.id,
                "org_rating": "istimewa",
            }
        )

    def _approved_head_skp(self):
        skp = self._create_skp(self.emp_head)
        skp.with_user(self.user_head).action_submit()
        skp.with_user(self.user_sekda).action_approve()
        return skp

    def test_mapping(self):
        """Istimewa -> above, Baik -> as expected, lower -> below (assumption)."""
        skp = self._approved_head_skp()
        self.assertTrue(skp.is_unit_head)
        cases = [
            ("istimewa", "above"),
            ("baik", "as_expected"),
            ("butuh_perbaikan", "below"),
            ("kurang", "below"),
            ("sangat_kurang", "below"),
        ]
        for org_rating, expected in cases:
            with self.subTest(org_rating=org_rating):
                self.unit_rating.org_rating = org_rating
                skp.invalidate_recordset(["suggested_work_rating", "unit_org_rating"])
                self.assertEqual(skp.unit_org_rating, org_rating)
                self.assertEqual(skp.suggested_work_rating, expected)

    def test_mapping_is_data(self):
        rule = self.env.ref("hr_asn_appraisal.distribution_rule_istimewa")
        rule.with_user(self.user_manager).head_work_rating = "as_expected"
        skp = self._approved_head_skp()
        self.assertEqual(skp.suggested_work_rating, "as_expected")

    def test_appraiser_applies_suggestion(self):
        skp = self._approved_head_skp()
        self.assertTrue(skp.with_user(self.user_sekda).can_apply_suggested_work_rating)
        skp.with_user(self.user_sekda).action_apply_suggested_work_rating()
        self.assertEqual(skp.work_rating, "above")
        self.assertFalse(skp.with_user(self.user_sekda).can_apply_suggested_work_rating)

    def test_refusals(self):
        skp = self._approved_head_skp()
        for user in (self.user_head, self.user_hr):
            with self.subTest(user=user.login):
                self.assertFalse(skp.with_user(user).can_apply_suggested_work_rating)
                with self.assertRaises(AccessError):
                    skp.with_user(user).action_apply_suggested_work_rating()
        with self.assertRaises(AccessError):
            skp.with_user(self.user_staff).action_apply_suggested_work_rating()
        self.assertFalse(skp.work_rating)

    def test_not_before_approval(self):
        skp = self._create_skp(self.emp_head)
        self.assertEqual(skp.suggested_work_rating, "above")
        self.assertFalse(skp.with_user(self.user_sekda).can_apply_suggested_work_rating)
        with self.assertRaisesRegex(UserError, "cannot change while it is Draft"):
            skp.with_user(self.user_sekda).action_apply_suggested_work_rating()

    def test_no_suggestion_for_staff(self):
        skp = self._approved_skp()
        self.assertFalse(skp.is_unit_head)
        self.assertEqual(skp.unit_org_rating, "istimewa")
        self.assertFalse(skp.suggested_work_rating)
        with self.assertRaisesRegex(UserError, "no suggested"):
            skp.with_user(self.user_appraiser).action_apply_suggested_work_rating()
