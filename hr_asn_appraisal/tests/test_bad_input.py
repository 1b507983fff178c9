"""Bad input: every refusal is a clear message, raised on the server whatever
the caller (form, RPC, import), with nothing half-written and nothing unsafe
rendered (issue #7)."""

import base64
import csv
import datetime
import io
import json
import zipfile
from contextlib import contextmanager

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import AsnAppraisalCase

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED_SCRIPT = "&lt;script&gt;"
FORMULA = '=HYPERLINK("http://evil.example","klik")'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


class _Passed(Exception):
    """Raised inside a savepoint to undo an attempt that succeeded."""


class BadInputCase(AsnAppraisalCase):
    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaises (which rolls back what the call wrote, like the RPC
        transaction does) plus a check of the message."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    def _bodies(self, record):
        return "\n".join(
            str(body)
            for body in self.env["mail.message"]
            .search([("model", "=", record._name), ("res_id", "=", record.id)])
            .mapped("body")
        )

    def _messages(self, record):
        return self.env["mail.message"].search_count(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    def _activate_indonesian(self, user):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hr_asn_appraisal"], ["id_ID"])
        user.lang = "id_ID"

    def _approved(self, skp):
        skp.with_user(skp.employee_id.user_id).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        return skp

    def _last_body(self, record):
        return str(
            self.env["mail.message"]
            .search(
                [("model", "=", record._name), ("res_id", "=", record.id)],
                order="id desc",
                limit=1,
            )
            .body
        )

    def assertEscaped(self, html, where):
        """The payload is shown as text: escaped, never a live tag or handler."""
        self.assertIn(ESCAPED_SCRIPT, html, where)
        self.assertNotIn("<script", html, where)
        self.assertNotIn("<img", html, where)


# ----------------------------------------------------------------------
# Targets and numbers
# ----------------------------------------------------------------------
@tagged("post_install", "-at_install")
class TestBadInputNumbers(BadInputCase):
    """Empty, zero or negative targets; text where a number is needed."""

    def test_negative_target_refused_on_create_and_write(self):
        skp = self._create_skp(self.emp_staff)
        rhk = skp.rhk_ids
        Iki = self.env["hr.asn.appraisal.iki"].with_user(self.user_staff)
        with self.assertRefused(ValidationError, "cannot be negative"):
            Iki.create(
                {
                    "rhk_id": rhk.id,
                    "name": "Persentase arsip tertata",
                    "aspect": "kualitas",
                    "target_value": -5,
                    "target_unit": "Persen",
                }
            )
        self.assertEqual(len(rhk.iki_ids), 1, "nothing half-written")
        with self.assertRefused(ValidationError, "cannot be negative"):
            rhk.iki_ids.with_user(self.user_staff).write({"target_value": -1})
        self.assertEqual(rhk.iki_ids.target_value, 120)

    def test_empty_or_zero_target_blocks_submission(self):
        skp = self._create_skp(self.emp_staff)
        iki = skp.iki_ids
        for vals in ({"target_value": 0}, {"target_unit": False}, {"aspect": False}):
            with self.subTest(vals=vals):
                iki.write(
                    {
                        "aspect": "kuantitas",
                        "target_value": 120,
                        "target_unit": "Dokumen",
                        **vals,
                    }
                )
                before = self._messages(skp)
                with self.assertRefused(UserError, "has no target"):
                    skp.with_user(self.user_staff).action_submit()
                self.assertEqual(skp.state, "draft")
                self.assertFalse(skp.date_submitted)
                self.assertEqual(self._messages(skp), before)

    def test_empty_target_message_in_indonesian(self):
        skp = self._create_skp(self.emp_staff)
        skp.iki_ids.target_value = 0
        self._activate_indonesian(self.user_staff)
        with self.assertRefused(UserError, "belum memiliki target"):
            skp.with_user(self.user_staff).action_submit()

    def test_text_in_a_number_field_over_rpc(self):
        """What a JSON-RPC call of write/create does: a clear ValidationError
        naming the field, not a bare Python error, and nothing written."""
        skp = self._create_skp(self.emp_staff)
        iki = skp.iki_ids.with_user(self.user_staff)
        with self.assertRefused(ValidationError, "Target must be a number, not “abc”"):
            iki.write({"target_value": "abc", "target_unit": "Berkas"})
        self.assertEqual((iki.target_value, iki.target_unit), (120, "Dokumen"))
        with self.assertRefused(ValidationError, "must be a number"):
            iki.create({"rhk_id": skp.rhk_ids.id, "name": "X", "target_value": [1]})
        self.assertEqual(len(skp.iki_ids), 1)
        # a number typed as text is still accepted, as the ORM always did
        iki.write({"target_value": " 12.5 "})
        self.assertEqual(iki.target_value, 12.5)
        cycle = self.cycle.with_user(self.user_hr)
        with self.assertRefused(ValidationError, "must be a number"):
            cycle.write({"reminder_days_before": "tujuh"})
        with self.assertRefused(ValidationError, "must be a number"):
            cycle.write({"reminder_days_before": "7.5"})
        self.assertEqual(self.cycle.reminder_days_before, 7)
        rule = self.env["hr.asn.allowance.rule"].search([], limit=1)
        with self.assertRefused(ValidationError, "must be a number, not “-2%”"):
            rule.write({"adjustment_percent": "-2%"})
        with self.assertRefused(ValidationError, "JP must be a number"):
            self.env["hr.asn.training.hours"].create(
                {"employee_id": self.emp_staff.id, "year": 2026, "jp": "dua puluh"}
            )

    def test_import_with_text_in_a_numeric_column(self):
        """base_import of IKI: one row with text as target stops the file with a
        message naming the column and the line; no IKI is written."""
        skp = self._create_skp(self.emp_staff)
        header = ["rhk_id/.id", "name", "aspect", "target_value", "target_unit"]
        rows = [
            [skp.rhk_ids.id, "Jumlah laporan", "kuantitas", "4", "Laporan"],
            [skp.rhk_ids.id, "Jumlah rapat", "kuantitas", "dua belas", "Rapat"],
            [skp.rhk_ids.id, "Persentase arsip", "kualitas", "90", "Persen"],
        ]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        wizard = (
            self.env["base_import.import"]
            .with_user(self.user_hr)
            .create(
                {
                    "res_model": "hr.asn.appraisal.iki",
                    "file": buffer.getvalue().encode(),
                    "file_type": "text/csv",
                    "file_name": "iki.csv",
                }
            )
        )
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = wizard.execute_import(
                header, header, {"quoting": '"', "separator": ",", "has_headers": True}
            )
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors)
        self.assertRegex(errors[0]["message"], "target_value.*incorrect.*duabelas")
        self.assertFalse(result.get("ids"))
        self.assertEqual(len(skp.iki_ids), 1, "nothing imported")

    @freeze_time("2026-02-16")
    def test_negative_realisation_refused(self):
        skp = self._approved(self._create_skp(self.emp_staff))
        line = skp.checkin_ids.filtered(lambda c: c.period_code.endswith("Q1")).iki_ids
        line = line or skp.checkin_ids.sorted("period_sequence")[:1].iki_ids
        with self.assertRefused(ValidationError, "realisasi .* cannot be negative"):
            line.with_user(self.user_staff).write({"realisation_value": -3})
        with self.assertRefused(ValidationError, "Realisasi must be a number"):
            line.with_user(self.user_staff).write({"realisation_value": "tiga"})
        self.assertEqual(line.realisation_value, 0)


