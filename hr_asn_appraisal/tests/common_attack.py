"""The attack suite's harness: a small office, then the web client's own
HTTP calls as each of its people.

Every attack test logs in as one of the office's people and talks to the
running server exactly as the web client does: JSON-RPC on
``/web/dataset/call_kw/<model>/<method>``, the chatter's
``/mail/thread/messages`` and the report URLs ``/report/<html|pdf>/...``.
What a person may see or do is written in the tests from the issue (#12),
DOMAIN.md and the security pattern of ARCHITECTURE.md, not read from the code.

The office (built once per test class, rolled back after each test):

* company A, unit "Bidang Uji": the appraiser's superior (``superior``), the
  appraiser (``appraiser``), two of the appraiser's staff (``employee``, a JF
  officer, and ``colleague``), an HR officer (``hr``, appraised by the
  appraiser as well) and an HR administrator (``admin``, no employee record);
  three more staff (``peer1..3``) who answer a 360° round, and a user without
  an employee record (``spare``);
* company B: its HR officer (``other``) with her own SKP.

Documents (``cls.doc``), as the year really goes (a class builds only the
documents it lists in ``attack_documents``):

* last year: the employee's SKP validated (Baik), with a keberatan waiting
  for the superior's decision, a submitted training request and the
  automatic recommendations; the HR officer's own SKP of last year submitted;
* this year (past its filing deadline, 31 January): the employee's SKP rated
  (Sangat Baik, not validated yet) with check-ins, bukti dukung, a work log
  entry, a rencana aksi, umpan balik, coaching, verified public feedback, an
  open 360° round, training hours and a reminder sent; the colleague's SKP
  submitted late; the HR officer's own SKP rated; company A's unit rating;
  company B's SKP in draft.
"""

import datetime
import json
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from odoo import Command, fields
from odoo.tests import HttpCase

# What a refusal may be: the three exceptions of the issue, each carrying a
# message meant for a person (never a server error or a database error).
CLEAN_ERRORS = frozenset(
    {
        "odoo.exceptions.AccessError",
        "odoo.exceptions.UserError",
        "odoo.exceptions.ValidationError",
    }
)
TECHNICAL_MARKERS = ("Traceback", "psycopg2", "KeyError", "AttributeError", "NoneType")

TRANSITION_LOG = "hr.asn.transition.log"
ROLES = ("employee", "colleague", "appraiser", "superior", "hr", "admin", "other")
PASSWORD_SUFFIX = "-Uji-Pw"


@dataclass
class Outcome:
    """What one HTTP call gave back: the result, or the error of the payload."""

    status: int
    result: Any = None
    error: str | None = None
    message: str | None = None
    debug: str | None = None

    @property
    def ok(self):
        return self.status == 200 and self.error is None

    def __repr__(self):
        if self.ok:
            return f"<ok {str(self.result)[:300]}>"
        return f"<{self.status} {self.error}: {(self.message or '')[:300]}>"


