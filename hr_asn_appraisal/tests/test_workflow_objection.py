from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AsnAppraisalCase

VALIDATED_AT = "2026-03-02 10:00:00"
REASON = "Capaian RHK terhambat pemindahan ruang arsip di luar kendali saya."
NOTE = "Bukti capaian tidak menunjukkan hambatan di luar kendali."
ACTIVITY_TYPE = "hr_asn_appraisal.mail_activity_type_objection_decide"


@tagged("post_install", "-at_install")
class TestWorkflowObjection(AsnAppraisalCase):
    """The keberatan on the workflow engine: the decision is a transition that
    only the appraiser's superior makes, once, with its reasons and one row in
    the transition log; the server's stamps never come from a caller."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A caller's value for every field the server owns.
        cls.forged = {
            "date_filed": "2020-01-01 00:00:00",
            "deadline": "2020-01-31",
            "original_work_rating": "above",
            "original_behavior_rating": "above",
            "original_predikat": "sangat_baik",
            "new_work_rating": "above",
            "new_behavior_rating": "above",
            "new_predikat": "sangat_baik",
            "decided_by_id": cls.user_head.id,
            "date_decided": "2020-01-01 00:00:00",
        }

    def _done_skp(self, employee=None, **skp_vals):
        """A validated SKP rated Di Bawah x Sesuai (Butuh Perbaikan)."""
        employee = employee or self.emp_staff
        with freeze_time(VALIDATED_AT):
            skp = self._create_skp(employee, **skp_vals)
            skp.with_user(employee.user_id).action_submit()
            skp.with_user(self.user_appraiser).action_approve()
            skp.with_user(self.user_appraiser).write(
                {"work_rating": "below", "behavior_rating": "as_expected"}
            )
            skp.with_user(self.user_appraiser).action_rate()
            skp.with_user(self.user_hr).action_validate()
        return skp

    def _file(self, skp, **vals):
        with freeze_time(VALIDATED_AT):
            return (
                self.env["hr.asn.objection"]
                .with_user(skp.employee_id.user_id)
                .create({"appraisal_id": skp.id, "reason": REASON, **vals})
            )

    def _filed(self, **skp_vals):
        skp = self._done_skp(**skp_vals)
        return skp, self._file(skp)

    def _server_values(self, objection):
        objection.invalidate_recordset()
        names = sorted(objection._get_server_owned_fields() | {"state"})
        return objection.sudo().read(names)[0]

    def test_every_server_owned_field_is_probed(self):
        Objection = self.env["hr.asn.objection"]
        self.assertEqual(set(self.forged), Objection._get_server_owned_fields())

    # ------------------------------------------------------------------
    # The transition log
    # ------------------------------------------------------------------
    def test_decision_writes_one_log_row(self):
        for decision, employee in (
            ("reject", self.emp_staff),
            ("change", self.emp_colleague),
        ):
            with self.subTest(decision=decision):
                skp, objection = self._filed(employee=employee)
                self.assertFalse(objection.transition_log_ids)
                as_head = objection.with_user(self.user_head)
                if decision == "reject":
                    as_head.action_decide_reject(NOTE)
                    to_state = "rejected"
                else:
                    as_head.action_decide_change("as_expected", "above", NOTE)
                    to_state = "changed"
                log = objection.transition_log_ids
                self.assertEqual(len(log), 1)
                self.assertEqual(
                    (log.from_state, log.to_state, log.user_id, log.reason),
                    ("submitted", to_state, self.user_head, NOTE),
                )
                self.assertFalse(log.acting_for_id)
                self.assertEqual(objection.state, to_state)
                self.assertEqual(objection.decided_by_id, self.user_head)
                self.assertEqual(objection.date_decided, log.date)
                self.assertEqual(objection.decision_note, NOTE)
                # Whoever reads the keberatan reads its log.
                Log = self.env["hr.asn.transition.log"].with_user(employee.user_id)
                self.assertEqual(Log.search([("id", "in", log.ids)]), log)
        self.assertEqual(
            (skp.work_rating, skp.behavior_rating, skp.predikat),
            ("as_expected", "above", "baik"),
        )

    def test_change_without_reasons_is_logged_with_the_standard_reason(self):
        _skp, objection = self._filed()
        objection.with_user(self.user_head).action_decide_change("above", "above")
        log = objection.transition_log_ids
        self.assertEqual(len(log), 1)
        self.assertTrue(log.reason)
        self.assertEqual(log.reason, objection.decision_note)
        self.assertEqual(
            (objection.new_work_rating, objection.new_behavior_rating),
            ("above", "above"),
        )

    # ------------------------------------------------------------------
    # Who decides
    # ------------------------------------------------------------------
    def test_only_the_superior_decides(self):
        skp, objection = self._filed()
        for user in (self.user_staff, self.user_appraiser, self.user_hr):
            as_user = objection.with_user(user)
            with self.subTest(user=user.login):
                self.assertFalse(as_user.can_decide)
                with self.assertRaises(AccessError):
                    as_user.action_decide_reject(NOTE)
                with self.assertRaises(AccessError):
                    as_user.action_decide_change("above", "above", NOTE)
                with self.assertRaises(AccessError):
                    as_user.action_reject_wizard()
                # The raw write an RPC client sends: the engine's refusal.
                for state in ("rejected", "changed"):
                    with self.assertRaises(AccessError):
                        as_user.write({"state": state, "decision_note": NOTE})
        self.assertEqual(objection.state, "submitted")
        self.assertFalse(objection.transition_log_ids)
        self.assertEqual(skp.work_rating, "below")
        as_head = objection.with_user(self.user_head)
        self.assertTrue(as_head.can_decide)
        as_head.action_decide_reject(NOTE)
        self.assertEqual(objection.state, "rejected")
        self.assertFalse(as_head.can_decide)

    def test_the_superior_who_is_the_employee_cannot_decide(self):
        """Separation of duties, from the SKP's roles: the employee never
        decides their own keberatan, whatever the SKP or the links say."""
        # Recorded as her own appraiser's superior.
        _skp, own = self._filed(appraiser_parent_id=self.emp_staff.id)
        self.assertFalse(own.activity_ids)  # no to-do for her own case
        # The superior's employee record relinked to the appraisee's login:
        # the SKP remembers who its appraisee is.
        _skp, relinked = self._filed(employee=self.emp_colleague)
        self.emp_colleague.user_id = False
        self.env.flush_all()  # one login per employee record, row by row
        self.emp_head.user_id = self.user_colleague
        for user, objection in (
            (self.user_staff, own),
            (self.user_colleague, relinked),
        ):
            as_user = objection.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(as_user._get_user_roles(), {"employee"})
                self.assertFalse(as_user.can_decide)
                with self.assertRaises(AccessError):
                    as_user.action_decide_reject(NOTE)
                with self.assertRaises(AccessError):
                    as_user.write({"state": "rejected", "decision_note": NOTE})
                with self.assertRaises(AccessError):
                    as_user.action_decide_change("above", "above", NOTE)
                self.assertEqual(objection.state, "submitted")
                self.assertFalse(objection.transition_log_ids)

    def test_deciding_twice_is_refused(self):
        _skp, objection = self._filed()
        as_head = objection.with_user(self.user_head)
        as_head.action_decide_reject(NOTE)
        decided = self._server_values(objection)
        attempts = (
            lambda: as_head.action_decide_reject("Berubah pikiran"),
            lambda: as_head.action_decide_change("above", "above", "Dikabulkan"),
            lambda: as_head.write({"state": "changed", "decision_note": "Dikabulkan"}),
            lambda: as_head.write({"state": "rejected", "decision_note": "Lagi"}),
        )
        for number, attempt in enumerate(attempts):
            with self.subTest(attempt=number):
                with self.assertRaises(UserError) as caught:
                    attempt()
                # A wrong state, not a wrong person.
                self.assertNotIsInstance(caught.exception, AccessError)
        self.assertEqual(self._server_values(objection), decided)
        self.assertEqual(objection.decision_note, NOTE)
        self.assertEqual(len(objection.transition_log_ids), 1)

    # ------------------------------------------------------------------
    # Server-owned fields
    # ------------------------------------------------------------------
    def test_server_owned_fields_refused_on_write(self):
        _skp, objection = self._filed()
        for stage in ("waiting", "decided"):
            if stage == "decided":
                objection.with_user(self.user_head).action_decide_reject(NOTE)
            before = self._server_values(objection)
            for user in (self.user_staff, self.user_head, self.user_hr):
                for name, value in self.forged.items():
                    with self.subTest(stage=stage, user=user.login, field=name):
                        with self.assertRaises(UserError) as caught:
                            objection.with_user(user).write({name: value})
                        self.assertNotIsInstance(caught.exception, AccessError)
            self.assertEqual(self._server_values(objection), before)
        # Not even alongside what the employee may amend.
        _skp, waiting = self._filed(employee=self.emp_colleague)
        with self.assertRaises(UserError):
            waiting.with_user(self.user_colleague).write(
                {"reason": "Alasan baru", "original_work_rating": "above"}
            )
        waiting.invalidate_recordset()
        self.assertEqual(waiting.reason, REASON)
        self.assertEqual(waiting.original_work_rating, "below")

    def test_server_owned_fields_refused_on_create(self):
        skp = self._done_skp()
        Objection = self.env["hr.asn.objection"].sudo()
        forged = {
            **self.forged,
            "state": "changed",
            "decision_note": "Dikabulkan sendiri",
        }
        for name, value in forged.items():
            with self.subTest(field=name):
                with self.assertRaises(UserError) as caught:
                    self._file(skp, **{name: value})
                self.assertNotIsInstance(caught.exception, AccessError)
                self.assertFalse(Objection.search([("appraisal_id", "=", skp.id)]))
        objection = self._file(skp)
        self.assertEqual(objection.state, "submitted")
        self.assertEqual(
            (objection.original_work_rating, objection.original_predikat),
            ("below", "butuh_perbaikan"),
        )
        self.assertEqual(str(objection.date_filed), VALIDATED_AT)
        self.assertFalse(objection.decided_by_id or objection.new_work_rating)

    # ------------------------------------------------------------------
    # One funnel: the raw write of a decision is the button's decision
    # ------------------------------------------------------------------
    def test_raw_write_goes_through_the_same_funnel(self):
        skp, objection = self._filed()
        as_head = objection.with_user(self.user_head)
        self.assertEqual(objection.activity_ids.user_id, self.user_head)
        # A change needs the new ratings, which only the button gives the SKP.
        with self.assertRaisesRegex(UserError, "reject the keberatan instead"):
            as_head.write({"state": "changed", "decision_note": NOTE})
        # A rejection needs its reasons.
        with self.assertRaises(UserError):
            as_head.write({"state": "rejected"})
        self.assertEqual(objection.state, "submitted")
        self.assertFalse(objection.transition_log_ids)
        as_head.write({"state": "rejected", "decision_note": NOTE})
        self.assertEqual(objection.decided_by_id, self.user_head)
        self.assertEqual(len(objection.transition_log_ids), 1)
        self.assertFalse(
            objection.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(ACTIVITY_TYPE)
            )
        )
        self.assertIn("Keberatan rejected by", str(skp.message_ids[0].body))
        self.assertEqual(skp.predikat, "butuh_perbaikan")
