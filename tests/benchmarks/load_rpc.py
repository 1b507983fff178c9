"""Load test: many users filing check-ins, approving and rating over JSON-RPC.

Runs against real Odoo servers on loopback, in two deployments one after the
other, each on its own freshly prepared data (same database):

  workers  one Odoo server with --workers (multi-process, one cron worker)
  nodes    two Odoo servers on two ports against the same database and the
           same data_dir (sessions + filestore), the client balancing the
           requests between them round-robin (a session made on one node is
           used on both)

Virtual users (each a real Odoo user with its own session):
  staff      fill the realisasi of their periodic evaluations and submit them
  appraiser  two sessions per appraiser (two tabs), working the same list in
             opposite orders so that they collide: approve submitted SKPs,
             give umpan balik and ratings and mark check-ins reviewed, rate
             the SKPs
  hr         generate the SKPs of a cycle (two HR officers at once)
  admin      run the reminder scheduled action by hand while all this goes on

That is the saturation profile (the default): every user acts without pause.
The realistic profile (--profile realistic) runs 300 users (24 appraisers,
264 staff, 12 HR officers), each pausing 5-15 s (--think) between two
actions, on the two nodes: staff open their check-ins and SKP, save a
realisasi, submit a check-in; appraisers open their team's check-ins, save
umpan balik and ratings, mark check-ins reviewed, approve last year's SKPs; HR
officers open the cycle's SKPs and download its Excel recap. Latencies are
reported per kind of action (list, form, save, transition, report) with p50,
p95 and p99, against the targets (p95 <= 300 ms for lists and forms, <= 1 s for
transitions, no error).

Each mode stops after --duration seconds (or when the work runs out); only the
operations that finished inside that window are counted. Then the database is
checked against what the clients saw: no duplicate SKP or check-in, every
successful write present (no lost update), every successful transition applied
exactly once, no reminder sent twice.

    ./dev.sh load            (or: python load_rpc.py -c CONF -d DB [--modes ...])
    ./dev.sh load --profile realistic

Exit status 1 when a check fails or an unexpected error occurred: HTTP 5xx,
transport error, or any RPC error that is not one of the known refusals
(EXPECTED_REFUSALS: the exception and its whole message), a serialization
failure that reached the client included. Latency targets are reported, not
enforced.
"""

import argparse
import itertools
import json
import math
import os
import platform
import random
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime

import requests

PASSWORD = "load-test-pw"  # noqa: S105 - throw-away users on a loopback server
TODAY = date.today()

# RPC errors that are the expected outcome of two people acting at once: the
# exception and its whole message (a regular expression matched in full).
# Anything else, even a near variant, is an unexpected error and fails the run.
USER_ERROR = "odoo.exceptions.UserError"
EXPECTED_REFUSALS = tuple(
    (name, re.compile(pattern, re.DOTALL))
    for name, pattern in (
        # the workflow mixin's row lock (SELECT ... FOR UPDATE NOWAIT)
        (
            USER_ERROR,
            r"Someone else is changing .+ right now\. Reload it and try again\.",
        ),
        # the transition was made by the other session first
        (USER_ERROR, r".+ cannot go from [^.]+ to [^.]+\."),
        # a check-in reviewed by the other session
        (USER_ERROR, r".+ is reviewed and locked: .+ can no longer change\."),
        # the other HR officer's generation holds the cycle
        (
            USER_ERROR,
            r"SKPs of this cycle are being generated right now\. Try again later\.",
        ),
        # "Run Manually" while the cron process runs the same job
        (
            USER_ERROR,
            r"Record cannot be modified right now: This cron task is currently "
            r"being executed and may not be modified Please try again in a few "
            r"minutes",
        ),
    )
)


def classify_error(name, message):
    """'refused' for an expected refusal (exact exception and message), else
    'conflict' for a serialization failure that reached the client after
    Odoo's retries, else 'rpc_unexpected'. Only 'refused' is accepted."""
    if any(
        name == known and pattern.fullmatch(message)
        for known, pattern in EXPECTED_REFUSALS
    ):
        return "refused"
    if "SerializationFailure" in name or "could not serialize access" in message:
        return "conflict"
    return "rpc_unexpected"


# ---------------------------------------------------------------- data


