from odoo.tests import HttpCase, tagged

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestAsnWorkflowTours(AsnAppraisalCase, HttpCase):
    """The SKP workflow clicked through in the browser, each step by the role
    that does it in real life, with the users working in Indonesian.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["hr_asn_appraisal"], ["id_ID"])
        (cls.user_hr | cls.user_head | cls.user_appraiser | cls.user_staff).write(
            {"lang": "id_ID"}
        )

    def _tour(self, user, action_xmlid, tour):
        self.start_tour(
            f"/odoo/action-hr_asn_appraisal.{action_xmlid}", tour, login=user.login
        )

    def test_staff_drafts_and_submits(self):
        skp = self._create_skp(self.emp_staff, with_plan=False)
        self._tour(
            self.user_staff,
            "hr_asn_appraisal_action_my",
            "hr_asn_appraisal_tour_staff_draft",
        )
        self.assertEqual(skp.state, "submitted")
        self.assertEqual(len(skp.rhk_ids), 1)
        iki = skp.rhk_ids.iki_ids
        self.assertEqual(len(iki), 1)
        self.assertEqual(iki.aspect, "kuantitas")
        self.assertEqual(iki.target_value, 250)
        self.assertEqual(iki.target_unit, "Dokumen")
        self.assertEqual(
            skp.rhk_ids.parent_rhk_text, "Meningkatnya kualitas manajemen ASN"
        )

    def test_appraiser_approves_then_rates(self):
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        self._tour(
            self.user_appraiser,
            "hr_asn_appraisal_action_to_review",
            "hr_asn_appraisal_tour_appraiser_approve",
        )
        self.assertEqual(skp.state, "approved")
        # The performance period has run its course: time to rate.
        self._tour(
            self.user_appraiser,
            "hr_asn_appraisal_action_to_review",
            "hr_asn_appraisal_tour_appraiser_rate",
        )
        self.assertEqual(skp.state, "rated")
        self.assertEqual(skp.work_rating, "above")
        self.assertEqual(skp.behavior_rating, "as_expected")
        self.assertEqual(skp.predikat, "baik")

    def test_hr_validates(self):
        skp = self._rated_skp()
        self._tour(
            self.user_hr,
            "hr_asn_appraisal_action_all",
            "hr_asn_appraisal_tour_hr_validate",
        )
        self.assertEqual(skp.state, "done")
