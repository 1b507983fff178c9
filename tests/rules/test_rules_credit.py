from datetime import date
from unittest import TestCase

from asn_rules import credit

# Coefficients of DOMAIN.md ("Functional positions (JF)").
AHLI_PERTAMA, AHLI_MUDA, AHLI_MADYA, AHLI_UTAMA = 12.5, 25.0, 37.5, 50.0
PEMULA, TERAMPIL, MAHIR, PENYELIA = 3.75, 5.0, 12.5, 25.0


class TestRulesCredit(TestCase):
    def test_credit_points(self):
        # percentage by predikat (SB 150, B 100, BP 75, K 50, SK 25 %)
        # x annual coefficient x months / 12
        cases = [
            ("sangat_baik", AHLI_PERTAMA, 12, 18.75),
            ("baik", AHLI_MUDA, 12, 25.0),
            ("butuh_perbaikan", AHLI_MADYA, 12, 28.125),
            ("kurang", AHLI_UTAMA, 12, 25.0),
            ("sangat_kurang", PEMULA, 12, 0.9375),
            ("baik", TERAMPIL, 12, 5.0),
            ("kurang", TERAMPIL, 12, 2.5),
            ("sangat_baik", MAHIR, 12, 18.75),
            ("baik", PENYELIA, 12, 25.0),
            # part years
            ("sangat_baik", MAHIR, 6, 9.375),
            ("baik", PENYELIA, 3, 6.25),
            ("butuh_perbaikan", AHLI_MUDA, 9, 14.0625),
            ("sangat_baik", AHLI_UTAMA, 8, 50.0),
            ("baik", AHLI_PERTAMA, 1, 12.5 / 12),
            ("baik", AHLI_PERTAMA, 0, 0.0),
        ]
        for predikat, coefficient, months, expected in cases:
            with self.subTest(
                predikat=predikat, coefficient=coefficient, months=months
            ):
                self.assertAlmostEqual(
                    credit.credit_points(predikat, coefficient, months), expected
                )

    def test_full_year_by_default(self):
        self.assertEqual(credit.credit_points("baik", AHLI_MUDA), 25.0)

    def test_not_rated(self):
        for predikat in (None, False, ""):
            with self.subTest(predikat=predikat):
                self.assertEqual(credit.credit_points(predikat, AHLI_MUDA), 0.0)

    def test_bad_input(self):
        cases = [
            ("baik", AHLI_MUDA, 13),
            ("baik", AHLI_MUDA, -1),
            ("cukup", AHLI_MUDA, 12),
            ("baik", -1.0, 12),
        ]
        for predikat, coefficient, months in cases:
            with (
                self.subTest(predikat=predikat, months=months),
                self.assertRaises(ValueError),
            ):
                credit.credit_points(predikat, coefficient, months)

    def test_jf_credit_of_the_position(self):
        """Only a JF position earns points, at its level's coefficient."""
        table = {"ahli_pertama": AHLI_PERTAMA, "mahir": MAHIR}
        cases = [
            # (position type, level, predikat, months, expected)
            ("fungsional", "ahli_pertama", "sangat_baik", 12, (AHLI_PERTAMA, 18.75)),
            ("fungsional", "mahir", "kurang", 6, (MAHIR, 3.125)),
            ("fungsional", "ahli_pertama", None, 12, (AHLI_PERTAMA, 0.0)),
            ("fungsional", "ahli_muda", "baik", 12, (None, 0.0)),  # not in table
            ("fungsional", None, "baik", 12, (None, 0.0)),
            ("pelaksana", None, "sangat_baik", 12, (None, 0.0)),
            ("jpt", "jpt_pratama", "baik", 12, (None, 0.0)),
            (None, None, "baik", 12, (None, 0.0)),
        ]
        for position_type, level, predikat, months, expected in cases:
            with self.subTest(position_type=position_type, level=level):
                self.assertEqual(
                    credit.jf_credit(position_type, level, predikat, months, table),
                    expected,
                )


D = date