def fake_nip(index):
    """A valid PNS NIP, unique for index < 100000."""
    year = 1970 + index % 25
    month = 1 + index % 12
    day = 1 + index % 28
    gender = 1 + (index // 1000) % 2
    serial = index % 1000
    tmt_year = 1995 + (index // 2000) % 25
    return f"{year:04d}{month:02d}{day:02d}{tmt_year:04d}03{gender}{serial:03d}"


def prepare(env, tag, n_appraisers, staff_per_appraiser, n_hr, nip_base):
    """Create one batch of users, employees, cycles and SKPs; return its spec."""
    company = env["res.company"].create({"name": f"Load {tag}"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    group_user = env.ref("base.group_user")
    group_hr = env.ref("hr_asn_appraisal.group_hr_asn_officer")

    def users(prefix, count, groups):
        return (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": f"{prefix} {i:02d}",
                        "login": f"{tag}_{prefix}_{i:02d}",
                        "email": f"{tag}_{prefix}_{i:02d}@load.invalid",
                        "company_id": company.id,
                        "company_ids": [(6, 0, company.ids)],
                        "groups_id": [(6, 0, groups.ids)],
                    }
                    for i in range(count)
                ]
            )
        )

    appraiser_users = users("appraiser", n_appraisers, group_user)
    staff_users = users("staff", n_appraisers * staff_per_appraiser, group_user)
    hr_users = users("hr", n_hr, group_user | group_hr)
    all_users = appraiser_users | staff_users | hr_users
    # One hash for all, made with Odoo's own settings (a weaker one would be
    # re-hashed at each first login, all at once).
    hashed = env["res.users"]._crypt_context().hash(PASSWORD)
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id IN %s",
        [hashed, tuple(all_users.ids)],
    )
    Employee = env["hr.employee"]
    head = Employee.create({"name": f"Head {tag}", "company_id": company.id})
    nips = (fake_nip(nip_base + i) for i in itertools.count())
    appraisers = Employee.create(
        [
            {
                "name": user.name,
                "company_id": company.id,
                "user_id": user.id,
                "parent_id": head.id,
                "asn_type": "pns",
                "asn_nip": next(nips),
            }
            for user in appraiser_users
        ]
    )
    staff = Employee.create(
        [
            {
                "name": user.name,
                "company_id": company.id,
                "user_id": user.id,
                "parent_id": appraisers[i // staff_per_appraiser].id,
                "asn_type": "pns",
                "asn_nip": next(nips),
            }
            for i, user in enumerate(staff_users)
        ]
    )

    def cycle(name, year, state="open"):
        record = env["hr.asn.appraisal.cycle"].create(
            {
                "name": f"{name} {tag}",
                "date_start": f"{year}-01-01",
                "date_end": f"{year}-12-31",
                "filing_deadline": f"{year}-01-31",
                "period_type": "quarterly",
                "require_annual_evaluation": False,
                "company_id": company.id,
                "user_id": hr_users[:1].id,
            }
        )
        if state == "open":
            record.action_open()
        return record

    def staff_skps(cycle_record):
        skps = env["hr.asn.appraisal"].create(
            [{"employee_id": e.id, "cycle_id": cycle_record.id} for e in staff]
        )
        env["hr.asn.appraisal.rhk"].create(
            [
                {
                    "appraisal_id": skp.id,
                    "name": f"RHK {k}",
                    "rhk_type": "utama",
                    "parent_rhk_text": "RHK atasan",
                    "iki_ids": [
                        (
                            0,
                            0,
                            {
                                "name": f"IKI {k}.{j}",
                                "aspect": "kuantitas",
                                "target_value": 12,
                                "target_unit": "Dokumen",
                            },
                        )
                        for j in (1, 2)
                    ],
                }
                for skp in skps
                for k in (1, 2)
            ]
        )
        skps.action_submit()
        return skps

    # This year's SKPs are approved: their check-ins are filed during the load.
    cycle_now = cycle("SKP", TODAY.year)
    staff_skps(cycle_now).action_approve()
    # Last year's SKPs wait for approval: approving them during the load makes
    # more check-ins to file.
    cycle_last = cycle("SKP", TODAY.year - 1)
    staff_skps(cycle_last)
    # Next year's cycle: the HR officers generate its SKPs during the load.
    cycle_next = cycle("SKP", TODAY.year + 1)
    env.flush_all()
    return {
        "tag": tag,
        "company_id": company.id,
        "cycles": {
            "now": cycle_now.id,
            "last": cycle_last.id,
            "next": cycle_next.id,
        },
        "appraisers": appraiser_users.mapped("login"),
        "staff": staff_users.mapped("login"),
        "hr": hr_users.mapped("login"),
        "employees": (head | appraisers | staff).ids,
        "generation_expected": len(appraisers | staff),
    }


def prepare_all(conf, db, tags, args):
    import odoo  # noqa: PLC0415 - only the prepare/check steps need Odoo
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    specs = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        # A known admin password for the "admin" virtual user.
        hashed = env["res.users"]._crypt_context().hash(PASSWORD)
        cr.execute("UPDATE res_users SET password = %s WHERE login = 'admin'", [hashed])
        base = random.SystemRandom().randrange(0, 40) * 2000
        for i, tag in enumerate(tags):
            specs[tag] = prepare(
                env,
                tag,
                args.appraisers,
                args.staff_per_appraiser,
                args.hr,
                base + i * 1000,
            )
        cron = env.ref("hr_asn_appraisal.ir_cron_hr_asn_reminders", False)
        specs["_cron_id"] = cron.id if cron else False
        cr.commit()
    return specs


# ---------------------------------------------------------------- client


class RpcError(Exception):
    def __init__(self, kind, name, message):
        super().__init__(f"{kind}: {name}: {message}")
        self.kind = kind
        self.name = name
        self.message = message


class Recorder:
    """Every operation's outcome, shared by all virtual users."""

    def __init__(self):
        self.lock = threading.Lock()
        # (kind, ok, seconds, error_kind, error_name, message, end time)
        self.ops = []
        # what the clients saw succeed, for the database check
        self.realisation = defaultdict(list)  # iki line id -> [values]
        self.feedback = defaultdict(list)  # rhk line id -> [values]
        self.transitions = defaultdict(Counter)  # (model, id) -> Counter(state)

    def add(self, *row):
        with self.lock:
            self.ops.append((*row, time.perf_counter()))

    def success(self, table, key, value):
        with self.lock:
            getattr(self, table)[key].append(value)

    def transition(self, model, res_id, state):
        with self.lock:
            self.transitions[(model, res_id)][state] += 1


class Client:
    """One Odoo session, its requests spread over the given servers."""

    _ids = itertools.count(1)

    def __init__(self, urls, db, login, recorder, offset=0, gates=None):
        self.urls = urls
        self.gates = gates or {}
        self.turn = offset
        self.db = db
        self.login = login
        self.recorder = recorder
        self.http = requests.Session()
        self.uid = None

    def _post(self, path, params):
        base = self.urls[self.turn % len(self.urls)]
        url = base + path
        self.turn += 1
        gate = self.gates.get(base)
        if gate:
            with gate:
                return self._send(url, params)
        return self._send(url, params)

    def _send(self, url, params):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._ids),
            "params": params,
        }
        try:
            # One connection per request: Odoo's prefork workers close an idle
            # keep-alive connection after 2 s (ODOO_HTTP_SOCKET_TIMEOUT), and a
            # request sent on it at that moment would be lost in transit.
            response = self.http.post(
                url, json=payload, timeout=120, headers={"Connection": "close"}
            )
        except requests.RequestException as error:
            raise RpcError("transport", type(error).__name__, str(error)) from error
        if response.status_code >= 500:
            raise RpcError("http_5xx", str(response.status_code), response.text[:200])
        if response.status_code != 200:
            raise RpcError("http_other", str(response.status_code), response.text[:200])
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            name = data.get("name", "?")
            message = data.get("message") or body["error"].get("message", "")
            raise RpcError(classify_error(name, message), name, message)
        return body.get("result")

    def op(self, kind, path, params):
        start = time.perf_counter()
        try:
            result = self._post(path, params)
        except RpcError as error:
            self.recorder.add(
                kind,
                False,
                time.perf_counter() - start,
                error.kind,
                error.name,
                error.message[:160],
            )
            return False, error
        self.recorder.add(kind, True, time.perf_counter() - start, None, None, None)
        return True, result

    def download(self, kind, path):
        """GET a file (a report) with the session; recorded like an RPC."""
        base = self.urls[self.turn % len(self.urls)]
        self.turn += 1
        start = time.perf_counter()
        gate = self.gates.get(base)
        try:
            if gate:
                with gate:
                    response = self.http.get(base + path, timeout=120)
            else:
                response = self.http.get(base + path, timeout=120)
        except requests.RequestException as error:
            self.recorder.add(
                kind,
                False,
                time.perf_counter() - start,
                "transport",
                type(error).__name__,
                str(error)[:160],
            )
            return False
        ok = response.status_code == 200 and response.content[:2] == b"PK"
        if ok:
            self.recorder.add(kind, True, time.perf_counter() - start, None, None, None)
        else:
            error_kind = "http_5xx" if response.status_code >= 500 else "rpc_unexpected"
            self.recorder.add(
                kind,
                False,
                time.perf_counter() - start,
                error_kind,
                str(response.status_code),
                response.text[:160],
            )
        return ok

    def authenticate(self):
        for attempt in range(3):
            ok, result = self.op(
                "login",
                "/web/session/authenticate",
                {"db": self.db, "login": self.login, "password": PASSWORD},
            )
            if ok:
                self.uid = result["uid"]
                return
            time.sleep(1 + attempt)
        print(f"login {self.login} failed: {result}", file=sys.stderr)

    def call(self, kind, model, method, *args, **kwargs):
        return self.op(
            kind,
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def search_read(self, model, domain, fields, **kwargs):
        """The records, or None when the call failed."""
        ok, result = self.call("read", model, "search_read", domain, fields, **kwargs)
        return result if ok else None


def staff_user(client, stop, spec):
    """File the realisasi of each open check-in and submit it."""
    rec = client.recorder
    # Record rules show staff their own SKPs and check-ins only.
    cycles = [spec["cycles"]["now"], spec["cycles"]["last"]]
    serial = itertools.count(1)
    idle_since = None
    while not stop.is_set():
        checkins = client.search_read(
            "hr.asn.checkin",
            [
                ("cycle_id", "in", cycles),
                ("state", "=", "draft"),
                ("is_annual", "=", False),
                ("date_start", "<=", TODAY.isoformat()),
            ],
            ["id", "appraisal_id"],
            order="date_start, id",
            limit=3,
        )
        if checkins is None:
            continue
        if not checkins:
            # Last year's SKP may still wait for its approval.
            pending = client.search_read(
                "hr.asn.appraisal",
                [("cycle_id", "in", cycles), ("state", "=", "submitted")],
                ["id"],
            )
            if pending == []:
                return
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since > 30:
                return
            stop.wait(1.0)
            continue
        idle_since = None
        for checkin in checkins or []:
            if stop.is_set():
                return
            client.call(
                "read",
                "hr.asn.appraisal",
                "read",
                [checkin["appraisal_id"][0]],
                ["name", "state", "rhk_ids"],
            )
            lines = client.search_read(
                "hr.asn.checkin.iki", [("checkin_id", "=", checkin["id"])], ["id"]
            )
            if not lines:
                continue
            written = True
            for line in lines:
                value = float(next(serial) * 1000 + client.uid % 1000)
                ok, _res = client.call(
                    "write_realisation",
                    "hr.asn.checkin.iki",
                    "write",
                    [line["id"]],
                    {"realisation_value": value, "realisation_text": f"v{value:.0f}"},
                )
                if ok:
                    rec.success("realisation", line["id"], value)
                written = written and ok
            if written:
                ok, _res = client.call(
                    "submit_checkin", "hr.asn.checkin", "action_submit", [checkin["id"]]
                )
                if ok:
                    rec.transition("hr.asn.checkin", checkin["id"], "submitted")


def appraiser_user(client, stop, spec, reverse):
    """Approve SKPs, review check-ins, rate SKPs; two sessions per appraiser."""
    rec = client.recorder
    # Record rules show an appraiser their staff's SKPs (and their own, which
    # are in next year's cycle only).
    cycles = [spec["cycles"]["now"], spec["cycles"]["last"]]
    order = "id desc" if reverse else "id"
    idle = 0
    while not stop.is_set():
        did = 0
        skps = client.search_read(
            "hr.asn.appraisal",
            [("cycle_id", "in", cycles), ("state", "=", "submitted")],
            ["id"],
            order=order,
        )
        for skp in skps or []:
            ok, _res = client.call(
                "approve_skp", "hr.asn.appraisal", "action_approve", [skp["id"]]
            )
            did += 1
            if ok:
                rec.transition("hr.asn.appraisal", skp["id"], "approved")
        checkins = client.search_read(
            "hr.asn.checkin",
            [("cycle_id", "in", cycles), ("state", "=", "submitted")],
            ["id", "rhk_ids"],
            order=order,
            limit=4,
        )
        for checkin in checkins or []:
            if stop.is_set():
                return
            did += 1
            ok = True
            for line_id in checkin["rhk_ids"]:
                text = f"umpan balik {uuid.uuid4().hex[:12]}"
                ok, _res = client.call(
                    "write_feedback",
                    "hr.asn.checkin.rhk",
                    "write",
                    [line_id],
                    {"feedback": text},
                )
                if not ok:
                    break
                rec.success("feedback", line_id, text)
            if not ok:
                continue
            ok, _res = client.call(
                "write_rating",
                "hr.asn.checkin",
                "write",
                [checkin["id"]],
                {"work_rating": "as_expected", "behavior_rating": "above"},
            )
            if not ok:
                continue
            ok, _res = client.call(
                "review_checkin", "hr.asn.checkin", "action_review", [checkin["id"]]
            )
            if ok:
                rec.transition("hr.asn.checkin", checkin["id"], "reviewed")
        if did or skps is None or checkins is None:
            idle = 0
            continue
        # Nothing waiting: rate this year's SKPs whose check-ins are all reviewed
        # so far (the staff are done with them).
        to_rate = client.search_read(
            "hr.asn.appraisal",
            [
                ("state", "=", "approved"),
                ("cycle_id", "=", spec["cycles"]["now"]),
                ("checkin_ids.state", "=", "reviewed"),
            ],
            ["id"],
            order=order,
            limit=2,
        )
        for skp in to_rate or []:
            ok, _res = client.call(
                "write_rating",
                "hr.asn.appraisal",
                "write",
                [skp["id"]],
                {"work_rating": "as_expected", "behavior_rating": "as_expected"},
            )
            if ok:
                ok, _res = client.call(
                    "rate_skp", "hr.asn.appraisal", "action_rate", [skp["id"]]
                )
                if ok:
                    rec.transition("hr.asn.appraisal", skp["id"], "rated")
        idle += 1
        if idle > 15:
            return
        stop.wait(1.0)


def hr_user(client, stop, spec):
    """Generate next year's SKPs, three times, as two officers at once."""
    for _attempt in range(3):
        if stop.is_set():
            return
        client.call(
            "generate",
            "hr.asn.appraisal.cycle",
            "action_generate_appraisals",
            [spec["cycles"]["next"]],
        )
        client.search_read(
            "hr.asn.appraisal", [("cycle_id", "=", spec["cycles"]["next"])], ["id"]
        )
        stop.wait(random.uniform(2, 6))


def admin_user(client, stop, cron_id):
    """Run the reminder scheduled action by hand, twice, during the load."""
    for delay in (3, 15):
        if stop.wait(delay):
            return
        client.call("run_reminders", "ir.cron", "method_direct_trigger", [cron_id])


# ---------------------------------------------------------------- realistic

# What the web client asks for: a list's columns, a form's fields and lines.
SKP_LIST = {
    "name": {},
    "state": {},
    "employee_id": {"fields": {"display_name": {}}},
    "department_id": {"fields": {"display_name": {}}},
    "cycle_id": {"fields": {"display_name": {}}},
}
SKP_FORM = {
    **SKP_LIST,
    "appraiser_id": {"fields": {"display_name": {}}},
    "rhk_ids": {
        "fields": {
            "name": {},
            "iki_ids": {"fields": {"name": {}, "target_value": {}, "target_unit": {}}},
        }
    },
    "checkin_ids": {"fields": {"period_name": {}, "state": {}}},
}
CHECKIN_LIST = {
    "name": {},
    "state": {},
    "period_name": {},
    "employee_id": {"fields": {"display_name": {}}},
    "appraisal_id": {"fields": {"display_name": {}}},
}
CHECKIN_FORM = {
    **CHECKIN_LIST,
    "rhk_ids": {"fields": {"feedback": {}}},
    "iki_ids": {"fields": {"name": {}, "realisation_value": {}}},
}
REALISTIC_KINDS = ("list", "form", "save", "transition", "report")


def web_list(client, model, domain, spec, limit=80, order="id desc"):
    """A list view: its page of records (and count), or None on error."""
    ok, result = client.call(
        "list",
        model,
        "web_search_read",
        domain,
        spec,
        limit=limit,
        order=order,
        count_limit=10001,
    )
    return result["records"] if ok else None


def web_form(client, model, record_id, spec):
    ok, result = client.call("form", model, "web_read", [record_id], spec)
    return result[0] if ok and result else None


def realistic_staff(client, stop, spec, think):
    """Open the list of one's check-ins or the SKP, fill a realisasi, submit a
    check-in whose realisasi are all filled; a pause of think() between."""
    rec = client.recorder
    cycle = spec["cycles"]["now"]
    filled = defaultdict(set)  # check-in id -> iki lines written
    drafts = []
    while not stop.wait(think()):
        roll = random.random()
        if roll < 0.3 or not drafts:
            checkins = web_list(
                client,
                "hr.asn.checkin",
                [("cycle_id", "=", cycle), ("state", "=", "draft")],
                CHECKIN_LIST,
                order="date_start, id",
            )
            if checkins is not None:
                drafts = [c["id"] for c in checkins]
        elif roll < 0.55:
            skps = web_list(
                client, "hr.asn.appraisal", [("cycle_id", "=", cycle)], SKP_LIST
            )
            if skps:
                web_form(client, "hr.asn.appraisal", skps[0]["id"], SKP_FORM)
        else:
            checkin = web_form(client, "hr.asn.checkin", drafts[0], CHECKIN_FORM)
            if not checkin or checkin["state"] != "draft":
                drafts = drafts[1:]
                continue
            lines = [line["id"] for line in checkin["iki_ids"]]
            todo = [line for line in lines if line not in filled[checkin["id"]]]
            if todo:
                value = float(random.randrange(1, 10**6))
                ok, _res = client.call(
                    "save",
                    "hr.asn.checkin.iki",
                    "write",
                    [todo[0]],
                    {"realisation_value": value, "realisation_text": f"v{value:.0f}"},
                )
                if ok:
                    rec.success("realisation", todo[0], value)
                    filled[checkin["id"]].add(todo[0])
            elif lines:
                ok, _res = client.call(
                    "transition", "hr.asn.checkin", "action_submit", [checkin["id"]]
                )
                if ok:
                    rec.transition("hr.asn.checkin", checkin["id"], "submitted")
                drafts = drafts[1:]


def realistic_appraiser(client, stop, spec, think):
    """Open the team's submitted check-ins, give umpan balik, rate and mark
    reviewed; approve last year's SKPs; a pause of think() between."""
    rec = client.recorder
    cycles = [spec["cycles"]["now"], spec["cycles"]["last"]]
    given = defaultdict(set)  # check-in id -> rhk lines with umpan balik
    while not stop.wait(think()):
        roll = random.random()
        if roll < 0.35:
            checkins = web_list(
                client,
                "hr.asn.checkin",
                [("cycle_id", "in", cycles), ("state", "=", "submitted")],
                CHECKIN_LIST,
            )
            if checkins:
                web_form(
                    client,
                    "hr.asn.checkin",
                    random.choice(checkins)["id"],
                    CHECKIN_FORM,
                )
            continue
        if roll < 0.5:
            skps = web_list(
                client,
                "hr.asn.appraisal",
                [
                    ("cycle_id", "=", spec["cycles"]["last"]),
                    ("state", "=", "submitted"),
                ],
                SKP_LIST,
                limit=1,
            )
            if skps:
                ok, _res = client.call(
                    "transition", "hr.asn.appraisal", "action_approve", [skps[0]["id"]]
                )
                if ok:
                    rec.transition("hr.asn.appraisal", skps[0]["id"], "approved")
            continue
        checkins = web_list(
            client,
            "hr.asn.checkin",
            [("cycle_id", "in", cycles), ("state", "=", "submitted")],
            CHECKIN_LIST,
            limit=1,
        )
        if not checkins:
            continue
        checkin = web_form(client, "hr.asn.checkin", checkins[0]["id"], CHECKIN_FORM)
        if not checkin:
            continue
        todo = [
            line["id"]
            for line in checkin["rhk_ids"]
            if line["id"] not in given[checkin["id"]]
        ]
        if todo:
            text = f"umpan balik {uuid.uuid4().hex[:12]}"
            ok, _res = client.call(
                "save", "hr.asn.checkin.rhk", "write", [todo[0]], {"feedback": text}
            )
            if ok:
                rec.success("feedback", todo[0], text)
                given[checkin["id"]].add(todo[0])
            continue
        ok, _res = client.call(
            "save",
            "hr.asn.checkin",
            "write",
            [checkin["id"]],
            {"work_rating": "as_expected", "behavior_rating": "above"},
        )
        if ok:
            ok, _res = client.call(
                "transition", "hr.asn.checkin", "action_review", [checkin["id"]]
            )
            if ok:
                rec.transition("hr.asn.checkin", checkin["id"], "reviewed")


def realistic_hr(client, stop, spec, think):
    """Look through the cycle's SKPs and download its Excel recap; a pause of
    think() between."""
    cycle = spec["cycles"]["now"]
    while not stop.wait(think()):
        roll = random.random()
        if roll < 0.45:
            web_list(client, "hr.asn.appraisal", [("cycle_id", "=", cycle)], SKP_LIST)
        elif roll < 0.85:
            skps = web_list(
                client,
                "hr.asn.appraisal",
                [("cycle_id", "=", cycle)],
                SKP_LIST,
                limit=80,
            )
            if skps:
                web_form(
                    client, "hr.asn.appraisal", random.choice(skps)["id"], SKP_FORM
                )
        else:
            client.download(
                "report", f"/report/xlsx/hr_asn_appraisal.recap_cycle_xlsx/{cycle}"
            )


def run_realistic(urls, db, spec, duration, seed, backlog, think):
    """Every user of the spec, each in a thread (they spend their time
    waiting: threads are enough for 300 on two cores), acting after a pause
    of ``think`` (low, high) seconds; the requests spread over the nodes."""
    random.seed(seed)
    gates = {url: threading.BoundedSemaphore(backlog) for url in urls}
    rec = Recorder()
    stop = threading.Event()
    offsets = itertools.count()
    jobs = [
        (Client(urls, db, login, rec, next(offsets), gates), func)
        for logins, func in (
            (spec["staff"], realistic_staff),
            (spec["appraisers"], realistic_appraiser),
            (spec["hr"], realistic_hr),
        )
        for login in logins
    ]
    login_seconds = login_all([client for client, _func in jobs])
    start_index = len(rec.ops)

    def pause():
        return random.uniform(*think)

    def runner(client, func):
        try:
            func(client, stop, spec, pause)
        except Exception as error:  # noqa: BLE001 - reported, not raised
            rec.add(
                "client",
                False,
                0.0,
                "client_bug",
                type(error).__name__,
                str(error)[:160],
            )

    threads = [
        threading.Thread(target=runner, args=job, daemon=True, name=job[0].login)
        for job in jobs
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    stop.wait(duration)
    stop.set()
    stopped = time.perf_counter()
    for thread in threads:
        thread.join(310)  # an RPC in flight finishes (or times out)
    return rec, start_index, (start, stopped), login_seconds, len(jobs)


def login_all(clients):
    """Log everybody in, eight at a time, before the load; the seconds it took."""
    login_start = time.perf_counter()
    for i in range(0, len(clients), 8):
        threads = [
            threading.Thread(target=c.authenticate, daemon=True)
            for c in clients[i : i + 8]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    missing = [c.login for c in clients if c.uid is None]
    if missing:
        raise RuntimeError(f"logins failed: {missing}")
    return time.perf_counter() - login_start


def check_targets(summary):
    """The realistic profile's targets: [(what, met)]."""
    by_kind = summary["by_kind"]
    result = []
    for kinds, limit in ((("list", "form"), 300), (("transition",), 1000)):
        for kind in kinds:
            if kind in by_kind:
                p95 = by_kind[kind]["p95_ms"]
                result.append((f"{kind} p95 {p95:.0f} ms <= {limit} ms", p95 <= limit))
    errors = sum(summary["errors"].values()) + sum(summary["late_errors"].values())
    result.append((f"errors {errors} = 0", errors == 0))
    return result


def run_load(urls, db, spec, cron_id, duration, seed, backlog, ramp_up=5.0):
    """backlog: how many requests may be on their way to one server at once.

    Odoo's prefork server listens with a backlog of 8 connections per worker;
    past it the kernel drops or resets connections. In production a proxy
    (nginx) holds the queue; here each server gets a gate of that size, and the
    time spent waiting at it counts in the latency, as it would behind a proxy.
    """
    random.seed(seed)
    gates = {url: threading.BoundedSemaphore(backlog) for url in urls}
    rec = Recorder()
    stop = threading.Event()
    jobs = []
    offsets = itertools.count()
    for login in spec["staff"]:
        jobs.append(
            (Client(urls, db, login, rec, next(offsets), gates), staff_user, ())
        )
    for login in spec["appraisers"]:
        for reverse in (False, True):
            jobs.append(
                (
                    Client(urls, db, login, rec, next(offsets), gates),
                    appraiser_user,
                    (reverse,),
                )
            )
    for login in spec["hr"]:
        jobs.append((Client(urls, db, login, rec, next(offsets), gates), hr_user, ()))
    admin = Client(urls, db, "admin", rec, next(offsets), gates)
    # Log everybody in first, eight at a time (timed, apart from the load).
    login_seconds = login_all([c for c, _f, _a in jobs] + [admin])
    start_index = len(rec.ops)

    def runner(client, func, args):
        try:
            func(client, stop, spec, *args)
        except Exception as error:  # noqa: BLE001 - reported, not raised
            rec.add(
                "client",
                False,
                0.0,
                "client_bug",
                type(error).__name__,
                str(error)[:160],
            )

    threads = [
        threading.Thread(target=runner, args=(c, f, a), daemon=True) for c, f, a in jobs
    ]
    if cron_id:
        threads.append(
            threading.Thread(
                target=admin_user, args=(admin, stop, cron_id), daemon=True
            )
        )
    start = time.perf_counter()
    random.shuffle(threads)
    for thread in threads:
        thread.start()
        time.sleep(ramp_up / len(threads))  # users arrive over ramp_up seconds
    deadline = start + duration
    for thread in threads:
        thread.join(max(0.0, deadline - time.perf_counter()))
    stop.set()
    stopped = time.perf_counter()
    for thread in threads:
        thread.join(310)  # an RPC in flight finishes (or times out)
    return rec, start_index, (start, stopped), login_seconds, len(jobs) + 1


# ---------------------------------------------------------------- report


def load_average():
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return "?"


def percentile(values, q):
    if not values:
        return 0.0
    values = sorted(values)
    # nearest rank
    index = min(len(values) - 1, max(0, math.ceil(q / 100 * len(values)) - 1))
    return values[index]


def summarize(rec, start_index, window):
    """Figures of the operations that finished inside the load's window.

    An operation still in flight when the window closed is waited for (its
    outcome goes to the database check) but counted apart, as ``late``: not
    in the throughput, the latencies or the counts. Its errors are kept apart
    too (``late_errors``), and an unexpected one still fails the run.
    """
    ops = rec.ops[start_index:]
    start, stopped = window
    done = [row for row in ops if row[6] <= stopped]
    late = [row for row in ops if row[6] > stopped]
    elapsed = stopped - start
    latencies = [row[2] for row in done]
    by_kind = defaultdict(list)
    for row in done:
        by_kind[row[0]].append(row)
    errors = Counter(row[3] for row in done if not row[1])
    samples = {}
    for row in ops:
        if not row[1]:
            key = (row[3], row[0], row[5][:25] if row[3] == "refused" else row[4])
            samples.setdefault(key, row[5])
    return {
        "ops": len(done),
        "late": len(late),
        "seconds": elapsed,
        "throughput": len(done) / elapsed if elapsed else 0.0,
        "p50_ms": 1000 * percentile(latencies, 50),
        "p95_ms": 1000 * percentile(latencies, 95),
        "p99_ms": 1000 * percentile(latencies, 99),
        "errors": dict(errors),
        "late_errors": dict(Counter(row[3] for row in late if not row[1])),
        "by_kind": {
            kind: {
                "ops": len(rows),
                "ok": sum(1 for r in rows if r[1]),
                "p50_ms": 1000 * percentile([r[2] for r in rows], 50),
                "p95_ms": 1000 * percentile([r[2] for r in rows], 95),
                "p99_ms": 1000 * percentile([r[2] for r in rows], 99),
            }
            for kind, rows in sorted(by_kind.items())
        },
        "error_samples": {f"{k[0]} {k[1]}": v for k, v in sorted(samples.items())},
    }


def check_database(cr, spec, rec):
    """Compare the database with what the clients saw succeed; list problems."""
    problems = []
    facts = {}
    company = spec["company_id"]
    cr.execute(
        """SELECT employee_id, cycle_id, count(*) FROM hr_asn_appraisal
           WHERE company_id = %s GROUP BY 1, 2 HAVING count(*) > 1""",
        [company],
    )
    duplicates = cr.fetchall()
    if duplicates:
        problems.append(f"duplicate SKPs (employee, cycle, count): {duplicates[:5]}")
    cr.execute(
        "SELECT count(*) FROM hr_asn_appraisal WHERE cycle_id = %s",
        [spec["cycles"]["next"]],
    )
    generated = cr.fetchone()[0]
    facts["SKPs generated (next year)"] = generated
    generation_ok = any(row[0] == "generate" and row[1] for row in rec.ops)
    if generation_ok and generated != spec["generation_expected"]:
        problems.append(
            f"generation made {generated} SKPs, expected {spec['generation_expected']}"
        )
    cr.execute(
        """SELECT appraisal_id, period_code, count(*) FROM hr_asn_checkin c
           JOIN hr_asn_appraisal a ON a.id = c.appraisal_id
           WHERE a.company_id = %s GROUP BY 1, 2 HAVING count(*) > 1""",
        [company],
    )
    if rows := cr.fetchall():
        problems.append(f"duplicate check-ins: {rows[:5]}")

    # Realisasi: one writer per line, so the last value written is in the row.
    lines = list(rec.realisation)
    lost = []
    if lines:
        cr.execute(
            "SELECT id, realisation_value FROM hr_asn_checkin_iki WHERE id IN %s",
            [tuple(lines)],
        )
        for line_id, value in cr.fetchall():
            if value != rec.realisation[line_id][-1]:
                lost.append((line_id, value, rec.realisation[line_id][-1]))
    facts["realisasi writes checked"] = sum(len(v) for v in rec.realisation.values())
    if lost:
        problems.append(f"lost realisasi updates (line, db, written): {lost[:5]}")
    # Umpan balik: two sessions may write the same line; one of them is there.
    lines = list(rec.feedback)
    lost = []
    if lines:
        cr.execute(
            "SELECT id, feedback FROM hr_asn_checkin_rhk WHERE id IN %s", [tuple(lines)]
        )
        for line_id, value in cr.fetchall():
            if value not in rec.feedback[line_id]:
                lost.append((line_id, value))
    facts["umpan balik writes checked"] = sum(len(v) for v in rec.feedback.values())
    if lost:
        problems.append(f"lost umpan balik updates (line, db): {lost[:5]}")

    # Transitions: each applied once, and the state is the last one seen.
    rank = {"submitted": 1, "approved": 2, "reviewed": 2, "rated": 3}
    for model, table in (
        ("hr.asn.appraisal", "hr_asn_appraisal"),
        ("hr.asn.checkin", "hr_asn_checkin"),
    ):
        ids = [res_id for (m, res_id) in rec.transitions if m == model]
        if not ids:
            continue
        cr.execute(f"SELECT id, state FROM {table} WHERE id IN %s", [tuple(ids)])  # noqa: S608
        states = dict(cr.fetchall())
        twice = [
            (res_id, dict(counter))
            for (m, res_id), counter in rec.transitions.items()
            if m == model and any(n > 1 for n in counter.values())
        ]
        if twice:
            problems.append(f"{model}: a transition succeeded twice: {twice[:5]}")
        wrong = []
        for (m, res_id), counter in rec.transitions.items():
            if m != model:
                continue
            expected = max(counter, key=rank.get)
            if states.get(res_id) != expected:
                wrong.append((res_id, states.get(res_id), expected))
        if wrong:
            problems.append(
                f"{model}: state differs from the clients' (id, db, seen): {wrong[:5]}"
            )
        facts[f"{model} transitions checked"] = sum(
            sum(c.values()) for (m, _i), c in rec.transitions.items() if m == model
        )
    # In the database too, each SKP was approved once (chatter tracking).
    cr.execute(
        """SELECT m.res_id, count(*) FROM mail_tracking_value t
           JOIN mail_message m ON m.id = t.mail_message_id
           JOIN ir_model_fields f ON f.id = t.field_id
           JOIN hr_asn_appraisal a ON a.id = m.res_id
           WHERE m.model = 'hr.asn.appraisal' AND f.name = 'state'
             AND t.new_value_char = 'Approved' AND a.company_id = %s
           GROUP BY 1 HAVING count(*) > 1""",
        [company],
    )
    if rows := cr.fetchall():
        problems.append(f"SKPs approved more than once (tracking): {rows[:5]}")
    # States in the database match the successes the clients counted.
    cr.execute(
        """SELECT c.state, count(*) FROM hr_asn_checkin c
           JOIN hr_asn_appraisal a ON a.id = c.appraisal_id
           WHERE a.company_id = %s GROUP BY 1""",
        [company],
    )
    facts["check-ins by state"] = dict(cr.fetchall())
    cr.execute(
        """SELECT a.state, count(*) FROM hr_asn_appraisal a
           WHERE a.company_id = %s AND a.cycle_id IN %s GROUP BY 1""",
        [company, (spec["cycles"]["now"], spec["cycles"]["last"])],
    )
    facts["SKPs by state"] = dict(cr.fetchall())
    reviewed_ok = sum(
        c["reviewed"] for (m, _i), c in rec.transitions.items() if m == "hr.asn.checkin"
    )
    if facts["check-ins by state"].get("reviewed", 0) != reviewed_ok:
        problems.append(
            f"{facts['check-ins by state'].get('reviewed', 0)} check-ins reviewed in "
            f"the database, {reviewed_ok} reviews succeeded"
        )
    # Reminders: one log row per reminder (unique index), one message per row.
    cr.execute(
        """SELECT count(*) FROM hr_asn_reminder_log l
           LEFT JOIN hr_asn_appraisal a
                  ON l.res_model = 'hr.asn.appraisal' AND a.id = l.res_id
           LEFT JOIN hr_asn_checkin c
                  ON l.res_model = 'hr.asn.checkin' AND c.id = l.res_id
           LEFT JOIN hr_asn_appraisal ca ON ca.id = c.appraisal_id
           WHERE coalesce(a.company_id, ca.company_id) = %s""",
        [company],
    )
    logs = cr.fetchone()[0]
    cr.execute(
        """SELECT count(*) FROM mail_message m
           LEFT JOIN hr_asn_appraisal a
                  ON m.model = 'hr.asn.appraisal' AND a.id = m.res_id
           LEFT JOIN hr_asn_checkin c
                  ON m.model = 'hr.asn.checkin' AND c.id = m.res_id
           LEFT JOIN hr_asn_appraisal ca ON ca.id = c.appraisal_id
           WHERE m.message_type = 'user_notification'
             AND coalesce(a.company_id, ca.company_id) = %s""",
        [company],
    )
    notifications = cr.fetchone()[0]
    facts["reminders logged / sent"] = f"{logs} / {notifications}"
    if logs != notifications:
        problems.append(f"{logs} reminders logged but {notifications} sent")
    return problems, facts


# ---------------------------------------------------------------- servers


class Servers:
    """Odoo servers started for one mode; always stopped again."""

    def __init__(self, odoo_src, conf, db, log_dir):
        self.odoo_src = odoo_src
        self.conf = conf
        self.db = db
        self.log_dir = log_dir
        self.procs = []

    def start(self, name, port, gevent_port, workers):
        log_path = os.path.join(self.log_dir, f"load-{name}.log")
        log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        cmd = [
            sys.executable,
            os.path.join(self.odoo_src, "odoo-bin"),
            "-c",
            self.conf,
            "-d",
            self.db,
            "--db-filter",
            f"^{self.db}$",
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(port),
            "--gevent-port",
            str(gevent_port),
            "--workers",
            str(workers),
            "--max-cron-threads",
            "1",
            "--log-level",
            "warn",
            "--limit-time-real",
            "300",
            "--limit-time-cpu",
            "120",
        ]
        # The load client shares the cores with the servers: a client thread
        # can wait longer than Odoo's 2 s socket timeout between connecting
        # and sending (in production a buffering proxy sits in front).
        env = dict(os.environ, ODOO_HTTP_SOCKET_TIMEOUT="30")
        proc = subprocess.Popen(  # noqa: S603 - our own command line
            cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env
        )
        self.procs.append((proc, log, log_path))
        return f"http://127.0.0.1:{port}"

    def wait_ready(self, urls, timeout=180):
        end = time.monotonic() + timeout
        for url in urls:
            while True:
                for proc, _log, path in self.procs:
                    if proc.poll() is not None:
                        raise RuntimeError(f"Odoo exited early, see {path}")
                try:
                    if requests.get(url + "/web/login", timeout=10).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > end:
                    raise RuntimeError(f"{url} did not answer in {timeout}s")
                time.sleep(1)

    def stop(self):
        for proc, _log, _path in self.procs:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for proc, log, _path in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(10)
            log.close()
        self.procs = []

    def log_errors(self):
        """{log: (ERROR lines, of which serialization failures)}.

        Odoo logs a query refused by PostgreSQL's repeatable read ("could not
        serialize access due to concurrent update") as an ERROR, then retries
        the whole request: those are counted apart.
        """
        counts = {}
        for _proc, _log, path in self.procs:
            with open(path, errors="replace") as handle:
                lines = handle.readlines()
            errors = retried = 0
            for i, line in enumerate(lines):
                if " ERROR " in line or " CRITICAL " in line:
                    errors += 1
                    following = "".join(lines[i + 1 : i + 4])
                    if (
                        "bad query" in line
                        and "could not serialize access" in following
                    ):
                        retried += 1
            counts[os.path.basename(path)] = (errors, retried)
        return counts


# ---------------------------------------------------------------- main


def print_report(mode, desc, summary, problems, facts, logins, users, log_errors):
    print(f"\n=== {mode}: {desc}")
    print(
        f"virtual users: {users} (each its own session); "
        f"logins took {logins:.1f} s before the load"
    )
    print(
        f"ops finished in the window {summary['ops']} ({summary['late']} still "
        f"in flight at its end, not counted); throughput "
        f"{summary['throughput']:.1f} ops/s over {summary['seconds']:.1f} s; "
        f"latency p50 {summary['p50_ms']:.0f} ms, p95 {summary['p95_ms']:.0f} ms, "
        f"p99 {summary['p99_ms']:.0f} ms"
    )
    print(
        "errors: "
        + (", ".join(f"{k} {v}" for k, v in summary["errors"].items()) or "none")
        + (
            "; after the window: "
            + ", ".join(f"{k} {v}" for k, v in summary["late_errors"].items())
            if summary["late_errors"]
            else ""
        )
    )
    print(
        f"  {'operation':<18}{'ops':>7}{'ok':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    )
    for kind, row in summary["by_kind"].items():
        print(
            f"  {kind:<18}{row['ops']:>7}{row['ok']:>7}{row['p50_ms']:>9.0f}"
            f"{row['p95_ms']:>9.0f}{row['p99_ms']:>9.0f}"
        )
    for key, sample in summary["error_samples"].items():
        print(f"  error sample [{key}]: {sample}")
    print(
        "server log ERROR lines: "
        + ", ".join(
            f"{name} {errors} ({retried} serialization failures, retried by Odoo)"
            for name, (errors, retried) in log_errors.items()
        )
    )
    for key, value in facts.items():
        print(f"  db: {key}: {value}")
    print("database check: " + ("ok" if not problems else "FAILED"))
    for problem in problems:
        print(f"  - {problem}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", default=".state/odoo.conf")
    parser.add_argument("-d", "--database", default="hr_asn_load")
    parser.add_argument("--odoo-src", default=os.environ.get("ODOO_SRC", "/opt/odoo"))
    parser.add_argument(
        "--profile",
        choices=("saturation", "realistic"),
        default="saturation",
        help="saturation: 63 users acting without pause (default); realistic: "
        "300 users (24 appraisers, 264 staff, 12 HR officers) with a pause of "
        "--think seconds between actions, on two nodes",
    )
    parser.add_argument(
        "--think",
        default="5,15",
        help="realistic profile: pause between a user's actions, LOW,HIGH seconds",
    )
    parser.add_argument("--modes", default=None)
    parser.add_argument(
        "--port",
        type=int,
        default=18130,
        help="first HTTP port (workers: port; nodes: port+1, port+2)",
    )
    parser.add_argument("--gevent-port", type=int, default=18140)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--node-workers", type=int, default=2)
    parser.add_argument(
        "--duration",
        type=float,
        default=None,
        help="seconds of load per mode (after the logins; saturation 45, "
        "realistic 120)",
    )
    parser.add_argument("--appraisers", type=int, default=None)
    parser.add_argument("--staff-per-appraiser", type=int, default=None)
    parser.add_argument("--hr", type=int, default=None)
    parser.add_argument("--log-dir", default=".state/logs")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    realistic = args.profile == "realistic"
    defaults = (
        {"modes": "nodes", "duration": 120.0, "appraisers": 24}
        | {"staff_per_appraiser": 11, "hr": 12}
        if realistic
        else {"modes": "workers,nodes", "duration": 45.0, "appraisers": 10}
        | {"staff_per_appraiser": 4, "hr": 2}
    )
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    try:
        think = tuple(float(part) for part in args.think.split(","))
        assert len(think) == 2 and 0 <= think[0] <= think[1]
    except (ValueError, AssertionError):
        parser.error("--think takes LOW,HIGH seconds, e.g. 5,15")
    modes = [m for m in args.modes.split(",") if m]
    for mode in modes:
        if mode not in ("workers", "nodes"):
            parser.error(f"unknown mode {mode}")
    os.makedirs(args.log_dir, exist_ok=True)

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    run_id = datetime.now().strftime("%H%M%S")
    tags = {mode: f"ld{run_id}{mode[0]}" for mode in modes}
    print(
        f"machine: {platform.node()} | {os.cpu_count()} cores | Python "
        f"{platform.python_version()} | {datetime.now():%Y-%m-%d %H:%M} | "
        f"load average {load_average()} | profile {args.profile}"
    )
    t0 = time.perf_counter()
    specs = prepare_all(args.config, args.database, list(tags.values()), args)
    print(
        f"prepared {len(modes)} batch(es) of {args.appraisers} appraisers, "
        f"{args.appraisers * args.staff_per_appraiser} staff, {args.hr} HR officers "
        f"in {time.perf_counter() - t0:.1f} s"
    )
    from odoo.sql_db import db_connect  # noqa: PLC0415

    failed = False
    results = {}
    for mode in modes:
        spec = specs[tags[mode]]
        servers = Servers(args.odoo_src, args.config, args.database, args.log_dir)
        try:
            if mode == "workers":
                urls = [
                    servers.start("workers", args.port, args.gevent_port, args.workers)
                ]
                desc = (
                    f"one server, --workers={args.workers} --max-cron-threads=1, "
                    f"port {args.port}"
                )
            else:
                urls = [
                    servers.start(
                        f"node{i}",
                        args.port + i,
                        args.gevent_port + i,
                        args.node_workers,
                    )
                    for i in (1, 2)
                ]
                desc = (
                    f"two servers (--workers={args.node_workers} "
                    f"--max-cron-threads=1 each) on ports {args.port + 1} and "
                    f"{args.port + 2}, same database and data_dir, "
                    "requests round-robin"
                )
            servers.wait_ready(urls)
            workers = args.workers if mode == "workers" else args.node_workers
            if realistic:
                rec, start_index, window, logins, users = run_realistic(
                    urls,
                    args.database,
                    spec,
                    args.duration,
                    seed=modes.index(mode),
                    backlog=8 * workers,
                    think=think,
                )
                desc += f"; realistic profile, pause {args.think} s between actions"
            else:
                rec, start_index, window, logins, users = run_load(
                    urls,
                    args.database,
                    spec,
                    specs["_cron_id"],
                    args.duration,
                    seed=modes.index(mode),
                    backlog=8 * workers,
                )
            log_errors = servers.log_errors()
        finally:
            servers.stop()
        summary = summarize(rec, start_index, window)
        with db_connect(args.database).cursor() as cr:
            problems, facts = check_database(cr, spec, rec)
        unexpected = Counter()
        for errors in (summary["errors"], summary["late_errors"]):
            unexpected.update({k: v for k, v in errors.items() if k != "refused"})
        if unexpected:
            problems.append(f"unexpected errors: {dict(unexpected)}")
        if any(errors > retried for errors, retried in log_errors.values()):
            problems.append(f"ERROR lines in the server logs: {log_errors}")
        print_report(mode, desc, summary, problems, facts, logins, users, log_errors)
        print(f"load average at the end: {load_average()}")
        if realistic:
            targets = check_targets(summary)
            print(
                "targets: "
                + "; ".join(
                    f"{what}: {'met' if met else 'NOT met'}" for what, met in targets
                )
            )
            summary["targets"] = {what: met for what, met in targets}
        summary["load_average_end"] = load_average()
        failed = failed or bool(problems)
        results[mode] = {
            "desc": desc,
            **summary,
            "problems": problems,
            "facts": {k: str(v) for k, v in facts.items()},
        }
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=2)
    print(
        f"\nload test {'FAILED' if failed else 'ok'} "
        f"(whole run {time.perf_counter() - t0:.0f} s)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
