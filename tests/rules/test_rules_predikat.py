from unittest import TestCase

from asn_rules import predikat


class TestRulesPredikat(TestCase):
    def test_kuadran_kinerja(self):
        # Written from the table in DOMAIN.md ("Ratings and predikat"):
        # rows are Rating Hasil Kerja, columns Rating Perilaku Kerja.
        cases = [
            ("above", "below", "kurang"),
            ("above", "as_expected", "baik"),
            ("above", "above", "sangat_baik"),
            ("as_expected", "below", "kurang"),
            ("as_expected", "as_expected", "baik"),
            ("as_expected", "above", "baik"),
            ("below", "below", "sangat_kurang"),
            ("below", "as_expected", "butuh_perbaikan"),
            ("below", "above", "butuh_perbaikan"),
        ]
        self.assertEqual(
            {(work, behavior) for work, behavior, _ in cases},
            {(w, b) for w in predikat.RATINGS for b in predikat.RATINGS},
        )
        for work, behavior, expected in cases:
            with self.subTest(work=work, behavior=behavior):
                self.assertEqual(predikat.predikat_of(work, behavior), expected)

    def test_constants(self):
        self.assertEqual(predikat.RATINGS, ("below", "as_expected", "above"))
        self.assertEqual(
            predikat.PREDIKATS,
            ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"),
        )

    def test_not_rated(self):
        cases = [
            (False, False),
            (None, None),
            ("", ""),
            ("above", False),
            (False, "above"),
            ("below", None),
        ]
        for work, behavior in cases:
            with self.subTest(work=work, behavior=behavior):
                self.assertIsNone(predikat.predikat_of(work, behavior))

    def test_unknown_code(self):
        cases = [
            ("excellent", "above"),
            ("above", "di_atas"),
            ("ABOVE", "above"),
            ("sangat_baik", False),
        ]
        for work, behavior in cases:
            with (
                self.subTest(work=work, behavior=behavior),
                self.assertRaises(ValueError),
            ):
                predikat.predikat_of(work, behavior)
