"""The year's result from several SKPs of one cycle (rules/year_result.py).

Expected values are worked out by hand from the methods as documented in
docs/year.md (no regulation fixes the method: see the module's docstring);
the months follow the calendar (January-June is 6 months, July-December 6).
"""

import datetime
from unittest import TestCase

from asn_rules import year_result as yr

D = datetime.date


def skp(start, end, predikat):
    return yr.SkpResult(D(*start), D(*end), predikat)


class TestMonthsInPeriod(TestCase):
    def test_table(self):
        # The months whose first day lies in the period (the credit points'
        # count, Peraturan BKN 3/2023 prorates by months): consecutive SKPs
        # of a year add up to 12.
        cases = [
            ((2026, 1, 1), (2026, 12, 31), 12),
            ((2026, 1, 1), (2026, 6, 30), 6),
            ((2026, 7, 1), (2026, 12, 31), 6),
            ((2026, 1, 1), (2026, 7, 14), 7),  # 1 July lies in it
            ((2026, 7, 15), (2026, 12, 31), 5),  # August to December: 7 + 5
            ((2026, 1, 1), (2026, 7, 9), 7),
            ((2026, 7, 10), (2026, 12, 31), 5),
            ((2026, 3, 1), (2026, 12, 31), 10),  # a CPNS from TMT 1 March
            ((2026, 1, 1), (2026, 1, 14), 1),  # holds 1 January
            ((2026, 1, 15), (2026, 2, 10), 1),  # holds 1 February
            ((2026, 2, 1), (2026, 2, 28), 1),
            ((2026, 5, 1), (2026, 4, 30), 0),  # ends before it starts
        ]
        for start, end, expected in cases:
            with self.subTest(start=start, end=end):
                self.assertEqual(yr.months_in_period(D(*start), D(*end)), expected)


class TestYearPredikat(TestCase):
    def test_last_is_the_default_and_takes_the_latest_skp(self):
        skps = [
            skp((2026, 7, 1), (2026, 12, 31), "baik"),
            skp((2026, 1, 1), (2026, 6, 30), "sangat_baik"),
        ]
        self.assertEqual(yr.DEFAULT_METHOD, yr.LAST)
        self.assertEqual(yr.year_predikat(skps), "baik")

    def test_weighted_by_months(self):
        cases = [
            # 9 months Sangat Baik (5), 3 months Butuh Perbaikan (3): 4.5 -> 5
            (
                [
                    ((1, 1), (9, 30), "sangat_baik"),
                    ((10, 1), (12, 31), "butuh_perbaikan"),
                ],
                "sangat_baik",
            ),
            # 6 months Baik (4), 6 months Kurang (2): 3 -> Butuh Perbaikan
            (
                [((1, 1), (6, 30), "baik"), ((7, 1), (12, 31), "kurang")],
                "butuh_perbaikan",
            ),
            # 10 months Baik (4), 2 months Sangat Kurang (1): 3.5 -> 4 Baik
            (
                [((1, 1), (10, 31), "baik"), ((11, 1), (12, 31), "sangat_kurang")],
                "baik",
            ),
            # 8 months Butuh Perbaikan (3), 4 months Sangat Baik (5): 3.67 -> 4
            (
                [
                    ((1, 1), (8, 31), "butuh_perbaikan"),
                    ((9, 1), (12, 31), "sangat_baik"),
                ],
                "baik",
            ),
        ]
        for parts, expected in cases:
            skps = [
                skp((2026, *start), (2026, *end), predikat)
                for start, end, predikat in parts
            ]
            with self.subTest(parts=parts):
                self.assertEqual(yr.year_predikat(skps, yr.WEIGHTED), expected)

    def test_longest(self):
        skps = [
            skp((2026, 1, 1), (2026, 4, 30), "sangat_baik"),
            skp((2026, 5, 1), (2026, 12, 31), "butuh_perbaikan"),
        ]
        self.assertEqual(yr.year_predikat(skps, yr.LONGEST), "butuh_perbaikan")
        tie = [
            skp((2026, 1, 1), (2026, 6, 30), "sangat_baik"),
            skp((2026, 7, 1), (2026, 12, 31), "kurang"),
        ]
        self.assertEqual(yr.year_predikat(tie, yr.LONGEST), "kurang")

    def test_undecided_year_has_no_result(self):
        skps = [
            skp((2026, 1, 1), (2026, 6, 30), "baik"),
            skp((2026, 7, 1), (2026, 12, 31), None),
        ]
        for method in yr.METHODS:
            with self.subTest(method=method):
                self.assertIsNone(yr.year_predikat(skps, method))
                self.assertIsNone(yr.year_predikat([], method))

    def test_one_skp_is_its_own_year(self):
        one = [skp((2026, 3, 1), (2026, 12, 31), "kurang")]
        for method in yr.METHODS:
            with self.subTest(method=method):
                self.assertEqual(yr.year_predikat(one, method), "kurang")

    def test_unknown_method_refused(self):
        with self.assertRaises(ValueError):
            yr.year_predikat([], "average")