class AttackCase(HttpCase):
    """The office and the HTTP helpers of the attack suite."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tracked as in real use; mails queued rather than sent during setup.
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=False,
                no_reset_password=True,
                mail_notify_force_send=False,
            )
        )
        cls._build_people()
        cls._build_cycles()
        cls._build_documents()
        cls.env.flush_all()

    # ------------------------------------------------------------------
    # The office
    # ------------------------------------------------------------------
    @classmethod
    def _create_employees(cls, rows):
        """Create employees in one batch: (key, name, NIP, parent key, values)."""
        employees = cls.env["hr.employee"].create(
            [
                {
                    "name": name,
                    "company_id": cls.company_a.id,
                    "department_id": cls.unit.id,
                    "user_id": cls.users[key].id if key in cls.users else False,
                    "parent_id": cls.emp[parent].id if parent else False,
                    "asn_type": "pns",
                    "asn_nip": nip,
                    "asn_position_type": "pelaksana",
                    "job_title": name,
                    **vals,
                }
                for key, name, nip, parent, vals in rows
            ]
        )
        cls.emp.update(zip([row[0] for row in rows], employees, strict=True))

    @classmethod
    def _build_people(cls):
        cls.emp = {}
        cls.company_a, cls.company_b = cls.env["res.company"].create(
            [{"name": "Dinas Uji A", "city": "Kota Uji"}, {"name": "Dinas Uji B"}]
        )
        cls.unit = cls.env["hr.department"].create(
            {"name": "Bidang Uji", "company_id": cls.company_a.id}
        )
        a, b = cls.company_a, cls.company_b
        # Everybody may export: the strongest attacker the web client allows.
        staff = ("base.group_user", "base.group_allow_export")
        officer = (*staff, "hr_asn_appraisal.group_hr_asn_officer")
        manager = (*staff, "hr_asn_appraisal.group_hr_asn_manager")
        people = [(key, staff, a) for key in ("superior", "appraiser", "employee")]
        people += [("colleague", staff, a), ("hr", officer, a), ("admin", manager, a)]
        people += [(key, staff, a) for key in ("peer1", "peer2", "peer3", "spare")]
        people += [("other", officer, b)]
        # One batch: creating users one by one is most of the setup's time.
        users = cls.env["res.users"].create(
            [
                {
                    "login": f"atk_{key}",
                    "password": f"atk_{key}{PASSWORD_SUFFIX}",
                    "name": f"Atk {key.title()}",
                    "email": f"atk_{key}@uji.example.com",
                    "groups_id": [Command.set([cls.env.ref(g).id for g in groups])],
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "tz": "Asia/Jakarta",
                    "notification_type": "inbox",
                }
                for key, groups, company in people
            ]
        )
        cls.users = dict(zip([key for key, _g, _c in people], users, strict=True))

        administrator = {"asn_position_type": "administrator"}
        cls._create_employees(
            [
                (
                    "superior",
                    "Kepala Dinas Uji",
                    "197001011995031001",
                    None,
                    administrator,
                )
            ]
        )
        cls._create_employees(
            [
                (
                    "appraiser",
                    "Kepala Bidang Uji",
                    "197505052000032002",
                    "superior",
                    administrator,
                )
            ]
        )
        jf = {
            "asn_position_type": "fungsional",
            "asn_position_level": "ahli_pertama",
            "job_title": "Analis SDM Aparatur Ahli Pertama",
        }
        cls._create_employees(
            [
                ("employee", "Pegawai Uji", "199001012015031003", "appraiser", jf),
                ("colleague", "Rekan Uji", "199203032018012005", "appraiser", {}),
                ("hr", "Petugas SDM Uji", "198803032010012005", "appraiser", {}),
                ("peer1", "Staf Uji 1", "199104042016031006", "appraiser", {}),
                ("peer2", "Staf Uji 2", "199205052017032007", "appraiser", {}),
                ("peer3", "Staf Uji 3", "199306062018031008", "appraiser", {}),
            ]
        )
        cls.emp["other"] = cls.env["hr.employee"].create(
            {
                "name": "Petugas SDM Dinas B",
                "company_id": b.id,
                "user_id": cls.users["other"].id,
                "asn_type": "pns",
                "asn_nip": "198001012005011009",
            }
        )

    @classmethod
    def _build_cycles(cls):
        Cycle = cls.env["hr.asn.appraisal.cycle"]
        # The cycles follow the calendar: last year's is validated, this
        # year's is under way, past its filing deadline (31 January).
        # "Today" in the office's time zone (the users' one).
        cls.today = fields.Date.context_today(
            cls.env.user.with_context(tz="Asia/Jakarta")
        )
        cls.year = year = cls.today.year
        common = {
            "require_annual_evaluation": False,
            "period_type": "semester",
            "user_id": cls.users["hr"].id,
            "company_id": cls.company_a.id,
        }
        cls.cycle_prev, cls.cycle = Cycle.create(
            [
                {
                    "name": f"SKP Uji {y}",
                    "date_start": f"{y}-01-01",
                    "date_end": f"{y}-12-31",
                    "filing_deadline": f"{y}-01-31",
                    "enable_360": y == year,
                    **common,
                }
                for y in (year - 1, year)
            ]
        )
        cls.cycle_b = Cycle.create(
            {
                "name": f"SKP Dinas B {year}",
                "date_start": f"{year}-01-01",
                "date_end": f"{year}-12-31",
                "filing_deadline": f"{year}-12-31",
                "company_id": cls.company_b.id,
                "require_annual_evaluation": False,
                "user_id": cls.users["other"].id,
            }
        )
        (cls.cycle_prev | cls.cycle).with_user(cls.users["hr"]).action_open()
        cls.cycle_b.with_user(cls.users["other"]).action_open()
        # Company A's own allowance table (agency-specific, DOMAIN.md).
        cls.env["hr.asn.allowance.rule"].create(
            [
                {
                    "company_id": cls.company_a.id,
                    "predikat": code,
                    "adjustment_percent": pct,
                }
                for code, pct in (
                    ("sangat_baik", 2.0),
                    ("baik", 1.0),
                    ("butuh_perbaikan", -0.5),
                    ("kurang", -1.0),
                    ("sangat_kurang", -2.0),
                )
            ]
        )

    @classmethod
    def _skp(cls, key, cycle=None):
        return cls.env["hr.asn.appraisal"].create(
            {
                "employee_id": cls.emp[key].id,
                "cycle_id": (cycle or cls.cycle).id,
                "resource_support": "Laptop dan akses SIASN",
                "rhk_ids": [
                    Command.create(
                        {
                            "name": f"Terkelolanya data kepegawaian ({key})",
                            "rhk_type": "utama",
                            "parent_rhk_text": "Meningkatnya kualitas manajemen ASN",
                            "iki_ids": [
                                Command.create(
                                    {
                                        "name": "Jumlah data yang dimutakhirkan",
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

    @classmethod
    def _move(cls, skp, to_state, work="as_expected", behavior="as_expected"):
        """Take an SKP along the workflow, each step by the person who does it."""
        users = cls.users
        steps = ("submitted", "approved", "rated", "done")
        owner = skp.employee_id.user_id
        for step in steps[: steps.index(to_state) + 1]:
            if step == "submitted":
                skp.with_user(owner).action_submit()
            elif step == "approved":
                skp.with_user(users["appraiser"]).action_approve()
            elif step == "rated":
                as_appraiser = skp.with_user(users["appraiser"])
                as_appraiser.write({"work_rating": work, "behavior_rating": behavior})
                as_appraiser.action_rate()
            else:
                validator = users["admin"] if owner == users["hr"] else users["hr"]
                skp.with_user(validator).action_validate()
            cls._end_of_request()
        return skp

    @classmethod
    def _end_of_request(cls):
        """What the end of a web request does: flush, and run the pre-commit
        hooks (the chatter's tracking messages are written there)."""
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    # What each document needs built first.
    DOCUMENT_NEEDS = {
        "skp_prev": (),
        "objection": ("skp_prev",),
        "training": ("skp_prev",),
        "skp_prev_hr": (),
        "skp": (),
        "action_plan": ("skp",),
        "work_log": ("skp",),
        "feedback": ("skp",),
        "coaching": ("skp",),
        "public_feedback": ("skp",),
        "round": ("skp",),
        "skp_col": (),
        "skp_hr": (),
        "skp_other": (),
        "unit_rating": ("skp", "skp_hr"),
        "evidence": ("skp",),
        "training_hours": (),
        "reminder_log": ("skp",),
        "assignment": ("skp",),
    }
    # The documents a test class attacks (all of them unless it says less:
    # building the office is most of a class's time).
    attack_documents = tuple(DOCUMENT_NEEDS)

    @classmethod
    def _build_documents(cls):
        cls.doc = {}
        for key in cls.attack_documents:
            cls._build_document(key)

    @classmethod
    def _build_document(cls, key):
        if key in cls.doc:
            return cls.doc[key]
        for need in cls.DOCUMENT_NEEDS[key]:
            cls._build_document(need)
        cls.doc[key] = getattr(cls, f"_build_{key}")()
        cls._end_of_request()
        if key == "skp":
            cls.doc["checkin"] = cls.doc["skp"].checkin_ids.filtered(
                lambda c: not c.is_annual and c.date_start <= cls.today <= c.date_end
            )
        elif key == "round":
            cls.doc["response"] = cls.doc["round"].response_ids.filtered(
                lambda r: r.user_id == cls.users["peer1"]
            )
        elif key == "public_feedback":
            cls.doc["source"] = cls.doc["public_feedback"].source_id
        return cls.doc[key]

    # Last year: the employee's validated SKP and what follows it.
    @classmethod
    def _build_skp_prev(cls):
        return cls._move(cls._skp("employee", cls.cycle_prev), "done")

    @classmethod
    def _build_skp_prev_hr(cls):
        return cls._move(cls._skp("hr", cls.cycle_prev), "submitted")

    @classmethod
    def _build_objection(cls):
        return (
            cls.env["hr.asn.objection"]
            .with_user(cls.users["employee"])
            .create(
                {
                    "appraisal_id": cls.doc["skp_prev"].id,
                    "reason": "Capaian IKI saya melampaui target; mohon ditinjau.",
                    "requested_work_rating": "above",
                    "requested_behavior_rating": "above",
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _build_training(cls):
        program = cls.doc["program"] = cls.env["hr.asn.training.program"].create(
            {
                "name": "Pelatihan Analis Kepegawaian",
                "company_id": cls.company_a.id,
                "category": "technical",
                "jp_hours": 16,
                "date_start": cls.today + datetime.timedelta(days=20),
                "date_end": cls.today + datetime.timedelta(days=22),
                "user_id": cls.users["hr"].id,
            }
        )
        request = (
            cls.env["hr.asn.training.request"]
            .with_user(cls.users["employee"])
            .create(
                {
                    "appraisal_id": cls.doc["skp_prev"].id,
                    "program_id": program.id,
                    "motivation": "Menutup kesenjangan kompetensi analisis data.",
                }
            )
        )
        request.action_submit()
        return request.with_user(cls.env.user)

    # This year: the employee's SKP rated, not validated yet, and the work.
    @classmethod
    def _build_skp(cls):
        return cls._move(cls._skp("employee"), "rated", "above", "above")

    @classmethod
    def _build_skp_col(cls):
        return cls._move(cls._skp("colleague"), "submitted")

    @classmethod
    def _build_skp_hr(cls):
        return cls._move(cls._skp("hr"), "rated", "as_expected", "above")

    @classmethod
    def _build_skp_other(cls):
        return cls._skp("other", cls.cycle_b)

    @classmethod
    def _build_action_plan(cls):
        skp = cls.doc["skp"]
        return (
            cls.env["hr.asn.action.plan"]
            .with_user(cls.users["employee"])
            .create(
                {
                    "checkin_id": cls.doc["checkin"].id,
                    "rhk_id": skp.rhk_ids.id,
                    "iki_id": skp.iki_ids.id,
                    "name": "Verifikasi data 40 pegawai",
                    "output_qty": 40,
                    "output_unit": "Dokumen",
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _build_work_log(cls):
        return (
            cls.env["hr.asn.work.log"]
            .with_user(cls.users["employee"])
            .create(
                {
                    "date": cls.today,
                    "rhk_id": cls.doc["skp"].rhk_ids.id,
                    "name": "Pemutakhiran data pegawai",
                    "output_qty": 5,
                    "output_unit": "Dokumen",
                    "duration": 2.5,
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _build_feedback(cls):
        return (
            cls.env["hr.asn.feedback"]
            .with_user(cls.users["appraiser"])
            .create(
                {
                    "appraisal_id": cls.doc["skp"].id,
                    "feedback": "Pertahankan ketepatan waktu pemutakhiran.",
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _build_coaching(cls):
        return (
            cls.env["hr.asn.coaching"]
            .with_user(cls.users["appraiser"])
            .create(
                {
                    "appraisal_id": cls.doc["skp"].id,
                    "topic": "Analisis data kepegawaian",
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _build_public_feedback(cls):
        public = (
            cls.env["hr.asn.public.feedback"]
            .with_user(cls.users["hr"])
            .create(
                {
                    "name": "Layanan kenaikan pangkat cepat",
                    "employee_id": cls.emp["employee"].id,
                    "appraisal_id": cls.doc["skp"].id,
                    "source_type": "complaint",
                    "date": cls.today,
                    "summary": "Berkas selesai dalam dua hari.",
                    "citizen_name": "Budi Warga",
                    "citizen_phone": "081200001234",
                }
            )
        )
        public.action_verify()
        return public.with_user(cls.env.user)

    @classmethod
    def _build_round(cls):
        emp = cls.emp
        round_360 = (
            cls.env["hr.asn.feedback360.request"]
            .with_user(cls.users["hr"])
            .create(
                {
                    "appraisal_id": cls.doc["skp"].id,
                    "invitee_ids": [
                        Command.set((emp["peer1"] | emp["peer2"] | emp["peer3"]).ids)
                    ],
                    "date_deadline": cls.today + datetime.timedelta(days=7),
                }
            )
        )
        round_360.action_open()
        return round_360.with_user(cls.env.user)

    @classmethod
    def _build_unit_rating(cls):
        return (
            cls.env["hr.asn.unit.rating"]
            .with_user(cls.users["hr"])
            .create(
                {
                    "cycle_id": cls.cycle.id,
                    "department_id": cls.unit.id,
                    "org_rating": "baik",
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _build_evidence(cls):
        return (
            cls.env["hr.asn.checkin.evidence"]
            .with_user(cls.users["employee"])
            .create(
                {
                    "checkin_rhk_id": cls.doc["checkin"].rhk_ids[:1].id,
                    "name": "Laporan pemutakhiran data",
                    "url": "https://drive.example.go.id/laporan-pemutakhiran",
                    "data_source": "Aplikasi SIASN",
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _build_training_hours(cls):
        return cls.env["hr.asn.training.hours"].create(
            {
                "name": "Diklat Analis Kebijakan",
                "employee_id": cls.emp["employee"].id,
                "company_id": cls.company_a.id,
                "date": cls.today,
                "jp": 24,
            }
        )

    @classmethod
    def _build_reminder_log(cls):
        """What the reminder cron records when it reminds the employee."""
        return cls.env["hr.asn.reminder.log"].create(
            {
                "res_model": "hr.asn.appraisal",
                "res_id": cls.doc["skp"].id,
                "kind": "rating_overdue",
                "user_id": cls.users["appraiser"].id,
                "date": cls.today,
            }
        )

    @classmethod
    def _build_assignment(cls):
        """A position change in the employee's history (HR's record)."""
        return cls.env["hr.asn.assignment"].create(
            {
                "employee_id": cls.emp["employee"].id,
                "company_id": cls.emp["employee"].company_id.id,
                "date": cls.doc["skp"].cycle_id.date_start,
                "reason": "rotasi",
                "cycle_id": cls.doc["skp"].cycle_id.id,
                "new_appraisal_id": cls.doc["skp"].id,
            }
        )

    # ------------------------------------------------------------------
    # HTTP, as the web client does it
    # ------------------------------------------------------------------
    def setUp(self):
        super().setUp()
        self._openers = {}

    @contextmanager
    def rolled_back(self):
        """Run an attack, then undo everything it did (the HTTP requests
        included: they share the test's transaction)."""
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT attack_probe")
        try:
            yield
        finally:
            self.env.invalidate_all(flush=False)
            self.env.cr.execute("ROLLBACK TO SAVEPOINT attack_probe")
            self.env.cr.execute("RELEASE SAVEPOINT attack_probe")
            self.env.invalidate_all(flush=False)

    def _login(self, key):
        """Switch the HTTP client to key's session, logging in once per test:
        one session per person, as each would have their own browser."""
        opener = self._openers.get(key)
        if opener is None:
            self.session = None  # keep the other people's sessions alive
            login = f"atk_{key}"
            self.authenticate(login, login + PASSWORD_SUFFIX)
            opener = self._openers[key] = self.opener
        self.opener = opener
        return self.users[key]

    def _context(self, key):
        user = self.users[key]
        return {
            "lang": user.lang or "en_US",
            "tz": user.tz or "Asia/Jakarta",
            "uid": user.id,
            "allowed_company_ids": [user.company_id.id],
        }

    def _post_json(self, key, url, params):
        self._login(key)
        self.env.flush_all()
        response = self.url_open(
            url,
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            ),
            headers={"Content-Type": "application/json"},
        )
        self.env.invalidate_all()
        if response.status_code != 200:
            return Outcome(status=response.status_code, debug=response.text[:2000])
        payload = response.json()
        error = payload.get("error")
        if error:
            data = error.get("data") or {}
            return Outcome(
                status=200,
                error=data.get("name") or error.get("message"),
                message=data.get("message") or "",
                debug=data.get("debug"),
            )
        return Outcome(status=200, result=payload.get("result"))

    def call(self, key, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` through /web/dataset/call_kw as
        ``key``, with the context the web client sends."""
        kwargs.setdefault("context", self._context(key))
        return self._post_json(
            key,
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def messages(self, key, record, limit=100):
        """The chatter of record as key's web client loads it."""
        return self._post_json(
            key,
            "/mail/thread/messages",
            {"thread_model": record._name, "thread_id": record.id, "limit": limit},
        )

    def report(self, key, report_name, records, converter="html"):
        """GET /report/<converter>/<report_name>/<ids> as key: Outcome with the
        HTML (or the PDF bytes) as result."""
        self._login(key)
        self.env.flush_all()
        ids = ",".join(str(i) for i in records.ids)
        url = f"/report/{converter}/{report_name}/{ids}"
        if converter == "pdf":
            # Under the test runner Odoo answers HTML unless told to render.
            url += "?context=" + quote(json.dumps({"force_report_rendering": True}))
        response = self.url_open(url, timeout=60)
        self.env.invalidate_all()
        if response.status_code == 200:
            body = response.content if converter == "pdf" else response.text
            return Outcome(status=200, result=body)
        return Outcome(
            status=response.status_code,
            error=f"HTTP {response.status_code}",
            message=response.text[:2000],
        )

    def _transition_rows(self, record):
        """The transition log rows of record, found by whatever field the log
        uses to point at its document (many2one, reference or model + id)."""
        Log = self.env[TRANSITION_LOG].sudo()
        for name, field in Log._fields.items():
            if field.type == "many2one" and field.comodel_name == record._name:
                return Log.search([(name, "=", record.id)])
            if field.type == "reference":
                return Log.search([(name, "=", f"{record._name},{record.id}")])
            if field.type == "many2one_reference":
                return Log.search(
                    [(name, "=", record.id), (field.model_field, "=", record._name)]
                )
        return Log.search([]).filtered(
            lambda row: (
                {record._name, record.id}
                <= {
                    value
                    for value in row.read(load=None)[0].values()
                    if isinstance(value, (str, int))
                }
            )
        )

    # ------------------------------------------------------------------
    # Assertions
    # ------------------------------------------------------------------
    def assertCleanError(self, outcome, what=""):
        """A refusal the person can read: one of the three Odoo exceptions
        with a human message, never a server error or a database error."""
        self.assertFalse(outcome.ok, f"{what}: expected a refusal, got {outcome!r}")
        if outcome.status != 200:
            # Reports (type=http): AccessError -> 403, UserError -> 400.
            self.assertIn(
                outcome.status,
                (400, 403),
                f"{what}: a server error instead of a refusal: {outcome!r}",
            )
            return
        self.assertIn(
            outcome.error,
            CLEAN_ERRORS,
            f"{what}: refused with {outcome.error}, not with a clear message: "
            f"{outcome.message!r}",
        )
        message = (outcome.message or "").strip()
        self.assertTrue(message, f"{what}: refused without a message")
        for marker in TECHNICAL_MARKERS:
            self.assertNotIn(marker, message, f"{what}: technical message {message!r}")

    def assertRefused(self, outcome, what=""):
        self.assertCleanError(outcome, what)

    def assertAllowed(self, outcome, what=""):
        self.assertTrue(outcome.ok, f"{what}: expected to be allowed, got {outcome!r}")
        return outcome.result

    def assertRefusedOrEmpty(self, outcome, what=""):
        """Nothing revealed: a clean refusal, or an empty answer."""
        if outcome.ok:
            self.assertFalse(
                self._records_of(outcome.result),
                f"{what}: expected nothing, got {outcome!r}",
            )
        else:
            self.assertCleanError(outcome, what)

    @staticmethod
    def _records_of(result):
        """The rows of a search/read/group/export answer."""
        if isinstance(result, dict):
            if "records" in result:  # web_search_read
                return result["records"]
            if "groups" in result:  # web_read_group
                return [g for g in result["groups"] if g.get("__count")]
            if "datas" in result:  # export_data
                return result["datas"]
            return [result]
        if isinstance(result, list):
            return [
                row
                for row in result
                if not (isinstance(row, dict) and row.get("__count") == 0)
            ]
        return [result] if result else []
