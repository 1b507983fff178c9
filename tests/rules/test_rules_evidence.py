from unittest import TestCase

from asn_rules import evidence

MB = 1024 * 1024


class TestRulesEvidence(TestCase):
    def test_max_bytes(self):
        cases = [
            ("10", 10 * MB),
            (2, 2 * MB),
            ("0.5", MB // 2),
            (None, 10 * MB),
            ("", 10 * MB),
            ("sepuluh", 10 * MB),
            ("0", 10 * MB),
            ("-3", 10 * MB),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(evidence.max_bytes(value), expected)

    def test_file_problem(self):
        limit = 10 * MB
        cases = [
            ("application/pdf", 1000, "laporan.pdf", b"%PDF", None),
            ("image/png", 1000, "foto.PNG", b"", None),
            ("text/plain", 10, "catatan.txt", b"Nomor surat", None),
            ("application/pdf", limit, "pas.pdf", b"", None),
            ("application/pdf", limit + 1, "besar.pdf", b"", "size"),
            ("application/pdf", 10, "laporan.pdf.exe", b"", "extension"),
            ("application/pdf", 10, "LAPORAN.HTML", b"", "extension"),
            ("application/pdf", 10, "grafik.svg", b"", "extension"),
            ("application/octet-stream", 10, "laporan.pdf", b"MZ", "type"),
            ("application/xml", 10, "laporan.pdf", b"<html>", "type"),
            ("image/svg+xml", 10, "grafik.png", b"<svg", "type"),
            ("text/plain", 10, "catatan.txt", b" <SCRIPT>alert(1)", "type"),
            ("text/plain", 10, "catatan", b"<!DOCTYPE html>", "type"),
            ("application/pdf", 10, None, b"", None),
            ("application/pdf", 10, "tanpa-ekstensi", b"", None),
        ]
        for mimetype, size, name, head, expected in cases:
            with self.subTest(mimetype=mimetype, name=name, head=head):
                problem = evidence.file_problem(mimetype, size, limit, name, head)
                self.assertEqual(problem and problem[0], expected)

    def test_size_problem_reports_megabytes(self):
        code, params = evidence.file_problem("application/pdf", 3 * MB, 2 * MB)
        self.assertEqual(code, "size")
        self.assertEqual((params["size_mb"], params["max_mb"]), (3, 2))

    def test_url_problem(self):
        cases = [
            ("https://siasn.bkn.go.id/x", None),
            ("http://intranet.dinas.go.id", None),
            ("HTTPS://X.ID", None),
            ("drive.example.go.id/laporan", None),
            ("", None),
            (None, None),
            ("javascript:alert(1)", "scheme"),
            ("  JavaScript:alert(1)", "scheme"),
            ("java\tscript:alert(1)", "scheme"),
            ("data:text/html,<script>", "scheme"),
            ("vbscript:msgbox", "scheme"),
            ("file:///etc/passwd", "scheme"),
        ]
        for url, expected in cases:
            with self.subTest(url=url):
                self.assertEqual(evidence.url_problem(url), expected)