# ----------------------------------------------------------------------
# Dates
# ----------------------------------------------------------------------
@tagged("post_install", "-at_install")
class TestBadInputDates(BadInputCase):
    """Dates outside the cycle, a cycle ending before it starts, a check-in
    for a period that has not started."""

    def test_cycle_cannot_end_before_it_starts(self):
        Cycle = self.env["hr.asn.appraisal.cycle"].with_user(self.user_hr)
        for end in ("2027-01-01", "2027-06-30"):
            with (
                self.subTest(end=end),
                self.assertRefused(
                    ValidationError, "SKP 2027 ends on .*, which is not after its start"
                ),
            ):
                Cycle.create(
                    {
                        "name": "SKP 2027",
                        "date_start": "2027-06-30",
                        "date_end": end,
                        "company_id": self.company.id,
                    }
                )
        self.assertFalse(Cycle.search([("name", "=", "SKP 2027")]))

    def test_training_programme_dates_and_hours(self):
        Program = self.env["hr.asn.training.program"].with_user(self.user_hr)
        vals = {
            "name": "Diklat Kearsipan",
            "company_id": self.company.id,
            "jp_hours": 16,
            "date_start": "2026-12-10",
            "date_end": "2026-12-12",
        }
        with self.assertRefused(
            ValidationError, "Diklat Kearsipan ends on .*, before it starts"
        ):
            Program.create({**vals, "date_end": "2026-12-01"})
        for jp in (0, -4):
            with (
                self.subTest(jp=jp),
                self.assertRefused(ValidationError, "must carry at least 1 JP"),
            ):
                Program.create({**vals, "jp_hours": jp})
        program = Program.create(vals)
        with self.assertRefused(ValidationError, "before it starts"):
            program.write({"date_start": "2026-12-20"})
        self.assertEqual(str(program.date_start), "2026-12-10")
        with self.assertRefused(ValidationError, "negative number of seats"):
            Program.create({**vals, "seats": -1})
        with self.assertRefused(ValidationError, "negative number of seats"):
            program.write({"seats": -3})
        self.assertEqual(program.seats, 0)

    def test_filing_deadline_outside_the_cycle(self):
        with self.assertRefused(ValidationError, "must fall within the cycle"):
            self.cycle.with_user(self.user_hr).filing_deadline = "2027-01-15"
        self._activate_indonesian(self.user_hr)
        with self.assertRefused(ValidationError, "harus berada dalam rentang"):
            self.cycle.with_user(self.user_hr).filing_deadline = "2025-12-31"
        self.assertEqual(str(self.cycle.filing_deadline), "2026-12-31")

    @freeze_time("2026-05-04")
    def test_feedback_date_in_the_future_or_before_the_cycle(self):
        skp = self._approved(self._create_skp(self.emp_staff))
        Feedback = self.env["hr.asn.feedback"].with_user(self.user_appraiser)
        for day, expected in (
            ("2026-05-05", "is in the future"),
            ("2025-12-31", "before the cycle SKP 2026 starts"),
        ):
            with self.subTest(day=day), self.assertRefused(ValidationError, expected):
                Feedback.create(
                    {"appraisal_id": skp.id, "date": day, "feedback": "Bagus."}
                )
        self.assertFalse(skp.feedback_ids)
        feedback = Feedback.create({"appraisal_id": skp.id, "feedback": "Bagus."})
        with self.assertRefused(ValidationError, "is in the future"):
            feedback.write({"date": "2026-12-01"})
        Coaching = self.env["hr.asn.coaching"].with_user(self.user_appraiser)
        with self.assertRefused(ValidationError, "is in the future"):
            Coaching.create(
                {
                    "appraisal_id": skp.id,
                    "date": "2026-06-01",
                    "topic": "Penyusunan laporan",
                }
            )

    def test_public_feedback_outside_the_cycle(self):
        with self.assertRefused(ValidationError, "must fall within the cycle"):
            self.env["hr.asn.public.feedback"].with_user(self.user_hr).create(
                {
                    "name": "Keluhan layanan",
                    "employee_id": self.emp_staff.id,
                    "cycle_id": self.cycle.id,
                    "date": "2027-02-01",
                    "summary": "Antrean lama.",
                }
            )

    def test_training_hours_outside_their_year(self):
        with self.assertRefused(ValidationError, "not in the year 2026"):
            self.env["hr.asn.training.hours"].create(
                {
                    "employee_id": self.emp_staff.id,
                    "name": "Diklat",
                    "year": 2026,
                    "date": "2025-06-01",
                    "jp": 8,
                }
            )

    def test_negative_training_hours(self):
        Hours = self.env["hr.asn.training.hours"]
        vals = {"employee_id": self.emp_staff.id, "name": "Diklat", "year": 2026}
        with self.assertRefused(ValidationError, r"JP of Diklat cannot be negative"):
            Hours.create({**vals, "jp": -8})
        line = Hours.create({**vals, "jp": 8})
        with self.assertRefused(ValidationError, r"JP of Diklat cannot be negative"):
            line.write({"jp": -1})
        self.assertEqual(line.jp, 8)

    def test_checkin_for_a_future_period(self):
        with freeze_time("2026-02-16"):
            skp = self._approved(self._create_skp(self.emp_staff))
            later = skp.checkin_ids.filtered(
                lambda c: not c.is_annual and c.date_start.month > 3
            ).sorted("date_start")[:1]
            self.assertTrue(later)
            later.iki_ids.with_user(self.user_staff).write(
                {"realisation_value": 10, "realisation_text": "Sudah dimulai"}
            )
            before = self._messages(later)
            with self.assertRefused(UserError, "cannot be submitted yet: the period"):
                later.with_user(self.user_staff).action_submit()
            self.assertEqual(later.state, "draft")
            self.assertFalse(later.date_submitted)
            self.assertEqual(self._messages(later), before)
            self._activate_indonesian(self.user_staff)
            with self.assertRefused(UserError, "belum dapat diajukan: periode"):
                later.with_user(self.user_staff).action_submit()


