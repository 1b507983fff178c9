from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_worklog import WorklogCase


@tagged("post_install", "-at_install")
class TestWorklogRollup(WorklogCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.iki_report = cls._add_report_iki()

    def _line(self, checkin, iki):
        return checkin.iki_ids.filtered(lambda line: line.iki_id == iki)

    def test_period_sums_outputs_per_iki(self):
        """Q4 realisasi = the Q4 outputs of each IKI, by IKI named or by unit."""
        self._log(output_qty=5)  # Dokumen, no IKI named: the Dokumen IKI
        self._log(date="2026-11-17", output_qty=7.5, output_unit=" dokumen")
        self._log(date="2026-11-18", output_qty=1, output_unit="Laporan")
        self._log(date="2026-11-18", output_qty=2, iki_id=self.iki_report.id)
        self._log(date="2026-11-19", output_qty=3, output_unit="Kegiatan")
        self._log(date="2026-09-30", output_qty=100)  # Triwulan III
        self._log(self.user_colleague, output_qty=40)  # another SKP
        self.assertEqual(self._line(self.q4, self.iki_doc).log_realisation, 12.5)
        self.assertEqual(self._line(self.q4, self.iki_report).log_realisation, 3)
        self.assertEqual(self._line(self.q3, self.iki_doc).log_realisation, 100)
        self.assertEqual(self.q4.worklog_count, 5)
        self.assertIn("3 Kegiatan", self.q4.worklog_unmatched)
        rollup = (self.q3 | self.q4)._get_worklog_rollup()
        self.assertEqual(
            rollup[self.q4.id][0], {self.iki_doc.id: 12.5, self.iki_report.id: 3.0}
        )
        self.assertEqual(rollup[self.q3.id][0][self.iki_doc.id], 100)

    def test_employee_applies_then_adjusts_and_appraiser_sees_both(self):
        self._log(output_qty=5)
        self._log(
            date="2026-11-17",
            output_qty=6,
            evidence_url="https://drive.example.go.id/a",
        )
        staff_q4 = self.q4.with_user(self.user_staff)
        staff_q4.action_apply_worklog()
        line = self._line(self.q4, self.iki_doc)
        self.assertEqual(line.realisation_value, 11)
        self.assertEqual(self._line(self.q4, self.iki_report).realisation_value, 0)
        line.with_user(self.user_staff).write(
            {"realisation_value": 10, "realisation_text": "Satu berkas ganda"}
        )
        self._line(self.q4, self.iki_report).with_user(self.user_staff).write(
            {"realisation_text": "Belum ada laporan"}
        )
        with freeze_time("2026-11-20"):
            staff_q4.action_submit()
        seen = self._line(self.q4.with_user(self.user_appraiser), self.iki_doc)
        self.assertEqual((seen.realisation_value, seen.log_realisation), (10, 11))
        # The log evidence is listed on the check-in.
        self.assertEqual(
            self.q4.with_user(self.user_appraiser).worklog_evidence_ids.evidence_url,
            "https://drive.example.go.id/a",
        )

    def test_only_employee_applies_and_only_in_draft(self):
        self._log()
        with self.assertRaises(AccessError):
            self.q4.with_user(self.user_appraiser).action_apply_worklog()
        with freeze_time("2026-11-20"):
            self._submit(self.q4)
        with self.assertRaises(UserError):
            self.q4.with_user(self.user_staff).action_apply_worklog()

    def test_rollup_of_many_checkins_is_one_aggregate(self):
        """The query count does not grow with the number of check-ins: the
        aggregate, the check-in IKI lines and their IKI/RHK."""
        self._log()
        self._log(self.user_colleague)
        one = self.q4
        both = self.q4 | self.skp_colleague.checkin_ids.filtered(
            lambda c: c.period_code == "q4"
        )
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            one._get_worklog_rollup()
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            both._get_worklog_rollup()
