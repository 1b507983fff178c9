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
