from odoo.tests import tagged

from .common import AsnAppraisalCase

# Kuadran kinerja, PermenPANRB 6/2022 (DOMAIN.md "Ratings and predikat"):
# (Rating Hasil Kerja, Rating Perilaku Kerja) -> Predikat Kinerja.
KUADRAN = [
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


@tagged("post_install", "-at_install")
class TestSkpPredikat(AsnAppraisalCase):
    def test_predikat_stored_from_the_two_ratings(self):
        """The SKP's stored predikat follows the matrix for all nine cells."""
        skp = self._approved_skp().with_user(self.user_appraiser)
        self.assertFalse(skp.predikat)
        for work, behavior, expected in KUADRAN:
            with self.subTest(work=work, behavior=behavior):
                skp.write({"work_rating": work, "behavior_rating": behavior})
                self.assertEqual(skp.predikat, expected)
        found = skp.search([("predikat", "=", "butuh_perbaikan"), ("id", "=", skp.id)])
        self.assertEqual(found, skp, "the predikat is stored and searchable")

    def test_employee_sees_predikat_and_ratings_when_done(self):
        skp = self._rated_skp(work="below", behavior="above")
        skp.with_user(self.user_hr).action_validate()
        values = skp.with_user(self.user_staff).read(
            ["work_rating", "behavior_rating", "predikat"]
        )[0]
        self.assertEqual(
            (values["work_rating"], values["behavior_rating"], values["predikat"]),
            ("below", "above", "butuh_perbaikan"),
        )
