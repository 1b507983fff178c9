from unittest import TestCase

from asn_rules import recommend
from asn_rules.recommend import Facts, RecommendationRule

RHK = ("Terkelolanya data kepegawaian", "Tersusunnya laporan")
VALUES = ("Berorientasi Pelayanan", "Akuntabel")

# DOMAIN.md "Follow-up" and the issue: Sangat Baik -> further education,
# talent pool, awards; Baik -> training; Butuh Perbaikan -> development plan
# with coaching; Kurang -> counselling, behaviour programme, disciplinary
# review; Sangat Kurang -> performance improvement plan.
RULES = [
    RecommendationRule("further_education", "sangat_baik"),
    RecommendationRule("talent_pool", "sangat_baik"),
    RecommendationRule("award", "sangat_baik"),
    RecommendationRule("training", "baik"),
    RecommendationRule("development_plan", "butuh_perbaikan"),
    RecommendationRule("coaching", "butuh_perbaikan"),
    RecommendationRule("counselling", "kurang"),
    RecommendationRule("behaviour_programme", "kurang"),
    RecommendationRule("disciplinary_review", "kurang"),
    RecommendationRule("improvement_plan", "sangat_kurang"),
]


class TestRulesRecommend(TestCase):
    def test_rules_per_kuadran(self):
        # (work rating, behaviour rating, predikat from the kuadran, codes,
        #  RHK in focus, values in focus)
        cases = [
            (
                "above",
                "above",
                "sangat_baik",
                ["further_education", "talent_pool", "award"],
                (),
                (),
            ),
            ("above", "as_expected", "baik", ["training"], (), ()),
            ("as_expected", "above", "baik", ["training"], (), ()),
            (
                "below",
                "as_expected",
                "butuh_perbaikan",
                ["development_plan", "coaching"],
                RHK,
                (),
            ),
            (
                "below",
                "above",
                "butuh_perbaikan",
                ["development_plan", "coaching"],
                RHK,
                (),
            ),
            (
                "as_expected",
                "below",
                "kurang",
                ["counselling", "behaviour_programme", "disciplinary_review"],
                (),
                VALUES,
            ),
            (
                "above",
                "below",
                "kurang",
                ["counselling", "behaviour_programme", "disciplinary_review"],
                (),
                VALUES,
            ),
            ("below", "below", "sangat_kurang", ["improvement_plan"], RHK, VALUES),
        ]
        for work, behavior, predikat, codes, focus_rhk, focus_values in cases:
            with self.subTest(work=work, behavior=behavior):
                result = recommend.recommend(
                    Facts(predikat, work, behavior, RHK, VALUES), RULES
                )
                self.assertEqual([code for code, _params in result], codes)
                for _code, params in result:
                    self.assertEqual(params["predikat"], predikat)
                    self.assertEqual(params["work_rating"], work)
                    self.assertEqual(params["behavior_rating"], behavior)
                    self.assertEqual(params["focus_rhk"], focus_rhk)
                    self.assertEqual(params["focus_values"], focus_values)

    def test_not_rated(self):
        self.assertEqual(recommend.recommend(Facts(None, None, None), RULES), [])

    def test_unknown_codes(self):
        with self.assertRaises(ValueError):
            recommend.recommend(Facts("cukup", "above", "above"), RULES)
        with self.assertRaises(ValueError):
            recommend.recommend(Facts("baik", "excellent", "above"), RULES)

    def test_render(self):
        self.assertEqual(
            recommend.render(
                "{employee}: {predikat} ({unknown}) {0}",
                {"employee": "Staf", "predikat": "Baik"},
            ),
            "Staf: Baik ({unknown}) {0}",
        )
        self.assertEqual(
            recommend.render("{employee.__class__}", {"employee": "x"}),
            "{employee.__class__}",
        )
        self.assertEqual(recommend.render(False, {}), "")
