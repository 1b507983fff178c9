import datetime
from unittest import TestCase

from asn_rules import promotion as pr

D = datetime.date
TODAY = D(2026, 11, 24)


class TestRulesPromotion(TestCase):
    def _codes(self, *args, **kwargs):
        result = pr.promotion_eligibility(*args, **kwargs)
        return result.eligible, [r.code for r in result.reasons]

    def test_eligibility(self):
        # DOMAIN.md: 4 years in rank, SKP at least Baik in each of the last 2
        # years, no disciplinary sanction.
        cases = [
            # (asn type, TMT pangkat, last SKPs newest first, sanction, eligible,
            #  reasons)
            ("pns", D(2022, 10, 1), ["baik", "sangat_baik"], False, True, []),
            ("pns", D(2022, 11, 24), ["sangat_baik", "baik"], False, True, []),
            (
                "pns",
                D(2022, 11, 25),
                ["baik", "baik"],
                False,
                False,
                [pr.YEARS_IN_RANK_SHORT],
            ),
            ("pns", None, ["baik", "baik"], False, False, [pr.NO_RANK_DATE]),
            ("pns", D(2020, 1, 1), ["baik"], False, False, [pr.MISSING_SKP]),
            ("pns", D(2020, 1, 1), [], False, False, [pr.MISSING_SKP]),
            (
                "pns",
                D(2020, 1, 1),
                ["baik", "butuh_perbaikan"],
                False,
                False,
                [pr.PREDIKAT_BELOW_BAIK],
            ),
            # only the last two count
            ("pns", D(2020, 1, 1), ["baik", "baik", "kurang"], False, True, []),
            (
                "pns",
                D(2020, 1, 1),
                ["kurang", "baik", "baik"],
                False,
                False,
                [pr.PREDIKAT_BELOW_BAIK],
            ),
            ("pns", D(2020, 1, 1), ["baik", "baik"], True, False, [pr.DISCIPLINARY]),
            ("pppk", D(2020, 1, 1), ["baik", "baik"], False, False, [pr.NOT_PNS]),
            (
                "pns",
                D(2024, 1, 1),
                ["sangat_kurang"],
                True,
                False,
                [
                    pr.YEARS_IN_RANK_SHORT,
                    pr.MISSING_SKP,
                    pr.PREDIKAT_BELOW_BAIK,
                    pr.DISCIPLINARY,
                ],
            ),
        ]
        for asn_type, rank_date, recent, sanction, eligible, reasons in cases:
            with self.subTest(rank_date=rank_date, recent=recent, sanction=sanction):
                self.assertEqual(
                    self._codes(asn_type, rank_date, TODAY, recent, sanction),
                    (eligible, reasons),
                )

    def test_reason_params(self):
        result = pr.promotion_eligibility(
            "pns", D(2023, 4, 1), TODAY, ["baik", "kurang"], False
        )
        self.assertEqual(result.eligible_from, D(2027, 4, 1))
        self.assertEqual(
            [(r.code, r.params) for r in result.reasons],
            [
                (pr.YEARS_IN_RANK_SHORT, {"eligible_from": D(2027, 4, 1), "years": 4}),
                (pr.PREDIKAT_BELOW_BAIK, {"position": 2, "predikat": "kurang"}),
            ],
        )
        result = pr.promotion_eligibility("pns", D(2010, 1, 1), TODAY, [None], False)
        self.assertEqual(
            [(r.code, r.params) for r in result.reasons],
            [
                (pr.MISSING_SKP, {"found": 1, "required": 2}),
                (pr.PREDIKAT_BELOW_BAIK, {"position": 1, "predikat": None}),
            ],
        )

    def test_add_years(self):
        self.assertEqual(pr.add_years(D(2020, 2, 29), 4), D(2024, 2, 29))
        self.assertEqual(pr.add_years(D(2020, 2, 29), 1), D(2021, 2, 28))
        self.assertEqual(pr.add_years(D(2022, 10, 1), 4), D(2026, 10, 1))

    def test_unknown_predikat(self):
        with self.assertRaises(ValueError):
            pr.promotion_eligibility("pns", D(2020, 1, 1), TODAY, ["cukup"], False)