# ----------------------------------------------------------------------
# Evidence files and links
# ----------------------------------------------------------------------
@tagged("post_install", "-at_install")
@freeze_time("2026-02-16")
class TestBadInputEvidence(BadInputCase):
    """Bukti dukung: size limit and document types judged on the content."""

    def setUp(self):
        super().setUp()
        skp = self._approved(self._create_skp(self.emp_staff))
        self.checkin = skp.checkin_ids.sorted("date_start")[0]
        self.Evidence = self.env["hr.asn.checkin.evidence"].with_user(self.user_staff)

    def _upload(self, content, file_name, name="Bukti"):
        return self.Evidence.create(
            {
                "checkin_rhk_id": self.checkin.rhk_ids[0].id,
                "name": name,
                "file": base64.b64encode(content),
                "file_name": file_name,
            }
        )

    def test_documents_and_images_accepted(self):
        for content, file_name in (
            (PDF, "laporan.pdf"),
            (PNG, "foto.png"),
            (_docx(), "notulen.docx"),
            (b"Nomor surat 800/12/2026\n", "catatan.txt"),
        ):
            with self.subTest(file_name=file_name):
                self.assertTrue(self._upload(content, file_name))

    def test_unsafe_types_refused_by_content_not_name(self):
        cases = [
            (b"MZ\x90\x00\x03" + b"\x00" * 200, "setup.exe", "not accepted"),
            (
                b"MZ\x90\x00\x03" + b"\x00" * 200,
                "laporan.pdf",
                "application/octet-stream",
            ),
            (
                b"<html><body><script>alert(1)</script></body></html>",
                "laporan.pdf",
                "not accepted",
            ),
            (
                b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
                "grafik.png",
                "not accepted",
            ),
            (b"  \n<script>alert(1)</script>", "catatan.txt", "text/html"),
            (PDF, "laporan.html", "a .html file"),
        ]
        for content, file_name, expected in cases:
            with self.subTest(file_name=file_name, expected=expected):
                with self.assertRefused(ValidationError, expected):
                    self._upload(content, file_name)
        self.assertFalse(self.checkin.evidence_ids, "nothing half-written")

    def test_evidence_messages_in_indonesian(self):
        self._activate_indonesian(self.user_staff)
        with self.assertRefused(ValidationError, "memerlukan berkas atau tautan"):
            self.Evidence.create(
                {"checkin_rhk_id": self.checkin.rhk_ids[0].id, "name": "Kosong"}
            )

    def test_size_limit_is_configurable(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "hr_asn_appraisal.evidence_max_mb", "0.001"
        )
        big = PDF + b"0" * 2048
        with self.assertRefused(ValidationError, "files up to 0 MB|is 0.0 MB"):
            self._upload(big, "besar.pdf")
        self.assertTrue(self._upload(PDF, "kecil.pdf"))
        self.env["ir.config_parameter"].sudo().set_param(
            "hr_asn_appraisal.evidence_max_mb", "1"
        )
        with self.assertRefused(ValidationError, r"is 1\.\d MB; files up to 1 MB"):
            self._upload(PDF + b"0" * (1024 * 1024 + 200000), "besar.pdf")

    def test_replacing_a_file_is_checked_too(self):
        evidence = self._upload(PDF, "laporan.pdf")
        with self.assertRefused(ValidationError, "not accepted"):
            evidence.write({"file": base64.b64encode(b"<html>x</html>")})
        self.assertEqual(base64.b64decode(evidence.file), PDF)

    def test_links_must_be_web_addresses(self):
        for url in (
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "data:text/html,<b>",
            "file:///etc/passwd",
        ):
            with (
                self.subTest(url=url),
                self.assertRefused(ValidationError, "http:// or https://"),
            ):
                self.Evidence.create(
                    {
                        "checkin_rhk_id": self.checkin.rhk_ids[0].id,
                        "name": "Tautan",
                        "url": url,
                    }
                )
        self.assertTrue(
            self.Evidence.create(
                {
                    "checkin_rhk_id": self.checkin.rhk_ids[0].id,
                    "name": "Tautan",
                    "url": "https://siasn.bkn.go.id/x",
                }
            )
        )


