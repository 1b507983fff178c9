import datetime
from unittest import TestCase

from asn_rules import objection


class TestRulesObjection(TestCase):
    """The keberatan period: filed at the latest N days after validation."""

    def test_deadline(self):
        # (validated on, period in days, expected last filing day)
        cases = [
            ("2026-03-02", 14, "2026-03-16"),
            ("2026-03-02", 0, "2026-03-02"),
            ("2026-12-25", 14, "2027-01-08"),
            ("2028-02-20", 14, "2028-03-05"),  # leap year
            ("2026-02-20", 7, "2026-02-27"),
        ]
        for done, days, expected in cases:
            with self.subTest(done=done, days=days):
                self.assertEqual(
                    objection.objection_deadline(
                        datetime.date.fromisoformat(done), days
                    ),
                    datetime.date.fromisoformat(expected),
                )

    def test_within_period(self):
        done = datetime.date(2026, 3, 2)
        cases = [
            ("2026-03-02", 14, True),  # the day of validation
            ("2026-03-16", 14, True),  # the last day
            ("2026-03-17", 14, False),  # one day late
            ("2026-03-02", 0, True),
            ("2026-03-03", 0, False),
        ]
        for filed, days, expected in cases:
            with self.subTest(filed=filed, days=days):
                self.assertIs(
                    objection.is_within_period(
                        datetime.date.fromisoformat(filed), done, days
                    ),
                    expected,
                )

    def test_default_and_negative_period(self):
        self.assertEqual(objection.DEFAULT_OBJECTION_DAYS, 14)
        with self.assertRaises(ValueError):
            objection.objection_deadline(datetime.date(2026, 3, 2), -1)
