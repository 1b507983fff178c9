import datetime
from unittest import TestCase

from asn_rules import promotion as pr

D = datetime.date
# A promotion date (1 April, BKN's promotion periods): it looks at 2026, 2025.
ON = D(2027, 4, 1)
GOOD = {2026: "baik", 2025: "sangat_baik"}


class TestRulesPromotion(TestCase):
    def _codes(self, *args, **kwargs):
        result = pr.promotion_eligibility(*args, **kwargs)
        return result.eligible, [r.code for r in result.reasons]

    def test_appraised_years(self):
        # The two years just before the evaluation date.
        self.assertEqual(pr.appraised_years(D(2027, 4, 1)), (2026, 2025))
        self.assertEqual(pr.appraised_years(D(2026, 11, 24)), (2025, 2024))
        self.assertEqual(pr.appraised_years(D(2027, 1, 1), 3), (2026, 2025, 2024))

    def test_eligibility(self):
        # PP 99/2000 Pasal 7 / DOMAIN.md: 4 years in rank, at least Baik in
        # each of the 2 years before, no disciplinary sanction.
        cases = [
            # (asn type, TMT pangkat, predikat by year, sanction, eligible,
            #  reasons)
            ("pns", D(2023, 4, 1), GOOD, False, True, []),
            ("pns", D(2023, 4, 2), GOOD, False, False, [pr.YEARS_IN_RANK_SHORT]),
            ("pns", None, GOOD, False, False, [pr.NO_RANK_DATE]),
            # the year before has no validated result: not skipped over, even
            # when older years were good
            (
                "pns",
                D(2020, 1, 1),
                {2025: "baik", 2024: "baik", 2023: "baik"},
                False,
                False,
                [pr.MISSING_YEAR],
            ),
            (
                "pns",
                D(2020, 1, 1),
                {2026: "baik", 2025: None},
                False,
                False,
                [pr.MISSING_YEAR],
            ),
            (
                "pns",
                D(2020, 1, 1),
                {},
                False,
                False,
                [pr.MISSING_YEAR, pr.MISSING_YEAR],
            ),
            (
                "pns",
                D(2020, 1, 1),
                {2026: "baik", 2025: "butuh_perbaikan"},
                False,
                False,
                [pr.PREDIKAT_BELOW_BAIK],
            ),
            # only the two years before count: an older weak year does not
            (
                "pns",
                D(2020, 1, 1),
                {2026: "baik", 2025: "baik", 2024: "kurang"},
                False,
                True,
                [],
            ),
            # a later year (the current one) does not count either
            (
                "pns",
                D(2020, 1, 1),
                {2027: "sangat_kurang", **GOOD},
                False,
                True,
                [],
            ),
            ("pns", D(2020, 1, 1), GOOD, True, False, [pr.DISCIPLINARY]),
            ("pppk", D(2020, 1, 1), GOOD, False, False, [pr.NOT_PNS]),
            (
                "pns",
                D(2025, 1, 1),
                {2026: "sangat_kurang"},
                True,
                False,
                [
                    pr.YEARS_IN_RANK_SHORT,
                    pr.PREDIKAT_BELOW_BAIK,
                    pr.MISSING_YEAR,
                    pr.DISCIPLINARY,
                ],
            ),
        ]
        for asn_type, rank_date, by_year, sanction, eligible, reasons in cases:
            with self.subTest(rank_date=rank_date, by_year=by_year, sanction=sanction):
                self.assertEqual(
                    self._codes(asn_type, rank_date, ON, by_year, sanction),
                    (eligible, reasons),
                )

    def test_nothing_above_iv_e(self):
        self.assertEqual(
            self._codes("pns", D(2010, 1, 1), ON, GOOD, False, rank_code="IV/e"),
            (False, [pr.TOP_RANK]),
        )
        self.assertEqual(
            self._codes("pns", D(2010, 1, 1), ON, GOOD, False, rank_code="IV/d"),
            (True, []),
        )

    def test_jf_by_credit_points(self):
        """PP 99/2000 Pasal 13: a JF officer needs 2 years in rank, the credit
        points required (Peraturan BKN 3/2023) and Baik in the last 2 years."""
        rank_date = D(2025, 4, 1)  # 2 years on 1 April 2027, not 4
        cases = [
            (pr.JfCredit(("rank", 100), 100.0), True, []),
            (pr.JfCredit(("rank", 100), 112.5), True, []),
            (pr.JfCredit(("rank", 100), 99.9), False, [pr.CREDIT_SHORT]),
            (pr.JfCredit(("level", 200), 150.0), False, [pr.CREDIT_SHORT]),
            (pr.JfCredit(None, 300.0), False, [pr.NO_CREDIT_REQUIREMENT]),
        ]
        for jf, eligible, reasons in cases:
            with self.subTest(jf=jf):
                self.assertEqual(
                    self._codes(
                        "pns",
                        rank_date,
                        ON,
                        GOOD,
                        False,
                        rank_code="III/c",
                        jf_credit=jf,
                    ),
                    (eligible, reasons),
                )
        # Not a JF officer: 4 years in rank.
        self.assertEqual(
            self._codes("pns", rank_date, ON, GOOD, False),
            (False, [pr.YEARS_IN_RANK_SHORT]),
        )
        # Ahli Utama IV/e: the top rank, no credit reason on top.
        self.assertEqual(
            self._codes(
                "pns",
                D(2010, 1, 1),
                ON,
                GOOD,
                False,
                rank_code="IV/e",
                jf_credit=pr.JfCredit(None, 0.0),
            ),
            (False, [pr.TOP_RANK]),
        )

    def test_reason_params(self):
        result = pr.promotion_eligibility(
            "pns", D(2024, 4, 1), ON, {2026: "baik", 2025: "kurang"}, False
        )
        self.assertEqual(result.eligible_from, D(2028, 4, 1))
        self.assertEqual(result.years, (2026, 2025))
        self.assertEqual(
            [(r.code, r.params) for r in result.reasons],
            [
                (pr.YEARS_IN_RANK_SHORT, {"eligible_from": D(2028, 4, 1), "years": 4}),
                (pr.PREDIKAT_BELOW_BAIK, {"year": 2025, "predikat": "kurang"}),
            ],
        )
        result = pr.promotion_eligibility(
            "pns",
            D(2010, 1, 1),
            ON,
            {2026: "baik"},
            False,
            jf_credit=pr.JfCredit(("rank", 150), 37.5),
        )
        self.assertEqual(
            [(r.code, r.params) for r in result.reasons],
            [
                (pr.MISSING_YEAR, {"year": 2025}),
                (
                    pr.CREDIT_SHORT,
                    {"kind": "rank", "required": 150, "accumulated": 37.5},
                ),
            ],
        )

    def test_add_years(self):
        self.assertEqual(pr.add_years(D(2020, 2, 29), 4), D(2024, 2, 29))
        self.assertEqual(pr.add_years(D(2020, 2, 29), 1), D(2021, 2, 28))
        self.assertEqual(pr.add_years(D(2022, 10, 1), 4), D(2026, 10, 1))

    def test_unknown_predikat(self):
        with self.assertRaises(ValueError):
            pr.promotion_eligibility("pns", D(2020, 1, 1), ON, {2026: "cukup"}, False)
