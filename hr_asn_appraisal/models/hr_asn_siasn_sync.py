import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..rules import siasn as siasn_rules
from .hr_asn_siasn_connector import KIND_PERIODIC, KIND_SKP

_logger = logging.getLogger(__name__)

SEND_CRON = "hr_asn_appraisal.ir_cron_hr_asn_siasn_send"
NOT_SENT = "not_sent"
QUEUED = "queued"
SENT = "sent"
FAILED = "failed"
CHANGED = "changed"
STATES = [
    (QUEUED, "Queued"),
    (SENT, "Sent"),
    (FAILED, "Failed"),
    (CHANGED, "Changed Since Sent"),
]
# What a document shows: the sync record's state, or not sent without one.
DOCUMENT_STATES = [(NOT_SENT, "Not Sent"), *STATES]
KINDS = [(KIND_SKP, "SKP (yearly)"), (KIND_PERIODIC, "Periodic Evaluation")]
# A send whose answer never came (the worker died) is taken as lost after
# this many seconds on top of the request timeout.
LOST_MARGIN = 120


def answer_text(env, answer):
    """One sentence for HR about an Answer that did not store the data:
    SIASN's own message when it gave one, ours otherwise."""
    ours = {
        "timeout": env._("SIASN did not answer in time"),
        "unreachable": env._("SIASN could not be reached"),
        "malformed": env._("SIASN's answer could not be read (not JSON)"),
        "http_error": env._("SIASN answered with an error (HTTP %(status)s)"),
        "not_success": env._("SIASN refused the data"),
        "no_remote_id": env._(
            "SIASN accepted the data but gave no id (mapData): check in SIASN "
            "before queueing it again"
        ),
        "unauthorized": env._("SIASN refused a new access token (HTTP 401)"),
        "token_timeout": env._("SIASN's token service did not answer in time"),
        "token_unreachable": env._("SIASN's token service could not be reached"),
        "token_unavailable": env._(
            "SIASN's token service answered with an error (HTTP %(status)s)"
        ),
        "token_refused": env._(
            "SIASN's token service refused the client id or secret "
            "(Settings > Employees > SIASN)"
        ),
        "token_malformed": env._("SIASN's token service gave no access token"),
    }
    text = ours.get(answer.reason, answer.reason or "") % {"status": answer.status}
    if answer.message and answer.reason not in ("malformed",):
        return env._("%(what)s: %(message)s", what=text, message=answer.message)
    return text


