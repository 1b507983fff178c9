"""Attack suite: who may change what, over /web/dataset/call_kw.

Every person of the office tries to write, create, move (the form's buttons)
and delete each kind of document of the employee. Each probe names who must
succeed; everybody else must get a clear refusal (AccessError, UserError or
ValidationError with a message) and the database must be unchanged, as the
superuser reads it back. Roles listed as "not asserted" are those where the
issue and DOMAIN.md leave the choice to the implementation; for them only a
clean answer (success or a clear refusal) is required.

Each attempt runs inside a savepoint that is rolled back, so that every
person attacks the same starting point whatever the others achieved.
"""

import datetime

from odoo.tests import tagged

from .common_attack import ROLES, TRANSITION_LOG, AttackCase

# (what, document, field written, who succeeds, not asserted)
WRITE_PROBES = (
    ("plan of a rated SKP", lambda d: d["skp"], "resource_support", (), ()),
    (
        "appraiser's notes",
        lambda d: d["skp"],
        "rating_note",
        ("appraiser",),
        ("hr", "admin"),
    ),
    ("RHK of a rated SKP", lambda d: d["skp"].rhk_ids, "name", (), ()),
    (
        "behaviour expectation",
        lambda d: d["skp"].behavior_ids[:1],
        "expectation",
        (),
        (),
    ),
    (
        "check-in realisation",
        lambda d: d["checkin"].iki_ids[:1],
        "realisation_text",
        ("employee",),
        (),
    ),
    ("work log entry", lambda d: d["work_log"], "name", ("employee",), ()),
    ("rencana aksi", lambda d: d["action_plan"], "name", ("employee",), ()),
    ("umpan balik", lambda d: d["feedback"], "feedback", ("appraiser",), ()),
    (
        "reply to umpan balik",
        lambda d: d["feedback"],
        "employee_reply",
        ("employee",),
        (),
    ),
    ("coaching", lambda d: d["coaching"], "topic", ("appraiser",), ()),
    # Verified feedback is locked; HR withdraws the verification to correct it.
    (
        "verified public feedback",
        lambda d: d["public_feedback"],
        "summary",
        (),
        ("hr", "admin"),
    ),
    ("keberatan", lambda d: d["objection"], "reason", ("employee",), ()),
    (
        "submitted training request",
        lambda d: d["training"],
        "motivation",
        (),
        ("hr", "admin"),
    ),
    (
        "recommendation",
        lambda d: d["skp_prev"].recommendation_ids[:1],
        "explanation",
        (),
        ("hr", "admin"),
    ),
    ("unit rating", lambda d: d["unit_rating"], "note", ("hr", "admin"), ()),
)

# (what, model, values, who succeeds first, not asserted)
CREATE_PROBES = (
    (
        "SKP for another employee",
        "hr.asn.appraisal",
        lambda c: {"employee_id": c.emp["peer1"].id, "cycle_id": c.cycle.id},
        ("hr", "admin"),
        (),
    ),
    (
        "second keberatan",
        "hr.asn.objection",
        lambda c: {"appraisal_id": c.doc["skp_prev"].id, "reason": "Keberatan kedua"},
        (),
        (),
    ),
    (
        "umpan balik",
        "hr.asn.feedback",
        lambda c: {
            "appraisal_id": c.doc["skp"].id,
            "feedback": "Tingkatkan ketelitian.",
        },
        ("appraiser", "superior"),
        (),
    ),
    (
        "work log entry of the employee",
        "hr.asn.work.log",
        lambda c: {
            "employee_id": c.emp["employee"].id,
            "date": str(c.doc["work_log"].date),
            "rhk_id": c.doc["skp"].rhk_ids.id,
            "name": "Entri dibuat orang lain",
        },
        ("employee",),
        (),
    ),
    (
        "360° round",
        "hr.asn.feedback360.request",
        lambda c: {
            "appraisal_id": c.doc["skp_col"].id,
            "invitee_ids": [
                (6, 0, (c.emp["peer1"] | c.emp["peer2"] | c.emp["peer3"]).ids)
            ],
        },
        ("hr", "admin"),
        (),
    ),
    (
        "public feedback",
        "hr.asn.public.feedback",
        lambda c: {
            "name": "Keluhan baru",
            "employee_id": c.emp["employee"].id,
            "source_type": "complaint",
            "date": str(c.today),
            "summary": "Antrean lama.",
        },
        ("hr", "admin"),
        (),
    ),
    (
        "unit rating",
        "hr.asn.unit.rating",
        lambda c: {
            "cycle_id": c.cycle_prev.id,
            "department_id": c.unit.id,
            "org_rating": "baik",
        },
        ("hr", "admin"),
        (),
    ),
    (
        "recommendation",
        "hr.asn.recommendation",
        lambda c: {
            "name": "Rekomendasi buatan",
            "appraisal_id": c.doc["skp_prev"].id,
            "recommendation_type": "award",
        },
        (),
        ("hr", "admin"),
    ),
)

