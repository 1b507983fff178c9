import socket
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from . import fake_siasn
from .common_calibration import AsnCalibrationCase

SIASN_ID = "A8ACA7A0-F2C1-4F11-E050-640A3C0A6B7D"
P = "hr_asn_appraisal.siasn_"
SKP_PATH = "skp22/save"
PERIODIC_PATH = "kinerjaperiodik/save"


def closed_port():
    """A loopback port nobody listens on (SIASN down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def configure(env, fake, **overrides):
    params = env["ir.config_parameter"].sudo()
    values = {
        "base_url": fake.base_url,
        "token_url": fake.token_url,
        "client_id": fake_siasn.CLIENT_ID,
        "client_secret": fake_siasn.CLIENT_SECRET,
        "timeout": "0.5",
        "max_attempts": "4",
        "retry_base": "60",
        "access_token": "",
        "token_expires": "",
        **overrides,
    }
    for key, value in values.items():
        params.set_param(P + key, value)


@tagged("post_install", "-at_install")
class TestSiasnSync(AsnCalibrationCase):
    """The connector, driven against a fake SIASN on loopback: success,
    retries with backoff, refusal kept per SKP, resend as update, token
    refresh, SIASN down, and who sees what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = fake_siasn.FakeSiasn(slow_seconds=1.5).start()
        cls.addClassCleanup(cls.fake.stop)
        cls.emp_appraiser.asn_rank_id = cls.env.ref("hr_asn_appraisal.rank_pns_3d")
        cls.emp_staff.asn_siasn_id = SIASN_ID
        cls.emp_colleague.asn_siasn_id = "COLLEAGUE-1"
        cls.Sync = cls.env["hr.asn.siasn.sync"]

    def setUp(self):
        super().setUp()
        configure(self.env, self.fake)
        self.fake.records.clear()
        self.fake.requests.clear()
        self.fake.scripts.clear()
        self.fake.tokens_issued = 0
        self.fake.valid_token = None

    def _queue(self, documents, user=None):
        return documents.with_user(user or self.user_hr).action_siasn_queue()

    def _send(self, documents):
        """One pass of the sender over these documents' status records
        (the scheduled action's work, without its commits)."""
        syncs = documents.sudo().siasn_sync_ids
        syncs._send()
        documents.invalidate_recordset()
        return syncs

    # ------------------------------------------------------------------
    # Success, statuses
    # ------------------------------------------------------------------
    def test_send_a_validated_skp(self):
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self.assertEqual(skp.siasn_sync_state, "not_sent")
        action = self._queue(skp)
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(skp.siasn_sync_state, "queued")
        sync = self._send(skp)
        self.assertEqual(skp.siasn_sync_state, "sent")
        self.assertEqual(sync.attempt_count, 1)
        self.assertTrue(skp.siasn_last_sent_on)
        self.assertFalse(skp.siasn_last_error)
        # SIASN holds one record, under the id it answered (mapData)
        self.assertEqual(list(self.fake.records), [skp.siasn_remote_id])
        path, payload = self.fake.records[skp.siasn_remote_id]
        self.assertEqual(path, SKP_PATH)
        self.assertEqual(payload["pnsDinilaiOrang"], SIASN_ID)
        self.assertIsNone(payload["id"])
        self.assertEqual(
            (payload["hasilKinerjaNilai"], payload["kuadranKinerjaNilai"]), (1, 2)
        )
        # one token, sent as a bearer token
        self.assertEqual(self.fake.tokens_issued, 1)
        self.assertEqual(self.fake.requests[-1][2], "Bearer token-1")
        # filter and group on the status
        Appraisal = self.env["hr.asn.appraisal"].with_user(self.user_hr)
        self.assertIn(skp, Appraisal.search([("siasn_sync_state", "=", "sent")]))
        groups = Appraisal.read_group(
            [("cycle_id", "=", self.cycle.id)],
            ["siasn_sync_state"],
            ["siasn_sync_state"],
        )
        self.assertIn("sent", [g["siasn_sync_state"] for g in groups])

    def test_sent_and_unchanged_is_not_queued_again(self):
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp)
        self._send(skp)
        action = self._queue(skp)
        self.assertIn("already sent, unchanged", action["params"]["message"])
        self.assertEqual(skp.siasn_sync_state, "sent")

    def test_documents_that_cannot_go_are_listed(self):
        rated = self._rated_for(self.emp_staff, "above", "above")
        no_id = self._done_for(self.extra[0], "above", "above")
        action = self._queue(rated | no_id)
        message = action["params"]["message"]
        self.assertIn("Queued for SIASN: 0", message)
        self.assertIn("not validated", message)
        self.assertIn("no SIASN ID", message)
        self.assertFalse((rated | no_id).sudo().siasn_sync_ids)

    def test_not_configured(self):
        self.env["ir.config_parameter"].sudo().set_param(P + "base_url", "")
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        with self.assertRaisesRegex(UserError, "not set up"):
            self._queue(skp)

    # ------------------------------------------------------------------
    # Retries
    # ------------------------------------------------------------------
    def test_retries_with_backoff_then_success(self):
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp)
        self.fake.script(SKP_PATH, "500", "slow", "malformed")
        expected = [
            (1, 60, "HTTP 500"),
            (2, 120, "did not answer in time"),
            (3, 240, "could not be read"),
        ]
        for attempt, delay, reason in expected:
            with self.subTest(attempt=attempt):
                before = fields.Datetime.now()
                sync = self._send(skp)
                self.assertEqual(sync.state, "queued")
                self.assertEqual(sync.attempt_count, attempt)
                self.assertIn(reason, sync.last_error)
                wait = (sync.next_try - before).total_seconds()
                self.assertAlmostEqual(wait, delay, delta=5)
        sync = self._send(skp)
        self.assertEqual((sync.state, sync.attempt_count), ("sent", 4))
        self.assertFalse(sync.last_error)
        # the slow request's late answer ("late") was not taken
        self.assertNotEqual(sync.remote_id, "late")

    def test_gives_up_after_the_last_try(self):
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp)
        self.fake.script(SKP_PATH, "500", "500", "500", "500")
        for _try in range(4):
            sync = self._send(skp)
        self.assertEqual(sync.state, "failed")
        self.assertIn("Given up after 4 tries", sync.last_error)
        self.assertFalse(sync.next_try)
        # HR queues it again: a fresh series of tries
        self._queue(skp)
        self.assertEqual((sync.state, sync.attempt_count), ("queued", 0))
        self._send(skp)
        self.assertEqual(sync.state, "sent")

    def test_siasn_down(self):
        configure(self.env, self.fake, base_url=f"http://127.0.0.1:{closed_port()}/api")
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp)
        sync = self._send(skp)
        self.assertEqual(sync.state, "queued")
        self.assertIn("could not be reached", sync.last_error)
        self.assertTrue(sync.next_try > fields.Datetime.now())

    # ------------------------------------------------------------------
    # Refusals, token
    # ------------------------------------------------------------------
    def test_refusal_is_kept_per_skp(self):
        refused = self._done_for(self.emp_staff, "above", "as_expected")
        other = self._done_for(self.emp_colleague, "below", "below")
        self._queue(refused | other)
        self.fake.script(SKP_PATH, ("refuse", "NIP penilai tidak ditemukan"))
        # in queue order: the first one is refused, the second goes
        syncs = (refused | other).sudo().siasn_sync_ids.sorted("id")
        self.assertEqual(syncs.appraisal_id, refused | other)
        syncs._send()
        (refused | other).invalidate_recordset()
        self.assertEqual(refused.siasn_sync_state, "failed")
        self.assertIn("NIP penilai tidak ditemukan", refused.siasn_last_error)
        self.assertEqual(other.siasn_sync_state, "sent")
        self.assertFalse(other.siasn_last_error)
        self.assertEqual(len(self.fake.records), 1)

    def test_expired_token_is_renewed_once(self):
        first = self._done_for(self.emp_staff, "above", "as_expected")
        second = self._done_for(self.emp_colleague, "above", "above")
        self._queue(first | second)
        self._send(first)
        self.assertEqual(self.fake.tokens_issued, 1)
        self.fake.expire_token()
        self._send(second)
        self.assertEqual(second.siasn_sync_state, "sent")
        self.assertEqual(self.fake.tokens_issued, 2)
        # the new token is cached for the next sends
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param(P + "access_token"), "token-2")

    def test_wrong_client_secret(self):
        configure(self.env, self.fake, client_secret="wrong")
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp)
        sync = self._send(skp)
        self.assertEqual(sync.state, "failed")
        self.assertIn("refused the client id or secret", sync.last_error)
        self.assertIn("Client Authentication failed", sync.last_error)
        self.assertFalse(self.fake.saves())
        # the secret is nowhere in what HR reads
        self.assertNotIn("wrong", sync.last_error)

    def test_token_rejected_twice_fails(self):
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp)
        self.fake.script(SKP_PATH, "401", "401")
        sync = self._send(skp)
        self.assertEqual(sync.state, "failed")
        self.assertIn("refused a new access token", sync.last_error)
        self.assertEqual(self.fake.tokens_issued, 2)

    # ------------------------------------------------------------------
    # Changed since sent, resend as update
    # ------------------------------------------------------------------
    def test_changed_skp_is_resent_as_update(self):
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp)
        self._send(skp)
        remote_id = skp.siasn_remote_id
        # reopened and validated again with the same facts: still sent
        skp.with_user(self.user_hr).action_reopen("Koreksi ketik")
        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(skp.siasn_sync_state, "sent")
        # reopened, rated again, validated: changed since sent
        skp.with_user(self.user_hr).action_reopen("Koreksi capaian IKI")
        skp.with_user(self.user_hr).write({"work_rating": "below"})
        skp.with_user(self.user_hr).action_validate()
        self.assertEqual(skp.siasn_sync_state, "changed")
        Appraisal = self.env["hr.asn.appraisal"].with_user(self.user_hr)
        self.assertIn(skp, Appraisal.search([("siasn_sync_state", "=", "changed")]))
        self._queue(skp)
        self._send(skp)
        self.assertEqual(skp.siasn_sync_state, "sent")
        self.assertEqual(skp.siasn_remote_id, remote_id)
        # SIASN updated its record: no duplicate
        self.assertEqual(list(self.fake.records), [remote_id])
        _path, payload = self.fake.records[remote_id]
        self.assertEqual(payload["id"], remote_id)
        self.assertEqual(payload["hasilKinerjaNilai"], 3)

    def test_reopened_skp_in_the_queue_fails_with_the_reason(self):
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp)
        skp.with_user(self.user_hr).action_reopen("Koreksi capaian IKI")
        sync = self._send(skp)
        self.assertEqual(sync.state, "failed")
        self.assertIn("not validated", sync.last_error)
        self.assertFalse(self.fake.saves())

    def test_lost_answer(self):
        """The worker stopped while SIASN's answer was awaited: a new record
        is not sent again (SIASN may hold it); an update is."""
        new = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(new)
        past = fields.Datetime.now() - timedelta(minutes=10)
        new.sudo().siasn_sync_ids.write({"sending_since": past, "next_try": past})
        sync = self._send(new)
        self.assertEqual(sync.state, "failed")
        self.assertIn("Check in SIASN", sync.last_error)
        self.assertFalse(self.fake.saves())
        # an update whose answer was lost is sent again
        self._queue(new)
        self._send(new)
        remote_id = new.siasn_remote_id
        new.with_user(self.user_hr).action_reopen("Koreksi")
        new.with_user(self.user_hr).write({"work_rating": "below"})
        new.with_user(self.user_hr).action_validate()
        self._queue(new)
        new.sudo().siasn_sync_ids.write({"sending_since": past, "next_try": past})
        sync = self._send(new)
        self.assertEqual((sync.state, sync.remote_id), ("sent", remote_id))
        self.assertEqual(len(self.fake.records), 1)

    # ------------------------------------------------------------------
    # Periodic evaluations
    # ------------------------------------------------------------------
    def _reviewed_q1(self):
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        q1 = skp.checkin_ids.filtered(lambda c: c.period_code == "q1")
        for line in q1.iki_ids:
            line.with_user(self.user_staff).write(
                {"realisation_value": 30, "realisation_text": "30 data"}
            )
        self.env["hr.asn.checkin.evidence"].with_user(self.user_staff).create(
            {
                "checkin_rhk_id": q1.rhk_ids[0].id,
                "name": "Laporan",
                "url": "https://drive.example.go.id/laporan",
                "data_source": "Aplikasi SIASN",
            }
        )
        q1.with_user(self.user_staff).action_submit()
        as_appraiser = q1.with_user(self.user_appraiser)
        for line in as_appraiser.rhk_ids:
            line.write({"feedback": "Pertahankan."})
        as_appraiser.write({"work_rating": "above", "behavior_rating": "as_expected"})
        as_appraiser.action_review()
        return q1

    def test_periodic_result(self):
        q1 = self._reviewed_q1()
        # the shipped data has no periodikId: refused with the reason
        action = self._queue(q1)
        self.assertIn("no SIASN code", action["params"]["message"])
        self.assertEqual(q1.siasn_sync_state, "not_sent")
        self.env.ref("hr_asn_appraisal.siasn_code_periodic_quarter_1").siasn_code = "11"
        self._queue(q1)
        self._send(q1)
        self.assertEqual(q1.siasn_sync_state, "sent")
        path, payload = self.fake.records[q1.siasn_remote_id]
        self.assertEqual(path, PERIODIC_PATH)
        self.assertEqual(
            (
                payload["pnsDinilaiId"],
                payload["periodikId"],
                payload["bulanMulaiPenilaian"],
                payload["bulanSelesaiPenilaian"],
                payload["tahunMulaiPenilaian"],
                payload["kuadranKinerjaNilai"],
                payload["penilaiJabatanNama"],
            ),
            (SIASN_ID, 11, 1, 3, 2026, 2, "Kepala Bidang Kepegawaian"),
        )

    def test_cycle_button_queues_what_is_final(self):
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        rated = self._rated_for(self.emp_colleague, "above", "above")
        self.cycle.with_user(self.user_hr).action_siasn_queue()
        self.assertEqual(skp.siasn_sync_state, "queued")
        self.assertEqual(rated.siasn_sync_state, "not_sent")
        with self.assertRaises(AccessError):
            self.cycle.with_user(self.user_staff).action_siasn_queue()

    # ------------------------------------------------------------------
    # Who sees and does what
    # ------------------------------------------------------------------
    def test_officer_cannot_read_the_credentials(self):
        self.assertFalse(self.user_hr.has_group("base.group_system"))
        self.assertTrue(
            self.user_manager.has_group("hr_asn_appraisal.group_hr_asn_manager")
        )
        for user in (self.user_hr, self.user_manager, self.user_staff):
            with self.subTest(user=user.login):
                params = self.env["ir.config_parameter"].with_user(user)
                with self.assertRaises(AccessError):
                    params.get_param(P + "client_secret")
                with self.assertRaises(AccessError):
                    params.search([("key", "like", P)]).read(["value"])
        settings = self.env["res.config.settings"]
        for name in ("hr_asn_siasn_client_secret", "hr_asn_siasn_client_id"):
            self.assertEqual(settings._fields[name].groups, "base.group_system")

    def test_staff_cannot_read_sync_status(self):
        skp = self._done_for(self.emp_colleague, "above", "above")
        own = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp | own)
        self.fake.script(SKP_PATH, ("refuse", "Data tidak valid"))
        self._send(skp)
        for document in (skp, own):
            for name in ("siasn_sync_state", "siasn_last_error", "siasn_remote_id"):
                with self.subTest(name=name), self.assertRaises(AccessError):
                    document.with_user(self.user_staff).read([name])
        with self.assertRaises(AccessError):
            self.Sync.with_user(self.user_staff).search([])
        with self.assertRaises(AccessError):
            self.Sync.with_user(self.user_appraiser).search([])
        # an officer of another company does not see them
        self.assertFalse(self.Sync.with_user(self.user_other_hr).search([]))

    def test_status_is_server_owned(self):
        skp = self._done_for(self.emp_staff, "above", "as_expected")
        self._queue(skp)
        sync = skp.sudo().siasn_sync_ids
        with self.assertRaises(AccessError):
            sync.with_user(self.user_hr).write({"state": "sent", "remote_id": "x"})
        with self.assertRaises(AccessError):
            self.Sync.with_user(self.user_manager).create(
                {
                    "kind": "skp",
                    "appraisal_id": skp.id,
                    "state": "sent",
                    "company_id": self.company.id,
                }
            )
        with self.assertRaises(UserError):
            skp.with_user(self.user_hr).write({"siasn_sync_state": "sent"})
        for user in (self.user_staff, self.user_appraiser):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._queue(skp, user)
