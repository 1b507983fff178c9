from datetime import date
from unittest import TestCase

from asn_rules import periods

Y2026 = (date(2026, 1, 1), date(2026, 12, 31))


def _summary(period_list):
    return [(p.code, p.name, p.date_start, p.date_end) for p in period_list]


class TestRulesPeriods(TestCase):
    def test_quarterly_calendar_year(self):
        # DOMAIN.md "The cycle": quarterly evaluation "Triwulan I-IV".
        self.assertEqual(
            _summary(periods.periodic_periods(*Y2026, "quarterly")),
            [
                ("q1", "Triwulan I", date(2026, 1, 1), date(2026, 3, 31)),
                ("q2", "Triwulan II", date(2026, 4, 1), date(2026, 6, 30)),
                ("q3", "Triwulan III", date(2026, 7, 1), date(2026, 9, 30)),
                ("q4", "Triwulan IV", date(2026, 10, 1), date(2026, 12, 31)),
            ],
        )

    def test_semester_calendar_year(self):
        self.assertEqual(
            _summary(periods.periodic_periods(*Y2026, "semester")),
            [
                ("s1", "Semester I", date(2026, 1, 1), date(2026, 6, 30)),
                ("s2", "Semester II", date(2026, 7, 1), date(2026, 12, 31)),
            ],
        )

    def test_monthly_calendar_year(self):
        result = periods.periodic_periods(*Y2026, "monthly")
        self.assertEqual(
            [p.name for p in result],
            [
                "Januari",
                "Februari",
                "Maret",
                "April",
                "Mei",
                "Juni",
                "Juli",
                "Agustus",
                "September",
                "Oktober",
                "November",
                "Desember",
            ],
        )
        self.assertEqual(result[0].code, "m01")
        self.assertEqual(result[-1].code, "m12")
        cases = [
            (1, date(2026, 2, 1), date(2026, 2, 28)),
            (10, date(2026, 11, 1), date(2026, 11, 30)),
            (11, date(2026, 12, 1), date(2026, 12, 31)),
        ]
        for index, start, end in cases:
            with self.subTest(month=index + 1):
                self.assertEqual(
                    (result[index].date_start, result[index].date_end), (start, end)
                )

    def test_leap_year_february(self):
        feb = periods.periodic_periods(date(2028, 1, 1), date(2028, 12, 31), "monthly")
        self.assertEqual(feb[1].date_end, date(2028, 2, 29))

    def test_periods_cover_the_cycle(self):
        """Consecutive, no gap, no overlap, from the first to the last day."""
        cycles = [
            (*Y2026, "monthly"),
            (*Y2026, "quarterly"),
            (*Y2026, "semester"),
            (date(2026, 7, 1), date(2027, 6, 30), "quarterly"),
            (date(2026, 1, 31), date(2026, 12, 30), "monthly"),
            (date(2026, 3, 15), date(2026, 12, 31), "quarterly"),
        ]
        for start, end, period_type in cycles:
            with self.subTest(start=start, end=end, period_type=period_type):
                result = periods.periodic_periods(start, end, period_type)
                self.assertEqual(result[0].date_start, start)
                self.assertEqual(result[-1].date_end, end)
                for before, after in zip(result, result[1:], strict=False):
                    self.assertEqual((after.date_start - before.date_end).days, 1)
                self.assertEqual(
                    [p.sequence for p in result], list(range(1, len(result) + 1))
                )

    def test_cycle_starting_15_march(self):
        """Calendar periods (DOMAIN.md "A year as it really happens": Triwulan
        I = January-March): a cycle from 15 March gets a partial Triwulan I,
        then the calendar quarters, named by their calendar number."""
        cycle = (date(2026, 3, 15), date(2026, 12, 31))
        self.assertEqual(
            _summary(periods.periodic_periods(*cycle, "quarterly")),
            [
                ("q1", "Triwulan I", date(2026, 3, 15), date(2026, 3, 31)),
                ("q2", "Triwulan II", date(2026, 4, 1), date(2026, 6, 30)),
                ("q3", "Triwulan III", date(2026, 7, 1), date(2026, 9, 30)),
                ("q4", "Triwulan IV", date(2026, 10, 1), date(2026, 12, 31)),
            ],
        )
        self.assertEqual(
            _summary(periods.periodic_periods(*cycle, "semester")),
            [
                ("s1", "Semester I", date(2026, 3, 15), date(2026, 6, 30)),
                ("s2", "Semester II", date(2026, 7, 1), date(2026, 12, 31)),
            ],
        )
        monthly = periods.periodic_periods(*cycle, "monthly")
        self.assertEqual(
            _summary(monthly[:2]),
            [
                ("m03", "Maret", date(2026, 3, 15), date(2026, 3, 31)),
                ("m04", "April", date(2026, 4, 1), date(2026, 4, 30)),
            ],
        )
        self.assertEqual(len(monthly), 10)
        annual = periods.annual_period(*cycle, "quarterly")
        self.assertEqual(
            (annual.date_start, annual.date_end, annual.sequence),
            (date(2026, 10, 1), date(2026, 12, 31), 5),
        )

    def test_cycle_starting_july(self):
        """A half-year cycle from July: Triwulan III and IV, Semester II,
        Juli-Desember (not "Triwulan I" three months from its start)."""
        cycle = (date(2026, 7, 1), date(2026, 12, 31))
        self.assertEqual(
            _summary(periods.periodic_periods(*cycle, "quarterly")),
            [
                ("q3", "Triwulan III", date(2026, 7, 1), date(2026, 9, 30)),
                ("q4", "Triwulan IV", date(2026, 10, 1), date(2026, 12, 31)),
            ],
        )
        self.assertEqual(
            _summary(periods.periodic_periods(*cycle, "semester")),
            [("s2", "Semester II", date(2026, 7, 1), date(2026, 12, 31))],
        )
        self.assertEqual(
            [p.name for p in periods.periodic_periods(*cycle, "monthly")],
            ["Juli", "Agustus", "September", "Oktober", "November", "Desember"],
        )

    def test_cycle_ending_mid_period(self):
        """A cycle ending mid-quarter gets a partial last period."""
        self.assertEqual(
            _summary(
                periods.periodic_periods(
                    date(2026, 1, 1), date(2026, 8, 14), "quarterly"
                )
            ),
            [
                ("q1", "Triwulan I", date(2026, 1, 1), date(2026, 3, 31)),
                ("q2", "Triwulan II", date(2026, 4, 1), date(2026, 6, 30)),
                ("q3", "Triwulan III", date(2026, 7, 1), date(2026, 8, 14)),
            ],
        )

    def test_cycle_across_two_years(self):
        """July to June: calendar quarters, named and coded with their year."""
        self.assertEqual(
            _summary(
                periods.periodic_periods(
                    date(2026, 7, 1), date(2027, 6, 30), "quarterly"
                )
            ),
            [
                ("2026-q3", "Triwulan III 2026", date(2026, 7, 1), date(2026, 9, 30)),
                ("2026-q4", "Triwulan IV 2026", date(2026, 10, 1), date(2026, 12, 31)),
                ("2027-q1", "Triwulan I 2027", date(2027, 1, 1), date(2027, 3, 31)),
                ("2027-q2", "Triwulan II 2027", date(2027, 4, 1), date(2027, 6, 30)),
            ],
        )

    def test_month_end_start(self):
        """Months are calendar months, whatever day the cycle starts on."""
        result = periods.periodic_periods(
            date(2026, 1, 31), date(2026, 5, 30), "monthly"
        )
        self.assertEqual(
            [(p.date_start, p.date_end) for p in result],
            [
                (date(2026, 1, 31), date(2026, 1, 31)),
                (date(2026, 2, 1), date(2026, 2, 28)),
                (date(2026, 3, 1), date(2026, 3, 31)),
                (date(2026, 4, 1), date(2026, 4, 30)),
                (date(2026, 5, 1), date(2026, 5, 30)),
            ],
        )

    def test_calendar_block(self):
        cases = [
            (date(2026, 5, 17), "quarterly", (date(2026, 4, 1), date(2026, 6, 30))),
            (date(2026, 12, 31), "semester", (date(2026, 7, 1), date(2026, 12, 31))),
            (date(2028, 2, 10), "monthly", (date(2028, 2, 1), date(2028, 2, 29))),
        ]
        for day, period_type, expected in cases:
            with self.subTest(day=day, period_type=period_type):
                self.assertEqual(periods.calendar_block(day, period_type), expected)
        with self.assertRaises(ValueError):
            periods.calendar_block(date(2026, 1, 1), "weekly")

    def test_monthly_names_across_years(self):
        result = periods.periodic_periods(
            date(2026, 7, 1), date(2027, 6, 30), "monthly"
        )
        self.assertEqual(result[0].name, "Juli 2026")
        self.assertEqual(result[6].name, "Januari 2027")

    def test_annual_period(self):
        # The annual evaluation closes the year with the last period
        # ("TRIWULAN IV-AKHIR"): it opens when that period starts.
        cases = [
            ("quarterly", date(2026, 10, 1), 5),
            ("semester", date(2026, 7, 1), 3),
            ("monthly", date(2026, 12, 1), 13),
        ]
        for period_type, opens, sequence in cases:
            with self.subTest(period_type=period_type):
                annual = periods.annual_period(*Y2026, period_type)
                self.assertEqual(
                    (annual.code, annual.name, annual.is_annual),
                    ("annual", "Tahunan", True),
                )
                self.assertEqual(annual.date_start, opens)
                self.assertEqual(annual.date_end, date(2026, 12, 31))
                self.assertEqual(annual.sequence, sequence)

    def test_evaluation_periods(self):
        """One check-in per period plus the annual evaluation."""
        cases = [("monthly", 13), ("quarterly", 5), ("semester", 3)]
        for period_type, count in cases:
            with self.subTest(period_type=period_type):
                result = periods.evaluation_periods(*Y2026, period_type)
                self.assertEqual(len(result), count)
                self.assertEqual(result[-1].name, "Tahunan")
                self.assertEqual([p.is_annual for p in result].count(True), 1)

    def test_period_of(self):
        cases = [
            (date(2026, 1, 1), "quarterly", "Triwulan I"),
            (date(2026, 3, 31), "quarterly", "Triwulan I"),
            (date(2026, 4, 1), "quarterly", "Triwulan II"),
            (date(2026, 9, 30), "quarterly", "Triwulan III"),
            (date(2026, 12, 31), "quarterly", "Triwulan IV"),
            (date(2026, 6, 30), "semester", "Semester I"),
            (date(2026, 7, 1), "semester", "Semester II"),
            (date(2026, 2, 28), "monthly", "Februari"),
            (date(2026, 8, 17), "monthly", "Agustus"),
        ]
        for day, period_type, expected in cases:
            with self.subTest(day=day, period_type=period_type):
                self.assertEqual(
                    periods.period_of(day, *Y2026, period_type).name, expected
                )

    def test_period_of_outside_cycle(self):
        for day in (date(2025, 12, 31), date(2027, 1, 1)):
            with self.subTest(day=day):
                self.assertIsNone(periods.period_of(day, *Y2026, "quarterly"))

    def test_lateness(self):
        end = date(2026, 3, 31)
        cases = [
            (date(2026, 3, 15), 0, False),
            (date(2026, 3, 31), 0, False),
            (date(2026, 4, 1), 0, True),
            (date(2026, 4, 1), 5, False),
            (date(2026, 4, 5), 5, False),
            (date(2026, 4, 6), 5, True),
        ]
        for submitted_on, grace, expected in cases:
            with self.subTest(submitted_on=submitted_on, grace=grace):
                self.assertEqual(periods.is_late(submitted_on, end, grace), expected)
        self.assertEqual(periods.submission_deadline(end, 10), date(2026, 4, 10))

    def test_has_started(self):
        q2 = periods.periodic_periods(*Y2026, "quarterly")[1]
        self.assertFalse(periods.has_started(q2, date(2026, 3, 31)))
        self.assertTrue(periods.has_started(q2, date(2026, 4, 1)))
        self.assertTrue(periods.has_started(q2, date(2026, 12, 31)))

    def test_roman(self):
        cases = [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX")]
        for number, expected in cases:
            with self.subTest(number=number):
                self.assertEqual(periods.roman(number), expected)
        with self.assertRaises(ValueError):
            periods.roman(0)

    def test_invalid_input(self):
        cases = [
            (*Y2026, "weekly"),
            (date(2026, 12, 31), date(2026, 1, 1), "quarterly"),
            (None, date(2026, 1, 1), "quarterly"),
        ]
        for start, end, period_type in cases:
            with (
                self.subTest(start=start, end=end, period_type=period_type),
                self.assertRaises(ValueError),
            ):
                periods.periodic_periods(start, end, period_type)
        with self.assertRaises(ValueError):
            periods.submission_deadline(date(2026, 3, 31), -1)

    def test_document_period_title(self):
        # DOMAIN.md "Documents offices produce": "TRIWULAN I/II/III/IV-AKHIR";
        # the last periodic evaluation closes the year, the annual one is TAHUNAN.
        cases = [
            (
                "quarterly",
                Y2026,
                [
                    "TRIWULAN I",
                    "TRIWULAN II",
                    "TRIWULAN III",
                    "TRIWULAN IV-AKHIR",
                    "TAHUNAN",
                ],
            ),
            ("semester", Y2026, ["SEMESTER I", "SEMESTER II-AKHIR", "TAHUNAN"]),
        ]
        for period_type, (start, end), expected in cases:
            with self.subTest(period_type=period_type):
                all_periods = periods.evaluation_periods(start, end, period_type)
                last = all_periods[-2].sequence
                self.assertEqual(
                    [periods.document_period_title(p, last) for p in all_periods],
                    expected,
                )
        monthly = periods.evaluation_periods(*Y2026, "monthly")
        titles = [periods.document_period_title(p, 12) for p in monthly]
        self.assertEqual(titles[0], "JANUARI")
        self.assertEqual(titles[11], "DESEMBER-AKHIR")
        # A cycle across two years names the year with the month.
        crossing = periods.periodic_periods(
            date(2026, 7, 1), date(2027, 6, 30), "monthly"
        )
        self.assertEqual(
            periods.document_period_title(crossing[-1], crossing[-1].sequence),
            "JUNI 2027-AKHIR",
        )
