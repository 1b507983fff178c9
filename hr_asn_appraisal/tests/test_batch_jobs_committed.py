import uuid
from datetime import date, timedelta

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged

from .common_committed import delete_document_traces

REMINDER_CRON = "hr_asn_appraisal.ir_cron_hr_asn_reminders"
GENERATION_CRON = "hr_asn_appraisal.ir_cron_hr_asn_generate_appraisals"
SYNC_LIMIT = "hr_asn_appraisal.generation_sync_limit"
BATCH_SIZE = "hr_asn_appraisal.generation_batch_size"


class WorkerKilled(Exception):
    """The worker dies in the middle of a batch, after doing its work."""


@tagged("post_install", "-at_install")
class TestBatchJobsCommitted(BaseCase):
    """The batch jobs on real cursors, one committed transaction per call as
    Odoo's cron runner makes them: a job interrupted after its first batch
    finishes in the next run, and nothing is done twice.

    The data is committed (that is the point) and removed in tearDown.
    """

    # pylint: disable=invalid-commit

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.company"].create(
                {"name": f"Dinas Bertahap {uuid.uuid4().hex[:8]}"}
            )
            users = [
                new_test_user(
                    env,
                    login=f"bj_{uuid.uuid4().hex[:8]}",
                    groups="base.group_user",
                    company_id=company.id,
                    company_ids=[(6, 0, company.ids)],
                )
                for _index in range(6)
            ]
            Employee = env["hr.employee"]
            boss = Employee.create(
                {
                    "name": "Atasan Bertahap",
                    "company_id": company.id,
                    "user_id": users[0].id,
                }
            )
            staff = Employee.create(
                [
                    {
                        "name": f"Staf Bertahap {index}",
                        "company_id": company.id,
                        "user_id": user.id,
                        "parent_id": boss.id,
                        "asn_type": "pns",
                        "asn_nip": f"199303032019031{index + 40:03d}",
                    }
                    for index, user in enumerate(users[1:])
                ]
            )
            today = date.today()
            cycle = env["hr.asn.appraisal.cycle"].create(
                {
                    "name": f"Bertahap {uuid.uuid4().hex[:6]}",
                    "date_start": today - timedelta(days=30),
                    "date_end": today + timedelta(days=300),
                    # Three days away: a "deadline near" reminder per draft SKP.
                    "filing_deadline": today + timedelta(days=3),
                    "company_id": company.id,
                }
            )
            cycle.action_open()
            self.ids = {
                "company": company.id,
                "cycle": cycle.id,
                "staff": staff.ids,
                "employees": (staff | boss).ids,
                "users": [user.id for user in users],
            }
            self.test_cron = (
                env["ir.cron"]
                .create(
                    {
                        "name": "Test batch job",
                        "model_id": env["ir.model"]._get_id("hr.asn.appraisal"),
                        "state": "code",
                        "code": "",
                        "active": False,
                    }
                )
                .id
            )

    def tearDown(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM hr_asn_appraisal WHERE cycle_id = %s",
                [self.ids["cycle"]],
            )
            skp_ids = [row[0] for row in cr.fetchall()]
            delete_document_traces(cr, "hr.asn.appraisal", skp_ids)
            cr.execute(
                "DELETE FROM hr_asn_appraisal WHERE cycle_id = %s", [self.ids["cycle"]]
            )
            delete_document_traces(cr, "hr.asn.appraisal.cycle", [self.ids["cycle"]])
            for table in ("ir_cron_trigger", "ir_cron_progress"):
                cr.execute(
                    f"DELETE FROM {table} WHERE cron_id = %s",  # noqa: S608
                    [self.test_cron],
                )
            cr.execute(
                "DELETE FROM hr_asn_job_cursor WHERE name = %s",
                [f"ir.cron,{self.test_cron}"],
            )
            cr.execute(
                "DELETE FROM ir_config_parameter WHERE key IN %s",
                [(SYNC_LIMIT, BATCH_SIZE)],
            )
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ir.cron"].browse(self.test_cron).unlink()
            env["hr.asn.appraisal.cycle"].browse(self.ids["cycle"]).unlink()
            env["hr.employee"].browse(self.ids["employees"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
        super().tearDown()

    def _call(self, cron_xmlid, job, die=False):
        """One call of the runner: its own cursor and progress, committed at
        the end, rolled back when the worker dies. Returns (done, remaining)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cron = (
                env.ref(cron_xmlid)
                if isinstance(cron_xmlid, str)
                else env["ir.cron"].browse(cron_xmlid)
            )
            cron, progress = cron._add_progress()
            cr.commit()
            job(env(context={"ir_cron_progress_id": progress.id}))
            if die:
                raise WorkerKilled()
            return progress.done, progress.remaining

    def _count(self, query, params):
        with self.registry.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchone()[0]

    def test_reminders_interrupted_after_the_first_batch(self):
        """Batches of two over this test's five SKPs; the worker dies in the
        second batch after sending; the next runs finish the job; each
        employee has exactly one reminder."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["hr.asn.appraisal.cycle"].browse(
                self.ids["cycle"]
            ).action_generate_appraisals()
        today = date.today()
        before = self._count("SELECT coalesce(max(id), 0) FROM mail_message", [])

        def reminders(env):
            Appraisal = env["hr.asn.appraisal"].sudo()
            domain = [("cycle_id", "=", self.ids["cycle"])]
            env["hr.asn.job.cursor"]._run_batch(
                env["ir.cron"].browse(self.test_cron),
                [("skp", (Appraisal, domain), lambda s: s._send_due_reminders(today))],
                2,
                today,
            )

        self.assertEqual(self._call(self.test_cron, reminders), (2, 3))
        with self.assertRaises(WorkerKilled):
            self._call(self.test_cron, reminders, die=True)
        calls = [self._call(self.test_cron, reminders) for _call in range(3)]
        self.assertEqual(calls, [(2, 1), (1, 0), (0, 0)])
        query = """
            SELECT count(*) FROM mail_message m
              JOIN mail_message_res_partner_rel r ON r.mail_message_id = m.id
              JOIN res_users u ON u.partner_id = r.res_partner_id
              JOIN hr_employee e ON e.user_id = u.id
              JOIN hr_asn_appraisal s ON s.id = m.res_id AND s.employee_id = e.id
             WHERE m.model = 'hr.asn.appraisal' AND s.cycle_id = %s AND m.id > %s
        """
        self.assertEqual(self._count(query, [self.ids["cycle"], before]), 5)
        self.assertEqual(
            self._count(
                "SELECT count(*) FROM hr_asn_reminder_log l "
                "JOIN hr_asn_appraisal s ON s.id = l.res_id "
                "WHERE l.res_model = 'hr.asn.appraisal' AND s.cycle_id = %s",
                [self.ids["cycle"]],
            ),
            5,
        )

    def test_generation_interrupted_after_the_first_batch(self):
        """Five SKPs queued, batches of two; the worker dies in the second
        batch; the next runs make the rest; each employee has one SKP."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            params = env["ir.config_parameter"]
            params.set_param(SYNC_LIMIT, 1)
            params.set_param(BATCH_SIZE, 2)
            env["hr.asn.appraisal.cycle"].browse(
                self.ids["cycle"]
            ).action_generate_appraisals()

        def generate(env):
            env["hr.asn.appraisal.cycle"]._cron_generate_appraisals()

        skps = (
            "SELECT count(*), count(DISTINCT employee_id) FROM hr_asn_appraisal "
            "WHERE cycle_id = %s"
        )
        self.assertEqual(self._call(GENERATION_CRON, generate), (2, 3))
        with self.assertRaises(WorkerKilled):
            self._call(GENERATION_CRON, generate, die=True)
        with self.registry.cursor() as cr:
            cr.execute(skps, [self.ids["cycle"]])
            self.assertEqual(cr.fetchone(), (2, 2), "the killed batch left nothing")
        calls = [self._call(GENERATION_CRON, generate) for _call in range(3)]
        self.assertEqual(calls, [(2, 1), (1, 0), (0, 0)])
        with self.registry.cursor() as cr:
            cr.execute(skps, [self.ids["cycle"]])
            self.assertEqual(cr.fetchone(), (5, 5))
            cr.execute(
                "SELECT generation_pending, generation_done FROM "
                "hr_asn_appraisal_cycle WHERE id = %s",
                [self.ids["cycle"]],
            )
            self.assertEqual(cr.fetchone(), (False, 5))
