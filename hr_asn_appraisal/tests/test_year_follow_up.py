import datetime

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_year_moves import YearMovesCase


@tagged("post_install", "-at_install")
class TestYearFollowUp(YearMovesCase):
    """Training and recommendations follow the year's result once the year is
    decided (every SKP of the cycle validated); until then the SKP's own
    predikat (docs/year.md)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        # Open to Sangat Baik only.
        cls.program = cls.env["hr.asn.training.program"].create(
            {
                "name": "Pelatihan Kepemimpinan",
                "company_id": cls.company.id,
                "category": "technical",
                "jp_hours": 16,
                "date_start": today + datetime.timedelta(days=10),
                "date_end": today + datetime.timedelta(days=12),
                "user_id": cls.user_hr.id,
                "allow_sangat_baik": True,
                "allow_baik": False,
                "allow_butuh_perbaikan": False,
                "allow_kurang": False,
                "allow_sangat_kurang": False,
            }
        )

    def _two_skps(self):
        """The first SKP validated Sangat Baik, the second (after a transfer
        on 1 July) approved, not rated yet."""
        old = self._approved_skp()
        new_skp = self._transfer(old).new_appraisal_id
        self._add_plan(new_skp)
        new_skp.with_user(self.user_staff).action_submit()
        new_skp.with_user(self.user_new_appraiser).action_approve()
        self._validate(old, self.user_appraiser, "above", "above")
        return old, new_skp

    def _request(self, skp):
        request = (
            self.env["hr.asn.training.request"]
            .with_user(self.user_staff)
            .create({"appraisal_id": skp.id, "program_id": self.program.id})
        )
        request.action_submit()
        return request

    def _recommended_predikats(self, skp):
        return set(skp.sudo().recommendation_ids.rule_id.mapped("predikat"))

    def test_year_undecided_follows_the_skp(self):
        old, _new_skp = self._two_skps()
        self.assertEqual(old._get_follow_up_predikats(), {old.id: "sangat_baik"})
        self.assertEqual(self._recommended_predikats(old), {"sangat_baik"})
        self.assertEqual(self._request(old).state, "submitted")

    def test_year_decided_follows_the_year(self):
        old, new_skp = self._two_skps()
        # Butuh Perbaikan; the default year's result is the last SKP's.
        self._validate(new_skp, self.user_new_appraiser, "below", "as_expected")
        self.assertEqual(
            (old | new_skp)._get_follow_up_predikats(),
            {old.id: "butuh_perbaikan", new_skp.id: "butuh_perbaikan"},
        )
        # The first SKP's recommendations were derived again.
        self.assertEqual(self._recommended_predikats(old), {"butuh_perbaikan"})
        self.assertEqual(self._recommended_predikats(new_skp), {"butuh_perbaikan"})
        # The programme is open to Sangat Baik: the year is not.
        with self.assertRaisesRegex(UserError, "the year's result"):
            self._request(old)
        # Weighted by months: 6 x 5 + 6 x 3 = 48 / 12 = 4, Baik: still refused.
        self.cycle.with_user(self.user_hr).year_result_method = "weighted"
        self.assertEqual(old._get_follow_up_predikats()[old.id], "baik")
        with self.assertRaisesRegex(UserError, "is Baik"):
            self._request(old)

    def test_reopening_undecides_the_year(self):
        old, new_skp = self._two_skps()
        self._validate(new_skp, self.user_new_appraiser, "below", "as_expected")
        new_skp.with_user(self.user_hr).action_reopen("A late objection")
        self.assertEqual(old._get_follow_up_predikats()[old.id], "sangat_baik")
        self.assertEqual(self._recommended_predikats(old), {"sangat_baik"})