# ----------------------------------------------------------------------
# Markup and formulas in free text
# ----------------------------------------------------------------------
@tagged("post_install", "-at_install")
class TestBadInputMarkup(BadInputCase):
    """HTML and script typed into free-text fields are shown as text in the
    chatter, the printed documents and the Excel exports."""

    def _html(self, report_ref, records, user):
        """The documents' body, without the layout's own asset scripts."""
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report_ref, records.ids)
        )
        html = html.decode() if isinstance(html, bytes) else str(html)
        return html.split("<main>", 1)[1].split("</main>", 1)[0]

    def test_reasons_in_the_chatter_are_escaped(self):
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_return(PAYLOAD)
        self.assertEscaped(self._last_body(skp), "return reason")
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "as_expected", "behavior_rating": "as_expected"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        skp.with_user(self.user_hr).action_validate()
        skp.with_user(self.user_hr).action_reopen(PAYLOAD)
        self.assertEscaped(self._last_body(skp), "reopen reason")
        skp.with_user(self.user_hr).action_cancel(PAYLOAD)
        self.assertEscaped(self._last_body(skp), "cancel reason")

    @freeze_time("2026-02-16")
    def test_checkin_return_and_dialogue_in_the_chatter_are_escaped(self):
        skp = self._approved(self._create_skp(self.emp_staff))
        checkin = skp.checkin_ids.sorted("date_start")[0]
        checkin.iki_ids.with_user(self.user_staff).write(
            {"realisation_value": 10, "realisation_text": PAYLOAD}
        )
        checkin.with_user(self.user_staff).action_submit()
        checkin.with_user(self.user_appraiser).action_return(PAYLOAD)
        self.assertEscaped(self._last_body(checkin), "check-in return reason")
        feedback = (
            self.env["hr.asn.feedback"]
            .with_user(self.user_appraiser)
            .create({"appraisal_id": skp.id, "feedback": PAYLOAD})
        )
        self.assertEscaped(self._last_body(skp), "umpan balik")
        feedback.with_user(self.user_staff).write({"employee_reply": PAYLOAD})
        self.assertEscaped(self._last_body(skp), "reply")

    def test_objection_decision_in_the_chatter_is_escaped(self):
        with freeze_time("2026-03-02 10:00:00"):
            skp = self._create_skp(self.emp_staff)
            self._approved(skp)
            skp.with_user(self.user_appraiser).write(
                {"work_rating": "below", "behavior_rating": "as_expected"}
            )
            skp.with_user(self.user_appraiser).action_rate()
            skp.with_user(self.user_hr).action_validate()
            objection = (
                self.env["hr.asn.objection"]
                .with_user(self.user_staff)
                .create({"appraisal_id": skp.id, "reason": PAYLOAD})
            )
            objection.with_user(self.user_head).action_decide_reject(PAYLOAD)
        self.assertEscaped(self._bodies(objection), "objection decision")
        self.assertEscaped(self._bodies(skp), "objection decision on the SKP")

    def test_training_request_reasons_in_the_chatter_are_escaped(self):
        skp = self._create_skp(self.emp_staff)
        self._approved(skp)
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "as_expected", "behavior_rating": "as_expected"}
        )
        skp.with_user(self.user_appraiser).action_rate()
        skp.with_user(self.user_hr).action_validate()
        today = fields.Date.today()
        program = self.env["hr.asn.training.program"].create(
            {
                "name": PAYLOAD,
                "company_id": self.company.id,
                "category": "technical",
                "jp_hours": 16,
                "date_start": today + datetime.timedelta(days=10),
                "date_end": today + datetime.timedelta(days=12),
                "user_id": self.user_hr.id,
            }
        )
        request = (
            self.env["hr.asn.training.request"]
            .with_user(self.user_staff)
            .create(
                {
                    "appraisal_id": skp.id,
                    "program_id": program.id,
                    "motivation": PAYLOAD,
                }
            )
        )
        request.action_submit()
        request.with_user(self.user_appraiser).action_refuse(PAYLOAD)
        self.assertEqual(request.state, "refused")
        self.assertEscaped(self._bodies(request), "training refusal")

    def test_printed_documents_escape_free_text(self):
        skp = self._create_skp(
            self.emp_staff,
            resource_support=PAYLOAD,
            accountability_scheme=PAYLOAD,
            consequences=PAYLOAD,
        )
        skp.rhk_ids.write({"name": PAYLOAD, "parent_rhk_text": PAYLOAD})
        skp.iki_ids.write({"name": PAYLOAD, "target_unit": PAYLOAD})
        skp.behavior_ids[:1].with_user(self.user_appraiser).write(
            {"expectation": PAYLOAD}
        )
        html = self._html("hr_asn_appraisal.action_report_skp", skp, self.user_hr)
        self.assertEscaped(html, "SKP")
        self._approved(skp)
        skp.with_user(self.user_appraiser).write(
            {"work_rating": "above", "behavior_rating": "above", "rating_note": PAYLOAD}
        )
        skp.with_user(self.user_appraiser).action_rate()
        self.env["hr.asn.recommendation"].create(
            {"appraisal_id": skp.id, "name": PAYLOAD, "recommendation_type": "coaching"}
        )
        html = self._html(
            "hr_asn_appraisal.action_report_evaluation", skp, self.user_hr
        )
        self.assertEscaped(html, "Dokumen Evaluasi")
        self.unit.name = PAYLOAD
        rating = (
            self.env["hr.asn.unit.rating"]
            .with_user(self.user_hr)
            .create(
                {
                    "cycle_id": self.cycle.id,
                    "department_id": self.unit.id,
                    "org_rating": "istimewa",
                    "note": PAYLOAD,
                }
            )
        )
        html = self._html(
            "hr_asn_appraisal.action_report_unit_predikat", rating, self.user_hr
        )
        self.assertEscaped(html, "Penetapan Predikat Kinerja")

    def _workbook(self, xmlid, records):
        content, _type = (
            self.env["ir.actions.report"]
            .with_user(self.user_hr)
            ._render(xmlid, records.ids, {})
        )
        return load_workbook(io.BytesIO(content))

    def test_excel_keeps_markup_and_formulas_as_text(self):
        """Unit names are user text too: markup, a formula, a name shared by two
        units or equal to the summary sheet's still give a valid workbook."""
        self.unit.name = "Summary"
        twin = self.env["hr.department"].create(
            {"name": "Summary", "company_id": self.company.id}
        )
        self.emp_colleague.department_id = twin
        hostile = self.env["hr.department"].create(
            {"name": PAYLOAD + FORMULA, "company_id": self.company.id}
        )
        self.emp_staff.department_id = hostile
        self.emp_staff.name = FORMULA
        skps = self._create_skp(self.emp_staff) | self._create_skp(self.emp_colleague)
        skps |= self._create_skp(self.emp_appraiser)
        skps[0].rhk_ids.name = PAYLOAD
        wb = self._workbook("hr_asn_appraisal.action_report_recap_xlsx", skps)
        self.assertEqual(len(wb.sheetnames), len(set(map(str.lower, wb.sheetnames))))
        self.assertIn("Summary (2)", wb.sheetnames)
        values = []
        for sheet in wb.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    self.assertNotEqual(cell.data_type, "f", cell.coordinate)
                    values.append(cell.value)
        self.assertIn(FORMULA, values)
        self.assertIn(PAYLOAD + FORMULA, values)
        wb = self._workbook(
            "hr_asn_appraisal.action_report_training_plan_xlsx", self.cycle
        )
        self.assertTrue(wb.sheetnames)


