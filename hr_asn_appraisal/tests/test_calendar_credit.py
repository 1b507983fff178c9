import importlib.util
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common_reports import AsnReportCase

ADDON = "hr_asn_appraisal"
STATEMENT = f"{ADDON}.action_report_credit_statement"


class AsnYearCase(AsnReportCase):
    @classmethod
    def _cycle(cls, name, start, end, period_type="quarterly"):
        cycle = cls.env["hr.asn.appraisal.cycle"].create(
            {
                "name": name,
                "date_start": start,
                "date_end": end,
                "period_type": period_type,
                "company_id": cls.company.id,
                "user_id": cls.user_hr.id,
                "require_annual_evaluation": False,
            }
        )
        cycle.with_user(cls.user_hr).action_open()
        return cycle

    def _summary(self, skp):
        return [
            (c.period_code, c.period_name, c.date_start, c.date_end)
            for c in skp.checkin_ids.sorted(lambda c: (c.period_sequence, c.id))
        ]


@tagged("post_install", "-at_install")
class TestCalendarPeriods(AsnYearCase):
    """Check-ins follow calendar periods (Triwulan I = January-March), and
    the 18.0.1.1.0 migration moves the open check-ins of existing SKPs onto
    them."""

    def test_cycle_from_15_march_gets_calendar_checkins(self):
        cycle = self._cycle("SKP Maret", "2026-03-15", "2026-12-31")
        skp = self._create_skp(self.emp_staff, cycle_id=cycle.id)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        self.assertEqual(
            self._summary(skp),
            [
                ("q1", "Triwulan I", date(2026, 3, 15), date(2026, 3, 31)),
                ("q2", "Triwulan II", date(2026, 4, 1), date(2026, 6, 30)),
                ("q3", "Triwulan III", date(2026, 7, 1), date(2026, 9, 30)),
                ("q4", "Triwulan IV", date(2026, 10, 1), date(2026, 12, 31)),
                ("annual", "Tahunan", date(2026, 10, 1), date(2026, 12, 31)),
            ],
        )
        q4 = skp.checkin_ids.filtered(lambda c: c.period_code == "q4")
        self.assertEqual(q4._get_report_period_title(), "TRIWULAN IV-AKHIR")

    def test_cycle_from_july(self):
        cycle = self._cycle("SKP Juli", "2026-07-01", "2026-12-31", "semester")
        skp = self._create_skp(self.emp_staff, cycle_id=cycle.id)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        self.assertEqual(
            self._summary(skp),
            [
                ("s2", "Semester II", date(2026, 7, 1), date(2026, 12, 31)),
                ("annual", "Tahunan", date(2026, 7, 1), date(2026, 12, 31)),
            ],
        )

    def _old_style(self, skp, rows):
        """Check-ins as the earlier version stored them (periods counted from
        the cycle's start): written in SQL, as the database holds them before
        the migration."""
        checkins = skp.checkin_ids.sorted(lambda c: (c.period_sequence, c.id))
        self.env.flush_all()
        for checkin, (code, name, start, end, state) in zip(
            checkins, rows, strict=True
        ):
            self.env.cr.execute(
                """UPDATE hr_asn_checkin SET period_code = %s, period_name = %s,
                          date_start = %s, date_end = %s, state = %s
                    WHERE id = %s""",
                (code, name, start, end, state, checkin.id),
            )
        self.env.invalidate_all()

    def test_migration_realigns_open_checkins(self):
        cycle = self._cycle("SKP Maret", "2026-03-15", "2026-12-31")
        skp = self._create_skp(self.emp_staff, cycle_id=cycle.id)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        self._old_style(
            skp,
            [
                ("q1", "Triwulan I", "2026-03-15", "2026-06-14", "reviewed"),
                ("q2", "Triwulan II", "2026-06-15", "2026-09-14", "submitted"),
                ("q3", "Triwulan III", "2026-09-15", "2026-12-14", "draft"),
                ("q4", "Triwulan IV", "2026-12-15", "2026-12-31", "draft"),
                ("annual", "Tahunan", "2026-12-15", "2026-12-31", "draft"),
            ],
        )
        reviewed = skp.checkin_ids.filtered(lambda c: c.state == "reviewed")
        ids_before = set(skp.checkin_ids.ids)
        moved = self.env["hr.asn.appraisal"]._realign_open_checkin_periods()
        self.assertEqual(moved, 4)
        skp.invalidate_recordset()
        self.assertEqual(
            self._summary(skp),
            [
                # reviewed: final, left as it was; it covers 75 of Triwulan
                # II's 91 days, so Triwulan II gets no second check-in
                ("q1", "Triwulan I", date(2026, 3, 15), date(2026, 6, 14)),
                ("q3", "Triwulan III", date(2026, 7, 1), date(2026, 9, 30)),
                ("q4", "Triwulan IV", date(2026, 10, 1), date(2026, 12, 31)),
                # the old 15 December one had no free period left: kept, for
                # HR to look at, its code freed
                ("q4-before", "Triwulan IV", date(2026, 12, 15), date(2026, 12, 31)),
                ("annual", "Tahunan", date(2026, 10, 1), date(2026, 12, 31)),
            ],
        )
        self.assertEqual(set(skp.checkin_ids.ids), ids_before)  # none lost
        self.assertEqual(reviewed.date_end, date(2026, 6, 14))
        # The submitted check-in kept its state and content, in its new period.
        moved_submitted = skp.checkin_ids.filtered(lambda c: c.state == "submitted")
        self.assertEqual(moved_submitted.period_code, "q3")
        # Idempotent: a second run changes nothing.
        self.assertEqual(
            self.env["hr.asn.appraisal"]._realign_open_checkin_periods(), 0
        )

    def test_migration_creates_missing_periods_and_leaves_validated(self):
        cycle = self._cycle("SKP Juli", "2026-07-01", "2026-12-31")
        skp = self._create_skp(self.emp_staff, cycle_id=cycle.id)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        # The earlier version: "Triwulan I" = July-September, "Triwulan II" =
        # October-December.
        self._old_style(
            skp,
            [
                ("q1", "Triwulan I", "2026-07-01", "2026-09-30", "draft"),
                ("q2", "Triwulan II", "2026-10-01", "2026-12-31", "draft"),
                ("annual", "Tahunan", "2026-10-01", "2026-12-31", "draft"),
            ],
        )
        done = self._done_for(self.emp_colleague, "as_expected", "as_expected", cycle)
        self._old_style(
            done,
            [
                ("q1", "Triwulan I", "2026-07-01", "2026-09-30", "draft"),
                ("q2", "Triwulan II", "2026-10-01", "2026-12-31", "draft"),
                ("annual", "Tahunan", "2026-10-01", "2026-12-31", "draft"),
            ],
        )
        self.env["hr.asn.appraisal"]._realign_open_checkin_periods()
        skp.invalidate_recordset()
        self.assertEqual(
            self._summary(skp),
            [
                ("q3", "Triwulan III", date(2026, 7, 1), date(2026, 9, 30)),
                ("q4", "Triwulan IV", date(2026, 10, 1), date(2026, 12, 31)),
                ("annual", "Tahunan", date(2026, 10, 1), date(2026, 12, 31)),
            ],
        )
        # A validated SKP is frozen: its check-ins stay as they were.
        self.assertEqual([c[0] for c in self._summary(done)], ["q1", "q2", "annual"])

    def test_migration_script(self):
        """The 18.0.1.1.0 post-migration script itself, on old-style data."""
        cycle = self._cycle("SKP Juli", "2026-07-01", "2026-12-31")
        skp = self._create_skp(self.emp_staff, cycle_id=cycle.id)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        self._old_style(
            skp,
            [
                ("q1", "Triwulan I", "2026-07-01", "2026-09-30", "draft"),
                ("q2", "Triwulan II", "2026-10-01", "2026-12-31", "draft"),
                ("annual", "Tahunan", "2026-10-01", "2026-12-31", "draft"),
            ],
        )
        path = file_path(f"{ADDON}/migrations/18.0.1.1.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("asn_post_migration", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, None)  # a fresh install: nothing to do
        skp.invalidate_recordset()
        self.assertEqual([c[0] for c in self._summary(skp)], ["q1", "q2", "annual"])
        script.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(
            [c[:2] for c in self._summary(skp)],
            [("q3", "Triwulan III"), ("q4", "Triwulan IV"), ("annual", "Tahunan")],
        )

    def test_migration_fills_decided_months(self):
        skp = self._done_for(self.emp_staff, "as_expected", "as_expected")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_asn_appraisal SET decided_months = NULL, months_served = 7 "
            "WHERE id = %s",
            (skp.id,),
        )
        self.env.invalidate_all()
        self.assertGreaterEqual(
            self.env["hr.asn.appraisal"]._fill_missing_decided_months(), 1
        )
        self.assertEqual(skp.decided_months, 7)


