import datetime

from odoo import fields
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

    def test_hr_validates_the_unit_and_downloads_the_recap(self):
        colleague_skp = self._create_skp(self.emp_colleague)
        colleague_skp.with_user(self.user_colleague).action_submit()
        colleague_skp.with_user(self.user_appraiser).action_approve()
        colleague_skp.with_user(self.user_appraiser).write(
            {"work_rating": "above", "behavior_rating": "above"}
        )
        colleague_skp.with_user(self.user_appraiser).action_rate()
        skps = self._rated_skp() | colleague_skp
        unit_rating = self.env["hr.asn.unit.rating"].create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.unit.id,
                "org_rating": "baik",
            }
        )
        self.assertFalse(unit_rating.is_compliant)
        # The tour ends only once the browser has received the recap file.
        self._tour(
            self.user_hr,
            "hr_asn_unit_rating_action",
            "hr_asn_appraisal_tour_hr_validate_unit",
        )
        self.assertEqual(set(skps.mapped("state")), {"done"})
        self.assertEqual(unit_rating.validated_user_id, self.user_hr)
        self.assertEqual(
            unit_rating.override_reason, "Unit kecil; seluruh pegawai mencapai target."
        )

    def test_staff_requests_training_and_sees_it_approved(self):
        skp = self._rated_skp()
        skp.with_user(self.user_hr).action_validate()
        today = fields.Date.today()
        program = self.env["hr.asn.training.program"].create(
            {
                "name": "Pelatihan Arsip Digital",
                "company_id": self.company.id,
                "category": "technical",
                "jp_hours": 16,
                "date_start": today + datetime.timedelta(days=10),
                "date_end": today + datetime.timedelta(days=12),
                "user_id": self.user_hr.id,
            }
        )
        self._tour(
            self.user_staff,
            "hr_asn_appraisal_action_my",
            "hr_asn_appraisal_tour_staff_training",
        )
        request = self.env["hr.asn.training.request"].search(
            [("appraisal_id", "=", skp.id)]
        )
        self.assertEqual(request.program_id, program)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.create_uid, self.user_staff)
        # The appraiser, then HR, approve; the employee sees it on the SKP.
        request.with_user(self.user_appraiser).action_approve_appraiser()
        request.with_user(self.user_hr).action_approve_hr()
        self._tour(
            self.user_staff,
            "hr_asn_appraisal_action_my",
            "hr_asn_appraisal_tour_staff_training_approved",
        )

    def test_hr_looks_at_progress_and_calibration(self):
        self._rated_skp()
        self._create_skp(self.emp_colleague)
        self.env["hr.asn.unit.rating"].with_user(self.user_hr).create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.unit.id,
                "org_rating": "baik",
            }
        )
        for action, tour in (
            ("hr_asn_appraisal_cycle_action", "hr_asn_appraisal_tour_hr_analysis"),
            (
                "hr_asn_appraisal_action_analysis",
                "hr_asn_appraisal_tour_hr_analysis_menu",
            ),
            (
                "hr_asn_unit_rating_action",
                "hr_asn_appraisal_tour_hr_calibration_chart",
            ),
        ):
            with self.subTest(tour=tour):
                self._tour(self.user_hr, action, tour)