# ----------------------------------------------------------------------
# Transitions per role, over RPC
# ----------------------------------------------------------------------
# PermenPANRB 6/2022 stages: who moves an SKP where (the regulation's actors,
# written out here independently of the code's table).
SKP_ALLOWED = {
    ("draft", "submitted"): {"employee", "hr"},
    ("submitted", "approved"): {"appraiser"},
    ("submitted", "draft"): {"appraiser", "hr"},
    ("approved", "rated"): {"appraiser"},
    ("rated", "done"): {"hr"},
    ("done", "rated"): {"hr"},
    ("draft", "cancel"): {"hr"},
    ("submitted", "cancel"): {"hr"},
    ("approved", "cancel"): {"hr"},
    ("rated", "cancel"): {"hr"},
    ("cancel", "draft"): {"hr"},
}
SKP_REASONS = {
    ("submitted", "draft"): "return_reason",
    ("done", "rated"): "reopen_reason",
    ("draft", "cancel"): "cancel_reason",
    ("submitted", "cancel"): "cancel_reason",
    ("approved", "cancel"): "cancel_reason",
    ("rated", "cancel"): "cancel_reason",
}
SKP_STATES = ("draft", "submitted", "approved", "rated", "done", "cancel")
CHECKIN_ALLOWED = {
    ("draft", "submitted"): {"employee"},
    ("submitted", "reviewed"): {"appraiser"},
    ("submitted", "draft"): {"appraiser"},
}
CHECKIN_STATES = ("draft", "submitted", "reviewed")


