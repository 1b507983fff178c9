import threading
import time
import uuid
from datetime import date, timedelta

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from .common_committed import delete_document_traces


@tagged("post_install", "-at_install")
class TestConcurrentTransitions(BaseCase):
    """Two people acting on the same SKP at the same moment, on real cursors.

    The data is committed (other connections must see it) and removed again in
    tearDown: the commits are the point of these tests.
    """

    # pylint: disable=invalid-commit

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.company"].create(
                {"name": f"Dinas Konkuren {uuid.uuid4().hex[:8]}"}
            )
            users = {
                login: new_test_user(
                    env,
                    login=login,
                    groups=groups,
                    company_id=company.id,
                    company_ids=[(6, 0, company.ids)],
                )
                for login, groups in (
                    ("cc_appraiser", "base.group_user"),
                    ("cc_staff", "base.group_user"),
                    ("cc_hr", "base.group_user,hr_asn_appraisal.group_hr_asn_officer"),
                    ("cc_hr2", "base.group_user,hr_asn_appraisal.group_hr_asn_officer"),
                )
            }
            Employee = env["hr.employee"]
            boss = Employee.create(
                {
                    "name": "Atasan Konkuren",
                    "company_id": company.id,
                    "user_id": users["cc_appraiser"].id,
                }
            )
            staff = Employee.create(
                {
                    "name": "Staf Konkuren",
                    "company_id": company.id,
                    "user_id": users["cc_staff"].id,
                    "parent_id": boss.id,
                    "asn_type": "pns",
                    "asn_nip": "199202022018012001",
                }
            )
            # Last year's cycle: once the SKP is approved, every periodic
            # evaluation is overdue, which gives the reminder tests work.
            year = date.today().year - 1
            cycle = env["hr.asn.appraisal.cycle"].create(
                {
                    "name": f"Konkuren {year}",
                    "date_start": f"{year}-01-01",
                    "date_end": f"{year}-12-31",
                    "company_id": company.id,
                    "require_annual_evaluation": False,
                }
            )
            cycle.action_open()
            skp = env["hr.asn.appraisal"].create(
                {"employee_id": staff.id, "cycle_id": cycle.id}
            )
            env["hr.asn.appraisal.rhk"].create(
                {
                    "appraisal_id": skp.id,
                    "name": "RHK",
                    "parent_rhk_text": "RHK atasan",
                    "iki_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "IKI",
                                "aspect": "kuantitas",
                                "target_value": 1,
                                "target_unit": "Dokumen",
                            },
                        )
                    ],
                }
            )
            skp.action_submit()
            self.ids = {
                "skp": skp.id,
                "cycle": cycle.id,
                "employees": (staff | boss).ids,
                "users": [u.id for u in users.values()],
                "company": company.id,
            }
            self.uids = {login: user.id for login, user in users.items()}

    def tearDown(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM hr_asn_checkin WHERE appraisal_id = %s",
                [self.ids["skp"]],
            )
            checkin_ids = [row[0] for row in cr.fetchall()]
            delete_document_traces(cr, "hr.asn.appraisal", [self.ids["skp"]])
            delete_document_traces(cr, "hr.asn.checkin", checkin_ids)
            cr.execute(
                "DELETE FROM hr_asn_appraisal WHERE cycle_id = %s", [self.ids["cycle"]]
            )
            # The transition log refuses deletion through the ORM, by design.
            cr.execute(
                "DELETE FROM hr_asn_transition_log WHERE user_id IN %s",
                [tuple(self.ids["users"])],
            )
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["hr.asn.appraisal.cycle"].browse(self.ids["cycle"]).unlink()
            env["hr.employee"].browse(self.ids["employees"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
        super().tearDown()

    def _env(self, cr, login):
        return api.Environment(cr, self.uids[login], {})

    def test_second_approval_while_first_in_progress(self):
        """The second approver gets a clear error, not a second transition."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            skp1 = self._env(cr1, "cc_appraiser")["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            skp2 = self._env(cr2, "cc_appraiser")["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            skp1.action_approve()  # holds the row lock until cr1 commits
            with self.assertRaisesRegex(UserError, "Someone else is changing"):
                skp2.action_approve()
            cr2.rollback()
            cr1.commit()
        with self.registry.cursor() as cr:
            skp = api.Environment(cr, SUPERUSER_ID, {})["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            self.assertEqual(skp.state, "approved")
            approvals = skp.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "state" and t.new_value_char == "Approved"
            )
            self.assertLessEqual(len(approvals), 1)

    def test_late_second_approval_fails_on_its_old_snapshot(self):
        """A transaction that read the SKP before the other committed cannot apply
        the same transition again: PostgreSQL refuses the update, and Odoo's RPC
        layer retries it, which then sees the new state."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            skp2 = self._env(cr2, "cc_hr")["hr.asn.appraisal"].browse(self.ids["skp"])
            self.assertEqual(skp2.state, "submitted")  # cr2's snapshot starts here
            skp1 = self._env(cr1, "cc_appraiser")["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            skp1.action_approve()
            cr1.commit()
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.SerializationFailure),
            ):
                skp2.action_cancel("Mutasi")
            cr2.rollback()
            # The retry: a fresh transaction sees "approved" and acts on it.
            skp2.invalidate_recordset()
            skp2.action_cancel("Mutasi")
            cr2.commit()
        with self.registry.cursor() as cr:
            skp = api.Environment(cr, SUPERUSER_ID, {})["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            self.assertEqual(skp.state, "cancel")

    def test_second_review_of_a_checkin_while_first_in_progress(self):
        """Check-ins go through the same workflow lock as the SKP."""
        self._approve_as_superuser()
        with self.registry.cursor() as cr:
            checkin = (
                self._env(cr, "cc_staff")["hr.asn.checkin"]
                .search([("appraisal_id", "=", self.ids["skp"])], order="date_start")
                .filtered(lambda c: not c.is_annual)[:1]
            )
            checkin.iki_ids.write({"realisation_value": 1.0})
            checkin.action_submit()
            checkin_id = checkin.id
        with self.registry.cursor() as cr:
            checkin = self._env(cr, "cc_appraiser")["hr.asn.checkin"].browse(checkin_id)
            checkin.rhk_ids.write({"feedback": "Tepat waktu."})
            checkin.write({"work_rating": "as_expected", "behavior_rating": "above"})
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            first = self._env(cr1, "cc_appraiser")["hr.asn.checkin"].browse(checkin_id)
            second = self._env(cr2, "cc_appraiser")["hr.asn.checkin"].browse(checkin_id)
            first.action_review()
            with self.assertRaisesRegex(UserError, "Someone else is changing"):
                second.action_review()
            cr2.rollback()
            cr1.commit()
        with self.registry.cursor() as cr:
            checkin = api.Environment(cr, SUPERUSER_ID, {})["hr.asn.checkin"].browse(
                checkin_id
            )
            self.assertEqual(checkin.state, "reviewed")
            reviews = checkin.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "state" and t.new_value_char
            )
            self.assertEqual(len(reviews), 2, "submitted once, reviewed once")

    def test_generation_started_twice_at_once(self):
        """A second generation while the first runs is refused; afterwards it
        creates nothing new: each SKP exists once."""
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM hr_asn_appraisal WHERE cycle_id = %s", [self.ids["cycle"]]
            )
            cr.commit()
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cycle1 = self._env(cr1, "cc_hr")["hr.asn.appraisal.cycle"].browse(
                self.ids["cycle"]
            )
            cycle2 = self._env(cr2, "cc_hr")["hr.asn.appraisal.cycle"].browse(
                self.ids["cycle"]
            )
            cycle1.action_generate_appraisals()
            with self.assertRaisesRegex(UserError, "being generated right now"):
                cycle2.action_generate_appraisals()
            cr2.rollback()
            cr1.commit()
            cycle2.invalidate_recordset()
            cycle2.action_generate_appraisals()
            cr2.commit()
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT employee_id, count(*) FROM hr_asn_appraisal "
                "WHERE cycle_id = %s GROUP BY employee_id",
                [self.ids["cycle"]],
            )
            counts = dict(cr.fetchall())
        # The appraiser has no appraiser of their own: only the staff's SKP.
        self.assertEqual(list(counts.values()), [1])

    def test_validation_by_two_officers_at_once(self):
        """Two HR officers validating the same SKP: one validates it, the other
        is told someone else is at it, and afterwards that it is already done."""
        with self.registry.cursor() as cr:
            skp = api.Environment(cr, SUPERUSER_ID, {})["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            skp.action_approve()
            skp.write({"work_rating": "as_expected", "behavior_rating": "above"})
            skp.action_rate()
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            skp1 = self._env(cr1, "cc_hr")["hr.asn.appraisal"].browse(self.ids["skp"])
            skp2 = self._env(cr2, "cc_hr2")["hr.asn.appraisal"].browse(self.ids["skp"])
            skp1.action_validate()
            with self.assertRaisesRegex(UserError, "Someone else is changing"):
                skp2.action_validate()
            cr2.rollback()
            cr1.commit()
            skp2.invalidate_recordset()
            with self.assertRaisesRegex(UserError, "cannot go from"):
                skp2.action_validate()
            cr2.rollback()
        with self.registry.cursor() as cr:
            skp = api.Environment(cr, SUPERUSER_ID, {})["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            self.assertEqual(skp.state, "done")
            cr.execute(
                """SELECT count(*) FROM mail_tracking_value t
                   JOIN mail_message m ON m.id = t.mail_message_id
                   JOIN ir_model_fields f ON f.id = t.field_id
                   WHERE m.model = 'hr.asn.appraisal' AND m.res_id = %s
                     AND f.name = 'state' AND t.new_value_char = %s""",
                [skp.id, skp._state_label("done")],
            )
            self.assertEqual(cr.fetchone()[0], 1)

    # ------------------------------------------------------------------
    # Reminders. The scheduled action (_cron_send_reminders) is run here on
    # this test's documents only: on the whole database it would also remind
    # about (and commit messages on) whatever other data the database holds.
    # ------------------------------------------------------------------
    def _run_reminders(self, cr):
        """The scheduled action's two steps, SKP then check-ins, as it runs them."""
        cr.execute("SET LOCAL lock_timeout = '10s'")  # a wait fails, not hangs
        skp = api.Environment(cr, SUPERUSER_ID, {})["hr.asn.appraisal"].browse(
            self.ids["skp"]
        )
        return skp._send_due_reminders() + skp.checkin_ids._send_due_reminders()

    def _reminder_counts(self):
        """(reminders logged, reminder messages) about this test's documents."""
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM hr_asn_checkin WHERE appraisal_id = %s",
                [self.ids["skp"]],
            )
            checkins = tuple(row[0] for row in cr.fetchall()) or (0,)
            cr.execute(
                """SELECT count(*) FROM hr_asn_reminder_log
                   WHERE (res_model = 'hr.asn.appraisal' AND res_id = %s)
                      OR (res_model = 'hr.asn.checkin' AND res_id IN %s)""",
                [self.ids["skp"], checkins],
            )
            logged = cr.fetchone()[0]
            cr.execute(
                """SELECT count(*) FROM mail_message
                   WHERE message_type = 'user_notification'
                     AND ((model = 'hr.asn.appraisal' AND res_id = %s)
                          OR (model = 'hr.asn.checkin' AND res_id IN %s))""",
                [self.ids["skp"], checkins],
            )
            return logged, cr.fetchone()[0]

    def _approve_as_superuser(self):
        with self.registry.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})["hr.asn.appraisal"].browse(
                self.ids["skp"]
            ).action_approve()

    def test_reminder_run_while_users_act(self):
        """The reminder run and a user's action on the same documents, in either
        order, both go through; nothing is reminded twice."""
        with self.registry.cursor() as cr:
            # Submitted ten days ago: the appraiser's approval reminder is due.
            cr.execute(
                "UPDATE hr_asn_appraisal SET date_submitted = %s WHERE id = %s",
                [date.today() - timedelta(days=10), self.ids["skp"]],
            )
        # The appraiser approves while the reminder run goes on.
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr1.execute("SET LOCAL lock_timeout = '10s'")
            skp1 = self._env(cr1, "cc_appraiser")["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            skp1.action_approve()
            self.assertEqual(self._run_reminders(cr2), 1)  # approval reminder
            cr2.commit()
            cr1.commit()
        self.assertEqual(self._reminder_counts(), (1, 1))
        # The reminder run first (every periodic evaluation is overdue), the
        # employee submits one of them meanwhile.
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            sent = self._run_reminders(cr2)
            self.assertGreater(sent, 0)
            cr1.execute("SET LOCAL lock_timeout = '10s'")
            checkin = (
                self._env(cr1, "cc_staff")["hr.asn.checkin"]
                .search([("appraisal_id", "=", self.ids["skp"])], order="date_start")
                .filtered(lambda c: not c.is_annual)[:1]
            )
            checkin.iki_ids.write({"realisation_value": 1.0})
            checkin.action_submit()
            cr1.commit()
            cr2.commit()
        self.assertEqual(self._reminder_counts(), (1 + sent, 1 + sent))
        # Everything due today was sent once: another run sends nothing.
        with self.registry.cursor() as cr:
            self.assertEqual(self._run_reminders(cr), 0)
        self.assertEqual(self._reminder_counts(), (1 + sent, 1 + sent))

    def test_two_reminder_runs_at_once(self):
        """A second run while the first is not committed yet waits for it, then
        skips what the first one sent: neither fails, nothing is sent twice."""
        self._approve_as_superuser()
        outcome = {}

        def second_run():
            try:
                with self.registry.cursor() as cr:
                    # The test runner holds the registry lock while tests run,
                    # which Environment() takes for a cursor without transaction.
                    cr.transaction = Transaction(self.registry)
                    outcome["sent"] = self._run_reminders(cr)
            except Exception as error:  # noqa: BLE001 - reported by the test
                outcome["error"] = error

        with self.registry.cursor() as cr1:
            first = self._run_reminders(cr1)
            self.assertGreater(first, 0)
            thread = threading.Thread(target=second_run)
            thread.start()
            # Let the second run reach the reminder log and wait on our rows.
            with self.registry.cursor() as cr:
                for _attempt in range(100):
                    if not thread.is_alive():
                        break
                    cr.execute(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock'"
                    )
                    if cr.fetchone()[0]:
                        break
                    time.sleep(0.1)
                    cr.rollback()
                else:
                    self.fail("the second run never waited for the first one")
            cr1.commit()
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertNotIn("error", outcome)
        self.assertEqual(outcome["sent"], 0)
        self.assertEqual(self._reminder_counts(), (first, first))
