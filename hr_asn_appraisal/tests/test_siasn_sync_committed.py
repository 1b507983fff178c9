import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from . import fake_siasn
from .common_committed import delete_document_traces
from .test_siasn_sync import SKP_PATH, P, configure

SEND_CRON = "hr_asn_appraisal.ir_cron_hr_asn_siasn_send"


class WorkerKilled(Exception):
    """The worker dies in the middle of a batch."""


def die_on_call(method, call_number):
    """A wrapper of ``method`` that kills the worker on its n-th call."""
    calls = []

    def wrapper(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == call_number:
            raise WorkerKilled()
        return method(self, *args, **kwargs)

    return wrapper


@tagged("post_install", "-at_install")
class TestSiasnSyncCommitted(BaseCase):
    """The scheduled sender on real cursors, one committed transaction per
    call as Odoo's cron runner makes them, against the fake SIASN: a worker
    killed in the middle of a batch leaves every SKP either sent with its
    SIASN id or still queued; the next run finishes; nothing is sent twice.

    The data is committed (that is the point) and removed in tearDown.
    """

    # pylint: disable=invalid-commit

    def setUp(self):
        super().setUp()
        self.fake = fake_siasn.FakeSiasn().start()
        self.addCleanup(self.fake.stop)
        self.registry = Registry(get_db_name())
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.company"].create({"name": f"Dinas SIASN {tag}"})
            Employee = env["hr.employee"]
            boss = Employee.create(
                {
                    "name": "Atasan SIASN",
                    "company_id": company.id,
                    "asn_type": "pns",
                    "asn_nip": "197505052000032002",
                    "job_title": "Kepala Bidang",
                }
            )
            staff = Employee.create(
                [
                    {
                        "name": f"Staf SIASN {index}",
                        "company_id": company.id,
                        "parent_id": boss.id,
                        "asn_type": "pns",
                        "asn_nip": f"199303032019031{index + 60:03d}",
                        "asn_siasn_id": f"SIASN-{tag}-{index}",
                    }
                    for index in range(3)
                ]
            )
            cycle = env["hr.asn.appraisal.cycle"].create(
                {
                    "name": f"SIASN {tag}",
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                    "company_id": company.id,
                    "require_annual_evaluation": False,
                }
            )
            cycle.action_open()
            skps = env["hr.asn.appraisal"]
            for employee in staff:
                skps |= self._validated_skp(env, cycle, employee)
            configure(env, self.fake, batch_size="10")
            self.ids = {
                "company": company.id,
                "cycle": cycle.id,
                "employees": (staff | boss).ids,
                "skps": skps.ids,
            }

    @staticmethod
    def _validated_skp(env, cycle, employee):
        skp = env["hr.asn.appraisal"].create(
            {
                "employee_id": employee.id,
                "cycle_id": cycle.id,
                "rhk_ids": [
                    Command.create(
                        {
                            "name": "Terkelolanya data kepegawaian",
                            "rhk_type": "utama",
                            "parent_rhk_text": "Meningkatnya kualitas manajemen ASN",
                            "iki_ids": [
                                Command.create(
                                    {
                                        "name": "Jumlah data dimutakhirkan",
                                        "aspect": "kuantitas",
                                        "target_value": 120,
                                        "target_unit": "Dokumen",
                                    }
                                )
                            ],
                        }
                    )
                ],
            }
        )
        skp.action_submit()
        skp.action_approve()
        skp.write({"work_rating": "above", "behavior_rating": "as_expected"})
        skp.action_rate()
        skp.action_validate()
        return skp

    def tearDown(self):
        with self.registry.cursor() as cr:
            skp_ids = tuple(self.ids["skps"])
            cr.execute(
                "DELETE FROM hr_asn_siasn_sync WHERE appraisal_id IN %s", [skp_ids]
            )
            cr.execute(
                "SELECT id FROM hr_asn_checkin WHERE appraisal_id IN %s", [skp_ids]
            )
            delete_document_traces(
                cr, "hr.asn.checkin", [row[0] for row in cr.fetchall()]
            )
            delete_document_traces(cr, "hr.asn.appraisal", skp_ids)
            cr.execute("DELETE FROM hr_asn_appraisal WHERE id IN %s", [skp_ids])
            delete_document_traces(cr, "hr.asn.appraisal.cycle", [self.ids["cycle"]])
            cr.execute("DELETE FROM ir_config_parameter WHERE key LIKE %s", [P + "%"])
            env = api.Environment(cr, SUPERUSER_ID, {})
            cron = env.ref(SEND_CRON)
            for table in ("ir_cron_trigger", "ir_cron_progress"):
                cr.execute(
                    f"DELETE FROM {table} WHERE cron_id = %s",  # noqa: S608
                    [cron.id],
                )
            env["hr.asn.appraisal.cycle"].browse(self.ids["cycle"]).unlink()
            env["hr.employee"].browse(self.ids["employees"]).unlink()
        super().tearDown()

    # ------------------------------------------------------------------
    def _queue(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            skps = env["hr.asn.appraisal"].browse(self.ids["skps"])
            count, skipped = env["hr.asn.siasn.sync"]._queue(skps)
            self.assertEqual((count, skipped), (3, []))

    def _call(self):
        """One call of the runner: its own cursor and progress; what the job
        did not commit is rolled back when the worker dies. Returns (done,
        remaining)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cron, progress = env.ref(SEND_CRON)._add_progress()
            cr.commit()
            env(context={"ir_cron_progress_id": progress.id})[
                "hr.asn.siasn.sync"
            ]._cron_send()
            return progress.done, progress.remaining

    def _states(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT appraisal_id, state, remote_id FROM hr_asn_siasn_sync "
                "WHERE appraisal_id IN %s ORDER BY appraisal_id",
                [tuple(self.ids["skps"])],
            )
            return cr.fetchall()

    def _make_due(self):
        """Time passes: what waits (a retry, a lost answer) is due now."""
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE hr_asn_siasn_sync SET next_try = now() at time zone 'utc' "
                "- interval '1 hour' WHERE appraisal_id IN %s AND state = 'queued'",
                [tuple(self.ids["skps"])],
            )

    def _sent_per_employee(self):
        """How many records SIASN holds per employee (a request answered
        with an error stored nothing)."""
        counts = {}
        for _path, payload in self.fake.records.values():
            key = payload["pnsDinilaiOrang"]
            counts[key] = counts.get(key, 0) + 1
        return counts

    # ------------------------------------------------------------------
    def test_batch_sends_and_commits_each_answer(self):
        self._queue()
        self.assertEqual(self._call(), (3, 0))
        states = self._states()
        self.assertEqual([state for _id, state, _remote in states], ["sent"] * 3)
        self.assertEqual(
            sorted(remote for _id, _state, remote in states), sorted(self.fake.records)
        )
        self.assertEqual(self._call(), (0, 0))
        self.assertEqual(len(self.fake.saves()), 3)

    def test_killed_before_the_second_send(self):
        """The worker dies while preparing the second SKP: the first is sent
        and committed, the others still queued; the next run sends them; each
        SKP reaches SIASN once."""
        self._queue()
        Appraisal = self.registry["hr.asn.appraisal"]
        dying = die_on_call(Appraisal._get_siasn_payload, 2)
        with (
            patch.object(Appraisal, "_get_siasn_payload", dying),
            self.assertRaises(WorkerKilled),
        ):
            self._call()
        states = [state for _id, state, _remote in self._states()]
        self.assertEqual(states, ["sent", "queued", "queued"])
        self.assertEqual(self._call(), (2, 0))
        states = self._states()
        self.assertEqual([state for _id, state, _remote in states], ["sent"] * 3)
        self.assertEqual(set(self._sent_per_employee().values()), {1})
        self.assertEqual(len(self.fake.records), 3)

    def test_killed_before_the_answer_is_stored(self):
        """The worker dies after SIASN stored the second SKP but before the
        answer was committed: that SKP is not sent again (SIASN may hold it;
        HR is told to check), the third is sent by the next run."""
        self._queue()
        Sync = self.registry["hr.asn.siasn.sync"]
        dying = die_on_call(Sync._store_answer, 2)
        with (
            patch.object(Sync, "_store_answer", dying),
            self.assertRaises(WorkerKilled),
        ):
            self._call()
        self.assertEqual(len(self.fake.records), 2)
        # the second one awaits its lost answer; the third is queued
        self.assertEqual(self._call(), (1, 0))
        self._make_due()
        self.assertEqual(self._call(), (1, 0))
        states = self._states()
        self.assertEqual(
            [state for _id, state, _remote in states], ["sent", "failed", "sent"]
        )
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT last_error FROM hr_asn_siasn_sync WHERE appraisal_id = %s",
                [self.ids["skps"][1]],
            )
            self.assertIn("Check in SIASN", cr.fetchone()[0])
        self.assertEqual(set(self._sent_per_employee().values()), {1})
        self.assertEqual(len(self.fake.records), 2 + 1)

    def test_retry_is_scheduled_and_resumed(self):
        """SIASN fails (500) on the first SKP: the batch goes on, the failed
        one waits for its next try (a cron trigger at that time) and goes
        when it is due."""
        self._queue()
        self.fake.script(SKP_PATH, "500")
        self.assertEqual(self._call(), (3, 0))
        states = [state for _id, state, _remote in self._states()]
        self.assertEqual(sorted(states), ["queued", "sent", "sent"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            triggers = env["ir.cron.trigger"].search(
                [("cron_id", "=", env.ref(SEND_CRON).id)]
            )
            sync = env["hr.asn.siasn.sync"].search(
                [("appraisal_id", "in", self.ids["skps"]), ("state", "=", "queued")]
            )
            self.assertIn(sync.next_try, triggers.mapped("call_at"))
        self._make_due()
        self.assertEqual(self._call(), (1, 0))
        states = [state for _id, state, _remote in self._states()]
        self.assertEqual(states, ["sent"] * 3)
        self.assertEqual(set(self._sent_per_employee().values()), {1})