@tagged("post_install", "-at_install")
class TestBadInputTransitions(BadInputCase):
    """Every state x role x target, by write() and by the buttons' methods:
    exactly the allowed moves pass; the others raise a UserError or an
    AccessError with a message, leave the state as it was and post nothing."""

    def _users(self):
        return {
            "employee": self.user_staff,
            "appraiser": self.user_appraiser,
            "appraiser_parent": self.user_head,
            "hr": self.user_hr,
            "other_employee": self.user_colleague,
            "other_company_hr": self.user_other_hr,
        }

    def _attempt(self, record, call):
        """Run call() and undo it; (passed, error)."""
        try:
            with self.env.cr.savepoint():
                call()
                self.env.flush_all()
                raise _Passed
        except _Passed:
            return True, None
        except UserError as error:  # AccessError is a UserError
            return False, error

    def _skp_calls(self, skp, state, target):
        reason = "Alasan yang jelas"
        reason_field = SKP_REASONS.get((state, target))
        vals = {"state": target, **({reason_field: reason} if reason_field else {})}
        if target == "draft":
            action = (
                (lambda: skp.action_return(reason))
                if state == "submitted"
                else skp.action_reset_draft
            )
        elif target == "rated":
            action = (
                (lambda: skp.action_reopen(reason))
                if state == "done"
                else skp.action_rate
            )
        elif target == "cancel":
            action = lambda: skp.action_cancel(reason)  # noqa: E731
        else:
            action = {
                "submitted": skp.action_submit,
                "approved": skp.action_approve,
                "done": skp.action_validate,
            }[target]
        return {"write": lambda: skp.write(vals), "action": action}

    def _check_matrix(self, record, state, allowed, states, calls_for):
        self.assertEqual(record.state, state)
        # the previous step's tracking message is posted on flush
        self.env.flush_all()
        self.env.cr.flush()
        messages = self._messages(record)
        for role, user in self._users().items():
            for target in states:
                if target == state:
                    continue
                expected = role in allowed.get((state, target), set())
                for how, call in calls_for(
                    record.with_user(user), state, target
                ).items():
                    with self.subTest(state=state, role=role, target=target, how=how):
                        passed, error = self._attempt(record, call)
                        self.assertEqual(passed, expected, error and str(error))
                        if error:
                            self.assertTrue(str(error).strip())
                        self.env.invalidate_all()
                        self.assertEqual(record.state, state, "nothing half-written")
                        self.assertEqual(self._messages(record), messages)

    def test_skp_transitions_per_role(self):
        skp = self._create_skp(self.emp_staff)
        path = [
            ("draft", None),
            ("submitted", lambda: skp.with_user(self.user_staff).action_submit()),
            ("approved", lambda: skp.with_user(self.user_appraiser).action_approve()),
            ("rated", lambda: skp.with_user(self.user_appraiser).action_rate()),
            ("done", lambda: skp.with_user(self.user_hr).action_validate()),
        ]
        for state, step in path:
            if step:
                step()
            if state == "approved":
                # ratings given, so that rating is a question of role only
                skp.with_user(self.user_appraiser).write(
                    {"work_rating": "as_expected", "behavior_rating": "above"}
                )
            self._check_matrix(skp, state, SKP_ALLOWED, SKP_STATES, self._skp_calls)
        skp.with_user(self.user_hr).action_reopen("Koreksi")
        skp.with_user(self.user_hr).action_cancel("Pegawai mutasi")
        self._check_matrix(skp, "cancel", SKP_ALLOWED, SKP_STATES, self._skp_calls)

    def _checkin_calls(self, checkin, state, target):
        vals = {"state": target}
        if (state, target) == ("submitted", "draft"):
            vals["return_reason"] = "Lengkapi bukti"
            action = lambda: checkin.action_return("Lengkapi bukti")  # noqa: E731
        else:
            action = {
                "submitted": checkin.action_submit,
                "reviewed": checkin.action_review,
                "draft": lambda: checkin.action_return("Lengkapi bukti"),
            }[target]
        return {"write": lambda: checkin.write(vals), "action": action}

    @freeze_time("2026-02-16")
    def test_checkin_transitions_per_role(self):
        skp = self._approved(self._create_skp(self.emp_staff))
        checkin = skp.checkin_ids.sorted("date_start")[0]
        checkin.iki_ids.with_user(self.user_staff).write(
            {"realisation_value": 30, "realisation_text": "30 data"}
        )
        self.env["hr.asn.checkin.evidence"].with_user(self.user_staff).create(
            {
                "checkin_rhk_id": checkin.rhk_ids[0].id,
                "name": "Laporan",
                "url": "https://x.id",
            }
        )
        self._check_matrix(
            checkin, "draft", CHECKIN_ALLOWED, CHECKIN_STATES, self._checkin_calls
        )
        checkin.with_user(self.user_staff).action_submit()
        as_appraiser = checkin.with_user(self.user_appraiser)
        as_appraiser.rhk_ids.write({"feedback": "Baik."})
        as_appraiser.write(
            {"work_rating": "as_expected", "behavior_rating": "as_expected"}
        )
        self._check_matrix(
            checkin, "submitted", CHECKIN_ALLOWED, CHECKIN_STATES, self._checkin_calls
        )
        as_appraiser.action_review()
        self._check_matrix(
            checkin, "reviewed", CHECKIN_ALLOWED, CHECKIN_STATES, self._checkin_calls
        )

    def test_refusals_in_indonesian(self):
        skp = self._create_skp(self.emp_staff)
        self._activate_indonesian(self.user_staff)
        self._activate_indonesian(self.user_hr)
        with self.assertRefused(UserError, "tidak dapat berpindah dari"):
            skp.with_user(self.user_staff).action_validate()
        skp.with_user(self.user_staff).action_submit()
        with self.assertRefused(AccessError, "tidak berwenang memindahkan"):
            skp.with_user(self.user_staff).action_approve()
        with self.assertRefused(UserError, "memerlukan alasan"):
            skp.with_user(self.user_hr).action_cancel(" ")
        with self.assertRefused(UserError, "hanya dapat diubah melalui tombol"):
            skp.with_user(self.user_hr).write({"cancel_reason": "x"})


