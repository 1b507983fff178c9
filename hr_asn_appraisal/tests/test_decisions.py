from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_calibration import AsnCalibrationCase

# Expected values from DOMAIN.md ("Functional positions (JF)"): percentage by
# predikat (Sangat Baik 150, Baik 100, Butuh Perbaikan 75, Kurang 50 %) x the
# level's annual coefficient (Ahli Pertama 12.5, Ahli Muda 25) x months / 12;
# the allowance table is the DOMAIN.md example (Kurang -1 %, Sangat Kurang
# -2 %, others 0 %).
DECIDED_EMPTY = {
    "decided_predikat": False,
    "decided_position_type": False,
    "decided_position_level": False,
    "credit_coefficient": 0.0,
    "credit_points": 0.0,
    "allowance_adjustment": 0.0,
}


@tagged("post_install", "-at_install")
class TestFrozenDecisions(AsnCalibrationCase):
    """At validation the predikat, the position, the JF coefficient and credit
    points and the allowance adjustment are stored; nothing changes them
    afterwards but a reopen by HR (DOMAIN.md, "Decided figures are frozen")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = cls.env["hr.asn.allowance.rule"].create(
            [
                {
                    "company_id": cls.company.id,
                    "predikat": predikat,
                    "adjustment_percent": pct,
                }
                for predikat, pct in (
                    ("sangat_baik", 0),
                    ("baik", 0),
                    ("butuh_perbaikan", 0),
                    ("kurang", -1),
                    ("sangat_kurang", -2),
                )
            ]
        )
        cls.rule_by_predikat = {rule.predikat: rule for rule in cls.rules}
        cls.coefficient = cls.env.ref(
            "hr_asn_appraisal.credit_coefficient_ahli_pertama"
        )
        # emp_colleague is a JF Ahli Pertama (tests/common.py)
        cls.jf = cls.emp_colleague

    def _decided(self, skp):
        skp.invalidate_recordset()
        return {name: skp[name] for name in DECIDED_EMPTY}

    def test_validation_freezes_the_figures(self):
        skp = self._rated_for(self.jf, "as_expected", "below")  # Kurang
        self.assertEqual(self._decided(skp), DECIDED_EMPTY)
        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(
            self._decided(skp),
            {
                "decided_predikat": "kurang",
                "decided_position_type": "fungsional",
                "decided_position_level": "ahli_pertama",
                "credit_coefficient": 12.5,
                "credit_points": 6.25,  # 50 % x 12.5
                "allowance_adjustment": -1.0,
            },
        )
        self.assertEqual(skp.allowance_rule_id, self.rule_by_predikat["kurang"])

    def test_later_changes_leave_the_validated_year_alone(self):
        """Promotion, new rank, coefficient and allowance table changes."""
        skp = self._done_for(self.jf, "above", "above")  # Sangat Baik
        decided = self._decided(skp)
        self.assertEqual(decided["credit_points"], 18.75)  # 150 % x 12.5
        self.jf.write(
            {
                "asn_position_level": "ahli_muda",
                "asn_rank_id": self.env.ref("hr_asn_appraisal.rank_pppk_10").id,
                "job_title": "Analis SDM Aparatur Ahli Muda",
            }
        )
        self.coefficient.with_user(self.user_manager).coefficient = 10.0
        self.env.ref("hr_asn_appraisal.credit_coefficient_ahli_muda").with_user(
            self.user_manager
        ).coefficient = 30.0
        self.rule_by_predikat["sangat_baik"].with_user(
            self.user_manager
        ).adjustment_percent = 5.0
        self.env.flush_all()
        self.assertEqual(self._decided(skp), decided)
        self.assertEqual(skp.allowance_rule_id, self.rule_by_predikat["sangat_baik"])
        self.jf.write({"asn_position_type": "pelaksana", "asn_position_level": False})
        self.assertEqual(self._decided(skp), decided)

    def test_next_validation_takes_the_data_of_its_day(self):
        first = self._done_for(self.jf, "above", "above")
        self.coefficient.with_user(self.user_manager).coefficient = 10.0
        second_employee = self.extra[0]
        second_employee.write(
            {"asn_position_type": "fungsional", "asn_position_level": "ahli_pertama"}
        )
        second = self._done_for(second_employee, "above", "above")
        self.assertEqual(second.credit_coefficient, 10.0)
        self.assertEqual(second.credit_points, 15.0)  # 150 % x 10
        self.assertEqual(first.credit_points, 18.75)  # 150 % x 12.5, kept

    def test_part_year(self):
        skp = self._rated_for(self.jf, "as_expected", "as_expected")  # Baik
        skp.with_user(self.user_hr).months_served = 6
        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(skp.credit_points, 6.25)  # 100 % x 12.5 x 6/12

    def test_reopen_clears_and_validation_decides_again(self):
        """Reopened, the SKP is no longer decided (the old figures stay in the
        chatter); validated again, it is decided with the data of that day."""
        skp = self._done_for(self.jf, "above", "above")
        self.env.cr.precommit.run()  # each step is its own request
        self.coefficient.with_user(self.user_manager).coefficient = 10.0
        self.jf.asn_position_level = "ahli_muda"
        skp.with_user(self.user_hr).action_reopen("Koreksi capaian IKI")
        self.env.cr.precommit.run()
        self.assertEqual(skp.state, "rated")
        self.assertEqual(self._decided(skp), DECIDED_EMPTY)
        self.assertFalse(skp.allowance_rule_id)
        skp.with_user(self.user_appraiser).write({"work_rating": "as_expected"})
        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(
            self._decided(skp),
            {
                "decided_predikat": "baik",
                "decided_position_type": "fungsional",
                "decided_position_level": "ahli_muda",
                "credit_coefficient": 25.0,
                "credit_points": 25.0,  # 100 % x 25
                "allowance_adjustment": 0.0,
            },
        )
        self.assertEqual(skp.allowance_rule_id, self.rule_by_predikat["baik"])
        self.env.cr.precommit.run()
        tracked = skp.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "credit_points"
        )
        self.assertIn(18.75, tracked.mapped("old_value_float"))

    def test_caller_cannot_set_the_decided_figures(self):
        """Server-owned: refused from every caller, in every state, also
        together with a transition; nothing is written."""
        skp = self._rated_for(self.jf, "above", "above")
        forged = [
            {"credit_points": 99.0},
            {"allowance_adjustment": 10.0},
            {"decided_predikat": "sangat_baik"},
            {"decided_position_level": "ahli_utama"},
            {"credit_coefficient": 50.0},
            {"allowance_rule_id": self.rule_by_predikat["baik"].id},
        ]
        for vals in forged:
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "set by the system"):
                    skp.with_user(self.user_hr).write(vals)
                with self.assertRaisesRegex(UserError, "set by the system"):
                    skp.with_user(self.user_hr).write({"state": "done", **vals})
                with self.assertRaisesRegex(UserError, "set by the system"):
                    skp.with_user(self.user_appraiser).write(vals)
        self.assertEqual(skp.state, "rated")
        self.assertEqual(self._decided(skp), DECIDED_EMPTY)
        skp.with_user(self.user_hr).action_validate()
        decided = self._decided(skp)
        for user in (self.user_hr, self.user_manager, self.user_colleague):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                skp.with_user(user).write({"credit_points": 99.0})
        self.assertEqual(self._decided(skp), decided)
        with self.assertRaisesRegex(UserError, "set by the system"):
            self.env["hr.asn.appraisal"].with_user(self.user_hr).create(
                {
                    "employee_id": self.extra[1].id,
                    "cycle_id": self.cycle.id,
                    "credit_points": 12.0,
                }
            )

    def test_employee_reads_the_decision_of_a_validated_year(self):
        skp = self._done_for(self.jf, "as_expected", "below")
        values = skp.with_user(self.user_colleague).read(
            [
                "decided_predikat",
                "credit_points",
                "allowance_adjustment",
                "allowance_rule_id",
            ]
        )[0]
        # the table row reads as its predikat, nothing more
        self.assertEqual(
            values["allowance_rule_id"],
            (self.rule_by_predikat["kurang"].id, "Kurang/Misconduct"),
        )
        self.assertEqual(values["decided_predikat"], "kurang")
        self.assertEqual(values["credit_points"], 6.25)
        self.assertEqual(values["allowance_adjustment"], -1.0)

    def test_used_allowance_row_is_kept(self):
        self._done_for(self.jf, "as_expected", "below")
        with self.assertRaisesRegex(UserError, "Change its percentage instead"):
            self.rule_by_predikat["kurang"].with_user(self.user_manager).unlink()
        self.rule_by_predikat["sangat_kurang"].with_user(self.user_manager).unlink()
        self.assertTrue(self.rule_by_predikat["kurang"].exists())

    def test_update_fills_the_skps_validated_before(self):
        """An upgraded database: validated SKPs without decided figures get
        them once, from the data of the update; decided ones stay."""
        old = self._done_for(self.jf, "as_expected", "below")  # Kurang
        kept = self._done_for(self.emp_staff, "above", "above")
        kept_values = self._decided(kept)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_asn_appraisal SET decided_predikat = NULL,"
            " decided_position_type = NULL, decided_position_level = NULL,"
            " credit_coefficient = NULL, credit_points = NULL,"
            " allowance_adjustment = NULL, allowance_rule_id = NULL"
            " WHERE id = %s",
            [old.id],
        )
        self.env.invalidate_all()
        self.assertEqual(self._decided(old), DECIDED_EMPTY)
        self.emp_staff.write(
            {"asn_position_type": "fungsional", "asn_position_level": "ahli_muda"}
        )
        self.env["hr.asn.appraisal"]._freeze_missing_decisions()
        self.assertEqual(
            self._decided(old),
            {
                "decided_predikat": "kurang",
                "decided_position_type": "fungsional",
                "decided_position_level": "ahli_pertama",
                "credit_coefficient": 12.5,
                "credit_points": 6.25,
                "allowance_adjustment": -1.0,
            },
        )
        self.assertEqual(self._decided(kept), kept_values)

    def test_freezing_is_batched(self):
        """One pass for all SKPs validated together: the same number of
        queries for 2 SKPs as for 6."""
        employees = self.extra[:6]
        employees.write(
            {"asn_position_type": "fungsional", "asn_position_level": "ahli_pertama"}
        )
        skps = [self._rated_for(employee, "above", "above") for employee in employees]
        small = skps[0] | skps[1]
        large = skps[2] | skps[3] | skps[4] | skps[5]
        counts = []
        for batch in (small, large):
            batch.write({"state": "done"})  # as the server (sudo env)
            batch._clear_decisions()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batch._freeze_decisions()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(set(batch.mapped("credit_points")), {18.75})
        self.assertEqual(counts[0], counts[1])


@tagged("post_install", "-at_install")
class TestObjectionDecisionIsFinal(AsnCalibrationCase):
    """PP 30/2019 Pasal 59: the decision of the appraiser's superior on a
    keberatan is final. Nobody reopens the SKP or changes its ratings,
    predikat or decided figures afterwards; the decision is recorded by the
    decision buttons only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.asn.allowance.rule"].create(
            [
                {
                    "company_id": cls.company.id,
                    "predikat": "kurang",
                    "adjustment_percent": -1,
                },
                {
                    "company_id": cls.company.id,
                    "predikat": "baik",
                    "adjustment_percent": 0,
                },
            ]
        )

    def _filed(self, employee=None, work="as_expected", behavior="below"):
        """A validated SKP (Kurang by default) and its keberatan."""
        employee = employee or self.emp_colleague
        skp = self._done_for(employee, work, behavior)
        objection = (
            self.env["hr.asn.objection"]
            .with_user(employee.user_id)
            .create({"appraisal_id": skp.id, "reason": "Capaian di luar kendali."})
        )
        return skp, objection

    def _decided(self, decision="change", employee=None):
        skp, objection = self._filed(employee)
        as_superior = objection.with_user(self.user_head)
        if decision == "change":
            as_superior.action_decide_change("as_expected", "as_expected")
        else:
            as_superior.action_decide_reject("Capaian memang di bawah target.")
        return skp, objection

    def test_hr_cannot_reopen_after_the_decision(self):
        # one SKP per employee and cycle: an employee per decision
        for decision, employee in (
            ("change", self.emp_colleague),
            ("reject", self.emp_staff),
        ):
            with self.subTest(decision=decision):
                skp, _objection = self._decided(decision, employee)
                self.assertFalse(skp.with_user(self.user_hr).can_reopen)
                with self.assertRaisesRegex(UserError, "decision is final"):
                    skp.with_user(self.user_hr).action_reopen("Koreksi")
                with self.assertRaisesRegex(UserError, "decision is final"):
                    skp.sudo().write({"state": "rated", "reopen_reason": "Koreksi"})
                self.assertEqual(skp.state, "done")

    def test_reopen_possible_while_the_objection_waits(self):
        skp, _objection = self._filed()
        self.assertTrue(skp.with_user(self.user_hr).can_reopen)
        skp.with_user(self.user_hr).action_reopen("Koreksi data sebelum keputusan")
        self.assertEqual(skp.state, "rated")

    def test_nothing_changes_the_decided_result(self):
        """Not even the server (sudo): ratings, note, predikat, figures."""
        skp, _objection = self._decided("change")
        decided = (
            skp.work_rating,
            skp.behavior_rating,
            skp.predikat,
            skp.decided_predikat,
            skp.credit_points,
        )
        self.assertEqual(decided, ("as_expected", "as_expected", "baik", "baik", 12.5))
        for vals in (
            {"work_rating": "above"},
            {"behavior_rating": "below"},
            {"rating_note": "Dinilai ulang"},
            {"decided_predikat": "sangat_baik"},
            {"credit_points": 18.75},
            {"allowance_adjustment": 3.0},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "final"):
                    skp.sudo().write(vals)
                with self.assertRaises(UserError):
                    skp.with_user(self.user_hr).write(vals)
        self.emp_colleague.asn_position_level = "ahli_muda"
        with self.assertRaisesRegex(UserError, "final"):
            skp.sudo()._freeze_decisions()  # not even a new freeze
        skp.invalidate_recordset()
        self.assertEqual(
            (
                skp.work_rating,
                skp.behavior_rating,
                skp.predikat,
                skp.decided_predikat,
                skp.credit_points,
            ),
            decided,
        )

    def test_decision_decides_the_figures_on_the_validated_position(self):
        """A promotion between validation and decision does not move the
        year: the new predikat applies to the position and coefficient of
        the validation; the allowance is the row of the new predikat."""
        skp, objection = self._filed()  # Kurang: 50 % x 12.5
        self.assertEqual(skp.credit_points, 6.25)
        self.assertEqual(skp.allowance_adjustment, -1.0)
        self.emp_colleague.asn_position_level = "ahli_muda"
        self.env.ref(
            "hr_asn_appraisal.credit_coefficient_ahli_pertama"
        ).coefficient = 10.0
        objection.with_user(self.user_head).action_decide_change(
            "as_expected", "as_expected"
        )
        self.assertEqual(skp.decided_predikat, "baik")
        self.assertEqual(skp.decided_position_level, "ahli_pertama")
        self.assertEqual(skp.credit_coefficient, 12.5)
        self.assertEqual(skp.credit_points, 12.5)  # 100 % x 12.5
        self.assertEqual(skp.allowance_adjustment, 0.0)
        self.assertEqual(skp.allowance_rule_id.predikat, "baik")

    def test_rejection_keeps_the_decided_figures(self):
        skp, _objection = self._decided("reject")
        self.assertEqual(
            (skp.decided_predikat, skp.credit_points, skp.allowance_adjustment),
            ("kurang", 6.25, -1.0),
        )

    def test_decision_fields_cannot_be_forged(self):
        """As the superior (the decider) and as HR, before and after the
        decision: the decision, new ratings, reasons, decider and date are
        written by the decision buttons only."""
        forged = [
            {"state": "changed"},
            {"state": "rejected"},
            {"new_work_rating": "above", "new_behavior_rating": "above"},
            {"decision_note": "Dikabulkan"},
            {"decided_by_id": self.user_hr.id},
            {"date_decided": "2020-01-01 00:00:00"},
            {"original_work_rating": "above"},
        ]
        skp, objection = self._filed()
        for stage in ("waiting", "decided"):
            if stage == "decided":
                objection.with_user(self.user_head).action_decide_reject(
                    "Capaian memang di bawah target."
                )
            before = objection.read(list({k for v in forged for k in v}))[0]
            for user in (self.user_head, self.user_hr):
                for vals in forged:
                    with self.subTest(stage=stage, user=user.login, vals=vals):
                        # The workflow engine's refusals: server-owned field,
                        # reason without its transition, decision without
                        # reasons or new ratings, wrong person, decided.
                        with self.assertRaises(UserError):
                            objection.with_user(user).write(vals)
            objection.invalidate_recordset()
            self.assertEqual(
                objection.read(list({k for v in forged for k in v}))[0], before
            )
        self.assertEqual(objection.state, "rejected")
        self.assertEqual(objection.decided_by_id, self.user_head)
        self.assertEqual(skp.predikat, "kurang")

    def test_hr_cannot_decide_through_the_wizard(self):
        _skp, objection = self._filed()
        wizard = (
            self.env["hr.asn.objection.decision.wizard"]
            .with_user(self.user_hr)
            .create(
                {
                    "objection_id": objection.id,
                    "decision": "change",
                    "work_rating": "above",
                    "behavior_rating": "above",
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual(objection.state, "submitted")
