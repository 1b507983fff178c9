from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_calibration import AsnCalibrationCase

RHK_NAME = "Terkelolanya data kepegawaian yang mutakhir"


@tagged("post_install", "-at_install")
class TestRecommendation(AsnCalibrationCase):
    """Development recommendations derived when an SKP is validated."""

    def _types(self, skp):
        return sorted(skp.recommendation_ids.mapped("recommendation_type"))

    def test_recommendations_per_predikat(self):
        # DOMAIN.md "Follow-up" and the table.
        cases = [
            (
                self.emp_staff,
                "above",
                "above",
                ["award", "further_education", "talent_pool"],
            ),
            (self.emp_colleague, "as_expected", "as_expected", ["training"]),
            (self.extra[0], "below", "as_expected", ["coaching", "development_plan"]),
            (
                self.extra[1],
                "as_expected",
                "below",
                ["behaviour_programme", "counselling", "disciplinary_review"],
            ),
            (self.extra[2], "below", "below", ["improvement_plan"]),
        ]
        for employee, work, behavior, expected in cases:
            with self.subTest(employee=employee.name):
                skp = self._done_for(employee, work, behavior)
                self.assertEqual(self._types(skp), expected)
                self.assertTrue(all(skp.recommendation_ids.mapped("is_auto")))

    def test_explanation_states_rule_and_facts(self):
        skp = self._done_for(self.extra[0], "below", "as_expected")
        plan = skp.recommendation_ids.filtered(
            lambda r: r.recommendation_type == "development_plan"
        )
        self.assertIn(self.extra[0].name, plan.explanation)
        self.assertIn("Butuh Perbaikan", plan.explanation)
        self.assertIn("Di Bawah Ekspektasi", plan.explanation)
        self.assertIn(self.cycle.name, plan.explanation)
        # Work below expectation: the RHK are in focus, not the values.
        self.assertIn(RHK_NAME, plan.explanation)
        self.assertIn("BerAKHLAK values in focus: -", plan.explanation)
        kurang = self._done_for(self.extra[1], "as_expected", "below")
        counselling = kurang.recommendation_ids.filtered(
            lambda r: r.recommendation_type == "counselling"
        )
        self.assertIn("Akuntabel", counselling.explanation)
        self.assertIn("RHK in focus: -", counselling.explanation)

    def test_not_before_validation(self):
        skp = self._rated_for(self.emp_staff, "above", "above")
        self.assertFalse(skp.recommendation_ids)

    def test_rederivation_is_idempotent_and_keeps_manual_ones(self):
        skp = self._done_for(self.emp_staff, "above", "above")
        manual = (
            self.env["hr.asn.recommendation"]
            .with_user(self.user_hr)
            .create(
                {
                    "appraisal_id": skp.id,
                    "name": "Penugasan khusus",
                    "recommendation_type": "training",
                    "explanation": "Dipercaya memimpin tim SIASN.",
                }
            )
        )
        first = skp.recommendation_ids - manual
        skp._derive_recommendations()
        skp._derive_recommendations()
        self.assertEqual(len(skp.recommendation_ids), 4)
        self.assertIn(manual, skp.recommendation_ids)
        self.assertFalse(first.exists())

    def test_reopen_and_objection_rederive(self):
        skp = self._done_for(self.emp_staff, "as_expected", "as_expected")
        self.assertEqual(self._types(skp), ["training"])
        skp.with_user(self.user_hr).action_reopen("Salah input rating")
        self.assertFalse(skp.recommendation_ids)
        skp.with_user(self.user_appraiser).write({"behavior_rating": "below"})
        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(
            self._types(skp),
            ["behaviour_programme", "counselling", "disciplinary_review"],
        )
        # An objection decided by the appraiser's superior changes the rating
        # (written by the objection feature), then calls the hook.
        skp.sudo().write({"behavior_rating": "as_expected"})
        skp._on_objection_decided()
        self.assertEqual(self._types(skp), ["training"])

    def test_rules_are_data(self):
        rule = self.env.ref("hr_asn_appraisal.recommendation_rule_b_training")
        rule.with_user(self.user_manager).template = "{predikat} -> diklat ({cycle})"
        self.env.ref("hr_asn_appraisal.recommendation_rule_sb_award").with_user(
            self.user_manager
        ).active = False
        baik = self._done_for(self.emp_staff, "as_expected", "as_expected")
        self.assertEqual(
            baik.recommendation_ids.explanation, f"Baik -> diklat ({self.cycle.name})"
        )
        sb = self._done_for(self.emp_colleague, "above", "above")
        self.assertEqual(self._types(sb), ["further_education", "talent_pool"])
        with self.assertRaises(AccessError):
            rule.with_user(self.user_hr).template = "x"

    def test_access(self):
        """The people of the SKP read its recommendations; only HR writes."""
        skp = self._done_for(self.emp_staff, "as_expected", "below")
        recs = skp.recommendation_ids
        Recommendation = self.env["hr.asn.recommendation"]
        for user in (self.user_staff, self.user_appraiser, self.user_head):
            with self.subTest(user=user.login):
                self.assertEqual(
                    Recommendation.with_user(user).search(
                        [("appraisal_id", "=", skp.id)]
                    ),
                    recs,
                )
                with self.assertRaises(AccessError):
                    recs.with_user(user).write({"explanation": "x"})
                with self.assertRaises(AccessError):
                    recs.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    Recommendation.with_user(user).create(
                        {
                            "appraisal_id": skp.id,
                            "name": "x",
                            "recommendation_type": "award",
                        }
                    )
        with self.assertRaises(AccessError):
            recs.with_user(self.user_colleague).read(["explanation"])
        with self.assertRaises(AccessError):
            recs.with_user(self.user_other_hr).read(["explanation"])
        recs.with_user(self.user_hr).write({"explanation": "Dibahas dengan pegawai."})