@tagged("post_install", "-at_install")
class TestBadInputOverRpc(BadInputCase, HttpCase):
    """Through the web client's JSON-RPC endpoint: the caller gets the clear
    message (not a server traceback) and the database is unchanged."""

    def _call(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        error = response.json().get("error")
        self.assertTrue(error, f"{model}.{method} should have been refused")
        return error["data"]["name"], error["data"]["message"]

    def test_refusals_reach_the_caller_as_messages(self):
        skp = self._create_skp(self.emp_staff)
        name, message = self._call(
            "t_staff",
            "hr.asn.appraisal.iki",
            "write",
            [skp.iki_ids.ids, {"target_value": "abc"}],
        )
        self.assertEqual(name, "odoo.exceptions.ValidationError")
        self.assertIn("Target must be a number", message)
        skp.with_user(self.user_staff).action_submit()
        name, message = self._call(
            "t_staff", "hr.asn.appraisal", "action_approve", [skp.ids]
        )
        self.assertEqual(name, "odoo.exceptions.AccessError")
        self.assertIn("not allowed to move", message)
        name, message = self._call(
            "t_hr", "hr.asn.appraisal", "write", [skp.ids, {"state": "done"}]
        )
        self.assertEqual(name, "odoo.exceptions.UserError")
        self.assertIn("cannot go from Submitted to Done", message)
        name, message = self._call(
            "t_hr", "hr.employee", "unlink", [self.emp_staff.ids]
        )
        self.assertEqual(name, "odoo.exceptions.UserError")
        self.assertIn("Archive the employee instead", message)
        self.env.invalidate_all()
        self.assertEqual(skp.state, "submitted")
        self.assertEqual(skp.iki_ids.target_value, 120)
        self.assertTrue(self.emp_staff.exists())
