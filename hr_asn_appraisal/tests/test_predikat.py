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

    def test_employee_does_not_see_ratings_before_validation(self):
        """Rated but not validated: the appraiser sees the ratings, the employee
        reads them empty, through read() as through the web client's web_read."""
        skp = self._rated_skp(work="above", behavior="above")
        as_employee = skp.with_user(self.user_staff)
        hidden = ["work_rating", "behavior_rating", "predikat", "rating_note"]
        self.assertEqual(
            as_employee.read(hidden)[0], {"id": skp.id, **dict.fromkeys(hidden, False)}
        )
        web = as_employee.web_read({name: {} for name in hidden})[0]
        self.assertFalse(any(web[name] for name in hidden))
        self.assertEqual(
            skp.with_user(self.user_appraiser).read(["predikat"])[0]["predikat"],
            "sangat_baik",
        )
        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(as_employee.read(["predikat"])[0]["predikat"], "sangat_baik")

    def test_employee_cannot_infer_ratings_by_search_group_or_order(self):
        """A filter, a group-by or a sort on the hidden fields would reveal the
        interim predikat by which records come back: the employee's own
        unvalidated SKP is left out of such queries; the appraiser's are not."""
        skp = self._rated_skp(work="above", behavior="above")
        Skp = self.env["hr.asn.appraisal"].with_user(self.user_staff)
        own = [("id", "=", skp.id)]
        self.assertEqual(Skp.search(own), skp, "plain search still finds it")
        self.assertFalse(Skp.search(own + [("predikat", "=", "sangat_baik")]))
        self.assertFalse(Skp.search(own + [("work_rating", "=", "above")]))
        self.assertFalse(Skp.search_count(own + [("predikat", "!=", False)]))
        self.assertFalse(Skp.search(own, order="predikat desc"))
        self.assertFalse(Skp._read_group(own, ["predikat"], ["__count"]))
        self.assertFalse(Skp._read_group(own, [], ["work_rating:count_distinct"])[0][0])
        self.assertEqual(
            self.env["hr.asn.appraisal"]
            .with_user(self.user_appraiser)
            .search(own + [("predikat", "=", "sangat_baik")]),
            skp,
        )
        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(Skp.search(own + [("predikat", "=", "sangat_baik")]), skp)
        self.assertEqual(
            Skp._read_group(own, ["predikat"], ["__count"]), [("sangat_baik", 1)]
        )
