"""A year as it really happens: position changes, joining and leaving during
a cycle, several SKPs per employee that never overlap, the year's result
(docs/year.md)."""

import datetime

import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import AsnAppraisalCase

D = datetime.date


class YearMovesCase(AsnAppraisalCase):
    """The test office with a second unit, its head (who can log in) and an
    appraiser without a user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_two = cls.env["hr.department"].create(
            {"name": "Bidang Keuangan", "company_id": cls.company.id}
        )
        cls.user_new_appraiser = new_test_user(
            cls.env,
            login="t_new_appraiser",
            groups="base.group_user",
            company_id=cls.company.id,
        )
        Employee = cls.env["hr.employee"]
        cls.emp_new_appraiser = Employee.create(
            {
                "name": "Kepala Bidang Keuangan",
                "company_id": cls.company.id,
                "department_id": cls.unit_two.id,
                "user_id": cls.user_new_appraiser.id,
                "parent_id": cls.emp_head.id,
                "asn_type": "pns",
                "asn_nip": "197806062003121005",
                "asn_position_type": "administrator",
                "job_title": "Kepala Bidang Keuangan",
            }
        )
        cls.emp_no_user = Employee.create(
            {
                "name": "Kepala UPT",
                "company_id": cls.company.id,
                "parent_id": cls.emp_head.id,
                "asn_type": "pns",
                "asn_nip": "197907072005011006",
                "asn_position_type": "administrator",
            }
        )

    # ------------------------------------------------------------------
    def _record(self, employee, date, reason="mutasi", user=None, **vals):
        return (
            self.env["hr.asn.assignment"]
            .with_user(user or self.user_hr)
            ._record(
                {"employee_id": employee.id, "date": date, "reason": reason, **vals}
            )
        )

    def _transfer(self, skp, date="2026-07-01"):
        return self._record(
            skp.employee_id,
            date,
            job_title="Pengelola Keuangan",
            department_id=self.unit_two.id,
            appraiser_id=self.emp_new_appraiser.id,
        )

    def _skps(self, employee):
        return self.env["hr.asn.appraisal"].search(
            [("employee_id", "=", employee.id), ("cycle_id", "=", self.cycle.id)],
            order="date_start",
        )

    def _validate(self, skp, appraiser_user, work, behavior):
        skp.with_user(appraiser_user).write(
            {"work_rating": work, "behavior_rating": behavior}
        )
        skp.with_user(appraiser_user).action_rate()
        skp.with_user(self.user_hr).action_validate()


@tagged("post_install", "-at_install")
class TestYearMoves(YearMovesCase):
    # ------------------------------------------------------------------
    # The transfer
    # ------------------------------------------------------------------
    def test_transfer_ends_the_running_skp_and_starts_a_new_one(self):
        old = self._approved_skp()
        self.assertEqual(
            (old.date_start, old.date_end), (D(2026, 1, 1), D(2026, 12, 31))
        )
        self.assertTrue(old.checkin_ids)
        assignment = self._transfer(old)

        old_skp, new_skp = self._skps(self.emp_staff)
        self.assertEqual(old_skp, old)
        self.assertEqual(old.date_end, D(2026, 6, 30))
        self.assertEqual(old.state, "approved", "the old SKP keeps its state")
        self.assertEqual(old.appraiser_id, self.emp_appraiser)
        self.assertEqual(old.department_id, self.unit)
        self.assertEqual(old.period_months, 6)
        self.assertEqual(old.months_served, 6)
        self.assertTrue(old.rhk_ids, "the plan stays")
        self.assertTrue(
            all(c.date_end <= D(2026, 6, 30) for c in old.checkin_ids),
            "check-ins after the end are gone, the running one is cut",
        )
        annual = old.checkin_ids.filtered("is_annual")
        self.assertEqual(
            (annual.date_start, annual.date_end),
            (D(2026, 4, 1), D(2026, 6, 30)),
            "the annual evaluation moves to the SKP's end, from its last quarter",
        )
        self.assertEqual(
            sorted(
                old.checkin_ids.filtered(lambda c: not c.is_annual).mapped("date_end")
            ),
            [D(2026, 3, 31), D(2026, 6, 30)],
        )

        self.assertEqual(new_skp.state, "draft")
        self.assertEqual(
            (new_skp.date_start, new_skp.date_end), (D(2026, 7, 1), D(2026, 12, 31))
        )
        self.assertEqual(new_skp.appraiser_id, self.emp_new_appraiser)
        self.assertEqual(new_skp.department_id, self.unit_two)
        self.assertEqual(new_skp.months_served, 6)
        self.assertEqual(len(new_skp.behavior_ids), 7)
        self.assertFalse(old.is_last_in_cycle)
        self.assertTrue(new_skp.is_last_in_cycle)

        self.assertEqual(assignment.closed_appraisal_id, old)
        self.assertEqual(assignment.new_appraisal_id, new_skp)
        self.assertEqual(self.emp_staff.department_id, self.unit_two)
        self.assertEqual(self.emp_staff.asn_appraiser_id, self.emp_new_appraiser)
        self.assertEqual(self.emp_staff.job_title, "Pengelola Keuangan")
        self.assertIn("Period ended", old.message_ids[0].body)
        self.assertIn("SKP started", new_skp.message_ids[0].body)

        # The new appraiser approves the new SKP; the old appraiser still rates
        # the old one.
        self._add_plan(new_skp)
        new_skp.with_user(self.user_staff).action_submit()
        new_skp.with_user(self.user_new_appraiser).action_approve()
        self.assertEqual(new_skp.state, "approved")
        self.assertTrue(
            all(c.date_start >= D(2026, 7, 1) for c in new_skp.checkin_ids),
            "the new SKP's check-ins cover its own months only",
        )
        with self.assertRaises(AccessError):
            old.with_user(self.user_new_appraiser).action_rate()
        old.with_user(self.user_appraiser).write(
            {"work_rating": "above", "behavior_rating": "above"}
        )
        old.with_user(self.user_appraiser).action_rate()
        self.assertEqual(old.state, "rated")

    def test_database_refuses_overlapping_skps(self):
        self._create_skp(self.emp_colleague, with_plan=False)
        Appraisal = self.env["hr.asn.appraisal"]
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            Appraisal.create(
                {
                    "employee_id": self.emp_colleague.id,
                    "cycle_id": self.cycle.id,
                    "date_start": "2026-06-01",
                    "date_end": "2026-12-31",
                }
            )
            self.env.flush_all()
        # Side by side, they may: the first one ends, another starts.
        first = self._skps(self.emp_colleague)
        first.sudo().write({"date_end": "2026-05-31"})
        second = Appraisal.create(
            {
                "employee_id": self.emp_colleague.id,
                "cycle_id": self.cycle.id,
                "date_start": "2026-06-01",
                "date_end": "2026-12-31",
            }
        )
        self.env.flush_all()
        self.assertEqual(self._skps(self.emp_colleague), first | second)
        self.assertTrue(second.is_last_in_cycle)
        self.assertFalse(first.is_last_in_cycle)
        # A cancelled SKP does not count.
        second.with_user(self.user_hr).action_cancel("Made by mistake")
        self.assertTrue(first.is_last_in_cycle)
        Appraisal.create(
            {
                "employee_id": self.emp_colleague.id,
                "cycle_id": self.cycle.id,
                "date_start": "2026-06-01",
                "date_end": "2026-12-31",
            }
        )
        self.env.flush_all()

    def test_period_is_server_owned_after_creation(self):
        skp = self._create_skp(self.emp_staff)
        for user in (self.user_staff, self.user_hr):
            with self.assertRaises(UserError):
                skp.with_user(user).write({"date_end": "2026-06-30"})
        self.assertEqual(skp.date_end, D(2026, 12, 31))
        # An employee drafting their own SKP gets the cycle's period.
        own = (
            self.env["hr.asn.appraisal"]
            .with_user(self.user_colleague)
            .create(
                {
                    "employee_id": self.emp_colleague.id,
                    "cycle_id": self.cycle.id,
                    "date_start": "2026-03-01",
                }
            )
        )
        self.assertEqual(own.date_start, D(2026, 1, 1))

    # ------------------------------------------------------------------
    # Bad input: refused, nothing written
    # ------------------------------------------------------------------
    def _assert_nothing_written(self, skp):
        self.assertFalse(
            self.env["hr.asn.assignment"].search(
                [("employee_id", "=", skp.employee_id.id)]
            )
        )
        self.assertEqual(self._skps(skp.employee_id), skp)
        self.assertEqual(skp.date_end, D(2026, 12, 31))
        self.assertEqual(self.emp_staff.department_id, self.unit)

    def test_bad_input_is_refused(self):
        skp = self._approved_skp()
        for date in ("2025-12-31", "2027-01-01", "2026-01-01"):
            with self.subTest(date=date), self.assertRaises(UserError):
                self._transfer(skp, date)
            self._assert_nothing_written(skp)
        with self.assertRaises(AccessError):
            self._record(skp.employee_id, "2026-07-01", user=self.user_appraiser)
        self._assert_nothing_written(skp)
        with self.assertRaises(UserError):
            self._record(
                skp.employee_id,
                "2026-07-01",
                appraiser_id=self.emp_staff.id,
            )
        self._assert_nothing_written(skp)
        elsewhere = self.env["hr.department"].create(
            {"name": "Dinas Lain", "company_id": self.other_company.id}
        )
        with self.assertRaises(UserError):
            self._record(skp.employee_id, "2026-07-01", department_id=elsewhere.id)
        self._assert_nothing_written(skp)
        # An HR officer of another company cannot move this employee.
        with self.assertRaises(AccessError):
            self._record(skp.employee_id, "2026-07-01", user=self.user_other_hr)
        self._assert_nothing_written(skp)

    def test_two_changes_on_one_day_refused(self):
        skp = self._approved_skp()
        self._transfer(skp)
        with self.assertRaises(UserError):
            self._record(self.emp_staff, "2026-07-01", reason="rotasi")
        self.assertEqual(len(self._skps(self.emp_staff)), 2)
        # A change dated before the current SKP's start is refused too.
        with self.assertRaises(UserError):
            self._record(self.emp_staff, "2026-05-01", reason="rotasi")
        # A later change splits the second SKP.
        self._record(
            self.emp_staff,
            "2026-10-01",
            reason="promosi",
            appraiser_id=self.emp_appraiser.id,
        )
        periods = [(s.date_start, s.date_end) for s in self._skps(self.emp_staff)]
        self.assertEqual(
            periods,
            [
                (D(2026, 1, 1), D(2026, 6, 30)),
                (D(2026, 7, 1), D(2026, 9, 30)),
                (D(2026, 10, 1), D(2026, 12, 31)),
            ],
        )

    def test_change_on_a_validated_skp_refused(self):
        skp = self._rated_skp()
        skp.with_user(self.user_hr).action_validate()
        with self.assertRaises(UserError):
            self._transfer(skp)
        self.assertEqual(skp.date_end, D(2026, 12, 31))
        self.assertEqual(len(self._skps(self.emp_staff)), 1)

    def test_appraiser_without_user_hr_acts(self):
        skp = self._approved_skp()
        assignment = self._record(
            self.emp_staff, "2026-07-01", appraiser_id=self.emp_no_user.id
        )
        new_skp = assignment.new_appraisal_id
        self.assertEqual(new_skp.appraiser_id, self.emp_no_user)
        self._add_plan(new_skp)
        new_skp.with_user(self.user_staff).action_submit()
        new_skp.with_user(self.user_hr).action_approve()
        self.assertEqual(new_skp.state, "approved")
        self.assertEqual(skp.date_end, D(2026, 6, 30))

    def test_assignment_is_history(self):
        assignment = self._transfer(self._approved_skp())
        # Only the flow writes the history: no assignment made by hand.
        with self.assertRaises(AccessError):
            self.env["hr.asn.assignment"].with_user(self.user_hr).create(
                {
                    "employee_id": self.emp_staff.id,
                    "date": "2026-08-01",
                    "reason": "rotasi",
                }
            )
        with self.assertRaises(AccessError):
            assignment.with_user(self.user_hr).write({"job_title": "Lain"})
        with self.assertRaises(AccessError):
            assignment.with_user(self.user_hr).unlink()

    def test_wizard_records_the_change(self):
        skp = self._approved_skp()
        wizard = (
            self.env["hr.asn.position.change.wizard"]
            .with_user(self.user_hr)
            .create(
                {
                    "employee_id": self.emp_staff.id,
                    "date": "2026-07-01",
                    "reason": "mutasi",
                    "department_id": self.unit_two.id,
                    "appraiser_id": self.emp_new_appraiser.id,
                }
            )
        )
        action = wizard.action_confirm()
        new_skp = self.env["hr.asn.appraisal"].browse(action["res_id"])
        self.assertEqual(new_skp.date_start, D(2026, 7, 1))
        self.assertEqual(skp.date_end, D(2026, 6, 30))

    # ------------------------------------------------------------------
    # Joining and leaving
    # ------------------------------------------------------------------
    def test_joining_mid_year_starts_an_skp_on_the_tmt(self):
        cpns = self.env["hr.employee"].create(
            {
                "name": "CPNS Baru",
                "company_id": self.company.id,
                "department_id": self.unit.id,
                "parent_id": self.emp_appraiser.id,
                "asn_type": "pns",
                "asn_nip": "200001012026031007",
                "asn_position_type": "pelaksana",
            }
        )
        self.cycle.sudo().filing_deadline = "2026-01-31"
        assignment = self._record(cpns, "2026-03-01", reason="join_cpns")
        skp = assignment.new_appraisal_id
        # 30 days after its start, as the cycle's deadline is after its start.
        self.assertEqual(skp.filing_deadline, D(2026, 3, 31))
        self.assertEqual(
            (skp.date_start, skp.date_end), (D(2026, 3, 1), D(2026, 12, 31))
        )
        self.assertEqual(skp.period_months, 10)
        self.assertTrue(skp.is_partial_period)
        self.assertEqual(cpns.asn_date_joined, D(2026, 3, 1))
        with self.assertRaises(UserError):
            self._record(cpns, "2026-04-01", reason="join_transfer")

    def test_generation_follows_joining_and_leaving_dates(self):
        Employee = self.env["hr.employee"]
        common = {
            "company_id": self.company.id,
            "department_id": self.unit.id,
            "parent_id": self.emp_appraiser.id,
            "asn_type": "pns",
            "asn_position_type": "pelaksana",
        }
        joiner = Employee.create(
            {
                **common,
                "name": "Pindahan Masuk",
                "asn_nip": "199501012020031008",
                "asn_date_joined": "2026-04-15",
            }
        )
        gone = Employee.create(
            {
                **common,
                "name": "Sudah Pensiun",
                "asn_nip": "196501011990031009",
                "asn_date_left": "2025-12-31",
            }
        )
        later = Employee.create(
            {
                **common,
                "name": "Masuk Tahun Depan",
                "asn_nip": "199601012020031010",
                "asn_date_joined": "2027-01-04",
            }
        )
        self.cycle.with_user(self.user_hr).action_generate_appraisals()
        self.assertEqual(self._skps(joiner).date_start, D(2026, 4, 15))
        self.assertFalse(self._skps(gone))
        self.assertFalse(self._skps(later))
        # Idempotent: generating again makes nothing new, even after a split.
        staff = self._skps(self.emp_staff)
        self._record(self.emp_staff, "2026-07-01", appraiser_id=self.emp_head.id)
        self.cycle.with_user(self.user_hr).action_generate_appraisals()
        self.assertEqual(len(self._skps(self.emp_staff)), 2)
        self.assertIn(staff, self._skps(self.emp_staff))

    def test_leaving_ends_the_running_skp(self):
        nips = {
            "leave_retirement": "196601011990031011",
            "leave_cltn": "198001012005012012",
        }
        for reason, nip in nips.items():
            with self.subTest(reason=reason):
                employee = self.env["hr.employee"].create(
                    {
                        "name": f"Pegawai {reason}",
                        "company_id": self.company.id,
                        "department_id": self.unit.id,
                        "parent_id": self.emp_appraiser.id,
                        "asn_type": "pns",
                        "asn_nip": nip,
                        "asn_position_type": "pelaksana",
                    }
                )
                skp = self._create_skp(employee)
                assignment = self._record(employee, "2026-08-31", reason=reason)
                self.assertEqual(skp.date_end, D(2026, 8, 31))
                self.assertEqual(skp.period_months, 8)
                self.assertFalse(assignment.new_appraisal_id)
                self.assertEqual(self._skps(employee), skp)
                self.assertEqual(employee.asn_date_left, D(2026, 8, 31))
        # Not in service: a change is refused, a joining is what HR records.
        with self.assertRaises(UserError):
            self._record(employee, "2026-11-02", reason="rotasi")
        # Back from CLTN: a joining starts a new SKP.
        back = self._record(employee, "2026-11-02", reason="join_return")
        self.assertEqual(back.new_appraisal_id.date_start, D(2026, 11, 2))
        self.assertFalse(employee.asn_date_left)

    # ------------------------------------------------------------------
    # The year's result
    # ------------------------------------------------------------------
    def test_year_result_from_two_skps(self):
        old = self._approved_skp()
        new_skp = self._transfer(old).new_appraisal_id
        self._add_plan(new_skp)
        new_skp.with_user(self.user_staff).action_submit()
        new_skp.with_user(self.user_new_appraiser).action_approve()
        self._validate(old, self.user_appraiser, "above", "above")  # Sangat Baik
        Appraisal = self.env["hr.asn.appraisal"]
        key = (self.emp_staff.id, self.cycle.id)
        # Undecided while the second SKP is not validated.
        self.assertFalse(Appraisal._get_year_results([self.emp_staff.id])[key])
        self.assertFalse(old.year_predikat)
        self._validate(new_skp, self.user_new_appraiser, "below", "as_expected")
        self.assertEqual(new_skp.decided_predikat, "butuh_perbaikan")
        # Default: the last SKP's predikat.
        self.assertEqual(self.cycle.year_result_method, "last")
        self.assertEqual(
            Appraisal._get_year_results([self.emp_staff.id])[key], "butuh_perbaikan"
        )
        old.invalidate_recordset(["year_predikat"])
        self.assertEqual(old.year_predikat, "butuh_perbaikan")
        # Weighted by months: 6 x 5 + 6 x 3 = 48 / 12 = 4: Baik.
        self.cycle.with_user(self.user_hr).year_result_method = "weighted"
        self.assertEqual(Appraisal._get_year_results([self.emp_staff.id])[key], "baik")
        # Promotion looks at the year, not at each SKP.
        history = self.emp_staff._get_year_predikats()[self.emp_staff.id]
        self.assertEqual(history, {self.cycle.date_end.year: "baik"})
        # The recap shows each SKP's period and the year's predikat.
        rows = (old | new_skp).with_user(self.user_hr)._get_recap_rows()
        self.assertEqual(
            [(r["date_start"], r["date_end"]) for r in rows],
            [(D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 7, 1), D(2026, 12, 31))],
        )
        self.assertEqual({r["year_predikat"] for r in rows}, {"Baik"})
        # SIASN takes one annual record: the last SKP, with the year's predikat.
        with self.assertRaises(UserError):
            old._get_siasn_facts()
        self.assertEqual(new_skp._get_siasn_facts().predikat, "baik")

    def test_distribution_counts_each_employee_once(self):
        old = self._approved_skp()
        new_skp = self._transfer(old).new_appraisal_id
        self._add_plan(new_skp)
        new_skp.with_user(self.user_staff).action_submit()
        new_skp.with_user(self.user_new_appraiser).action_approve()
        old.with_user(self.user_appraiser).write(
            {"work_rating": "above", "behavior_rating": "above"}
        )
        old.with_user(self.user_appraiser).action_rate()
        new_skp.with_user(self.user_new_appraiser).write(
            {"work_rating": "as_expected", "behavior_rating": "as_expected"}
        )
        new_skp.with_user(self.user_new_appraiser).action_rate()
        ratings = self.env["hr.asn.unit.rating"].create(
            [
                {
                    "cycle_id": self.cycle.id,
                    "department_id": unit.id,
                    "org_rating": "baik",
                }
                for unit in (self.unit, self.unit_two)
            ]
        )
        first, second = ratings
        self.assertEqual(first.count_total, 0, "the old unit no longer counts them")
        self.assertEqual((second.count_total, second.count_baik), (1, 1))

    def test_cycle_dates_carry_whole_year_skps_only(self):
        skp = self._create_skp(self.emp_staff)  # a draft: no check-ins yet
        cycle = self.cycle.sudo()
        cycle.write({"date_start": "2026-01-02"})
        self.assertEqual(skp.date_start, D(2026, 1, 2))
        cycle.write({"date_start": "2026-01-01"})
        self._transfer(skp)
        with self.assertRaises(UserError):
            cycle.write({"date_start": "2026-01-02"})
        self.assertEqual(skp.date_start, D(2026, 1, 1))
