from unittest import TestCase

from asn_rules import training_hours as th


class TestRulesTrainingHours(TestCase):
    def test_status(self):
        # DOMAIN.md: every PNS at least 20 JP a year; PPPK at most 24 JP per
        # contract year.
        cases = [
            ("pns", 0, th.BELOW_MINIMUM),
            ("pns", 19.5, th.BELOW_MINIMUM),
            ("pns", 20, th.OK),
            ("pns", 60, th.OK),
            ("pppk", 0, th.OK),
            ("pppk", 24, th.OK),
            ("pppk", 24.5, th.ABOVE_MAXIMUM),
            ("pppk", 40, th.ABOVE_MAXIMUM),
            ("non_asn", 0, th.NOT_APPLICABLE),
            (None, 30, th.NOT_APPLICABLE),
        ]
        for asn_type, jp, expected in cases:
            with self.subTest(asn_type=asn_type, jp=jp):
                self.assertEqual(th.training_hours_status(asn_type, jp), expected)

    def test_thresholds(self):
        self.assertEqual((th.PNS_MIN_JP, th.PPPK_MAX_JP), (20, 24))

    def test_totals_by_year(self):
        self.assertEqual(
            th.totals_by_year([(2025, 8), (2026, 12), (2026, 8.5), (2025, 4)]),
            {2025: 12, 2026: 20.5},
        )
        self.assertEqual(th.totals_by_year([]), {})
        with self.assertRaises(ValueError):
            th.totals_by_year([(2026, -2)])
