from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AsnAppraisalCase

ROUND = "hr.asn.feedback360.request"
FORM = "hr.asn.feedback360.response"


@tagged("post_install", "-at_install")
class TestWorkflowFeedback360(AsnAppraisalCase):
    """360° rounds and forms move through the workflow engine: one log row
    per step in the acting user's name, the engine's refusals, and nobody
    runs a round about themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.with_user(cls.user_hr).enable_360 = True
        cls.peers = cls.env["hr.employee"]
        cls.peer_users = cls.env["res.users"]
        for index in range(2):
            user = new_test_user(
                cls.env,
                login=f"t_wf_peer{index}",
                groups="base.group_user",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
            cls.peer_users |= user
            cls.peers |= cls.env["hr.employee"].create(
                {
                    "name": f"Rekan {index}",
                    "company_id": cls.company.id,
                    "department_id": cls.unit.id,
                    "user_id": user.id,
                }
            )
        cls.invitees = cls.emp_colleague | cls.peers
        cls.skp = cls._create_skp(cls.emp_staff)
        cls.user_hr2 = new_test_user(
            cls.env,
            login="t_wf_hr2",
            groups="base.group_user,hr_asn_appraisal.group_hr_asn_officer",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def _round(self, skp=None, user=None):
        return (
            self.env[ROUND]
            .with_user(user or self.user_hr)
            .create(
                {
                    "appraisal_id": (skp or self.skp).id,
                    "invitee_ids": [Command.set(self.invitees.ids)],
                    "date_deadline": "2026-12-15",
                }
            )
        )

    def _logs(self, record):
        return (
            self.env["hr.asn.transition.log"]
            .sudo()
            .search(
                [("res_model", "=", record._name), ("res_id", "=", record.id)],
                order="id",
            )
        )

    def _form(self, request, user):
        return request.sudo().response_ids.filtered(lambda r: r.user_id == user)

    def _fill(self, form, user):
        form.with_user(user).line_ids.write({"score": "as_expected"})

    # ------------------------------------------------------------------
    # The transition log
    # ------------------------------------------------------------------
    def test_open_and_close_log_the_acting_officer(self):
        request = self._round()
        request.action_open()
        request.with_user(self.user_hr2).action_close()
        logs = self._logs(request)
        self.assertEqual(
            [(log.from_state, log.to_state, log.user_id) for log in logs],
            [("draft", "open", self.user_hr), ("open", "closed", self.user_hr2)],
        )
        self.assertFalse(logs.acting_for_id)
        self.assertEqual(request.transition_log_ids, logs)

    def test_submit_logs_the_reviewer(self):
        request = self._round()
        request.action_open()
        form = self._form(request, self.user_colleague)
        self._fill(form, self.user_colleague)
        form.with_user(self.user_colleague).action_submit()
        log = self._logs(form)
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.from_state, log.to_state, log.user_id),
            ("pending", "submitted", self.user_colleague),
        )
        self.assertFalse(log.acting_for_id)
        self.assertEqual(form.state, "submitted")
        self.assertTrue(form.date_submitted)

    def test_form_log_is_read_with_the_form_only(self):
        """The log row of a form names its reviewer: it is read by whoever
        reads the form (the reviewer, and HR, who see who answered anyway),
        never by another invitee, the appraiser or the employee reviewed, who
        may still search the log of their own documents."""
        request = self._round()
        request.action_open()
        form = self._form(request, self.user_colleague)
        self._fill(form, self.user_colleague)
        form.with_user(self.user_colleague).action_submit()
        log = self._logs(form)
        Log = self.env["hr.asn.transition.log"]
        for user in (self.user_colleague, self.user_hr):
            with self.subTest(user=user.login):
                found = Log.with_user(user).search([("id", "=", log.id)])
                self.assertEqual(found, log)
                log.with_user(user).read(["user_id"])
        self.skp.with_user(self.user_staff).action_submit()
        for user in (
            self.peer_users[0],
            self.user_appraiser,
            self.user_head,
            self.user_staff,
            self.user_other_hr,
        ):
            with self.subTest(user=user.login):
                found = Log.with_user(user).search([])
                self.assertFalse(found.filtered(lambda r: r.res_model in (FORM, ROUND)))
                with self.assertRaises(AccessError):
                    log.with_user(user).read(["user_id"])
        # The SKP's own log stays readable by its people.
        for user in (self.user_staff, self.user_appraiser):
            with self.subTest(user=user.login):
                found = Log.with_user(user).search([("res_model", "=", self.skp._name)])
                self.assertIn(self.skp.id, found.mapped("res_id"))

    # ------------------------------------------------------------------
    # Wrong person: AccessError
    # ------------------------------------------------------------------
    def test_staff_cannot_open_or_close_a_round(self):
        request = self._round()
        for user in (self.user_staff, self.user_colleague, self.user_appraiser):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    request.with_user(user).action_open()
                with self.assertRaises(AccessError):
                    request.with_user(user).write({"state": "open"})
        self.assertEqual(request.state, "draft")
        request.action_open()
        for user in (self.user_staff, self.user_colleague):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_close()
        self.assertEqual(request.state, "open")
        self.assertEqual(self._logs(request).mapped("to_state"), ["open"])

    def test_non_invited_user_cannot_submit_a_form(self):
        request = self._round()
        request.action_open()
        form = self._form(request, self.user_colleague)
        self._fill(form, self.user_colleague)
        for user in (self.user_hr, self.user_staff, self.peer_users[0]):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    form.with_user(user).action_submit()
                with self.assertRaises(AccessError):
                    form.with_user(user).write({"state": "submitted"})
        self.assertEqual(form.state, "pending")
        self.assertFalse(self._logs(form))

    def test_the_employee_reviewed_cannot_run_her_own_round(self):
        """An HR officer whose SKP the round is about cannot change, open or
        close it, even once her employee record's link is cleared: another
        officer does."""
        officer = self.env.ref("hr_asn_appraisal.group_hr_asn_officer")
        self.user_staff.groups_id = [Command.link(officer.id)]
        request = self._round(user=self.user_hr)
        self.assertFalse(request.with_user(self.user_staff).can_open)
        with self.assertRaises(AccessError):
            request.with_user(self.user_staff).action_open()
        with self.assertRaises(AccessError):
            request.with_user(self.user_staff).write({"date_deadline": "2026-12-31"})
        self.assertEqual(request.state, "draft")
        request.with_user(self.user_hr).action_open()
        self.assertFalse(request.with_user(self.user_staff).can_close)
        with self.assertRaises(AccessError):
            request.with_user(self.user_staff).action_close()
        self.assertEqual(request.state, "open")
        # Her employee record's link cleared: the SKP still knows her.
        self.emp_staff.user_id = False
        self.assertEqual(request._get_user_roles(self.user_staff), set())
        with self.assertRaises(AccessError):
            request.with_user(self.user_staff).action_close()
        self.assertEqual(request.state, "open")
        request.with_user(self.user_hr2).action_close()
        self.assertEqual(request.state, "closed")
        self.assertEqual(self._logs(request).user_id, self.user_hr | self.user_hr2)

    def test_the_employee_reviewed_cannot_create_her_own_round(self):
        officer = self.env.ref("hr_asn_appraisal.group_hr_asn_officer")
        self.user_staff.groups_id = [Command.link(officer.id)]
        count = self.env[ROUND].sudo().search_count([])
        with self.assertRaises(AccessError):
            self._round(user=self.user_staff)
        self.assertEqual(self.env[ROUND].sudo().search_count([]), count)

    # ------------------------------------------------------------------
    # Server-owned values and wrong states: UserError, nothing written
    # ------------------------------------------------------------------
    def test_caller_values_on_create_are_refused(self):
        request = self._round()
        rounds = self.env[ROUND].sudo().search_count([])
        with self.assertRaises(UserError):
            self.env[ROUND].with_user(self.user_hr).create(
                {
                    "appraisal_id": self._create_skp(self.emp_colleague).id,
                    "state": "open",
                }
            )
        self.assertEqual(self.env[ROUND].sudo().search_count([]), rounds)
        forms = self.env[FORM].sudo().search_count([])
        for vals in (
            {"state": "submitted"},
            {"date_submitted": "2020-01-01 00:00:00"},
        ):
            for user in (self.user_hr, self.user_colleague):
                with self.subTest(vals=vals, user=user.login):
                    with self.assertRaises(UserError):
                        self.env[FORM].with_user(user).create(
                            {
                                "request_id": request.id,
                                "reviewer_id": self.emp_colleague.id,
                                **vals,
                            }
                        )
        self.assertEqual(self.env[FORM].sudo().search_count([]), forms)
        self.assertEqual(request.state, "draft")
        self.assertFalse(self._logs(request))

    def test_caller_values_on_write_are_refused(self):
        request = self._round()
        with self.assertRaises(UserError):
            # No step from draft straight to closed.
            request.write({"state": "closed"})
        self.assertEqual(request.state, "draft")
        request.action_open()
        form = self._form(request, self.user_colleague)
        reviewer_form = form.with_user(self.user_colleague)
        self._fill(form, self.user_colleague)
        for vals in (
            {"date_submitted": "2020-01-01 00:00:00"},
            {"state": "submitted", "date_submitted": "2020-01-01 00:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                reviewer_form.write(vals)
        form.invalidate_recordset()
        self.assertEqual(form.state, "pending")
        self.assertFalse(form.date_submitted)
        self.assertFalse(self._logs(form))
        reviewer_form.action_submit()
        stamp = form.date_submitted
        for vals in (
            {"state": "pending"},
            {"date_submitted": "2020-01-01 00:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                reviewer_form.write(vals)
        with self.assertRaises(UserError):
            reviewer_form.action_submit()
        form.invalidate_recordset()
        self.assertEqual((form.state, form.date_submitted), ("submitted", stamp))
        self.assertEqual(len(self._logs(form)), 1)

    def test_answers_are_frozen_once_submitted(self):
        request = self._round()
        request.action_open()
        form = self._form(request, self.user_colleague)
        self._fill(form, self.user_colleague)
        reviewer_form = form.with_user(self.user_colleague)
        self.assertTrue(reviewer_form.can_edit)
        reviewer_form.action_submit()
        self.assertFalse(reviewer_form.can_edit)
        line = reviewer_form.line_ids[:1]
        with self.assertRaises(UserError):
            line.write({"score": "below", "comment": "Diubah"})
        with self.assertRaises(UserError):
            reviewer_form.write(
                {"line_ids": [Command.update(line.id, {"score": "below"})]}
            )
        line.invalidate_recordset()
        self.assertEqual(line.score, "as_expected")
        self.assertFalse(line.comment)

    def test_to_dos_follow_the_state(self):
        """Opening gives each reviewer a to-do, submitting marks it done,
        closing the round removes those left."""
        request = self._round()
        request.action_open()
        forms = request.sudo().response_ids
        self.assertEqual(forms.activity_ids.user_id, self.invitees.user_id)
        form = self._form(request, self.user_colleague)
        self._fill(form, self.user_colleague)
        form.with_user(self.user_colleague).action_submit()
        self.assertFalse(form.activity_ids)
        self.assertEqual(len((forms - form).activity_ids), 2)
        request.action_close()
        self.assertFalse(forms.activity_ids)
