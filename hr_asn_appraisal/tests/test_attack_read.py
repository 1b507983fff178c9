"""Attack suite: who sees what, over the web client's own HTTP calls.

Every person of the office asks for the employee's documents (their SKP and
everything that hangs from it) in every way the web client can: a list
(``web_search_read``), a form (``read``), a group-by (``web_read_group``), an
export (``export_data``), a many2one search (``name_search``), the chatter
(``/mail/thread/messages``) and the printed documents (``/report/html``,
``/report/xlsx``).

Who may read (issue #12, DOMAIN.md "Who and what", ARCHITECTURE.md "Security
pattern"; where these are silent, the intent written in security/*.xml):

* the employee reads their own documents; a colleague reads nothing of them;
* the appraiser reads their appraisees' documents; the appraiser's superior
  reads them too (they decide the keberatan), except the training requests,
  which are between the employee, the appraiser and HR;
* HR officers and administrators read everything of their own company;
* a user of another company (here: that company's HR officer) reads nothing.

Private data is narrower: a citizen's identity and the 360° rounds and forms
are HR's; the individual 360° scores are the reviewer's alone.
"""

from odoo.tests import tagged

from .common_attack import ROLES, TRANSITION_LOG, AttackCase

EVERYONE_INVOLVED = frozenset({"employee", "appraiser", "superior", "hr", "admin"})
HR_ONLY = frozenset({"hr", "admin"})

# model: (what to ask for, who may read it)
READERS = {
    "hr.asn.appraisal": (lambda doc: doc["skp"] | doc["skp_prev"], EVERYONE_INVOLVED),
    "hr.asn.appraisal.rhk": (lambda doc: doc["skp"].rhk_ids, EVERYONE_INVOLVED),
    "hr.asn.appraisal.iki": (lambda doc: doc["skp"].iki_ids, EVERYONE_INVOLVED),
    "hr.asn.appraisal.behavior": (
        lambda doc: doc["skp"].behavior_ids,
        EVERYONE_INVOLVED,
    ),
    "hr.asn.checkin": (lambda doc: doc["skp"].checkin_ids, EVERYONE_INVOLVED),
    "hr.asn.checkin.rhk": (lambda doc: doc["checkin"].rhk_ids, EVERYONE_INVOLVED),
    "hr.asn.checkin.iki": (lambda doc: doc["checkin"].iki_ids, EVERYONE_INVOLVED),
    "hr.asn.checkin.evidence": (lambda doc: doc["evidence"], EVERYONE_INVOLVED),
    "hr.asn.work.log": (lambda doc: doc["work_log"], EVERYONE_INVOLVED),
    "hr.asn.action.plan": (lambda doc: doc["action_plan"], EVERYONE_INVOLVED),
    "hr.asn.feedback": (lambda doc: doc["feedback"], EVERYONE_INVOLVED),
    "hr.asn.coaching": (lambda doc: doc["coaching"], EVERYONE_INVOLVED),
    "hr.asn.public.feedback": (lambda doc: doc["public_feedback"], EVERYONE_INVOLVED),
    "hr.asn.public.feedback.source": (lambda doc: doc["source"], HR_ONLY),
    "hr.asn.objection": (lambda doc: doc["objection"], EVERYONE_INVOLVED),
    "hr.asn.training.request": (
        lambda doc: doc["training"],
        frozenset({"employee", "appraiser", "hr", "admin"}),
    ),
    "hr.asn.recommendation": (
        lambda doc: doc["skp_prev"].recommendation_ids,
        EVERYONE_INVOLVED,
    ),
    "hr.asn.feedback360.request": (lambda doc: doc["round"], HR_ONLY),
    "hr.asn.feedback360.response": (lambda doc: doc["round"].response_ids, HR_ONLY),
    "hr.asn.unit.rating": (lambda doc: doc["unit_rating"], HR_ONLY),
    "hr.asn.training.hours": (
        lambda doc: doc["training_hours"],
        frozenset({"employee", "hr", "admin"}),
    ),
    # Who was reminded of what, and when.
    "hr.asn.reminder.log": (lambda doc: doc["reminder_log"], HR_ONLY),
    # Position changes: HR's history of the employee's career.
    "hr.asn.assignment": (lambda doc: doc["assignment"], HR_ONLY),
}
# Personal data attacked by a dedicated test rather than the matrix.
ATTACKED_ELSEWHERE = {
    "hr.asn.feedback360.response.line": "test_360_scores_belong_to_the_reviewer",
    TRANSITION_LOG: "test_transition_log_follows_its_document",
    "hr.asn.acting.assignment": "test_acting_assignments_are_for_hr",
    # HR officers of the company only: employee, appraiser, another
    # company's officer (test_siasn_sync.py)
    "hr.asn.siasn.sync": "TestSiasnSync.test_staff_cannot_read_sync_status",
}
# What makes a model hold personal data: a link to a person or to a document
# about one.
PERSONAL_LINKS = frozenset(
    {"hr.employee", "hr.asn.appraisal", *READERS, *ATTACKED_ELSEWHERE}
)
# Group-by and export go through the same record rules as the list; they are
# asked on every model by a stranger and a user of another company, and by
# everybody on the SKP (whose group-by and search have their own code).
# What a group-by or an export shows of hidden *fields* is
# TestAttackConfidentiality's and test_citizen_identity_is_for_hr_only's.
GROUP_EXPORT_ROLES = frozenset({"colleague", "other"})