class HrAsnSiasnSync(models.Model):
    """Where one validated SKP or reviewed periodic evaluation stands with
    SIASN: queued, sent (with SIASN's id, ``mapData``), failed (with the
    reason) or changed since sent.

    Server-owned: HR queues documents through their "Queue for SIASN" action;
    the scheduled action sends and records the answers. Nobody writes these
    records (read-only access rights), the server does it as superuser.
    """

    _name = "hr.asn.siasn.sync"
    _description = "SIASN Sending Status"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    kind = fields.Selection(KINDS, required=True, readonly=True)
    appraisal_id = fields.Many2one(
        "hr.asn.appraisal",
        string="SKP",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    checkin_id = fields.Many2one(
        "hr.asn.checkin",
        string="Periodic Evaluation",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    cycle_id = fields.Many2one("hr.asn.appraisal.cycle", readonly=True, index=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    state = fields.Selection(
        STATES, string="SIASN Status", required=True, readonly=True, index=True
    )
    remote_id = fields.Char(
        string="SIASN Record ID",
        readonly=True,
        help="The id SIASN gave the data (mapData): a second send updates it.",
    )
    last_error = fields.Text(readonly=True)
    last_sent_on = fields.Datetime(readonly=True)
    attempt_count = fields.Integer(
        string="Attempts", readonly=True, help="Tries of the present sending."
    )
    next_try = fields.Datetime(readonly=True, index=True)
    sending_since = fields.Datetime(
        readonly=True,
        help="Set while SIASN's answer is awaited; left set only when the "
        "worker stopped before the answer was stored.",
    )
    sent_fingerprint = fields.Char(readonly=True)
    queued_on = fields.Datetime(readonly=True)
    queued_by = fields.Many2one("res.users", readonly=True)

    _sql_constraints = [
        ("appraisal_unique", "unique(appraisal_id)", "An SKP has one SIASN status."),
        (
            "checkin_unique",
            "unique(checkin_id)",
            "A periodic evaluation has one SIASN status.",
        ),
        (
            "one_document",
            "CHECK((appraisal_id IS NULL) != (checkin_id IS NULL))",
            "A SIASN status belongs to one SKP or one periodic evaluation.",
        ),
    ]

    @api.depends("appraisal_id", "checkin_id")
    def _compute_name(self):
        for sync in self:
            sync.name = (sync.appraisal_id or sync.checkin_id).display_name

    def _get_document(self):
        self.ensure_one()
        return (self.appraisal_id or self.checkin_id).sudo()

    # ------------------------------------------------------------------
    # Queueing (HR's action on the documents, the cycle's button)
    # ------------------------------------------------------------------
    @api.model
    def _queue(self, documents, check_payload=True):
        """Queue documents (validated SKPs or reviewed periodic evaluations,
        one model) for sending. Returns ``(queued count, [(name, reason)])``
        of those left out: not final, already sent and unchanged, or (with
        ``check_payload``) data SIASN needs missing."""
        connector = self.env["hr.asn.siasn.connector"]
        if not connector._is_configured():
            raise UserError(
                _(
                    "The connection to SIASN is not set up: an administrator "
                    "enters it in Settings > Employees > SIASN."
                )
            )
        documents = documents.sudo()
        codes = self.env["hr.asn.siasn.code"]._get_code_table()
        now = fields.Datetime.now()
        field_name = documents._siasn_sync_field
        kind = documents._siasn_kind
        existing = {
            sync[field_name].id: sync
            for sync in self.sudo().search([(field_name, "in", documents.ids)])
        }
        skipped, to_create, requeue = [], [], self.browse()
        for document in documents:
            reason = document._siasn_not_ready_reason()
            fingerprint = None
            if not reason and check_payload:
                try:
                    payload = document._get_siasn_payload(codes)
                    fingerprint = siasn_rules.fingerprint(payload)
                except UserError as error:
                    reason = str(error.args[0])
            sync = existing.get(document.id)
            if not reason and sync and sync.state == QUEUED:
                continue
            if (
                not reason
                and sync
                and sync.state == SENT
                and (not fingerprint or fingerprint == sync.sent_fingerprint)
            ):
                reason = _("already sent, unchanged")
            if reason:
                skipped.append((document.display_name, reason))
            elif sync:
                requeue |= sync
            else:
                to_create.append(
                    {
                        "kind": kind,
                        field_name: document.id,
                        "company_id": document.company_id.id,
                        "cycle_id": document.cycle_id.id,
                        "employee_id": document.employee_id.id,
                    }
                )
        values = {
            "state": QUEUED,
            "attempt_count": 0,
            "next_try": now,
            "last_error": False,
            "queued_on": now,
            "queued_by": self.env.uid,
        }
        created = self.sudo().create([{**vals, **values} for vals in to_create])
        requeue.sudo().write(values)
        count = len(created) + len(requeue)
        if count:
            self.env.ref(SEND_CRON).sudo()._trigger()
        return count, skipped

    @api.model
    def _queue_notification(self, count, skipped):
        message = _("Queued for SIASN: %(count)s.", count=count)
        if skipped:
            lines = "\n".join(f"- {name}: {reason}" for name, reason in skipped[:20])
            more = len(skipped) - 20
            message += "\n" + _("Not queued (%(count)s):", count=len(skipped))
            message += "\n" + lines
            if more > 0:
                message += "\n" + _("... and %(count)s more.", count=more)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if skipped else "success",
                "sticky": bool(skipped),
                "message": message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # "Changed since sent"
    # ------------------------------------------------------------------
    def _mark_changed(self, codes=None):
        """Sent records whose document's facts changed since: changed (HR
        queues them again; the resend updates SIASN's record)."""
        codes = (
            codes
            if codes is not None
            else (self.env["hr.asn.siasn.code"]._get_code_table())
        )
        changed = self.browse()
        for sync in self.sudo().filtered(lambda s: s.state == SENT):
            document = sync._get_document()
            try:
                payload = document._get_siasn_payload(codes)
            except UserError:
                changed |= sync
                continue
            if siasn_rules.fingerprint(payload) != sync.sent_fingerprint:
                changed |= sync
        changed.sudo().write({"state": CHANGED})
        return changed

    # ------------------------------------------------------------------
    # Sending (the scheduled action)
    # ------------------------------------------------------------------
    @api.model
    def _due_domain(self, now):
        # a record awaiting SIASN's answer has its next try pushed past the
        # request's timeout: it is due again only if the answer was lost
        return [("state", "=", QUEUED), ("next_try", "<=", now)]

    @api.model
    def _cron_send(self):
        """One batch of queued documents per call (Odoo's batch protocol for
        scheduled actions): each document's answer is stored and committed
        before the next one is sent, so a worker that dies leaves every
        document either sent with its SIASN id or still queued."""
        connector = self.env["hr.asn.siasn.connector"]
        config = connector._get_config()
        Cron = self.env["ir.cron"]
        if not connector._is_configured(config):
            Cron._notify_progress(done=0, remaining=0)
            return
        now = fields.Datetime.now()
        syncs = self.sudo().search(
            self._due_domain(now), order="next_try, id", limit=config["batch_size"]
        )
        done = syncs._send(config, auto_commit=True)
        now = fields.Datetime.now()
        remaining = self.sudo().search_count(self._due_domain(now))
        Cron._notify_progress(done=done, remaining=remaining)
        cron = self.env.ref(SEND_CRON).sudo()
        if remaining:
            cron._trigger()
            return
        later = (
            self.sudo()
            .search([("state", "=", QUEUED)], order="next_try", limit=1)
            .next_try
        )
        if later:
            cron._trigger(at=later)

    def _send(self, config=None, auto_commit=False):
        """Send these queued records one by one; return how many were
        handled. ``auto_commit`` (the scheduled action): commit before each
        request (the record is marked as awaiting its answer) and after
        storing each answer."""
        connector = self.env["hr.asn.siasn.connector"]
        config = config or connector._get_config()
        codes = self.env["hr.asn.siasn.code"]._get_code_table()
        handled = 0
        for sync in self.sudo():
            if sync._send_one(connector, config, codes, auto_commit):
                handled += 1
        return handled

    def _commit(self, auto_commit):
        if auto_commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit
        else:
            self.env.flush_all()

    def _take(self):
        """Lock this record for this transaction; False when another worker
        holds it."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM hr_asn_siasn_sync WHERE id = %s FOR UPDATE SKIP LOCKED",
                self.id,
            )
        )
        if not self.env.cr.fetchone():
            return False
        self.invalidate_recordset()
        return True

    def _send_one(self, connector, config, codes, auto_commit):
        self.ensure_one()
        if not self._take() or self.state != QUEUED:
            return False
        now = fields.Datetime.now()
        lost_after = timedelta(seconds=config["timeout"] + LOST_MARGIN)
        if self.sending_since:
            if self.next_try and self.next_try > now:
                return False  # another worker awaits the answer
            if not self.remote_id:
                # A new record whose answer was lost: SIASN may hold it, and a
                # second send would make a duplicate. HR checks first.
                self.write(
                    {
                        "state": FAILED,
                        "sending_since": False,
                        "next_try": False,
                        "last_error": _(
                            "The send of %(when)s got no stored answer (the "
                            "worker stopped). Check in SIASN whether it "
                            "arrived before queueing it again.",
                            when=fields.Datetime.to_string(self.sending_since),
                        ),
                    }
                )
                self._commit(auto_commit)
                return True
            # An update of SIASN's record: sending it again changes nothing more.
        document = self._get_document()
        reason = document._siasn_not_ready_reason()
        payload = None
        if not reason:
            try:
                payload = document._get_siasn_payload(codes, remote_id=self.remote_id)
            except UserError as error:
                reason = str(error.args[0])
        if reason:
            self.write(
                {
                    "state": FAILED,
                    "sending_since": False,
                    "next_try": False,
                    "last_error": reason,
                }
            )
            self._commit(auto_commit)
            return True
        self.write({"sending_since": now, "next_try": now + lost_after})
        self._commit(auto_commit)
        answer = connector._post(config, self.kind, payload)
        self._store_answer(answer, payload, config)
        self._commit(auto_commit)
        return True

    def _store_answer(self, answer, payload, config):
        self.ensure_one()
        now = fields.Datetime.now()
        attempts = self.attempt_count + 1
        vals = {"attempt_count": attempts, "sending_since": False}
        if answer.outcome == siasn_rules.SENT:
            vals.update(
                state=SENT,
                remote_id=answer.remote_id,
                last_sent_on=now,
                last_error=False,
                next_try=False,
                sent_fingerprint=siasn_rules.fingerprint(payload),
            )
        elif answer.outcome == siasn_rules.RETRY and attempts < config["max_attempts"]:
            delay = siasn_rules.backoff_seconds(attempts, base=config["retry_base"])
            vals.update(
                next_try=now + timedelta(seconds=delay),
                last_error=_(
                    "Try %(attempt)s of %(max)s: %(reason)s. Next try at %(when)s.",
                    attempt=attempts,
                    max=config["max_attempts"],
                    reason=answer_text(self.env, answer),
                    when=fields.Datetime.to_string(now + timedelta(seconds=delay)),
                ),
            )
        elif answer.outcome == siasn_rules.RETRY:
            vals.update(
                state=FAILED,
                next_try=False,
                last_error=_(
                    "Given up after %(count)s tries: %(reason)s.",
                    count=attempts,
                    reason=answer_text(self.env, answer),
                ),
            )
        else:
            vals.update(
                state=FAILED, next_try=False, last_error=answer_text(self.env, answer)
            )
        self.write(vals)
        if answer.outcome != siasn_rules.SENT:
            _logger.info(
                "SIASN sync %s: %s (%s, HTTP %s)",
                self.id,
                answer.outcome,
                answer.reason,
                answer.status,
            )