@tagged("post_install", "-at_install")
class TestCreditCareer(AsnYearCase):
    """Credit points per SKP for its months at the level held, the year's
    total, the running total per level, and the printed year statement."""

    def _jf(self, employee, level):
        employee.write({"asn_position_type": "fungsional", "asn_position_level": level})
        return employee

    def test_months_of_the_skp_period_are_frozen(self):
        """A half-year SKP (July-December) earns 6/12 even with 12 months
        served recorded; the months are decided with the points."""
        cycle = self._cycle("SKP Juli", "2026-07-01", "2026-12-31")
        self._jf(self.emp_staff, "ahli_muda")
        skp = self._done_for(self.emp_staff, "as_expected", "as_expected", cycle)
        self.assertEqual((skp.decided_months, skp.credit_points), (6, 12.5))
        full = self._done_for(self._jf(self.extra[0], "ahli_muda"), "above", "above")
        self.assertEqual((full.decided_months, full.credit_points), (12, 37.5))
        self.assertIn("decided_months", skp._get_server_owned_fields())
        with self.assertRaises(UserError):
            skp.with_user(self.user_hr).write({"decided_months": 12})
        self.assertEqual(skp.decided_months, 6)

    def test_running_total_per_level(self):
        """Ahli Pertama in 2025 (Sangat Baik: 18.75), then Ahli Muda in 2026
        (Baik: 25): the new level starts from 0."""
        employee = self._jf(self.emp_staff, "ahli_pertama")
        cycle_2025 = self._cycle("SKP 2025", "2025-01-01", "2025-12-31")
        self._done_for(employee, "above", "above", cycle_2025)
        employee.invalidate_recordset()
        self.assertEqual(employee.asn_credit_level_total, 18.75)
        self._jf(employee, "ahli_muda")
        self._done_for(employee, "as_expected", "as_expected")
        employee.invalidate_recordset()
        self.assertEqual(employee.asn_credit_level_total, 25.0)
        rows = self.env["hr.asn.appraisal"]._get_credit_rows(employee)
        self.assertEqual(
            sorted((r.year, r.level, r.points) for r in rows),
            [(2025, "ahli_pertama", 18.75), (2026, "ahli_muda", 25.0)],
        )

    def test_credit_rows_in_one_query(self):
        employees = self.extra[:4]
        for employee in employees:
            self._done_for(self._jf(employee, "ahli_pertama"), "above", "above")
        counts = []
        for batch in (employees[:1], employees):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            rows = self.env["hr.asn.appraisal"]._get_credit_rows(batch)
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(len(rows), len(batch))
        # Flat: the same queries for one employee as for four.
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 3)

    def test_year_statement(self):
        employee = self._jf(self.emp_staff, "ahli_pertama")
        cycle_2025 = self._cycle("SKP 2025", "2025-01-01", "2025-12-31")
        self._done_for(employee, "above", "above", cycle_2025)
        skp = self._done_for(employee, "as_expected", "as_expected")
        statements = skp.with_user(self.user_staff)._get_credit_statements()
        self.assertEqual(len(statements), 1)
        statement = statements[0]
        self.assertEqual(statement["year"], 2026)
        self.assertEqual(
            [
                (
                    line["level"],
                    line["predikat"],
                    line["percent"],
                    line["coefficient"],
                    line["months"],
                    line["points"],
                )
                for line in statement["lines"]
            ],
            [("Ahli Pertama", "Baik", 100.0, 12.5, 12, 12.5)],
        )
        self.assertEqual(
            statement["levels"],
            [
                {
                    "level": "Ahli Pertama",
                    "points": 12.5,
                    "cumulative": 31.25,
                    "next_level": 100.0,
                }
            ],
        )
        self.assertEqual((statement["total"], statement["hidden"]), (12.5, 0))
        text = self._pdf_text(STATEMENT, skp, self.user_staff)
        for expected in ("2026", "Ahli Pertama", "Baik", "12.500", "31.250"):
            self.assertIn(expected, text)

    def test_statement_access(self):
        self._jf(self.emp_staff, "ahli_pertama")
        skp = self._done_for(self.emp_staff, "as_expected", "as_expected")
        for user in (self.user_hr, self.user_appraiser, self.user_staff):
            with self.subTest(user=user.login):
                self._html(STATEMENT, skp, user)
        with self.assertRaises(AccessError):
            self._html(STATEMENT, skp, self.user_colleague)

    def test_statement_shows_nothing_pending(self):
        """An SKP not validated yet prints no line: its predikat is not final."""
        self._jf(self.emp_staff, "ahli_pertama")
        skp = self._rated_skp("above", "above")
        statement = skp.with_user(self.user_staff)._get_credit_statements()[0]
        self.assertEqual((statement["lines"], statement["total"]), ([], 0))