class TestRulesCreditCareer(TestCase):
    """Peraturan BKN 3/2023 through BKN's technical briefing (July 2023)."""

    def test_bkn_examples(self):
        # "AK = % predikat x koefisien": Ahli Pertama, Sangat Baik,
        # January-December 2023 = 150 % x 12.5 = 18.75.
        self.assertAlmostEqual(
            credit.credit_points(
                "sangat_baik",
                AHLI_PERTAMA,
                credit.months_in_period(D(2023, 1, 1), D(2023, 12, 31)),
            ),
            18.75,
        )
        # Periodic: Baik, January-February 2024 = 2/12 x 100 % x 12.5 = 2.08.
        months = credit.months_in_period(D(2024, 1, 1), D(2024, 2, 29))
        self.assertEqual(months, 2)
        points = credit.credit_points("baik", AHLI_PERTAMA, months)
        self.assertEqual(round(points, 2), 2.08)
        # "Tabel akumulasi angka kredit": 18.75 + 2.08 = 20.83.
        rows = [
            credit.SkpCredit("officer", 2023, "ahli_pertama", 18.75),
            credit.SkpCredit("officer", 2024, "ahli_pertama", points),
        ]
        running = credit.running_totals(rows)[("officer", "ahli_pertama")]
        self.assertEqual(
            [(y, round(c, 2)) for y, _p, c in running],
            [
                (2023, 18.75),
                (2024, 20.83),
            ],
        )

    def test_months_in_period(self):
        cases = [
            (D(2026, 1, 1), D(2026, 12, 31), 12),
            (D(2026, 1, 1), D(2026, 6, 30), 6),
            (D(2026, 7, 1), D(2026, 12, 31), 6),
            # a transfer on 15 July: July counts for the SKP holding 1 July
            (D(2026, 1, 1), D(2026, 7, 14), 7),
            (D(2026, 7, 15), D(2026, 12, 31), 5),
            (D(2026, 3, 15), D(2026, 12, 31), 9),
            (D(2026, 3, 1), D(2026, 3, 31), 1),
            (D(2026, 3, 2), D(2026, 3, 31), 0),
            (D(2026, 7, 1), D(2027, 6, 30), 12),
            (D(2025, 1, 1), D(2026, 12, 31), 12),  # capped at a year
        ]
        for start, end, expected in cases:
            with self.subTest(start=start, end=end):
                self.assertEqual(credit.months_in_period(start, end), expected)
        with self.assertRaises(ValueError):
            credit.months_in_period(D(2026, 2, 1), D(2026, 1, 1))

    def test_year_split_by_level(self):
        """Promoted from Ahli Pertama to Ahli Muda on 1 July, Baik in both
        SKPs: 6/12 x 12.5 + 6/12 x 25 (DOMAIN.md: per level for the months
        served at each)."""
        first = credit.credit_points("baik", AHLI_PERTAMA, 6)
        second = credit.credit_points("baik", AHLI_MUDA, 6)
        self.assertEqual((first, second), (6.25, 12.5))
        rows = [
            credit.SkpCredit("a", 2025, "ahli_pertama", 12.5),
            credit.SkpCredit("a", 2026, "ahli_pertama", first),
            credit.SkpCredit("a", 2026, "ahli_muda", second),
            credit.SkpCredit("b", 2026, "ahli_muda", 25.0),
            credit.SkpCredit("b", 2026, None, 0.0),
        ]
        self.assertEqual(
            credit.year_totals(rows),
            {
                ("a", 2025): {"ahli_pertama": 12.5},
                ("a", 2026): {"ahli_pertama": 6.25, "ahli_muda": 12.5},
                ("b", 2026): {"ahli_muda": 25.0},
            },
        )
        running = credit.running_totals(rows)
        self.assertEqual(
            running[("a", "ahli_pertama")], [(2025, 12.5, 12.5), (2026, 6.25, 18.75)]
        )
        # A new level starts from 0.
        self.assertEqual(running[("a", "ahli_muda")], [(2026, 12.5, 12.5)])
        self.assertEqual(credit.cumulative(rows, "a", "ahli_pertama"), 18.75)
        self.assertEqual(
            credit.cumulative(rows, "a", "ahli_pertama", up_to_year=2025), 12.5
        )

    def test_cumulative_since_rank_date(self):
        rows = [
            credit.SkpCredit("a", 2024, "ahli_muda", 25.0, D(2024, 12, 31)),
            credit.SkpCredit("a", 2025, "ahli_muda", 37.5, D(2025, 12, 31)),
            credit.SkpCredit("a", 2026, "ahli_muda", 25.0, D(2026, 12, 31)),
        ]
        self.assertEqual(
            credit.cumulative(rows, "a", "ahli_muda", since=D(2025, 4, 1)), 62.5
        )

    def test_requirement(self):
        # BKN briefing: AK kumulatif kenaikan pangkat / jenjang.
        rank = {
            "ahli_pertama": 50,
            "ahli_muda": 100,
            "ahli_madya": 150,
            "ahli_utama": 200,
        }
        level = {"ahli_pertama": 100, "ahli_muda": 200, "ahli_madya": 450}
        cases = [
            ("ahli_pertama", "III/a", ("rank", 50)),
            ("ahli_pertama", "III/b", ("level", 100)),
            ("ahli_muda", "III/c", ("rank", 100)),
            ("ahli_muda", "III/d", ("level", 200)),
            ("ahli_madya", "IV/a", ("rank", 150)),
            ("ahli_madya", "IV/b", ("rank", 150)),
            ("ahli_madya", "IV/c", ("level", 450)),
            ("ahli_utama", "IV/d", ("rank", 200)),
            ("ahli_utama", "IV/e", None),  # nothing above IV/e
            ("penyelia", "III/d", None),
            ("mahir", "III/a", None),  # no figure in the table given
            (None, "III/a", None),
            ("jpt_pratama", "IV/c", None),
        ]
        for lvl, rank_code, expected in cases:
            with self.subTest(level=lvl, rank=rank_code):
                self.assertEqual(
                    credit.requirement(lvl, rank_code, rank, level), expected
                )
