import random
from unittest import TestCase

from asn_rules import feedback360

B, S, A = "below", "as_expected", "above"


class TestRulesFeedback360(TestCase):
    def test_scores_are_the_behaviour_rating_codes(self):
        # DOMAIN.md: Di Bawah / Sesuai / Di Atas Ekspektasi.
        self.assertEqual(feedback360.SCORES, ("below", "as_expected", "above"))
        self.assertEqual(feedback360.DEFAULT_MIN_RESPONSES, 3)

    def test_aggregate_per_value(self):
        # (scores, min_responses, value code, expected count, expected
        # counts (below, as_expected, above) or None when withheld)
        cases = [
            ([("loyal", S)] * 3, 3, "loyal", 3, (0, 3, 0)),
            (
                [("loyal", B), ("loyal", S), ("loyal", S), ("loyal", A)],
                3,
                "loyal",
                4,
                (1, 2, 1),
            ),
            ([("loyal", A), ("loyal", A)], 3, "loyal", 2, None),
            ([("loyal", A), ("loyal", B)], 2, "loyal", 2, (1, 0, 1)),
            ([("loyal", B)], 1, "loyal", 1, (1, 0, 0)),
            ([("loyal", A)] * 5 + [("adaptif", A)] * 2, 3, "loyal", 5, (0, 0, 5)),
            ([("loyal", A)] * 5 + [("adaptif", A)] * 2, 3, "adaptif", 2, None),
            ([("loyal", S)] * 10, 10, "loyal", 10, (0, 10, 0)),
            ([("loyal", S)] * 9, 10, "loyal", 9, None),
        ]
        for scores, minimum, code, count, counts in cases:
            with self.subTest(scores=scores, minimum=minimum, code=code):
                result = feedback360.aggregate(scores, min_responses=minimum)[code]
                self.assertEqual(result["count"], count)
                self.assertEqual(result["withheld"], counts is None)
                if counts is None:
                    self.assertIsNone(result["counts"])
                    self.assertIsNone(result["shares"])
                else:
                    self.assertEqual(
                        result["counts"], dict(zip((B, S, A), counts, strict=True))
                    )

    def test_shares(self):
        cases = [
            ([B, S, S, A], (0.25, 0.5, 0.25)),
            ([S, S, S], (0.0, 1.0, 0.0)),
            ([A, A, B], (1 / 3, 0.0, 2 / 3)),
            ([A, S, A, A, A], (0.0, 0.2, 0.8)),
        ]
        for scores, expected in cases:
            with self.subTest(scores=scores):
                shares = feedback360.aggregate([("harmonis", s) for s in scores])[
                    "harmonis"
                ]["shares"]
                for score, share in zip((B, S, A), expected, strict=True):
                    self.assertAlmostEqual(shares[score], share)
                self.assertAlmostEqual(sum(shares.values()), 1.0)

    def test_default_threshold_is_three(self):
        self.assertTrue(
            feedback360.aggregate([("kompeten", A)] * 2)["kompeten"]["withheld"]
        )
        self.assertFalse(
            feedback360.aggregate([("kompeten", A)] * 3)["kompeten"]["withheld"]
        )

    def test_values_nobody_scored_are_reported_withheld(self):
        result = feedback360.aggregate(
            [("akuntabel", S)] * 3, value_codes=("akuntabel", "loyal")
        )
        self.assertEqual(set(result), {"akuntabel", "loyal"})
        self.assertEqual(result["loyal"]["count"], 0)
        self.assertTrue(result["loyal"]["withheld"])
        self.assertFalse(result["akuntabel"]["withheld"])
        self.assertEqual(feedback360.aggregate([]), {})

    def test_order_of_answers_does_not_matter(self):
        scores = [("loyal", B), ("loyal", S), ("adaptif", A)] * 4
        shuffled = list(scores)
        random.Random(6).shuffle(shuffled)
        self.assertEqual(feedback360.aggregate(scores), feedback360.aggregate(shuffled))

    def test_invalid_input(self):
        cases = [
            ([("loyal", "excellent")], 3),
            ([("loyal", "ABOVE")], 3),
            ([("loyal", None)], 3),
            ([("loyal", S)], 0),
            ([("loyal", S)], -1),
        ]
        for scores, minimum in cases:
            with (
                self.subTest(scores=scores, minimum=minimum),
                self.assertRaises(ValueError),
            ):
                feedback360.aggregate(scores, min_responses=minimum)

    def test_missing_values(self):
        codes = ("berorientasi_pelayanan", "akuntabel", "kompeten")
        cases = [
            ([], list(codes)),
            ([("akuntabel", S)], ["berorientasi_pelayanan", "kompeten"]),
            (
                [("akuntabel", S), ("kompeten", False)],
                ["berorientasi_pelayanan", "kompeten"],
            ),
            ([(code, A) for code in codes], []),
            ([(code, A) for code in codes] + [("loyal", B)], []),
        ]
        for scores, expected in cases:
            with self.subTest(scores=scores):
                self.assertEqual(feedback360.missing_values(codes, scores), expected)
