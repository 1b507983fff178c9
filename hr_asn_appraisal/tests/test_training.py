import datetime

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AsnAppraisalCase


class TrainingCase(AsnAppraisalCase):
    """Done SKPs for the PNS staff (Baik) and the PPPK colleague (Baik)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Program = cls.env["hr.asn.training.program"]
        cls.Request = cls.env["hr.asn.training.request"]
        cls.skp_staff = cls._done_skp(cls.emp_staff, cls.user_staff)
        cls.skp_colleague = cls._done_skp(cls.emp_colleague, cls.user_colleague)
        cls.program = cls._program(name="Pelatihan Teknis Kearsipan")

    @classmethod
    def _done_skp(
        cls, employee, user, work="as_expected", behavior="as_expected", appraiser=None
    ):
        appraiser = appraiser or cls.user_appraiser
        skp = cls._create_skp(employee)
        skp.with_user(user).action_submit()
        skp.with_user(appraiser).action_approve()
        skp.with_user(appraiser).write(
            {"work_rating": work, "behavior_rating": behavior}
        )
        skp.with_user(appraiser).action_rate()
        skp.with_user(cls.user_hr).action_validate()
        return skp

    @classmethod
    def _program(cls, days=10, length=2, **vals):
        today = fields.Date.today()
        return cls.Program.create(
            {
                "name": "Program",
                "company_id": cls.company.id,
                "category": "technical",
                "jp_hours": 16,
                "date_start": today + datetime.timedelta(days=days),
                "date_end": today + datetime.timedelta(days=days + length),
                "user_id": cls.user_hr.id,
                **vals,
            }
        )

    def _request(self, skp=None, program=None, user=None):
        skp = skp or self.skp_staff
        user = user or skp.employee_id.user_id
        return self.Request.with_user(user).create(
            {"appraisal_id": skp.id, "program_id": (program or self.program).id}
        )

    def _submitted(self, **kwargs):
        request = self._request(**kwargs)
        request.with_user(request.employee_id.user_id).action_submit()
        return request.with_user(self.env.user)

    def _approved_by_appraiser(self, **kwargs):
        request = self._submitted(**kwargs)
        request.with_user(self.user_appraiser).action_approve_appraiser()
        return request

    def _approved(self, **kwargs):
        request = self._approved_by_appraiser(**kwargs)
        request.with_user(self.user_hr).action_approve_hr()
        return request

    def _activity_users(self, request):
        return request.activity_ids.user_id


@tagged("post_install", "-at_install")
class TestTrainingWorkflow(TrainingCase):
    def test_full_flow_by_the_right_people(self):
        """Employee requests from the SKP, appraiser then HR approve, HR completes."""
        action = self.skp_staff.with_user(self.user_staff).action_request_training()
        wizard = self.env["hr.asn.training.request.wizard"].browse(action["res_id"])
        line = wizard.line_ids.filtered(lambda line: line.program_id == self.program)
        self.assertTrue(line.is_eligible)
        result = line.with_user(self.user_staff).action_choose()
        request = self.Request.browse(result["res_id"])
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.employee_id, self.emp_staff)
        self.assertEqual(request.appraiser_id, self.emp_appraiser)
        self.assertIn(
            self.user_staff.partner_id, request.message_follower_ids.partner_id
        )

        request.with_user(self.user_staff).action_submit()
        self.assertEqual(request.state, "submitted")
        self.assertEqual(self._activity_users(request), self.user_appraiser)

        request.with_user(self.user_appraiser).action_approve_appraiser()
        self.assertEqual(request.state, "approved_appraiser")
        self.assertEqual(request.appraiser_user_id, self.user_appraiser)
        self.assertEqual(self._activity_users(request), self.user_hr)

        request.with_user(self.user_hr).action_approve_hr()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.hr_user_id, self.user_hr)
        self.assertEqual(self._activity_users(request), self.user_hr)
        self.assertEqual(self.program.seats_taken, 1)

        # The programme takes place; then HR records the completion.
        self.program.write(
            {
                "date_start": fields.Date.today() - datetime.timedelta(days=3),
                "date_end": fields.Date.today() - datetime.timedelta(days=1),
            }
        )
        request.with_user(self.user_hr).action_done()
        self.assertEqual(request.state, "done")
        self.assertFalse(request.activity_ids)
        messages = request.message_ids.mapped("body")
        for step in ("submitted", "Approved by the appraiser", "Approved by HR"):
            self.assertTrue(any(step in body for body in messages), step)
        self.assertTrue(any("16 JP recorded" in body for body in messages))

    def test_completion_records_resume_line_and_jp(self):
        """Completion creates a 'Training' resume line and keeps JP and end date."""
        request = self._approved()
        self.program.write(
            {
                "date_start": fields.Date.today() - datetime.timedelta(days=3),
                "date_end": fields.Date.today() - datetime.timedelta(days=1),
            }
        )
        request.with_user(self.user_hr).action_done()
        line = request.resume_line_id
        self.assertEqual(line.employee_id, self.emp_staff)
        self.assertEqual(line.name, "Pelatihan Teknis Kearsipan")
        self.assertEqual(
            line.line_type_id, self.env.ref("hr_asn_appraisal.resume_type_training")
        )
        self.assertEqual(line.date_end, self.program.date_end)
        self.assertIn("16 JP", line.description)
        self.assertIn(line, self.emp_staff.resume_line_ids)
        hours = self.env["hr.asn.training.hours"].search(
            [("source_ref", "=", f"hr.asn.training.request,{request.id}")]
        )
        self.assertEqual(
            (hours.employee_id, hours.jp, hours.year),
            (self.emp_staff, 16, self.program.date_end.year),
        )
        # What a yearly JP total reads from a done request.
        self.assertEqual(
            (request.state, request.employee_id, request.jp_hours, request.date_end),
            ("done", self.emp_staff, 16, self.program.date_end),
        )
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.program.with_user(self.user_hr).jp_hours = 20
        self.program.with_user(self.user_hr).name = "Renamed"  # other fields stay open

    def test_done_only_after_programme_started(self):
        """HR cannot record a training that has not started."""
        request = self._approved()
        with self.assertRaisesRegex(UserError, "once it has started"):
            request.with_user(self.user_hr).action_done()
        self.assertEqual(request.state, "approved")

    def test_request_needs_a_done_skp(self):
        """No request, nor request button, before the SKP is validated."""
        skp = self._create_skp(self.emp_head)
        with self.assertRaises(ValidationError):
            self.Request.create({"appraisal_id": skp.id, "program_id": self.program.id})
        with self.assertRaisesRegex(UserError, "not validated"):
            skp.with_user(self.user_head).action_request_training()
        self.assertFalse(skp.with_user(self.user_head).can_request_training)
        self.assertTrue(self.skp_staff.with_user(self.user_staff).can_request_training)

    def test_duplicate_request_refused(self):
        """One live request per employee and programme."""
        self._submitted()
        action = self.skp_staff.with_user(self.user_staff).action_request_training()
        wizard = self.env["hr.asn.training.request.wizard"].browse(action["res_id"])
        line = wizard.line_ids.filtered(lambda line: line.program_id == self.program)
        self.assertEqual(
            (line.is_eligible, line.eligibility_note), (False, "Already requested.")
        )
        request = self._request()
        with self.assertRaisesRegex(UserError, "already has a request"):
            request.with_user(self.user_staff).action_submit()

    def test_hr_acts_for_employee_without_login(self):
        """An employee without a login (e.g. a teacher): HR requests for them."""
        self.emp_colleague.user_id = False
        request = self._request(skp=self.skp_colleague, user=self.user_hr)
        request.with_user(self.user_hr).action_submit()
        self.assertEqual(request.state, "submitted")
        with self.assertRaises(AccessError):
            request.with_user(self.user_hr).action_approve_appraiser()

    def test_awaiting_my_action(self):
        """'Waiting for me' lists what each approver must decide."""
        submitted = self._submitted()
        hr_step = self._approved_by_appraiser(skp=self.skp_colleague)
        domain = [("awaiting_my_action", "=", True)]
        self.assertEqual(
            self.Request.with_user(self.user_appraiser).search(domain), submitted
        )
        self.assertEqual(self.Request.with_user(self.user_hr).search(domain), hr_step)
        self.assertFalse(self.Request.with_user(self.user_staff).search(domain))

    def test_unlink_only_drafts(self):
        draft = self._request()
        submitted = self._submitted(skp=self.skp_colleague)
        with self.assertRaises(UserError):
            submitted.with_user(self.user_hr).unlink()
        draft.with_user(self.user_staff).unlink()
        self.assertFalse(draft.exists())


@tagged("post_install", "-at_install")
class TestTrainingAccess(TrainingCase):
    """Role x step matrix: each step by its actor only, every refusal checked."""

    def test_employee_creates_only_own_requests(self):
        """A colleague cannot request training on someone else's SKP."""
        with self.assertRaises(AccessError):
            self._request(user=self.user_colleague)
        with self.assertRaises(AccessError):
            self.skp_staff.with_user(self.user_appraiser).action_request_training()

    def test_submit_only_by_employee(self):
        request = self._request()
        for user in (self.user_appraiser, self.user_hr):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_submit()
        request.with_user(self.user_staff).action_submit()
        self.assertEqual(request.state, "submitted")

    def test_step_one_only_by_appraiser(self):
        """Neither the employee, nor HR, nor the head approves for the appraiser."""
        request = self._submitted()
        for user in (self.user_staff, self.user_hr, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_approve_appraiser()
        with self.assertRaisesRegex(UserError, "cannot go from Submitted"):
            request.with_user(self.user_appraiser).action_approve_hr()
        request.with_user(self.user_appraiser).action_approve_appraiser()
        self.assertEqual(request.state, "approved_appraiser")

    def test_step_two_and_completion_only_by_hr(self):
        request = self._approved_by_appraiser()
        for user in (self.user_staff, self.user_appraiser, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_approve_hr()
        with self.assertRaises(UserError):
            request.with_user(self.user_hr).action_done()  # not approved yet
        request.with_user(self.user_hr).action_approve_hr()
        for user in (self.user_staff, self.user_appraiser):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_done()

    def test_hr_never_approves_own_request(self):
        """An HR officer's own request goes through another HR officer."""
        self.emp_colleague.user_id = self.user_hr
        request = self._approved_by_appraiser(skp=self.skp_colleague)
        with self.assertRaises(AccessError):
            request.with_user(self.user_hr).action_approve_hr()

    def test_refusal_by_appraiser_needs_reason(self):
        request = self._submitted()
        with self.assertRaisesRegex(UserError, "needs a reason"):
            request.with_user(self.user_appraiser).action_refuse("  ")
        for user in (self.user_staff, self.user_hr):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_refuse("Tidak relevan")
        wizard = (
            self.env["hr.asn.training.request.reason.wizard"]
            .with_user(self.user_appraiser)
            .create(
                {
                    "request_ids": [Command.set(request.ids)],
                    "action": "refuse",
                    "reason": "Tidak sesuai kebutuhan unit tahun ini.",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(request.state, "refused")
        self.assertEqual(
            request.refuse_reason, "Tidak sesuai kebutuhan unit tahun ini."
        )
        self.assertIn("Tidak sesuai kebutuhan unit", request.message_ids[0].body)

    def test_refusal_by_hr_at_step_two(self):
        request = self._approved_by_appraiser()
        with self.assertRaises(AccessError):
            request.with_user(self.user_appraiser).action_refuse("Anggaran habis")
        with self.assertRaisesRegex(UserError, "needs a reason"):
            request.with_user(self.user_hr).action_refuse("")
        request.with_user(self.user_hr).action_refuse("Anggaran habis")
        self.assertEqual(request.state, "refused")
        self.assertFalse(request.activity_ids)

    def test_cancel_by_employee_before_approval(self):
        """The employee withdraws a request until HR approves it."""
        for make in (self._request, self._submitted, self._approved_by_appraiser):
            request = make()
            with self.subTest(state=request.state):
                for user in (self.user_appraiser, self.user_colleague):
                    with self.assertRaises(AccessError):
                        request.with_user(user).action_cancel()
                request.with_user(self.user_staff).action_cancel()
                self.assertEqual(request.state, "cancel")
                self.assertFalse(request.activity_ids)

    def test_cancel_after_approval_only_by_hr_with_reason(self):
        request = self._approved()
        with self.assertRaises(AccessError):
            request.with_user(self.user_staff).action_cancel()
        with self.assertRaisesRegex(UserError, "needs a reason"):
            request.with_user(self.user_hr).action_cancel()
        request.with_user(self.user_hr).action_cancel("Pegawai sakit")
        self.assertEqual(request.state, "cancel")
        self.assertEqual(self.program.seats_taken, 0)

    def test_nobody_else_sees_the_request(self):
        """Colleague, appraiser's superior and other-company HR cannot read it."""
        request = self._submitted()
        for user in (self.user_colleague, self.user_head, self.user_other_hr):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).read(["state"])
        for user in (self.user_staff, self.user_appraiser, self.user_hr):
            with self.subTest(user=user.login):
                request.with_user(user).read(["state"])

    def test_appraiser_does_not_see_drafts(self):
        request = self._request()
        with self.assertRaises(AccessError):
            request.with_user(self.user_appraiser).read(["state"])

    def test_content_locked_after_submission(self):
        request = self._submitted()
        other = self._program(name="Other")
        for user in (self.user_staff, self.user_appraiser):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                request.with_user(user).write({"program_id": other.id})
        with self.assertRaises(UserError):
            request.with_user(self.user_staff).write({"state": "approved"})
        with self.assertRaises(UserError):
            request.with_user(self.user_hr).write({"refuse_reason": "x"})
        draft = self._request(skp=self.skp_colleague)
        # Not even to an SKP the user may read; another one is refused first
        # because they may not read it.
        with self.assertRaisesRegex(UserError, "cannot change"):
            draft.with_user(self.user_hr).write({"appraisal_id": self.skp_staff.id})
        with self.assertRaises(AccessError):
            draft.with_user(self.user_colleague).write(
                {"appraisal_id": self.skp_staff.id}
            )

    def test_programmes_read_by_all_managed_by_hr(self):
        self.program.with_user(self.user_staff).read(["name"])
        with self.assertRaises(AccessError):
            self.program.with_user(self.user_staff).write({"seats": 1})
        with self.assertRaises(AccessError):
            self._program(name="x").with_user(self.user_appraiser).unlink()
        with self.assertRaises(AccessError):
            self.program.with_user(self.user_other_hr).read(["name"])
        self.program.with_user(self.user_hr).write({"seats": 5})


@tagged("post_install", "-at_install")
class TestTrainingEligibility(TrainingCase):
    """Each eligibility rule refuses at submission with a sentence naming it."""

    def test_predikat_not_allowed(self):
        program = self._program(allow_baik=False)
        request = self._request(program=program)
        with self.assertRaisesRegex(
            UserError, r'Rule "predikat".*Sangat Baik, Butuh Perbaikan.*is Baik'
        ):
            request.with_user(self.user_staff).action_submit()
        self.assertEqual(request.state, "draft")

    def test_no_seats_left(self):
        program = self._program(seats=1)
        self._approved(skp=self.skp_colleague, program=program)
        request = self._request(program=program)
        with self.assertRaisesRegex(UserError, r'Rule "seats": all 1 seats'):
            request.with_user(self.user_staff).action_submit()

    def test_programme_already_started(self):
        program = self._program(days=-1, length=3)
        request = self._request(program=program)
        with self.assertRaisesRegex(
            UserError, r'Rule "programme dates".*already started'
        ):
            request.with_user(self.user_staff).action_submit()

    def test_programme_ended(self):
        program = self._program(days=-10, length=2)
        request = self._request(program=program)
        with self.assertRaisesRegex(UserError, r'Rule "programme dates".*ended on'):
            request.with_user(self.user_staff).action_submit()

    @freeze_time("2026-06-15")
    def test_pppk_jp_cap(self):
        """PPPK: at most 24 JP per contract year (DOMAIN.md)."""
        past = self._program(name="Past", days=-60, jp_hours=16)
        self.Request.create(
            {
                "appraisal_id": self.skp_colleague.id,
                "program_id": past.id,
                "state": "done",
            }
        )
        nine = self._program(name="Nine JP", jp_hours=9)
        request = self._request(
            skp=self.skp_colleague, program=nine, user=self.user_colleague
        )
        with self.assertRaisesRegex(
            UserError,
            r'Rule "PPPK JP cap": a PPPK takes at most 24 JP.*16 JP in 2026.*'
            r"adds 9 JP \(8 JP left\)",
        ):
            request.with_user(self.user_colleague).action_submit()
        eight = self._program(name="Eight JP", jp_hours=8)
        request = self._request(
            skp=self.skp_colleague, program=eight, user=self.user_colleague
        )
        request.with_user(self.user_colleague).action_submit()
        self.assertEqual(request.state, "submitted")

    @freeze_time("2026-06-15")
    def test_pns_has_no_cap(self):
        """PNS: 20 JP a year is a minimum, not a cap."""
        past = self._program(name="Past", days=-60, jp_hours=40)
        self.Request.create(
            {"appraisal_id": self.skp_staff.id, "program_id": past.id, "state": "done"}
        )
        request = self._request(program=self._program(jp_hours=40))
        request.with_user(self.user_staff).action_submit()
        self.assertEqual(request.state, "submitted")

    @freeze_time("2026-06-15")
    def test_jp_of_another_year_not_counted(self):
        last_year = self._program(name="2025", days=-200, jp_hours=24)
        self.assertEqual(last_year.date_end.year, 2025)
        self.Request.create(
            {
                "appraisal_id": self.skp_colleague.id,
                "program_id": last_year.id,
                "state": "done",
            }
        )
        request = self._request(
            skp=self.skp_colleague, program=self.program, user=self.user_colleague
        )
        request.with_user(self.user_colleague).action_submit()
        self.assertEqual(request.state, "submitted")

    def test_seats_rechecked_at_approvals(self):
        """Two submissions for the last seat: the second approval is refused."""
        program = self._program(seats=1)
        first = self._approved_by_appraiser(program=program)
        second = self._approved_by_appraiser(skp=self.skp_colleague, program=program)
        first.with_user(self.user_hr).action_approve_hr()
        with self.assertRaisesRegex(UserError, r'Rule "seats"'):
            second.with_user(self.user_hr).action_approve_hr()
        third_skp = self._done_skp(
            self.emp_appraiser, self.user_appraiser, appraiser=self.user_head
        )
        third = self.Request.with_user(self.user_appraiser).create(
            {"appraisal_id": third_skp.id, "program_id": program.id}
        )
        with self.assertRaisesRegex(UserError, r'Rule "seats"'):
            third.with_user(self.user_appraiser).action_submit()

    @freeze_time("2026-06-15")
    def test_jp_cap_rechecked_at_hr_approval(self):
        """A PPPK submitting two 16-JP programmes gets only one approved."""
        one = self._program(name="One", jp_hours=16)
        two = self._program(name="Two", jp_hours=16)
        first = self._approved_by_appraiser(
            skp=self.skp_colleague, program=one, user=self.user_colleague
        )
        second = self._approved_by_appraiser(
            skp=self.skp_colleague, program=two, user=self.user_colleague
        )
        first.with_user(self.user_hr).action_approve_hr()
        with self.assertRaisesRegex(UserError, r'Rule "PPPK JP cap"'):
            second.with_user(self.user_hr).action_approve_hr()
        self.assertEqual(second.state, "approved_appraiser")


@tagged("post_install", "-at_install")
class TestTrainingRelevance(TrainingCase):
    def test_wizard_orders_most_relevant_first(self):
        """Open to the predikat, then the weaker rating's programmes, then by start."""
        self.program.active = False
        # Sesuai / Di Bawah Ekspektasi: Kurang, and behaviour is the gap.
        skp = self._done_skp(
            self.emp_appraiser,
            self.user_appraiser,
            behavior="below",
            appraiser=self.user_head,
        )
        self.assertEqual(skp.predikat, "kurang")
        value = self.env.ref("hr_asn_appraisal.behavior_value_akuntabel")
        technical_early = self._program(name="Teknis awal", days=5)
        behaviour_late = self._program(
            name="BerAKHLAK",
            days=30,
            category="socio_cultural",
            value_ids=[Command.set(value.ids)],
        )
        technical_late = self._program(name="Teknis akhir", days=20)
        not_open = self._program(
            name="Kepemimpinan",
            days=2,
            category="managerial",
            allow_kurang=False,
            value_ids=[Command.set(value.ids)],
        )
        self._program(name="Sudah mulai", days=-1)  # not offered any more
        action = skp.with_user(self.user_appraiser).action_request_training()
        wizard = self.env["hr.asn.training.request.wizard"].browse(action["res_id"])
        self.assertEqual(
            wizard.line_ids.program_id.ids,
            (behaviour_late + technical_early + technical_late + not_open).ids,
        )
        self.assertEqual(wizard.line_ids.mapped("relevance"), [110, 100, 100, 10])
        self.assertEqual(
            wizard.line_ids.mapped("is_eligible"), [True, True, True, False]
        )
        self.assertIn('Rule "predikat"', wizard.line_ids[-1].eligibility_note)
