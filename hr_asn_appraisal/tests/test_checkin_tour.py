from odoo.tests import HttpCase, tagged

from .common_tour import approved_skp_for_tour


@tagged("post_install", "-at_install")
class TestCheckinTour(HttpCase):
    def test_employee_fills_and_submits_checkin(self):
        """Web client: the employee reports realisasi and bukti dukung, submits."""
        skp = approved_skp_for_tour(
            self.env,
            "Dinas Tur",
            "tour",
            "Tur",
            {"name": "SKP Tur", "date_start": "2026-01-01", "date_end": "2026-12-31"},
        )
        q1 = skp.checkin_ids.filtered(lambda c: c.period_code == "q1")
        self.start_tour("/odoo", "hr_asn_checkin_tour", login="tour_staff")
        self.assertEqual(q1.state, "submitted")
        self.assertEqual(q1.iki_ids.realisation_text, "25 data pegawai dimutakhirkan")
        self.assertEqual(q1.evidence_ids.url, "https://drive.example.go.id/laporan")
