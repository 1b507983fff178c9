from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import AsnAppraisalCase


@tagged("post_install", "-at_install")
class TestFeedback360(AsnAppraisalCase):
    """360° behaviour input: each invitee fills in their own form; the
    appraiser, the appraiser's superior and HR see anonymous totals only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.with_user(cls.user_hr).enable_360 = True
        cls.peers = cls.env["hr.employee"]
        cls.peer_users = cls.env["res.users"]
        for index, name in enumerate(("Staf Tiga", "Staf Empat")):
            user = new_test_user(
                cls.env,
                login=f"t_peer{index}",
                groups="base.group_user",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
            cls.peer_users |= user
            cls.peers |= cls.env["hr.employee"].create(
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "department_id": cls.unit.id,
                    "user_id": user.id,
                    "parent_id": cls.emp_appraiser.id,
                }
            )
        cls.user_peer_a, cls.user_peer_b = cls.peer_users
        cls.invitees = cls.emp_colleague | cls.peers
        cls.reviewers = cls.user_colleague | cls.peer_users
        cls.skp = cls._create_skp(cls.emp_staff)
        cls.values = cls.env["hr.asn.behavior.value"].search([])

    def _round(self, invitees=None, skp=None):
        invitees = self.invitees if invitees is None else invitees
        return (
            self.env["hr.asn.feedback360.request"]
            .with_user(self.user_hr)
            .create(
                {
                    "appraisal_id": (skp or self.skp).id,
                    "invitee_ids": [Command.set(invitees.ids)],
                    "date_deadline": "2026-12-15",
                }
            )
        )

    def _open_round(self):
        request = self._round()
        request.action_open()
        return request

    def _form(self, request, user):
        return request.response_ids.filtered(lambda r: r.user_id == user).with_user(
            user
        )

    def _answer(self, request, user, scores=None, default="as_expected", comment=None):
        """The reviewer scores every value (``scores`` overrides per code)."""
        form = self._form(request, user)
        scores = scores or {}
        for line in form.line_ids:
            vals = {"score": scores.get(line.value_id.code, default)}
            if comment and line.value_id.code in comment:
                vals["comment"] = comment[line.value_id.code]
            line.write(vals)
        form.action_submit()
        return form

    def _answer_all(self, request):
        """Colleague: all above; peer A: loyal below, rest as expected;
        peer B: all as expected."""
        self._answer(
            request,
            self.user_colleague,
            default="above",
            comment={"harmonis": "Selalu membantu rekan baru."},
        )
        self._answer(request, self.user_peer_a, scores={"loyal": "below"})
        self._answer(request, self.user_peer_b)

    # ------------------------------------------------------------------
    # The round
    # ------------------------------------------------------------------
    def test_round_needs_360_enabled_on_the_cycle(self):
        self.cycle.with_user(self.user_hr).enable_360 = False
        with self.assertRaises(UserError):
            self._round()
        with self.assertRaises(UserError):
            self.skp.with_user(self.user_hr).action_open_feedback360()

    def test_only_hr_runs_rounds(self):
        """Employee, appraiser and superior cannot create, open or close a round."""
        request = self._round()
        for user in (self.user_staff, self.user_appraiser, self.user_head):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["hr.asn.feedback360.request"].with_user(user).create(
                        {"appraisal_id": self.skp.id}
                    )
                with self.assertRaises(AccessError):
                    request.with_user(user).action_open()
                with self.assertRaises(AccessError):
                    request.with_user(user).read(["invitee_ids"])
                with self.assertRaises(AccessError):
                    self.skp.with_user(user).action_open_feedback360()
        with self.assertRaises(AccessError):
            request.with_user(self.user_other_hr).action_open()
        request.action_open()
        with self.assertRaises(AccessError):
            request.with_user(self.user_appraiser).action_close()
        self.assertEqual(request.state, "open")

    def test_invitees(self):
        """Not the employee, not the appraisers, and only people with a user."""
        with self.assertRaises(ValidationError):
            self._round(self.invitees | self.emp_staff)
        with self.assertRaises(ValidationError):
            self._round(self.invitees | self.emp_appraiser)
        with self.assertRaises(ValidationError):
            self._round(self.invitees | self.emp_head)
        no_user = self.env["hr.employee"].create(
            {"name": "Tanpa Akun", "company_id": self.company.id}
        )
        with self.assertRaises(ValidationError):
            self._round(self.invitees | no_user)

    def _employee_of(self, user, name, company=None):
        return self.env["hr.employee"].create(
            {
                "name": name,
                "company_id": (company or self.company).id,
                "user_id": user.id,
            }
        )

    def test_hr_officers_cannot_be_invited(self):
        """Every HR officer of the company reads the totals of its rounds:
        the one inviting, another one, and one who works in two companies."""
        other_officer, two_companies = (
            new_test_user(
                self.env,
                login=login,
                groups="base.group_user,hr_asn_appraisal.group_hr_asn_officer",
                company_id=self.company.id,
                company_ids=[Command.set(companies.ids)],
            )
            for login, companies in (
                ("t_hr2", self.company),
                ("t_hr3", self.company | self.other_company),
            )
        )
        self._employee_of(two_companies, "Petugas Pusat", self.other_company)
        cases = {
            "the inviting officer": self._employee_of(self.user_hr, "Petugas Satu"),
            "another officer": self._employee_of(other_officer, "Petugas Dua"),
            "an officer of two companies": self._employee_of(
                two_companies, "Petugas Tiga"
            ),
        }
        for case, invitee in cases.items():
            with self.subTest(case=case):
                with self.assertRaises(ValidationError) as refusal:
                    self._round(self.invitees | invitee)
                self.assertIn(f"{invitee.name} (HR officer)", str(refusal.exception))

    def test_invitee_who_became_a_reader_is_refused_at_opening(self):
        """The check runs again when the round opens: an invitee made HR
        officer, or made the SKP's appraiser, since the invitation does not
        get a form."""
        request = self._round()
        officer = self.env.ref("hr_asn_appraisal.group_hr_asn_officer")
        self.user_peer_a.groups_id = [Command.link(officer.id)]
        with self.assertRaises(ValidationError) as refusal:
            request.action_open()
        self.assertIn("Staf Tiga (HR officer)", str(refusal.exception))
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.response_ids)
        self.user_peer_a.groups_id = [Command.unlink(officer.id)]
        self.skp.sudo().appraiser_id = self.peers[1]
        with self.assertRaises(ValidationError) as refusal:
            request.action_open()
        self.assertIn("Staf Empat (the appraiser)", str(refusal.exception))
        self.skp.sudo().appraiser_id = self.emp_appraiser
        request.action_open()
        self.assertEqual(request.state, "open")

    def test_invitees_do_not_learn_who_else_was_invited(self):
        """Through read, search, grouping, the round's list of forms, the
        to-dos and the followers, an invitee finds only their own form."""
        request = self._open_round()
        Response = self.env["hr.asn.feedback360.response"].with_user(self.user_peer_a)
        own = self._form(request, self.user_peer_a)
        others = request.response_ids - own
        self.assertEqual(len(others), 2)
        domain = [("request_id", "=", request.id)]
        self.assertEqual(Response.search(domain), own)
        self.assertEqual(Response.search_count(domain), 1)
        self.assertEqual(
            Response.search([("reviewer_id", "in", self.invitees.ids)]), own
        )
        groups = Response.read_group(domain, ["reviewer_id"], ["reviewer_id"])
        self.assertEqual([g["reviewer_id"][0] for g in groups], own.reviewer_id.ids)
        groups = Response._read_group(domain, ["user_id"], ["__count"])
        self.assertEqual(groups, [(self.user_peer_a, 1)])
        self.assertEqual(
            Response.search_read(domain, ["reviewer_id", "user_id"]),
            [
                {
                    "id": own.id,
                    "reviewer_id": (own.reviewer_id.id, own.reviewer_id.name),
                    "user_id": (self.user_peer_a.id, self.user_peer_a.name),
                }
            ],
        )
        with self.assertRaises(AccessError):
            others.with_user(self.user_peer_a).read(["reviewer_id", "user_id"])
        round_as_invitee = request.with_user(self.user_peer_a)
        for field in ("response_ids", "invitee_ids", "response_count"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                round_as_invitee.read([field])
        with self.assertRaises(AccessError):
            own.request_id.with_user(self.user_peer_a).response_ids.mapped(
                "reviewer_id"
            )
        Line = self.env["hr.asn.feedback360.response.line"].with_user(self.user_peer_a)
        self.assertEqual(Line.search([]).response_id, own)
        # Mail: the others' to-dos and follower rows stay hidden.
        activities = (
            self.env["mail.activity"]
            .with_user(self.user_peer_a)
            .search([("res_model", "=", own._name)])
        )
        self.assertEqual(set(activities.mapped("res_id")), {own.id})
        followers = (
            self.env["mail.followers"]
            .with_user(self.user_peer_a)
            .search([("res_model", "=", own._name)])
        )
        self.assertEqual(followers.partner_id, self.user_peer_a.partner_id)
        self.assertEqual(set(followers.mapped("res_id")), {own.id})
        # HR, who ran the round, still sees every follower.
        self.assertEqual(
            self.env["mail.followers"]
            .with_user(self.user_hr)
            .search([("res_model", "=", own._name), ("res_id", "in", others.ids)])
            .partner_id,
            others.user_id.partner_id,
        )

    def test_open_sends_a_form_and_a_todo_to_each_invitee(self):
        request = self._open_round()
        self.assertEqual(request.state, "open")
        self.assertEqual(request.response_ids.user_id, self.reviewers)
        activity_type = self.env.ref(
            "hr_asn_appraisal.mail_activity_type_feedback360_answer"
        )
        for form in request.response_ids:
            with self.subTest(reviewer=form.reviewer_id.name):
                self.assertEqual(form.state, "pending")
                self.assertEqual(form.employee_id, self.emp_staff)
                self.assertEqual(
                    form.with_user(form.user_id).line_ids.value_id, self.values
                )
                self.assertEqual(form.activity_ids.activity_type_id, activity_type)
                self.assertEqual(form.activity_ids.user_id, form.user_id)
        self.assertEqual(request.response_count, 3)
        self.assertEqual(request.submitted_count, 0)
        with self.assertRaises(UserError):
            request.action_open()
        with self.assertRaises(UserError):
            request.write({"invitee_ids": [Command.unlink(self.emp_colleague.id)]})
        with self.assertRaises(UserError):
            # The state goes through the workflow engine: no step back.
            request.write({"state": "draft"})
        with self.assertRaises(UserError):
            request.unlink()

    def test_open_needs_enough_invitees(self):
        request = self._round(self.peers)
        with self.assertRaises(UserError):
            request.action_open()
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.response_ids)
        request.unlink()

    def test_one_round_per_skp_and_not_on_a_finished_skp(self):
        self._round()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._round()
        cancelled = self._create_skp(self.emp_colleague)
        cancelled.with_user(self.user_hr).action_cancel("Mutasi")
        with self.assertRaises(UserError):
            self._round(self.peers | self.emp_staff, skp=cancelled)

    def test_hr_opens_the_round_from_the_skp(self):
        action = self.skp.with_user(self.user_hr).action_open_feedback360()
        self.assertEqual(action["context"]["default_appraisal_id"], self.skp.id)
        request = self._round()
        action = self.skp.with_user(self.user_hr).action_open_feedback360()
        self.assertEqual(action["res_id"], request.id)

    # ------------------------------------------------------------------
    # Forms: who reads and fills in what
    # ------------------------------------------------------------------
    def test_invitee_sees_and_edits_only_own_form(self):
        request = self._open_round()
        Response = self.env["hr.asn.feedback360.response"]
        Line = self.env["hr.asn.feedback360.response.line"]
        own = self._form(request, self.user_colleague)
        other = request.response_ids - own
        self.assertEqual(Response.with_user(self.user_colleague).search([]), own)
        self.assertEqual(
            Line.with_user(self.user_colleague).search([]), own.sudo().line_ids
        )
        self.assertTrue(own.can_edit)
        with self.assertRaises(AccessError):
            other.with_user(self.user_colleague).read(["state"])
        with self.assertRaises(AccessError):
            other.sudo().line_ids.with_user(self.user_colleague).read(["score"])
        with self.assertRaises(AccessError):
            other.sudo().line_ids[:1].with_user(self.user_colleague).write(
                {"score": "below"}
            )
        with self.assertRaises(AccessError):
            other[:1].with_user(self.user_colleague).action_submit()
        with self.assertRaises(AccessError):
            self.env["hr.asn.feedback360.response"].with_user(
                self.user_colleague
            ).create({"request_id": request.id, "reviewer_id": self.emp_staff.id})

    def test_appraiser_superior_and_employee_never_read_an_answer(self):
        request = self._open_round()
        self._answer_all(request)
        form = request.response_ids[:1]
        Response = self.env["hr.asn.feedback360.response"]
        Line = self.env["hr.asn.feedback360.response.line"]
        for user in (self.user_appraiser, self.user_head, self.user_staff):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    form.with_user(user).read(["state"])
                with self.assertRaises(AccessError):
                    form.sudo().line_ids.with_user(user).read(["score"])
                self.assertFalse(Response.with_user(user).search([]))
                self.assertFalse(Line.with_user(user).search([]))
                self.assertFalse(
                    Line.with_user(user)._read_group([], ["score"], ["__count"])
                )

    def test_hr_sees_who_answered_not_what(self):
        request = self._open_round()
        self._answer(request, self.user_colleague)
        form = self._form(request, self.user_colleague).with_user(self.user_hr)
        self.assertEqual(form.state, "submitted")
        self.assertFalse(form.line_ids, "the scores are filtered out for HR")
        with self.assertRaises(AccessError):
            form.sudo().line_ids.with_user(self.user_hr).read(["score"])
        pending = self._form(request, self.user_peer_a).with_user(self.user_hr)
        with self.assertRaises(AccessError):
            pending.action_submit()
        with self.assertRaises(AccessError):
            pending.sudo().line_ids[:1].with_user(self.user_hr).write(
                {"score": "below"}
            )
        with self.assertRaises(AccessError):
            pending.write({"line_ids": [Command.clear()]})

    # ------------------------------------------------------------------
    # Submitting
    # ------------------------------------------------------------------
    def test_submit_needs_every_value(self):
        request = self._open_round()
        form = self._form(request, self.user_colleague)
        for line in form.line_ids.filtered(
            lambda line: line.value_id.code not in ("adaptif", "kolaboratif")
        ):
            line.score = "above"
        with self.assertRaisesRegex(UserError, "Adaptif, Kolaboratif") as error:
            form.action_submit()
        self.assertNotIn("Loyal", str(error.exception))
        self.assertEqual(form.state, "pending")
        form.line_ids.filtered(lambda line: not line.score).write(
            {"score": "as_expected"}
        )
        form.action_submit()
        self.assertEqual(form.state, "submitted")
        self.assertTrue(form.date_submitted)
        self.assertFalse(form.sudo().activity_ids)
        self.assertFalse(form.can_submit)
        with self.assertRaises(UserError):
            form.action_submit()
        with self.assertRaises(UserError):
            form.line_ids[:1].write({"score": "below"})
        with self.assertRaises(UserError):
            form.line_ids[:1].write({"value_id": self.values[0].id})
        with self.assertRaises(UserError):
            form.write({"state": "pending"})

    def test_close_ends_the_answers(self):
        request = self._open_round()
        self._answer(request, self.user_colleague)
        request.action_close()
        self.assertEqual(request.state, "closed")
        late = self._form(request, self.user_peer_a)
        self.assertFalse(late.sudo().activity_ids)
        self.assertFalse(late.can_edit)
        with self.assertRaises(UserError):
            late.line_ids[:1].write({"score": "above"})
        with self.assertRaises(UserError):
            late.action_submit()
        with self.assertRaises(UserError):
            request.action_close()

    # ------------------------------------------------------------------
    # Totals
    # ------------------------------------------------------------------
    def test_totals_for_appraiser_superior_and_hr(self):
        request = self._open_round()
        self._answer_all(request)
        request.action_close()
        totals = self.skp._get_feedback360_aggregates()[self.skp.id]
        self.assertEqual(totals["response_count"], 3)
        # Colleague above, peers as expected; on Loyal peer A said below.
        self.assertEqual(
            totals["values"]["akuntabel"]["counts"],
            {"below": 0, "as_expected": 2, "above": 1},
        )
        self.assertEqual(
            totals["values"]["loyal"]["counts"],
            {"below": 1, "as_expected": 1, "above": 1},
        )
        self.assertAlmostEqual(
            totals["values"]["akuntabel"]["shares"]["as_expected"], 2 / 3
        )
        for user in (self.user_appraiser, self.user_head, self.user_hr):
            with self.subTest(user=user.login):
                skp = self.skp.with_user(user)
                self.assertTrue(skp.feedback360_visible)
                self.assertEqual(skp.feedback360_response_count, 3)
                html = str(skp.feedback360_summary_html)
                self.assertIn("Loyal", html)
                self.assertIn("1 (33 %)", html)
                self.assertIn("2 (67 %)", html)
                self.assertIn("Selalu membantu rekan baru.", html)
                for name in ("Staf Dua", "Staf Tiga", "Staf Empat", "t_peer"):
                    self.assertNotIn(name, html)
        self.assertIn("Loyal", str(request.summary_html))

    def test_totals_wait_for_the_round_to_close(self):
        """While answers come in, totals would tell who answered what."""
        request = self._open_round()
        self._answer_all(request)
        skp = self.skp.with_user(self.user_appraiser)
        self.assertEqual(skp.feedback360_response_count, 0)
        self.assertIn("No answers", str(skp.feedback360_summary_html))

    def test_employee_sees_totals_once_the_skp_is_done(self):
        """Our choice: the employee sees the anonymous totals with the
        validated rating, never before, and never the answers."""
        request = self._open_round()
        self._answer_all(request)
        request.action_close()
        own = self.skp.with_user(self.user_staff)
        self.assertFalse(own.feedback360_visible)
        self.assertFalse(own.feedback360_summary_html)
        self.assertEqual(own.feedback360_response_count, 0)
        own.action_submit()
        self.skp.with_user(self.user_appraiser).action_approve()
        self.skp.with_user(self.user_appraiser).write(
            {"work_rating": "as_expected", "behavior_rating": "above"}
        )
        self.skp.with_user(self.user_appraiser).action_rate()
        self.skp.with_user(self.user_hr).action_validate()
        own.invalidate_recordset()
        self.assertTrue(own.feedback360_visible)
        self.assertIn("Loyal", str(own.feedback360_summary_html))
        with self.assertRaises(AccessError):
            request.response_ids[:1].with_user(self.user_staff).read(["state"])

    def test_anonymity_threshold(self):
        """Two answers with a minimum of three: every total is withheld."""
        request = self._open_round()
        self._answer(
            request,
            self.user_colleague,
            default="above",
            comment={"harmonis": "Komentar yang bisa dikenali."},
        )
        self._answer(request, self.user_peer_a)
        request.action_close()
        totals = self.skp._get_feedback360_aggregates()[self.skp.id]
        self.assertEqual(totals["response_count"], 2)
        self.assertTrue(all(v["withheld"] for v in totals["values"].values()))
        self.assertTrue(all(v["counts"] is None for v in totals["values"].values()))
        html = str(self.skp.with_user(self.user_appraiser).feedback360_summary_html)
        self.assertIn("Withheld: fewer than 3 answers.", html)
        self.assertNotIn("Komentar", html)
        self.assertNotIn("%", html)
        # Lowering the minimum afterwards would reveal them: refused.
        with self.assertRaises(UserError):
            self.cycle.with_user(self.user_hr).feedback360_min_responses = 2
        skp = self.skp.with_user(self.user_appraiser)
        skp.invalidate_recordset()
        self.assertNotIn("Komentar", str(skp.feedback360_summary_html))

    def test_minimum_answers_is_at_least_three(self):
        """With two answers, one reviewer's answer minus the totals gives the
        other's: the minimum is 3 or more, on creation and on change."""
        Cycle = self.env["hr.asn.appraisal.cycle"].with_user(self.user_hr)
        for low in (0, 1, 2):
            with self.subTest(minimum=low):
                with self.assertRaises(ValidationError) as refusal:
                    self.cycle.with_user(self.user_hr).feedback360_min_responses = low
                self.assertIn("at least 3", str(refusal.exception))
                with self.assertRaises(ValidationError) as refusal:
                    Cycle.create(
                        {
                            "name": "SKP 2027",
                            "date_start": "2027-01-01",
                            "date_end": "2027-12-31",
                            "filing_deadline": "2027-12-31",
                            "company_id": self.company.id,
                            "feedback360_min_responses": low,
                        }
                    )
                self.assertIn("at least 3", str(refusal.exception))
        self.assertEqual(self.cycle.feedback360_min_responses, 3)
        self.cycle.with_user(self.user_hr).feedback360_min_responses = 4
        self.assertEqual(self.cycle.feedback360_min_responses, 4)

    def test_minimum_is_frozen_once_a_round_opens(self):
        """While the round is a draft the minimum may change; once it is open,
        not even upwards, not even by the server, and not through the round."""
        request = self._round()
        self.cycle.with_user(self.user_hr).feedback360_min_responses = 4
        self.assertEqual(request.min_responses, 4)
        self.cycle.with_user(self.user_hr).feedback360_min_responses = 3
        request.action_open()
        for value in (2, 4):
            with self.subTest(minimum=value):
                for cycle in (self.cycle.with_user(self.user_hr), self.cycle.sudo()):
                    with self.assertRaises(UserError) as refusal:
                        cycle.feedback360_min_responses = value
                    self.assertIn("cannot change", str(refusal.exception))
                with self.assertRaises(UserError):
                    request.write({"min_responses": value})
        # Writing the same value is no change.
        self.cycle.with_user(self.user_hr).write({"feedback360_min_responses": 3})
        request.action_close()
        with self.assertRaises(UserError):
            self.cycle.with_user(self.user_hr).feedback360_min_responses = 5
        self.assertEqual(request.min_responses, 3)
        with self.assertRaises(UserError):
            self.env["hr.asn.feedback360.request"].with_user(self.user_hr).create(
                {"appraisal_id": self.skp.id, "min_responses": 2}
            )

    def test_my_forms_action(self):
        """ "My 360° Forms" lists the reviewer's own forms."""
        request = self._open_round()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_feedback360_response_action_my"
        )
        domain = safe_eval(action["domain"], {"uid": self.user_peer_b.id})
        forms = (
            self.env["hr.asn.feedback360.response"]
            .with_user(self.user_peer_b)
            .search(domain)
        )
        self.assertEqual(forms, self._form(request, self.user_peer_b))