# (what, document, button, arguments, who succeeds, not asserted)
TRANSITION_PROBES = (
    ("validate the rated SKP", "skp", "action_validate", (), ("hr", "admin"), ()),
    (
        "cancel the rated SKP",
        "skp",
        "action_cancel",
        ("Dibatalkan",),
        ("hr", "admin"),
        (),
    ),
    ("approve the submitted SKP", "skp_col", "action_approve", (), ("appraiser",), ()),
    (
        "return the submitted SKP",
        "skp_col",
        "action_return",
        ("Lengkapi RHK",),
        ("appraiser",),
        ("hr", "admin"),
    ),
    (
        "reopen the validated SKP",
        "skp_prev",
        "action_reopen",
        ("Koreksi",),
        (),
        ("hr", "admin"),
    ),
    (
        "decide the keberatan",
        "objection",
        "action_decide_reject",
        ("Capaian sudah dinilai sesuai bukti.",),
        ("superior",),
        (),
    ),
    ("submit the check-in", "checkin", "action_submit", (), ("employee",), ()),
    (
        "acknowledge the work log entry",
        "work_log",
        "action_acknowledge",
        (),
        ("appraiser", "superior"),
        (),
    ),
    (
        "approve the training request",
        "training",
        "action_approve_appraiser",
        (),
        ("appraiser",),
        (),
    ),
    (
        "refuse the training request",
        "training",
        "action_refuse",
        ("Kuota penuh",),
        ("appraiser",),
        (),
    ),
    ("close the 360° round", "round", "action_close", (), ("hr", "admin"), ()),
    (
        "withdraw the public feedback's verification",
        "public_feedback",
        "action_unverify",
        (),
        ("hr", "admin"),
        (),
    ),
    ("submit another reviewer's 360° form", "response", "action_submit", (), (), ()),
)

# (what, document, who succeeds, not asserted)
UNLINK_PROBES = (
    ("rated SKP", lambda d: d["skp"], (), ()),
    ("validated SKP", lambda d: d["skp_prev"], (), ()),
    ("RHK of a rated SKP", lambda d: d["skp"].rhk_ids, (), ()),
    ("check-in", lambda d: d["checkin"], (), ("admin",)),
    ("work log entry", lambda d: d["work_log"], ("employee",), ()),
    ("rencana aksi", lambda d: d["action_plan"], ("employee",), ()),
    ("umpan balik", lambda d: d["feedback"], ("appraiser",), ()),
    ("coaching", lambda d: d["coaching"], ("appraiser",), ()),
    ("public feedback", lambda d: d["public_feedback"], (), ("hr", "admin")),
    ("keberatan", lambda d: d["objection"], (), ()),
    ("open 360° round", lambda d: d["round"], (), ()),
    ("submitted training request", lambda d: d["training"], (), ("hr", "admin")),
    (
        "recommendation",
        lambda d: d["skp_prev"].recommendation_ids[:1],
        (),
        ("hr", "admin"),
    ),
    ("unit rating", lambda d: d["unit_rating"], (), ("hr", "admin")),
)


