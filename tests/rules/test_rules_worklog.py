from datetime import date
from unittest import TestCase

from asn_rules import worklog
from asn_rules.worklog import IkiTarget, OutputSum

CYCLE = (date(2026, 1, 1), date(2026, 12, 31))


class TestRulesWorklog(TestCase):
    def test_entry_date(self):
        today = date(2026, 11, 20)
        for day, expected in (
            (date(2026, 11, 20), None),  # today
            (date(2026, 1, 1), None),  # first day of the cycle
            (date(2026, 11, 21), "future"),
            (date(2027, 1, 4), "future"),
            (date(2025, 12, 31), "outside_cycle"),
        ):
            with self.subTest(day=day):
                self.assertEqual(worklog.check_entry_date(day, today, *CYCLE), expected)

    def test_working_days_skip_weekend_and_holidays(self):
        # 2026-11-16 is a Monday; 2026-11-21/22 the weekend.
        days = worklog.working_days(date(2026, 11, 16), date(2026, 11, 23))
        self.assertEqual(len(days), 6)
        self.assertNotIn(date(2026, 11, 21), days)
        holiday = date(2026, 11, 17)
        self.assertEqual(
            len(
                worklog.working_days(
                    date(2026, 11, 16), date(2026, 11, 23), holidays={holiday}
                )
            ),
            5,
        )

    def test_gap(self):
        # (last entry, logging start, today, threshold) -> first day of the gap
        start = date(2026, 11, 2)
        table = [
            # Logged Friday 13th; Monday 16th to Wednesday 18th missed on Thu 19th.
            ((date(2026, 11, 13), start, date(2026, 11, 19), 3), date(2026, 11, 16)),
            # Only two working days missed (today does not count yet).
            ((date(2026, 11, 13), start, date(2026, 11, 18), 3), None),
            # The weekend is not a gap: logged Friday, checked Monday.
            ((date(2026, 11, 13), start, date(2026, 11, 16), 1), None),
            ((date(2026, 11, 13), start, date(2026, 11, 17), 1), date(2026, 11, 16)),
            # Never logged: from the day logging became possible.
            ((None, start, date(2026, 11, 5), 3), date(2026, 11, 2)),
            ((None, start, date(2026, 11, 4), 3), None),
            # Same gap, checked later: same first day.
            ((date(2026, 11, 13), start, date(2026, 11, 27), 3), date(2026, 11, 16)),
            # Threshold 0: off.
            ((None, start, date(2026, 11, 27), 0), None),
        ]
        for args, expected in table:
            with self.subTest(args=args):
                self.assertEqual(worklog.log_gap(*args), expected)

    def test_rollup_by_iki_and_unit(self):
        ikis = [
            IkiTarget(iki_id=1, rhk_id=10, unit="Dokumen"),
            IkiTarget(iki_id=2, rhk_id=10, unit="Laporan"),
            IkiTarget(iki_id=3, rhk_id=20, unit="%"),
            IkiTarget(iki_id=4, rhk_id=20, unit="%"),
        ]
        outputs = [
            OutputSum(rhk_id=10, iki_id=None, unit="dokumen ", quantity=12),
            OutputSum(rhk_id=10, iki_id=1, unit="Dokumen", quantity=3),
            OutputSum(rhk_id=10, iki_id=None, unit="Laporan", quantity=1),
            # Named IKI wins over the unit.
            OutputSum(rhk_id=10, iki_id=2, unit="Halaman", quantity=2),
            # Two IKI of RHK 20 in "%": ambiguous, not counted.
            OutputSum(rhk_id=20, iki_id=None, unit="%", quantity=40),
            # No IKI in that unit.
            OutputSum(rhk_id=10, iki_id=None, unit="Kegiatan", quantity=5),
            # An IKI of another check-in.
            OutputSum(rhk_id=30, iki_id=99, unit="Dokumen", quantity=7),
        ]
        totals, unmatched = worklog.rollup(outputs, ikis)
        self.assertEqual(totals, {1: 15.0, 2: 3.0, 3: 0.0, 4: 0.0})
        self.assertEqual([o.quantity for o in unmatched], [40, 5, 7])
