"""Attack suite: nobody judges their own case (issue #12, hole 6, item 5).

Who a person is does not depend on the ``user_id`` link of one employee
record, which HR can edit: every employee record of the user (in any
company) and the user recorded on the document when it was created count.
An HR officer's own SKP is handled by another officer. 360° rounds: the
anonymity minimum is at least 3 and frozen once a round opens; HR, the
appraiser and the employee are never invitees; an invitee cannot read who
else was invited.
"""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_attack import AttackCase

ROUND = "hr.asn.feedback360.request"
FORM = "hr.asn.feedback360.response"


@tagged("post_install", "-at_install")
class TestAttackSeparation(AttackCase):
    attack_documents = (
        "skp",
        "skp_col",
        "skp_hr",
        "skp_prev_hr",
        "round",
        "unit_rating",
    )

    def _state(self, record):
        self.env.invalidate_all()
        return record.sudo().state

    def _relink_own_employee(self):
        """The HR officer points her own employee record at another user.
        The engine may refuse this already; either way the rest must hold."""
        outcome = self.call(
            "hr",
            "hr.employee",
            "write",
            self.emp["hr"].ids,
            {"user_id": self.users["spare"].id},
        )
        if not outcome.ok:
            self.assertCleanError(outcome, "relinking her own employee record")
        return outcome

    # ------------------------------------------------------------------
    # Hole 6: an HR officer and her own SKP
    # ------------------------------------------------------------------
    def test_hr_officer_cannot_act_on_own_skp(self):
        skp = self.doc["skp_hr"]
        attempts = (
            ("action_validate", ()),
            ("action_cancel", ("Batal",)),
            ("write", ({"work_rating": "above", "rating_note": "Saya sendiri"},)),
        )
        for method, args in attempts:
            with self.subTest(method=method), self.rolled_back():
                self.assertRefused(
                    self.call("hr", skp._name, method, skp.ids, *args),
                    f"HR officer {method} on her own SKP",
                )
                self.assertEqual(self._state(skp), "rated")
        # Another officer handles it.
        self.assertAllowed(self.call("admin", skp._name, "action_validate", skp.ids))
        self.assertEqual(self._state(skp), "done")

    def test_hr_officer_cannot_validate_own_skp_after_relinking(self):
        """Her SKP was created with her as the employee's user: after she
        links her employee record to another user, it is still her SKP."""
        skp = self.doc["skp_hr"]
        self._relink_own_employee()
        for method, args in (("action_validate", ()), ("action_cancel", ("Batal",))):
            with self.subTest(method=method), self.rolled_back():
                self.assertRefused(
                    self.call("hr", skp._name, method, skp.ids, *args),
                    f"HR officer {method} on her own SKP after relinking",
                )
                self.assertEqual(self._state(skp), "rated")

    def test_hr_officer_cannot_validate_own_skp_with_her_unit(self):
        """Validating the unit validates its rated SKPs in a batch: her own
        stays for another officer, relinked or not."""
        skp, unit_rating = self.doc["skp_hr"], self.doc["unit_rating"]
        self._relink_own_employee()
        outcome = self.call(
            "hr",
            unit_rating._name,
            "action_validate_unit",
            unit_rating.ids,
            "Sebaran disetujui pimpinan",
        )
        if not outcome.ok:
            self.assertCleanError(outcome, "validating the unit")
        self.assertEqual(self._state(skp), "rated", "she validated her own SKP")

    def test_hr_officer_cannot_appoint_herself_appraiser(self):
        """She relinks her employee record, gives her user a second employee
        record and makes it the appraiser of her own submitted SKP: she is
        still the person under appraisal and cannot approve it."""
        skp = self.doc["skp_prev_hr"]
        if not self._relink_own_employee().ok:
            # Her user keeps its employee record in company A: a second one
            # there is impossible (one employee per user and company).
            self.assertRefused(self.call("hr", skp._name, "action_approve", skp.ids))
            return
        alias = self.call(
            "hr",
            "hr.employee",
            "create",
            {
                "name": "Penilai Pengganti",
                "company_id": self.company_a.id,
                "user_id": self.users["hr"].id,
                "asn_type": "pns",
                "asn_nip": "198502022011012010",
            },
        )
        if alias.ok:
            appoint = self.call(
                "hr", skp._name, "write", skp.ids, {"appraiser_id": alias.result}
            )
            if not appoint.ok:
                self.assertCleanError(appoint, "appointing her alias as appraiser")
        else:
            self.assertCleanError(alias, "a second employee record for her user")
        self.assertRefused(
            self.call("hr", skp._name, "action_approve", skp.ids),
            "HR officer approves her own SKP as its appraiser",
        )
        self.assertEqual(self._state(skp), "submitted")

    def test_superior_cannot_decide_own_keberatan(self):
        """The keberatan on the HR officer's own (validated) SKP, after she
        made herself its appraiser's superior: she cannot decide it."""
        skp = self.doc["skp_hr"]
        outcome = self.call(
            "hr",
            skp._name,
            "write",
            skp.ids,
            {"appraiser_parent_id": self.emp["hr"].id},
        )
        if not outcome.ok:
            self.assertCleanError(outcome, "making herself the superior")
            try:
                with self.env.cr.savepoint():
                    skp.sudo().write({"appraiser_parent_id": self.emp["hr"].id})
            except (UserError, ValidationError):
                return  # the data model itself forbids it: nothing to attack
        skp.with_user(self.users["admin"]).action_validate()
        objection = (
            self.env["hr.asn.objection"]
            .sudo()
            .create(
                {"appraisal_id": skp.id, "reason": "Keberatan atas penilaian saya."}
            )
        )
        self.assertRefused(
            self.call(
                "hr", objection._name, "action_decide_reject", objection.ids, "x"
            ),
            "deciding her own keberatan",
        )
        self.assertEqual(self._state(objection), "submitted")

    # ------------------------------------------------------------------
    # 360° rounds
    # ------------------------------------------------------------------
    def test_360_hr_cannot_invite_herself(self):
        """HR sees the totals: she cannot be one of the reviewers (totals minus
        her own answer would reveal the others')."""
        emp = self.emp
        invitees = {
            "HR officer": emp["hr"],
            "appraiser": emp["appraiser"],
            "employee reviewed": emp["colleague"],
        }
        for label, invitee in invitees.items():
            with self.subTest(invitee=label), self.rolled_back():
                count = self.env[ROUND].sudo().search_count([])
                outcome = self.call(
                    "hr",
                    ROUND,
                    "create",
                    {
                        "appraisal_id": self.doc["skp_col"].id,
                        "invitee_ids": [
                            (6, 0, (emp["peer1"] | emp["peer2"] | invitee).ids)
                        ],
                    },
                )
                self.assertRefused(outcome, f"{label} invited")
                self.assertEqual(self.env[ROUND].sudo().search_count([]), count)
        # Nor added to an open round.
        round_360 = self.doc["round"]
        outcome = self.call(
            "hr", ROUND, "write", round_360.ids, {"invitee_ids": [(4, emp["hr"].id)]}
        )
        self.assertRefused(outcome, "HR added to an open round")

    def test_360_minimum_is_at_least_three(self):
        cycle = self.cycle_prev
        for minimum in (2, 1):
            with self.subTest(minimum=minimum), self.rolled_back():
                outcome = self.call(
                    "hr",
                    cycle._name,
                    "write",
                    cycle.ids,
                    {"enable_360": True, "feedback360_min_responses": minimum},
                )
                self.assertRefused(outcome, f"a minimum of {minimum}")
                self.env.invalidate_all()
                self.assertEqual(cycle.feedback360_min_responses, 3)
        outcome = self.call(
            "admin",
            cycle._name,
            "create",
            {
                "name": f"SKP Uji {self.year + 1}",
                "date_start": f"{self.year + 1}-01-01",
                "date_end": f"{self.year + 1}-12-31",
                "company_id": self.company_a.id,
                "enable_360": True,
                "feedback360_min_responses": 2,
            },
        )
        self.assertRefused(outcome, "a new cycle with a minimum of 2")

    def test_360_minimum_is_frozen_once_a_round_is_open(self):
        cycle = self.cycle
        self.assertEqual(self.doc["round"].state, "open")
        for minimum in (4, 5):
            with self.subTest(minimum=minimum), self.rolled_back():
                outcome = self.call(
                    "hr",
                    cycle._name,
                    "write",
                    cycle.ids,
                    {"feedback360_min_responses": minimum},
                )
                self.assertRefused(outcome, "changing the minimum of an open round")
                self.env.invalidate_all()
                self.assertEqual(cycle.feedback360_min_responses, 3)

    def test_360_invitee_cannot_see_who_else_was_invited(self):
        round_360 = self.doc["round"]
        own_form = self.doc["response"]
        others = (self.emp["peer2"] | self.emp["peer3"]).mapped("name")

        def assert_no_other_invitee(outcome, what):
            if outcome.ok:
                for name in others:
                    self.assertNotIn(name, str(outcome.result), f"{what} shows {name}")
            else:
                self.assertCleanError(outcome, what)

        assert_no_other_invitee(
            self.call(
                "peer1", ROUND, "read", round_360.ids, ["invitee_ids", "response_ids"]
            ),
            "reading the round",
        )
        assert_no_other_invitee(
            self.call(
                "peer1",
                FORM,
                "web_read",
                own_form.ids,
                specification={
                    "request_id": {
                        "fields": {
                            "invitee_ids": {"fields": {"display_name": {}}},
                            "response_ids": {"fields": {"reviewer_id": {}}},
                        }
                    }
                },
            ),
            "reading the round through her own form",
        )
        listed = self.call(
            "peer1",
            FORM,
            "web_search_read",
            domain=[("request_id", "=", round_360.id)],
            specification={"reviewer_id": {"fields": {"display_name": {}}}},
        )
        assert_no_other_invitee(listed, "listing the forms of the round")
        if listed.ok:
            self.assertEqual([r["id"] for r in listed.result["records"]], own_form.ids)
        assert_no_other_invitee(
            self.call(
                "peer1",
                FORM,
                "web_read_group",
                domain=[("request_id", "=", round_360.id)],
                fields=[],
                groupby=["reviewer_id"],
            ),
            "grouping the forms by reviewer",
        )
        assert_no_other_invitee(
            self.messages("peer1", round_360), "the round's chatter"
        )
        assert_no_other_invitee(self.messages("peer1", own_form), "her form's chatter")