@tagged("post_install", "-at_install")
class TestAttackWrite(AttackCase):
    """Write, create, transition (buttons) and unlink, for every role."""

    attack_documents = tuple(
        key
        for key in AttackCase.DOCUMENT_NEEDS
        if key not in ("evidence", "training_hours", "reminder_log", "skp_other")
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The employee has reported the period: the check-in can be submitted.
        cls.doc["checkin"].iki_ids.write({"realisation_text": "30 data dimutakhirkan"})

    def _snapshot(self, records, field_names):
        self.env.invalidate_all()
        records = records.sudo().with_context(active_test=False)
        return records.exists().read(field_names) if records.exists() else []

    # ------------------------------------------------------------------
    # Write
    # ------------------------------------------------------------------
    def test_write(self):
        for what, getter, fname, allowed, unasserted in WRITE_PROBES:
            records = getter(self.doc)
            self.assertTrue(records, what)
            for role in ROLES:
                with self.subTest(probe=what, role=role), self.rolled_back():
                    before = self._snapshot(records, [fname])
                    value = f"{what} ({role})"
                    outcome = self.call(
                        role, records._name, "write", records.ids, {fname: value}
                    )
                    after = self._snapshot(records, [fname])
                    if role in allowed:
                        self.assertAllowed(outcome, f"{role}: {what}")
                        self.assertEqual(after[0][fname], value)
                    elif role in unasserted:
                        if not outcome.ok:
                            self.assertCleanError(outcome, f"{role}: {what}")
                    else:
                        self.assertRefused(outcome, f"{role}: {what}")
                        self.assertEqual(after, before, f"{role}: {what} was written")

    def test_write_numbers_and_choices(self):
        """Fields that are not text: an IKI target, a 360° score."""
        probes = (
            ("IKI target of a rated SKP", self.doc["skp"].iki_ids, "target_value", 7),
            (
                "another reviewer's 360° score",
                self.doc["response"].line_ids[:1],
                "score",
                "below",
            ),
        )
        for what, records, fname, value in probes:
            for role in ROLES:
                with self.subTest(probe=what, role=role):
                    before = self._snapshot(records, [fname])
                    outcome = self.call(
                        role, records._name, "write", records.ids, {fname: value}
                    )
                    self.assertRefused(outcome, f"{role}: {what}")
                    self.assertEqual(self._snapshot(records, [fname]), before)

    # ------------------------------------------------------------------
    # Create
    # ------------------------------------------------------------------
    def test_create(self):
        for what, model, values, allowed, unasserted in CREATE_PROBES:
            Model = self.env[model].sudo().with_context(active_test=False)
            for role in ROLES:
                with self.subTest(probe=what, role=role), self.rolled_back():
                    count = Model.search_count([])
                    outcome = self.call(role, model, "create", values(self))
                    self.env.invalidate_all()
                    if role in allowed:
                        self.assertAllowed(outcome, f"{role}: {what}")
                    elif role in unasserted:
                        if not outcome.ok:
                            self.assertCleanError(outcome, f"{role}: {what}")
                    else:
                        self.assertRefused(outcome, f"{role}: {what}")
                        self.assertEqual(
                            Model.search_count([]), count, f"{role}: {what} created"
                        )

    # ------------------------------------------------------------------
    # Transitions: the buttons of the forms
    # ------------------------------------------------------------------
    def test_transitions(self):
        for what, key, method, args, allowed, unasserted in TRANSITION_PROBES:
            record = self.doc[key]
            watched = ["verified" if "verified" in record._fields else "state"]
            for role in ROLES:
                with self.subTest(probe=what, role=role), self.rolled_back():
                    before = self._snapshot(record, watched)
                    outcome = self.call(role, record._name, method, record.ids, *args)
                    after = self._snapshot(record, watched)
                    if role in allowed:
                        self.assertAllowed(outcome, f"{role}: {what}")
                        self.assertNotEqual(after, before, f"{role}: {what}")
                    elif role in unasserted:
                        if not outcome.ok:
                            self.assertCleanError(outcome, f"{role}: {what}")
                    else:
                        self.assertRefused(outcome, f"{role}: {what}")
                        self.assertEqual(after, before, f"{role}: {what} moved it")

    # ------------------------------------------------------------------
    # Unlink
    # ------------------------------------------------------------------
    def test_unlink(self):
        for what, getter, allowed, unasserted in UNLINK_PROBES:
            records = getter(self.doc)
            self.assertTrue(records, what)
            for role in ROLES:
                with self.subTest(probe=what, role=role), self.rolled_back():
                    outcome = self.call(role, records._name, "unlink", records.ids)
                    self.env.invalidate_all()
                    remaining = records.sudo().exists()
                    if role in allowed:
                        self.assertAllowed(outcome, f"{role}: {what}")
                        self.assertFalse(remaining, f"{role}: {what}")
                    elif role in unasserted:
                        if not outcome.ok:
                            self.assertCleanError(outcome, f"{role}: {what}")
                    else:
                        self.assertRefused(outcome, f"{role}: {what}")
                        self.assertEqual(remaining, records, f"{role}: {what} deleted")

    # ------------------------------------------------------------------
    # The transition log (issue #12, item 2)
    # ------------------------------------------------------------------
    def test_transition_log_is_append_only(self):
        """One row per state change, written by the engine: nobody writes,
        creates or deletes a row, not even the HR administrator."""
        self.assertIn(
            TRANSITION_LOG,
            self.env,
            f"{TRANSITION_LOG} does not exist: issue #12 asks for a transition log "
            "(one row per state change, never writable or deletable)",
        )
        skp = self.doc["skp"]
        rows = self._transition_rows(skp)
        self.assertGreaterEqual(len(rows), 3, "submitted, approved and rated")
        # A new transition over RPC adds its row, in the actor's name.
        col_before = self._transition_rows(self.doc["skp_col"])
        self.assertAllowed(
            self.call(
                "appraiser",
                "hr.asn.appraisal",
                "action_approve",
                self.doc["skp_col"].ids,
            )
        )
        added = self._transition_rows(self.doc["skp_col"]) - col_before
        self.assertEqual(len(added), 1)
        self.assertIn(
            self.users["appraiser"],
            [
                added[f]
                for f, fld in added._fields.items()
                if fld.comodel_name == "res.users"
            ],
        )
        row = rows[:1]
        stored = [
            name
            for name, field in row._fields.items()
            if field.store and not field.automatic
        ]
        self.assertTrue(stored)
        before = row.read(stored)
        # Rewrite a row with its own values: even that must be refused.
        own_values = {
            name: value[0] if isinstance(value, tuple) else value
            for name, value in before[0].items()
            if name in stored and not isinstance(value, (list, datetime.date))
        }
        for role in ROLES:
            with self.subTest(role=role):
                self.assertRefused(
                    self.call(role, TRANSITION_LOG, "write", row.ids, own_values),
                    f"{role} rewrites the transition log",
                )
                self.assertRefused(
                    self.call(role, TRANSITION_LOG, "unlink", row.ids),
                    f"{role} deletes the transition log",
                )
                self.assertRefused(
                    self.call(role, TRANSITION_LOG, "create", own_values),
                    f"{role} adds to the transition log",
                )
                self.env.invalidate_all()
                self.assertEqual(row.exists().read(stored), before)

    # ------------------------------------------------------------------
    # Refusals speak the reader's language
    # ------------------------------------------------------------------
    def test_refusals_are_translated(self):
        """The addon's refusals reach an Indonesian user in Indonesian."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hr_asn_appraisal"], ["id_ID"])
        doc = self.doc
        probes = (
            ("colleague", "hr.asn.appraisal", "action_approve", (doc["skp_col"].ids,)),
            (
                "employee",
                "hr.asn.appraisal",
                "write",
                (doc["skp"].ids, {"resource_support": "x"}),
            ),
            (
                "appraiser",
                "hr.asn.objection",
                "action_decide_reject",
                (doc["objection"].ids, "x"),
            ),
            (
                "superior",
                "hr.asn.work.log",
                "write",
                (doc["work_log"].ids, {"name": "x"}),
            ),
            (
                "employee",
                "hr.asn.feedback360.request",
                "action_close",
                (doc["round"].ids,),
            ),
        )
        for role, model, method, args in probes:
            with self.subTest(role=role, method=method):
                english = self.call(role, model, method, *args)
                indonesian = self.call(
                    role,
                    model,
                    method,
                    *args,
                    context={**self._context(role), "lang": "id_ID"},
                )
                self.assertRefused(english, f"{role}: {method}")
                self.assertRefused(indonesian, f"{role}: {method}")
                self.assertNotEqual(
                    english.message,
                    indonesian.message,
                    f"{role}: {method} is refused in English to an Indonesian user",
                )
