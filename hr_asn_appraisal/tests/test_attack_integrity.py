"""Attack suite: official records cannot be forged, decided figures do not
move, a keberatan decision is final (issue #12, holes 3, 4 and 5).

* The server owns the stamps of a transition (dates, snapshots, who decided,
  the late flag): a caller's value for them is refused with a clear message,
  on the transition itself as well as on its own.
* A validated year is a decision (DOMAIN.md, "Decided figures are frozen"):
  the predikat, the JF credit points with the level and coefficient that
  applied, and the allowance adjustment never follow later master data.
* PP 30/2019 Pasal 59: the decision of the appraiser's superior on a keberatan
  is final; nobody reopens or re-rates the SKP afterwards.
"""

import io
import shutil
import subprocess

from odoo.tests import tagged

from .common_attack import AttackCase

FORGED = {
    "state": "approved",
    "employee_name_snapshot": "FORGED NAME",
    "date_approved": "2020-01-01 00:00:00",
}


def pdf_text(pdf):
    """The text of a PDF (pdftotext, else PyPDF2, an Odoo dependency)."""
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
    else:  # pragma: no cover - poppler-utils missing
        from PyPDF2 import PdfReader

        reader = PdfReader(io.BytesIO(pdf))
        text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


@tagged("post_install", "-at_install")
class TestAttackIntegrity(AttackCase):
    attack_documents = (
        "skp_prev",
        "objection",
        "training",
        "skp_col",
        "skp",
        "work_log",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No web server to fetch stylesheets from: wkhtmltopdf goes on at once.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )

    def _state(self, record, *field_names):
        self.env.invalidate_all()
        return record.sudo().read(["state", *field_names])[0]

    # ------------------------------------------------------------------
    # Hole 3: official records cannot be forged
    # ------------------------------------------------------------------
    def test_hole3_forged_approval_is_refused(self):
        """The appraiser approves with a forged snapshot and a backdated
        approval date: refused, nothing stored, and the printed SKP carries
        the real name once properly approved."""
        skp = self.doc["skp_col"]
        outcome = self.call("appraiser", skp._name, "write", skp.ids, dict(FORGED))
        self.assertRefused(outcome, "forged approval")
        stored = self._state(skp, "employee_name_snapshot", "date_approved")
        self.assertEqual(
            stored["state"], "submitted", "the forged approval went through"
        )
        self.assertFalse(stored["employee_name_snapshot"])
        self.assertFalse(stored["date_approved"])
        # Through web_save, as a form would send it.
        saved = self.call(
            "appraiser", skp._name, "web_save", skp.ids, dict(FORGED), {"state": {}}
        )
        self.assertRefused(saved, "forged approval through web_save")
        self.assertEqual(self._state(skp)["state"], "submitted")
        html = self.report("hr", "hr_asn_appraisal.report_skp", skp)
        self.assertNotIn("FORGED NAME", self.assertAllowed(html))
        # The button: the server stamps the real snapshot and date.
        self.assertAllowed(self.call("appraiser", skp._name, "action_approve", skp.ids))
        stored = self._state(skp, "employee_name_snapshot", "date_approved")
        self.assertEqual(stored["employee_name_snapshot"], "Rekan Uji")
        self.assertGreater(str(stored["date_approved"]), str(self.cycle.date_start))
        pdf = self.report(
            "appraiser", "hr_asn_appraisal.report_skp", skp, converter="pdf"
        )
        text = pdf_text(self.assertAllowed(pdf, "printed SKP"))
        self.assertIn("Rekan Uji", text)
        self.assertNotIn("FORGED NAME", text)

    def test_hole3_forged_snapshot_never_reaches_the_document(self):
        """Whatever the write did, the printed SKP (HTML and PDF) of a forged
        approval attempt does not carry the forged name."""
        skp = self.doc["skp_col"]
        self.call("appraiser", skp._name, "write", skp.ids, dict(FORGED))
        html = self.report("appraiser", "hr_asn_appraisal.report_skp", skp)
        if html.ok:
            self.assertNotIn("FORGED NAME", html.result)
        pdf = self.report(
            "appraiser", "hr_asn_appraisal.report_skp", skp, converter="pdf"
        )
        if pdf.ok:
            self.assertNotIn("FORGED NAME", pdf_text(pdf.result))

    def test_hole3_employee_cannot_clear_the_late_flag(self):
        """The filing deadline (31 January) has passed: an SKP submitted now
        is late, and its employee cannot say otherwise."""
        late = self.doc["skp_col"]
        self.assertTrue(self._state(late, "submitted_late")["submitted_late"])
        outcome = self.call(
            "colleague", late._name, "write", late.ids, {"submitted_late": False}
        )
        self.assertRefused(outcome, "clearing the late flag")
        self.assertTrue(self._state(late, "submitted_late")["submitted_late"])
        # On the submission itself.
        draft = self._skp("peer1")
        outcome = self.call(
            "peer1",
            draft._name,
            "write",
            draft.ids,
            {"state": "submitted", "submitted_late": False},
        )
        self.assertRefused(outcome, "submitting with submitted_late=False")
        stored = self._state(draft, "submitted_late")
        self.assertEqual(stored["state"], "draft")
        # The button: late, as the server decides.
        self.assertAllowed(self.call("peer1", draft._name, "action_submit", draft.ids))
        self.assertTrue(self._state(draft, "submitted_late")["submitted_late"])

    def test_hole3_backdated_validation_is_refused(self):
        """A backdated validation date would close the keberatan window
        before it opened: refused, nothing stored."""
        skp = self.doc["skp"]
        outcome = self.call(
            "hr",
            skp._name,
            "write",
            skp.ids,
            {"state": "done", "date_done": "2020-01-01 00:00:00"},
        )
        self.assertRefused(outcome, "backdated validation")
        stored = self._state(skp, "date_done")
        self.assertEqual(stored["state"], "rated")
        self.assertFalse(stored["date_done"])
        self.assertAllowed(self.call("hr", skp._name, "action_validate", skp.ids))
        self.assertGreater(
            str(self._state(skp, "date_done")["date_done"]), str(self.cycle.date_start)
        )

    def test_hole3_stamps_of_other_documents(self):
        """The same holds for the stamps of the other workflows."""
        doc, users = self.doc, self.users
        probes = (
            (
                "employee",
                doc["checkin"],
                {"state": "submitted", "date_submitted": "2020-01-01 00:00:00"},
                "date_submitted",
            ),
            (
                "appraiser",
                doc["work_log"],
                {"state": "acknowledged", "acknowledged_by_id": users["superior"].id},
                "acknowledged_by_id",
            ),
            (
                "appraiser",
                doc["training"],
                {
                    "state": "approved_appraiser",
                    "date_approved_appraiser": "2020-01-01 00:00:00",
                },
                "date_approved_appraiser",
            ),
        )
        doc["checkin"].iki_ids.sudo().write({"realisation_text": "Selesai"})
        for role, record, values, stamp in probes:
            with self.subTest(model=record._name):
                before = self._state(record, stamp)
                outcome = self.call(role, record._name, "write", record.ids, values)
                self.assertRefused(outcome, f"{record._name}: caller's {stamp}")
                self.assertEqual(self._state(record, stamp), before)

    # ------------------------------------------------------------------
    # Hole 4: decided figures do not move
    # ------------------------------------------------------------------
    def test_hole4_validated_figures_do_not_move(self):
        """Last year was validated Baik for a JF Ahli Pertama: 12.5 credit points
        (100 % x 12.5) and +1 % allowance. A promotion, a new coefficient and
        a new allowance table change none of it."""
        skp_prev = self.doc["skp_prev"]
        figures = ("predikat", "credit_points", "allowance_adjustment")
        decided = self._state(skp_prev, *figures)
        self.assertEqual(
            (
                decided["predikat"],
                decided["credit_points"],
                decided["allowance_adjustment"],
            ),
            ("baik", 12.5, 1.0),
        )
        coefficient = self.env["hr.asn.credit.coefficient"].search(
            [("position_level", "=", "ahli_pertama")]
        )
        rule = self.env["hr.asn.allowance.rule"].search(
            [("company_id", "=", self.company_a.id), ("predikat", "=", "baik")]
        )
        changes = (
            ("hr.employee", self.emp["employee"], {"asn_position_level": "ahli_muda"}),
            ("hr.asn.credit.coefficient", coefficient, {"coefficient": 20.0}),
            ("hr.asn.allowance.rule", rule, {"adjustment_percent": 3.0}),
        )
        for model, record, values in changes:
            with self.subTest(change=model):
                self.assertAllowed(
                    self.call("admin", model, "write", record.ids, values),
                    f"HR administrator maintains {model}",
                )
                after = self._state(skp_prev, *figures)
                self.assertEqual(
                    {f: after[f] for f in figures},
                    {f: decided[f] for f in figures},
                    f"last year's validated figures moved after a change of {model}",
                )
        seen = self.call(
            "employee", skp_prev._name, "read", skp_prev.ids, list(figures)
        )
        row = self.assertAllowed(seen)[0]
        self.assertEqual(
            (row["credit_points"], row["allowance_adjustment"]), (12.5, 1.0)
        )

    # ------------------------------------------------------------------
    # Hole 5: a keberatan decision is final
    # ------------------------------------------------------------------
    def test_hole5_decided_objection_is_final(self):
        objection, skp_prev = self.doc["objection"], self.doc["skp_prev"]
        # The superior decides through the form's dialog, as the web client does.
        self.assertAllowed(
            self.call(
                "superior", objection._name, "action_change_wizard", objection.ids
            )
        )
        wizard = self.call(
            "superior",
            "hr.asn.objection.decision.wizard",
            "create",
            {
                "objection_id": objection.id,
                "decision": "change",
                "work_rating": "above",
                "behavior_rating": "above",
                "note": "Bukti capaian melampaui target.",
            },
        )
        self.assertAllowed(
            self.call(
                "superior",
                "hr.asn.objection.decision.wizard",
                "action_confirm",
                [self.assertAllowed(wizard)],
            )
        )
        decided = self._state(skp_prev, "work_rating", "behavior_rating", "predikat")
        self.assertEqual(
            (decided["state"], decided["predikat"]), ("done", "sangat_baik")
        )
        attempts = (
            ("hr", "action_reopen", (skp_prev.ids, "Koreksi setelah keberatan")),
            ("admin", "action_reopen", (skp_prev.ids, "Koreksi setelah keberatan")),
            ("appraiser", "write", (skp_prev.ids, {"work_rating": "below"})),
            ("appraiser", "action_rate", (skp_prev.ids,)),
        )
        for role, method, args in attempts:
            with self.subTest(role=role, method=method):
                self.assertRefused(
                    self.call(role, skp_prev._name, method, *args),
                    f"{role} {method} after the keberatan decision",
                )
        # The reopen dialog of the web client.
        reason = self.call(
            "hr",
            "hr.asn.appraisal.reason.wizard",
            "create",
            {
                "appraisal_ids": [(6, 0, skp_prev.ids)],
                "action": "reopen",
                "reason": "Koreksi",
            },
        )
        if reason.ok:
            self.assertRefused(
                self.call(
                    "hr",
                    "hr.asn.appraisal.reason.wizard",
                    "action_confirm",
                    [reason.result],
                ),
                "reopen through the reason dialog",
            )
        else:
            self.assertCleanError(reason, "reopen dialog")
        self.assertEqual(
            self._state(skp_prev, "work_rating", "behavior_rating", "predikat"), decided
        )
        # And the decision itself cannot be taken twice.
        self.assertRefused(
            self.call(
                "superior", objection._name, "action_decide_reject", objection.ids, "x"
            )
        )
