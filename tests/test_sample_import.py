"""Import the shipped sample files through Odoo's standard import (pytest-odoo)."""

import csv
from pathlib import Path

from odoo.tests import TransactionCase
from odoo.tools import mute_logger

DATA = Path(__file__).resolve().parent.parent / "data"
OPTIONS = {"quoting": '"', "separator": ",", "has_headers": True}


class TestSampleImport(TransactionCase):
    def _import(self, filename):
        path = DATA / filename
        with path.open(newline="") as handle:
            header = next(csv.reader(handle))
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "hr.employee",
                "file": path.read_bytes(),
                "file_type": "text/csv",
                "file_name": filename,
            }
        )
        return wizard.execute_import(header, header, OPTIONS)

    def _imported(self):
        return self.env["hr.employee"].search(
            [("job_title", "=", "Pengadministrasi Umum")]
        )

    def test_sample_file_imports_cleanly(self):
        result = self._import("employees_sample.csv")
        assert not result["messages"], result["messages"]
        employees = self._imported()
        assert len(employees) == 60
        assert set(employees.mapped("asn_type")) == {"pns", "pppk"}
        pns = employees.filtered(lambda e: e.asn_type == "pns")
        # Birth date and gender come from each NIP.
        assert all(e.birthday and e.gender for e in pns)
        assert all(e.asn_rank_id.asn_type == e.asn_type for e in employees)

    def test_bad_row_57_stops_the_import(self):
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self._import("employees_bad_nip_row57.csv")
        errors = [m for m in result["messages"] if m["type"] == "error"]
        assert errors
        assert {m["record"] for m in errors} <= {0, 56}
        at_row_57 = [m for m in errors if m["record"] == 56]
        assert at_row_57 and "gender digit" in at_row_57[0]["message"]
        assert not self._imported(), "nothing from the file is written"
