from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestServerOwnedFields(AsnAppraisalCase):
    """Stamps, snapshots and late flags come from the server, never the caller."""

    def _submitted_skp(self):
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        return skp

    def test_forged_approval_is_refused_and_nothing_stored(self):
        skp = self._submitted_skp()
        with self.assertRaises(UserError) as caught:
            skp.with_user(self.user_appraiser).write(
                {
                    "state": "approved",
                    "employee_name_snapshot": "FORGED NAME",
                    "date_approved": "2020-01-01 00:00:00",
                }
            )
        self.assertIn("Employee Name (at approval)", str(caught.exception))
        skp.invalidate_recordset()
        self.assertEqual(skp.state, "submitted")
        self.assertFalse(skp.employee_name_snapshot)
        self.assertFalse(skp.date_approved)
        # The real approval stamps the server's values.
        skp.with_user(self.user_appraiser).action_approve()
        self.assertEqual(skp.employee_name_snapshot, "Staf Satu")
        self.assertTrue(skp.date_approved)

    def test_stamps_refused_for_every_role(self):
        skp = self._submitted_skp()
        skp.with_user(self.user_appraiser).action_approve()
        forged = {
            self.user_staff: {"submitted_late": False},
            self.user_appraiser: {"date_rated": "2020-01-01 00:00:00"},
            self.user_hr: {"date_done": "2020-01-01 00:00:00"},
            self.user_head: {"employee_user_id": self.user_head.id},
        }
        for user, vals in forged.items():
            with self.subTest(user=user.login), self.assertRaises(UserError):
                skp.with_user(user).write(vals)

    def test_reason_only_with_its_transition(self):
        skp = self._submitted_skp()
        with self.assertRaises(UserError):
            skp.with_user(self.user_hr).write({"cancel_reason": "Diam-diam"})
        with self.assertRaises(UserError):
            # A return reason does not come with an approval.
            skp.with_user(self.user_appraiser).write(
                {"state": "approved", "return_reason": "Disisipkan"}
            )
        self.assertFalse(skp.return_reason)

    def test_create_cannot_carry_workflow_values(self):
        Appraisal = self.env["hr.asn.appraisal"].with_user(self.user_hr)
        for vals in (
            {"state": "done"},
            {"date_done": "2020-01-01 00:00:00"},
            {"employee_name_snapshot": "FORGED"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                Appraisal.create(
                    {"employee_id": self.emp_colleague.id, "cycle_id": self.cycle.id}
                    | vals
                )

    def test_checkin_and_training_stamps_refused(self):
        skp = self._rated_skp()
        checkin = skp.checkin_ids[:1]
        with self.assertRaises(UserError):
            checkin.with_user(self.user_staff).write(
                {"submitted_late": False, "date_first_submitted": False}
            )


@tagged("post_install", "-at_install")
class TestTransitionLog(AsnAppraisalCase):
    """One row per state change, written by the engine, changed by nobody."""

    def test_each_transition_is_logged_with_who_and_why(self):
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_return("RHK belum lengkap")
        logs = skp.transition_log_ids.sorted("id")
        self.assertEqual(
            [(log.from_state, log.to_state, log.user_id) for log in logs],
            [
                ("draft", "submitted", self.user_staff),
                ("submitted", "draft", self.user_appraiser),
            ],
        )
        self.assertEqual(logs[1].reason, "RHK belum lengkap")
        self.assertEqual(logs[1].to_state_label, "Draft")
        self.assertFalse(logs.acting_for_id)

    def test_hr_recording_for_an_appraiser_without_login_acts_for_them(self):
        self.emp_appraiser.user_id = False
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_hr).action_approve()
        log = skp.transition_log_ids.filtered(lambda r: r.to_state == "approved")
        self.assertEqual(log.user_id, self.user_hr)
        self.assertEqual(log.acting_for_id, self.emp_appraiser)

    def test_nobody_changes_or_deletes_the_log(self):
        skp = self._approved_skp()
        log = skp.transition_log_ids.sorted("id")[:1]
        admin = new_test_user(
            self.env,
            login="t_hr_admin",
            groups="base.group_user,hr_asn_appraisal.group_hr_asn_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        Log = self.env["hr.asn.transition.log"]
        for env_log in (log.with_user(admin), log.sudo()):
            with self.assertRaises(UserError):
                env_log.write({"reason": "Diubah"})
            with self.assertRaises(UserError):
                env_log.unlink()
        for model in (Log.with_user(admin), Log.sudo()):
            with self.assertRaises(UserError):
                model.create(
                    {
                        "res_model": skp._name,
                        "res_id": skp.id,
                        "from_state": "rated",
                        "to_state": "done",
                        "user_id": admin.id,
                        "date": "2020-01-01 00:00:00",
                    }
                )
        self.assertEqual(log.to_state, "submitted")

    def test_log_readable_by_who_can_read_the_document(self):
        skp = self._approved_skp()
        log_ids = skp.transition_log_ids.ids
        Log = self.env["hr.asn.transition.log"]
        for user in (self.user_staff, self.user_appraiser, self.user_hr):
            with self.subTest(user=user.login):
                found = Log.with_user(user).search([("id", "in", log_ids)])
                self.assertEqual(sorted(found.ids), sorted(log_ids))
                found.read(["to_state", "user_id"])
        for user in (self.user_colleague, self.user_other_hr):
            with self.subTest(user=user.login):
                self.assertFalse(Log.with_user(user).search([("id", "in", log_ids)]))
                with self.assertRaises(AccessError):
                    Log.with_user(user).browse(log_ids).read(["to_state"])

    def test_printed_sign_date_comes_from_the_log(self):
        skp = self._approved_skp()
        log = skp.transition_log_ids.filtered(lambda r: r.to_state == "approved")
        # The day it was in the reader's time zone (UTC late evening is the
        # next morning in Jakarta).
        self.assertEqual(
            skp._get_signed_on("approved"),
            fields.Datetime.context_timestamp(skp, log.date).date(),
        )


@tagged("post_install", "-at_install")
class TestSeparationOfDuties(AsnAppraisalCase):
    """Nobody acts in any role on their own case, whatever the user link says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr2 = new_test_user(
            cls.env,
            login="t_hr2",
            groups="base.group_user,hr_asn_appraisal.group_hr_asn_officer",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.emp_hr = cls.env["hr.employee"].create(
            {
                "name": "Petugas SDM",
                "company_id": cls.company.id,
                "department_id": cls.unit.id,
                "user_id": cls.user_hr.id,
                "parent_id": cls.emp_appraiser.id,
                "asn_type": "pns",
                "asn_nip": "198801012010011005",
                "asn_position_type": "pelaksana",
            }
        )

    def _rated_hr_skp(self):
        skp = self._create_skp(self.emp_hr)
        skp.with_user(self.user_hr).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "above", "behavior_rating": "above"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        return skp

    def test_hr_officer_cannot_validate_her_own_skp(self):
        skp = self._rated_hr_skp()
        self.assertFalse(skp.with_user(self.user_hr).can_validate)
        with self.assertRaises(AccessError):
            skp.with_user(self.user_hr).action_validate()
        self.assertEqual(skp.state, "rated")
        skp.with_user(self.user_hr2).action_validate()
        self.assertEqual(skp.state, "done")

    def test_relinking_her_employee_record_does_not_make_her_someone_else(self):
        skp = self._rated_hr_skp()
        # She moves her own employee record to another login...
        someone = new_test_user(
            self.env,
            login="t_someone",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.emp_hr.with_user(self.user_hr).write({"user_id": someone.id})
        with self.assertRaises(AccessError):
            skp.with_user(self.user_hr).action_validate()
        self.assertEqual(skp.state, "rated")
        # ... and once another officer validated it, she cannot reopen it.
        skp.with_user(self.user_hr2).action_validate()
        with self.assertRaises(AccessError):
            skp.with_user(self.user_hr).action_reopen("Koreksi")
        self.assertEqual(skp.state, "done")

    def test_the_person_stays_the_appraisee_after_the_link_is_cleared(self):
        skp = self._rated_hr_skp()
        self.emp_hr.user_id = False
        self.assertEqual(skp._get_user_roles(self.user_hr), {"employee"})
        self.assertFalse(skp.with_user(self.user_hr).can_validate)

    def test_an_archived_employee_record_in_another_company_is_the_person(self):
        """The same login linked to an archived record elsewhere: still her."""
        self.emp_hr.user_id = False
        skp = self._rated_hr_skp()
        self.assertIn("hr", skp._get_user_roles(self.user_hr))
        self.emp_hr.write({"user_id": self.user_hr.id, "active": False})
        self.assertEqual(skp._get_user_roles(self.user_hr), {"employee"})

    def test_unit_validation_with_her_own_skp_is_refused_clearly(self):
        skp = self._rated_hr_skp()
        unit_rating = self.env["hr.asn.unit.rating"].create(
            {
                "cycle_id": self.cycle.id,
                "department_id": self.unit.id,
                "org_rating": "baik",
            }
        )
        with self.assertRaisesRegex(AccessError, "another HR officer"):
            unit_rating.with_user(self.user_hr).action_validate_unit("Kalibrasi")
        self.assertEqual(skp.state, "rated")

    def test_hr_cannot_verify_feedback_about_herself(self):
        feedback = self.env["hr.asn.public.feedback"].create(
            {"name": "Pujian", "employee_id": self.emp_hr.id, "summary": "Ramah."}
        )
        self.assertFalse(feedback.with_user(self.user_hr).can_verify)
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_hr).action_verify()
        feedback.with_user(self.user_hr2).action_verify()
        self.assertEqual(feedback.state, "verified")
        self.assertTrue(feedback.verified)
        self.assertEqual(feedback.verified_by_id, self.user_hr2)


@tagged("post_install", "-at_install")
class TestEngineConsistency(AsnAppraisalCase):
    """Buttons and server decide from the same tables."""

    def test_can_flags_match_the_transition_check(self):
        skp = self._create_skp(self.emp_staff)
        users = [
            self.user_staff,
            self.user_colleague,
            self.user_appraiser,
            self.user_head,
            self.user_hr,
        ]
        steps = ["submitted", "approved"]
        for next_state in [*steps, None]:
            for user in users:
                record = skp.with_user(user)
                for flag, spec in record._get_can_fields().items():
                    if isinstance(spec, str):
                        continue
                    from_state, to_state = spec
                    key = (skp.state, to_state)
                    expected = (
                        from_state in (None, skp.state)
                        and key in record._get_transitions()
                        and bool(
                            record._get_user_roles() & record._get_transitions()[key]
                        )
                    )
                    with self.subTest(user=user.login, state=skp.state, flag=flag):
                        self.assertEqual(record[flag], expected)
            if next_state == "submitted":
                skp.with_user(self.user_staff).action_submit()
            elif next_state == "approved":
                skp.with_user(self.user_appraiser).action_approve()

    def test_cycle_state_goes_through_the_engine(self):
        self._create_skp(self.emp_staff)
        with self.assertRaises(UserError):
            # RPC-style raw write: still refused while SKPs are pending.
            self.cycle.with_user(self.user_hr).write({"state": "closed"})
        with self.assertRaises(AccessError):
            self.cycle.with_user(self.user_staff).action_close()
        self.assertEqual(self.cycle.state, "open")
        log = self.cycle.transition_log_ids
        self.assertEqual(log.mapped("to_state"), ["open"])
