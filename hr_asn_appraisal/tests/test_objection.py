import base64
import datetime
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import AsnAppraisalCase

VALIDATED_AT = "2026-03-02 10:00:00"
REASON = "Capaian RHK terhambat pemindahan ruang arsip di luar kendali saya."


@tagged("post_install", "-at_install")
class TestObjection(AsnAppraisalCase):
    """Keberatan: filed by the employee within the period after validation,
    decided once and for all by the appraiser's superior."""

    def _done_skp(self, employee=None, work="below", behavior="as_expected"):
        """A validated SKP (on VALIDATED_AT when frozen by the caller)."""
        employee = employee or self.emp_staff
        skp = self._create_skp(employee)
        user = employee.user_id
        skp.with_user(user).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        skp.with_user(self.user_appraiser).write(
            {"work_rating": work, "behavior_rating": behavior}
        )
        skp.with_user(self.user_appraiser).action_rate()
        skp.with_user(self.user_hr).action_validate()
        return skp

    def _file(self, skp, user=None, **vals):
        return (
            self.env["hr.asn.objection"]
            .with_user(user or skp.employee_id.user_id)
            .create({"appraisal_id": skp.id, "reason": REASON, **vals})
        )

    def _filed(self, **skp_vals):
        with freeze_time(VALIDATED_AT):
            skp = self._done_skp(**skp_vals)
            return skp, self._file(skp)

    # ------------------------------------------------------------------
    # Filing period
    # ------------------------------------------------------------------
    def test_filing_within_period(self):
        with freeze_time(VALIDATED_AT):
            skp = self._done_skp()
        self.assertEqual(skp.objection_deadline, datetime.date(2026, 3, 16))
        with freeze_time("2026-03-16 10:00:00"):
            self.assertTrue(skp.with_user(self.user_staff).can_file_objection)
            objection = self._file(skp)
        self.assertEqual(objection.state, "submitted")
        self.assertEqual(objection.deadline, datetime.date(2026, 3, 16))
        self.assertEqual(objection.original_work_rating, "below")
        self.assertEqual(objection.original_behavior_rating, "as_expected")
        # DOMAIN.md: Di Bawah x Sesuai = Butuh Perbaikan
        self.assertEqual(objection.original_predikat, "butuh_perbaikan")
        self.assertEqual(skp.with_user(self.user_staff).objection_count, 1)

    def test_late_objection_refused_with_deadline(self):
        with freeze_time(VALIDATED_AT):
            skp = self._done_skp()
        with freeze_time("2026-03-17 10:00:00"):
            self.assertFalse(skp.with_user(self.user_staff).can_file_objection)
            with self.assertRaisesRegex(UserError, "ended on 03/16/2026"):
                self._file(skp)
            with self.assertRaisesRegex(UserError, "03/16/2026"):
                skp.with_user(self.user_staff).action_file_objection()
        self.assertFalse(skp.objection_ids)

    def test_period_configured_on_cycle(self):
        self.assertEqual(self.cycle.objection_days, 14)
        self.cycle.with_user(self.user_hr).objection_days = 7
        with freeze_time(VALIDATED_AT):
            skp = self._done_skp()
        self.assertEqual(skp.objection_deadline, datetime.date(2026, 3, 9))
        with freeze_time("2026-03-10 10:00:00"), self.assertRaises(UserError):
            self._file(skp)
        with freeze_time("2026-03-09 10:00:00"):
            self._file(skp)

    def test_only_validated_skp(self):
        skp = self._rated_skp()
        self.assertFalse(skp.with_user(self.user_staff).can_file_objection)
        with self.assertRaises(UserError):
            self._file(skp)

    # ------------------------------------------------------------------
    # Who files
    # ------------------------------------------------------------------
    def test_only_the_employee_files(self):
        with freeze_time(VALIDATED_AT):
            skp = self._done_skp()
            for user in (
                self.user_appraiser,
                self.user_head,
                self.user_hr,
                self.user_colleague,
                self.user_other_hr,
            ):
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    self._file(skp, user=user)
                self.assertFalse(skp.with_user(user).can_file_objection)
            with self.assertRaises(AccessError):
                skp.with_user(self.user_appraiser).action_file_objection()
            action = skp.with_user(self.user_staff).action_file_objection()
        self.assertEqual(action["res_model"], "hr.asn.objection")
        self.assertEqual(action["context"]["default_appraisal_id"], skp.id)

    def test_filing_needs_a_decider_with_a_login(self):
        with freeze_time(VALIDATED_AT):
            skp = self._done_skp()
            skp.appraiser_parent_id = False
            with self.assertRaisesRegex(UserError, "no appraiser's superior"):
                self._file(skp)

    def test_filer_cannot_preset_the_decision(self):
        with freeze_time(VALIDATED_AT):
            skp = self._done_skp()
            for vals in (
                {"state": "changed"},
                {"new_work_rating": "above"},
                {"original_work_rating": "above"},
            ):
                with self.subTest(vals=vals), self.assertRaises(UserError):
                    self._file(skp, **vals)

    # ------------------------------------------------------------------
    # One keberatan per SKP
    # ------------------------------------------------------------------
    def test_one_objection_per_skp(self):
        skp, objection = self._filed()
        with freeze_time(VALIDATED_AT):
            self.assertFalse(skp.with_user(self.user_staff).can_file_objection)
            with self.assertRaisesRegex(UserError, "already been filed"):
                self._file(skp)
            objection.with_user(self.user_head).action_decide_reject("Tidak beralasan")
            with self.assertRaisesRegex(UserError, "already been filed"):
                self._file(skp)

    @mute_logger("odoo.sql_db")
    def test_one_objection_per_skp_in_database(self):
        """The database refuses a second keberatan, whatever the code path."""
        skp, _objection = self._filed()
        with self.assertRaises(UniqueViolation), self.env.cr.savepoint():
            self.env.cr.execute(
                """INSERT INTO hr_asn_objection
                   (appraisal_id, reason, state, date_filed, company_id)
                   VALUES (%s, 'lagi', 'submitted', now(), %s)""",
                [skp.id, skp.company_id.id],
            )

    # ------------------------------------------------------------------
    # Decision
    # ------------------------------------------------------------------
    def test_decision_changes_ratings_and_predikat(self):
        """Accepted: the SKP stays done with the new ratings and predikat."""
        skp, objection = self._filed()
        self.assertEqual(skp.predikat, "butuh_perbaikan")
        as_head = objection.with_user(self.user_head)
        self.assertTrue(as_head.can_decide)
        as_head.action_decide_change("as_expected", "above", "Hambatan di luar kendali")
        self.assertEqual(skp.state, "done")
        self.assertEqual(skp.work_rating, "as_expected")
        self.assertEqual(skp.behavior_rating, "above")
        # DOMAIN.md: Sesuai x Di Atas = Baik
        self.assertEqual(skp.predikat, "baik")
        self.assertEqual(objection.state, "changed")
        self.assertEqual(objection.new_predikat, "baik")
        self.assertEqual(objection.decided_by_id, self.user_head)
        self.assertTrue(objection.date_decided)
        self.assertFalse(objection.activity_ids)
        bodies = " ".join(str(m.body) for m in skp.message_ids)
        self.assertIn("Keberatan accepted by", bodies)
        self.assertIn("The decision is final.", bodies)
        decision = skp.message_ids.filtered(lambda m: "accepted" in str(m.body))
        self.assertEqual(decision.author_id, self.user_head.partner_id)
        self.assertIn(self.user_staff.partner_id, decision.partner_ids)

    def test_decision_to_sangat_baik(self):
        skp, objection = self._filed(
            employee=self.emp_colleague, work="above", behavior="as_expected"
        )
        # DOMAIN.md: Di Atas x Sesuai = Baik
        self.assertEqual(skp.predikat, "baik")
        objection.with_user(self.user_head).action_decide_change("above", "above")
        # DOMAIN.md: Di Atas x Di Atas = Sangat Baik
        self.assertEqual(skp.predikat, "sangat_baik")

    def test_rejection_keeps_the_ratings(self):
        skp, objection = self._filed()
        as_head = objection.with_user(self.user_head)
        with self.assertRaises(UserError):
            as_head.action_decide_reject("  ")
        as_head.action_decide_reject("Penataan arsip tetap menjadi tanggung jawab.")
        self.assertEqual(objection.state, "rejected")
        self.assertEqual(
            (skp.work_rating, skp.behavior_rating, skp.predikat),
            ("below", "as_expected", "butuh_perbaikan"),
        )
        self.assertIn("Keberatan rejected by", str(skp.message_ids[0].body))

    def test_decision_is_final(self):
        skp, objection = self._filed()
        as_head = objection.with_user(self.user_head)
        as_head.action_decide_change("as_expected", "as_expected")
        self.assertFalse(as_head.can_decide)
        with self.assertRaisesRegex(UserError, "final"):
            as_head.action_decide_reject("Berubah pikiran")
        with self.assertRaisesRegex(UserError, "final"):
            as_head.action_decide_change("below", "below")
        with self.assertRaises(UserError):
            objection.with_user(self.user_staff).write({"reason": "Tambahan"})
        self.assertEqual(skp.predikat, "baik")

    def test_same_ratings_is_no_change(self):
        _skp, objection = self._filed()
        with self.assertRaisesRegex(UserError, "reject"):
            objection.with_user(self.user_head).action_decide_change(
                "below", "as_expected"
            )
        self.assertEqual(objection.state, "submitted")

    def test_change_needs_both_ratings(self):
        skp, objection = self._filed()
        with self.assertRaises(UserError):
            objection.with_user(self.user_head).action_decide_change("above", False)
        self.assertEqual(objection.state, "submitted")
        self.assertEqual(skp.work_rating, "below")

    def test_only_the_appraisers_superior_decides(self):
        """Not the appraiser, not HR, not the employee, not a colleague."""
        skp, objection = self._filed()
        for user in (
            self.user_appraiser,
            self.user_hr,
            self.user_staff,
            self.user_colleague,
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    objection.with_user(user).action_decide_change("above", "above")
                with self.assertRaises(AccessError):
                    objection.with_user(user).action_decide_reject("Tidak")
                with self.assertRaises(AccessError):
                    objection.with_user(user).action_change_wizard()
        self.assertFalse(objection.with_user(self.user_hr).can_decide)
        self.assertFalse(objection.with_user(self.user_appraiser).can_decide)
        self.assertEqual(objection.state, "submitted")
        self.assertEqual(skp.work_rating, "below")

    def test_sanctioned_path_checks_the_decider(self):
        """_apply_objection_decision is the only way past the lock of a done
        SKP, and only for the decider of that very keberatan."""
        skp, objection = self._filed()
        with self.assertRaises(AccessError):
            skp.with_user(self.user_appraiser)._apply_objection_decision(
                "above", "above", objection
            )
        with self.assertRaises(AccessError):
            skp.with_user(self.user_hr)._apply_objection_decision(
                "above", "above", objection
            )
        with freeze_time(VALIDATED_AT):
            other = self._done_skp(employee=self.emp_colleague)
        with self.assertRaises(UserError):
            other.with_user(self.user_head)._apply_objection_decision(
                "above", "above", objection
            )
        # The lock of a done SKP stays for everyone else.
        with self.assertRaises(UserError):
            skp.with_user(self.user_appraiser).write({"work_rating": "above"})
        self.assertEqual(skp.work_rating, "below")

    def test_decision_fields_only_through_the_buttons(self):
        _skp, objection = self._filed()
        with self.assertRaises(UserError):
            objection.with_user(self.user_head).write({"state": "rejected"})
        with self.assertRaises(UserError):
            objection.with_user(self.user_staff).write({"new_work_rating": "above"})
        with self.assertRaises(UserError):
            objection.with_user(self.user_staff).write({"state": "changed"})
        self.assertEqual(objection.state, "submitted")

    def test_decision_needs_a_validated_skp(self):
        """Reopened by HR meanwhile: decide once it is validated again."""
        skp, objection = self._filed()
        skp.with_user(self.user_hr).action_reopen("Koreksi data")
        with self.assertRaisesRegex(UserError, "validated SKP"):
            objection.with_user(self.user_head).action_decide_change("above", "above")
        skp.with_user(self.user_hr).action_validate()
        objection.with_user(self.user_head).action_decide_change("above", "above")
        self.assertEqual(skp.predikat, "sangat_baik")

    def test_hook_called_after_decision(self):
        _skp, objection = self._filed()
        Appraisal = self.registry["hr.asn.appraisal"]
        with patch.object(
            Appraisal, "_on_objection_decided", autospec=True, return_value=True
        ) as hook:
            objection.with_user(self.user_head).action_decide_reject("Tidak")
        hook.assert_called_once()
        self.assertEqual(hook.call_args.args[0], objection.appraisal_id)

    def test_decision_wizard(self):
        skp, objection = self._filed()
        action = objection.with_user(self.user_head).action_change_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_head)
            .with_context(**action["context"])
            .create({"work_rating": "as_expected", "note": "Diterima"})
        )
        self.assertEqual(wizard.decision, "change")
        self.assertEqual(wizard.behavior_rating, "as_expected")
        wizard.action_confirm()
        self.assertEqual(objection.state, "changed")
        # DOMAIN.md: Sesuai x Sesuai = Baik
        self.assertEqual(skp.predikat, "baik")

    # ------------------------------------------------------------------
    # Follow-up and visibility
    # ------------------------------------------------------------------
    def test_decider_gets_the_todo(self):
        skp, objection = self._filed()
        activity = objection.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_head)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("hr_asn_appraisal.mail_activity_type_objection_decide"),
        )
        self.assertIn(self.user_head.partner_id, objection.message_partner_ids)
        self.assertIn("Keberatan filed by", str(skp.message_ids[0].body))

    def test_who_reads_objections(self):
        """Employee, appraiser, appraiser's superior and HR read it; nobody else."""
        _skp, objection = self._filed()
        Objection = self.env["hr.asn.objection"]
        for user in (
            self.user_staff,
            self.user_appraiser,
            self.user_head,
            self.user_hr,
        ):
            with self.subTest(user=user.login):
                self.assertEqual(Objection.with_user(user).search([]), objection)
                objection.with_user(user).read(["reason", "state"])
        for user in (self.user_colleague, self.user_other_hr):
            with self.subTest(user=user.login):
                self.assertFalse(Objection.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    objection.with_user(user).read(["reason"])

    def test_nobody_deletes_an_objection(self):
        _skp, objection = self._filed()
        for user in (self.user_staff, self.user_head, self.user_hr):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                objection.with_user(user).unlink()

    def test_employee_amends_reasons_and_evidence(self):
        _skp, objection = self._filed()
        with self.assertRaises(AccessError):
            objection.with_user(self.user_appraiser).write({"reason": "Diubah"})
        evidence = (
            self.env["ir.attachment"]
            .with_user(self.user_staff)
            .create(
                {
                    "name": "berita_acara_pemindahan_arsip.pdf",
                    "datas": base64.b64encode(b"%PDF-1.4 bukti"),
                    "res_model": "hr.asn.objection",
                    "res_id": 0,
                }
            )
        )
        objection.with_user(self.user_staff).write(
            {"reason": "Alasan diperbarui", "attachment_ids": [(4, evidence.id)]}
        )
        self.assertEqual(evidence.res_id, objection.id)
        # The decider reads the evidence.
        evidence.with_user(self.user_head).read(["name", "datas"])

    def test_evidence_at_filing(self):
        with freeze_time(VALIDATED_AT):
            skp = self._done_skp()
            evidence = (
                self.env["ir.attachment"]
                .with_user(self.user_staff)
                .create(
                    {
                        "name": "bukti.pdf",
                        "datas": base64.b64encode(b"%PDF-1.4"),
                        "res_model": "hr.asn.objection",
                        "res_id": 0,
                    }
                )
            )
            objection = self._file(skp, attachment_ids=[(6, 0, evidence.ids)])
        self.assertEqual(evidence.res_id, objection.id)
        evidence.with_user(self.user_hr).read(["name"])

    def test_forms(self):
        """The employee files from the SKP button; the decider uses the wizard."""
        with freeze_time(VALIDATED_AT):
            skp = self._done_skp()
            action = skp.with_user(self.user_staff).action_file_objection()
            Objection = (
                self.env[action["res_model"]]
                .with_user(self.user_staff)
                .with_context(**action["context"])
            )
            with Form(Objection) as form:
                form.reason = REASON
                form.requested_work_rating = "as_expected"
            objection = form.record
        self.assertEqual(objection.appraisal_id, skp)
        action = objection.with_user(self.user_head).action_reject_wizard()
        Wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_head)
            .with_context(**action["context"])
        )
        with Form(Wizard) as form:
            form.note = "Tidak ada bukti baru."
        form.record.action_confirm()
        self.assertEqual(objection.state, "rejected")
        with self.assertRaises(AssertionError):
            with Form(objection.with_user(self.user_staff)) as form:
                form.reason = "Diubah setelah keputusan"
