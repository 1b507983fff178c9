import shutil
import subprocess

from .common_calibration import AsnCalibrationCase


class AsnReportCase(AsnCalibrationCase):
    """Renders the printed documents with wkhtmltopdf and reads them back as
    text (pdftotext, else PyPDF2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No web server to fetch the stylesheets from during the tests: an
        # unreachable address lets wkhtmltopdf go on without them at once.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        cls.company.city = "Kota Contoh"

    def _pdf_text(self, report_ref, records, user):
        Report = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
        )
        pdf, report_type = Report._render_qweb_pdf(report_ref, records.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-", "-"],
                input=pdf,
                capture_output=True,
                check=True,
            ).stdout.decode()
        else:  # pragma: no cover - poppler-utils missing: PyPDF2 (an Odoo dependency)
            import io

            from PyPDF2 import PdfReader

            reader = PdfReader(io.BytesIO(pdf))
            text = "\n".join(page.extract_text() for page in reader.pages)
        return " ".join(text.split())

    def _html(self, report_ref, records, user):
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report_ref, records.ids)
        )
        return html.decode() if isinstance(html, bytes) else str(html)