# Printed documents: (report, what is printed, who may print it).
# (The printed SKP shares the evaluation's access path: TestAttackIntegrity
# prints it.)
REPORTS = (
    ("hr_asn_appraisal.report_evaluation", "skp_prev", EVERYONE_INVOLVED),
    ("hr_asn_appraisal.report_checkin_evaluation", "checkin", EVERYONE_INVOLVED),
    ("hr_asn_appraisal.report_unit_predikat", "unit_rating", HR_ONLY),
)

# Documents with a chatter, and who may read it.
CHATTERS = (
    ("skp", EVERYONE_INVOLVED),
    ("objection", EVERYONE_INVOLVED),
    ("training", frozenset({"employee", "appraiser", "hr", "admin"})),
    ("public_feedback", EVERYONE_INVOLVED),
    ("round", HR_ONLY),
)


@tagged("post_install", "-at_install")
class TestAttackRead(AttackCase):
    """Read, search, group, export, name_search, chatter and reports, for
    every role on every model that holds personal data."""

    def _ids(self, outcome):
        rows = self._records_of(outcome.result) if outcome.ok else []
        return {row["id"] if isinstance(row, dict) else row[0] for row in rows}

    def _columns(self, model):
        """A stored column to export and a many2one to group by."""
        fields_ = self.env[model]._fields
        column = "create_date" if "create_date" in fields_ else "id"
        group = "create_uid" if "create_uid" in fields_ else None
        if group is None:
            group = next(
                name
                for name, field in fields_.items()
                if field.type == "many2one" and field.store
            )
        if column == "id":
            column = next(
                name
                for name, field in fields_.items()
                if field.store and field.type in ("char", "date") and name != "id"
            )
        return column, group

    def _group_count(self, outcome):
        if not outcome.ok:
            return 0
        return sum(
            value
            for group in outcome.result["groups"]
            for key, value in group.items()
            if key.endswith("_count") and isinstance(value, int)
        )

    def _check_model(self, model, records, readers):
        ids = records.ids
        self.assertTrue(ids, f"the office has no {model} to attack")
        domain = [("id", "in", ids)]
        for role in ROLES:
            with self.subTest(model=model, role=role):
                what = f"{role} on {model}"
                listed = self.call(
                    role,
                    model,
                    "web_search_read",
                    domain=domain,
                    specification={"display_name": {}},
                )
                form = self.call(role, model, "read", ids, ["display_name"])
                extra = {}
                if role in GROUP_EXPORT_ROLES or model == "hr.asn.appraisal":
                    column, group_column = self._columns(model)
                    extra["group"] = self.call(
                        role,
                        model,
                        "web_read_group",
                        domain=domain,
                        fields=[],
                        groupby=[group_column],
                    )
                    # A stored column: exporting it reads the rows themselves.
                    extra["export"] = self.call(
                        role, model, "export_data", ids, ["display_name", column]
                    )
                if model == "hr.asn.appraisal":
                    extra["name_search"] = self.call(
                        role, model, "name_search", name="SKP Uji", limit=1000
                    )
                if role in readers:
                    self.assertAllowed(listed, f"{what}: list")
                    self.assertEqual(self._ids(listed), set(ids), f"{what}: list")
                    self.assertEqual(
                        {row["id"] for row in self.assertAllowed(form, what)}, set(ids)
                    )
                    if "group" in extra:
                        self.assertEqual(self._group_count(extra["group"]), len(ids))
                        rows = self.assertAllowed(extra["export"], f"{what}: export")
                        self.assertEqual(len(rows["datas"]), len(ids))
                    if "name_search" in extra:
                        found = {i for i, _name in extra["name_search"].result}
                        self.assertLessEqual(set(ids), found, f"{what}: name_search")
                    continue
                self.assertRefusedOrEmpty(listed, f"{what}: list")
                self.assertRefusedOrEmpty(form, f"{what}: form")
                for op, outcome in extra.items():
                    if op == "group":
                        if not outcome.ok:
                            self.assertCleanError(outcome, f"{what}: group")
                        self.assertEqual(
                            self._group_count(outcome), 0, f"{what}: group"
                        )
                    elif op == "name_search":
                        if outcome.ok:
                            found = {i for i, _name in outcome.result}
                            self.assertFalse(found & set(ids), f"{what}: name_search")
                        else:
                            self.assertCleanError(outcome, f"{what}: name_search")
                    else:
                        self.assertRefusedOrEmpty(outcome, f"{what}: {op}")

    # ------------------------------------------------------------------
    # The matrix, one test per family of models
    # ------------------------------------------------------------------
    def _check_models(self, *models):
        for model in models:
            getter, readers = READERS[model]
            self._check_model(model, getter(self.doc), readers)

    def test_skp_and_its_lines(self):
        self._check_models(
            "hr.asn.appraisal",
            "hr.asn.appraisal.rhk",
            "hr.asn.appraisal.iki",
            "hr.asn.appraisal.behavior",
        )

    def test_during_the_year(self):
        """Check-ins, the work log, rencana aksi, umpan balik and coaching."""
        self._check_models(
            "hr.asn.checkin",
            "hr.asn.checkin.rhk",
            "hr.asn.checkin.iki",
            "hr.asn.checkin.evidence",
            "hr.asn.work.log",
            "hr.asn.action.plan",
            "hr.asn.feedback",
            "hr.asn.coaching",
        )

    def test_evidence_from_others(self):
        """Public feedback (and its source), 360° rounds and forms."""
        self._check_models(
            "hr.asn.public.feedback",
            "hr.asn.public.feedback.source",
            "hr.asn.feedback360.request",
            "hr.asn.feedback360.response",
        )

    def test_after_the_year(self):
        """Keberatan, training requests, recommendations, unit ratings."""
        self._check_models(
            "hr.asn.objection",
            "hr.asn.training.request",
            "hr.asn.recommendation",
            "hr.asn.unit.rating",
            "hr.asn.training.hours",
            "hr.asn.reminder.log",
            "hr.asn.assignment",
        )

    def test_every_model_with_personal_data_is_attacked(self):
        """A new model that points at a person or at a document about one is
        added to the matrix (or to a dedicated test) before it ships."""
        missed = []
        for name, model in self.env.registry.items():
            if (
                not name.startswith("hr.asn.")
                or model._abstract
                or model._transient
                or name in READERS
                or name in ATTACKED_ELSEWHERE
            ):
                continue
            links = {
                field.comodel_name
                for field in model._fields.values()
                if field.type == "many2one" and not field.automatic
            }
            if any(f.type == "many2one_reference" for f in model._fields.values()):
                links.add("hr.asn.appraisal")  # points at any document
            if links & PERSONAL_LINKS:
                missed.append(name)
        self.assertFalse(missed, "models with personal data outside the attack suite")

    def test_acting_assignments_are_for_hr(self):
        """Who acts (Plt/Plh) for whom is HR's record: the people involved,
        the acting official included, reach what it gives them (the SKPs:
        TestActingOfficial), not the assignment itself."""
        acting = (
            self.env["hr.asn.acting.assignment"]
            .sudo()
            .create(
                {
                    "employee_id": self.emp["colleague"].id,
                    "official_id": self.emp["appraiser"].id,
                    "kind": "plh",
                    "date_from": self.today,
                    "company_id": self.emp["appraiser"].company_id.id,
                }
            )
        )
        self._check_model(acting._name, acting, HR_ONLY)

    def test_transition_log_follows_its_document(self):
        """Whoever may read a document reads its transition log; nobody else
        (the log's existence is asserted in TestAttackWrite)."""
        if TRANSITION_LOG not in self.env:
            self.skipTest(f"{TRANSITION_LOG} does not exist (see TestAttackWrite)")
        rows = self._transition_rows(self.doc["skp"])
        self._check_model(TRANSITION_LOG, rows, EVERYONE_INVOLVED)

    def test_nothing_of_another_company(self):
        """The other direction: nobody of company A, HR included, reads
        company B's SKP."""
        skp_b = self.doc["skp_other"]
        for role in ROLES:
            with self.subTest(role=role):
                outcome = self.call(role, skp_b._name, "read", skp_b.ids, ["name"])
                if role == "other":
                    self.assertAllowed(outcome, "her own company's SKP")
                else:
                    self.assertRefused(outcome, f"{role} reads company B's SKP")

    # ------------------------------------------------------------------
    # Private data inside readable documents
    # ------------------------------------------------------------------
    def test_citizen_identity_is_for_hr_only(self):
        """The employee and the appraisers read the verified public feedback,
        never who gave it."""
        feedback = self.doc["public_feedback"]
        identity = ["citizen_name", "citizen_phone", "citizen_email", "source_id"]
        for role in ("employee", "appraiser", "superior"):
            with self.subTest(role=role):
                outcome = self.call(
                    role, feedback._name, "read", feedback.ids, identity
                )
                if outcome.ok:
                    for row in outcome.result:
                        self.assertFalse(
                            [row.get(f) for f in identity if row.get(f)],
                            f"{role} reads the citizen's identity",
                        )
                else:
                    self.assertCleanError(outcome, role)
                exported = self.call(
                    role, feedback._name, "export_data", feedback.ids, ["citizen_name"]
                )
                if exported.ok:
                    self.assertNotIn("Budi Warga", str(exported.result))
                else:
                    self.assertCleanError(exported, role)
        hr_view = self.call("hr", feedback._name, "read", feedback.ids, identity)
        self.assertEqual(self.assertAllowed(hr_view)[0]["citizen_name"], "Budi Warga")

    def test_360_scores_belong_to_the_reviewer(self):
        """Nobody but the reviewer reads an individual 360° score: not HR,
        not the appraiser, not the employee reviewed."""
        lines = self.doc["response"].line_ids
        self.assertTrue(lines)
        for role in ROLES:
            with self.subTest(role=role):
                outcome = self.call(role, lines._name, "read", lines.ids, ["score"])
                self.assertRefusedOrEmpty(outcome, f"{role} reads a 360° score")
                listed = self.call(
                    role,
                    lines._name,
                    "web_search_read",
                    domain=[("id", "in", lines.ids)],
                    specification={"score": {}},
                )
                self.assertRefusedOrEmpty(listed, f"{role} lists 360° scores")

    # ------------------------------------------------------------------
    # Chatter and printed documents
    # ------------------------------------------------------------------
    def test_chatter(self):
        """The chatter of a document is read by its readers only."""
        for key, readers in CHATTERS:
            record = self.doc[key]
            expected = self.env["mail.message"].search_count(
                [
                    ("model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("message_type", "!=", "user_notification"),
                ]
            )
            for role in ROLES:
                with self.subTest(document=key, role=role):
                    outcome = self.messages(role, record)
                    if role in readers:
                        result = self.assertAllowed(outcome, f"{role} on {key}")
                        # (Fewer than the superuser when tracking is hidden.)
                        self.assertEqual(
                            bool(result["messages"]), bool(expected), f"{role} on {key}"
                        )
                    elif outcome.ok:
                        self.assertFalse(
                            outcome.result["messages"],
                            f"{role} reads the chatter of {key}",
                        )
                    else:
                        self.assertCleanError(outcome, f"{role} on {key}")

    def test_printed_documents(self):
        for report_name, key, readers in REPORTS:
            record = self.doc[key]
            for role in ROLES:
                with self.subTest(report=report_name, role=role):
                    outcome = self.report(role, report_name, record)
                    if role in readers:
                        html = self.assertAllowed(outcome, f"{role} prints {key}")
                        self.assertIn("Pegawai Uji", html)
                    else:
                        self.assertCleanError(outcome, f"{role} prints {key}")
                        self.assertNotIn("Pegawai Uji", outcome.message or "")

    def test_excel_recap_is_for_hr(self):
        """The recap lists the predikat of a whole unit: HR's, of its company."""
        skps = self.doc["skp_prev"] | self.doc["skp"] | self.doc["skp_col"]
        for role in ROLES:
            with self.subTest(role=role):
                outcome = self.report(role, "hr_asn_appraisal.recap_xlsx", skps, "xlsx")
                if role in HR_ONLY:
                    self.assertAllowed(outcome, f"{role} downloads the recap")
                else:
                    self.assertCleanError(outcome, f"{role} downloads the recap")
