import re

from odoo import _, models
from odoo.exceptions import AccessError

from ..models.hr_asn_appraisal import PREDIKATS
from ..models.hr_asn_appraisal_recap import RECAP_COLUMNS

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"
# Characters Excel refuses in a sheet name.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Column widths by cell type.
WIDTHS = {"text": 24, "number": 12, "bool": 14, "datetime": 18, "date": 12}
UNIT_SUMMARY_FIELDS = [
    "org_rating",
    *(f"count_{code}" for code, _label in PREDIKATS),
    "count_total",
    "is_compliant",
    "breach_text",
]


class RecapXlsxMixin(models.AbstractModel):
    """Shared writing helpers of the addon's Excel exports.

    User text is always written with write_string, so a value starting with
    "=", "+", "-" or "@" stays text and never becomes a formula; numbers,
    dates and booleans are written as real cell types.
    """

    _name = "report.hr_asn_appraisal.xlsx_mixin"
    _inherit = "report.report_xlsx.abstract"
    _description = "ASN Excel Export Helpers"

    def get_workbook_options(self):
        return {
            # defence in depth: xlsxwriter's write() would turn "=..." into
            # formulas
            "strings_to_formulas": False,
            "strings_to_urls": False,
            # Each row goes to a temporary file once the next one is started,
            # instead of every cell staying in memory until the file is
            # closed: a province's recap (50,000 rows) in constant memory.
            # The sheets are written row after row, top to bottom.
            "constant_memory": True,
        }

    def _check_officer(self):
        if not (self.env.su or self.env.user.has_group(OFFICER)):
            raise AccessError(_("Only an HR officer can export the SKP recaps."))

    def _sheet_name(self, name):
        name = SHEET_NAME_FORBIDDEN.sub("-", name or _("No Unit")).strip("'")
        return name[:31] or "-"

    def _add_sheet(self, workbook, name):
        """A new sheet named after a unit. Unit names are user text: two units
        may share a name (or one be called like the summary sheet), and Excel
        refuses duplicates whatever their case, so a number is appended."""
        taken = {sheet.name.lower() for sheet in workbook.worksheets()}
        base = self._sheet_name(name)
        candidate, number = base, 1
        while candidate.lower() in taken:
            number += 1
            suffix = f" ({number})"
            candidate = base[: 31 - len(suffix)] + suffix
        return workbook.add_worksheet(candidate)

    def _make_formats(self, workbook):
        """The cell formats, created once per workbook."""
        return {
            "header": workbook.add_format(
                {
                    "bold": True,
                    "bg_color": "#D9E1F2",
                    "border": 1,
                    "text_wrap": True,
                    "valign": "top",
                }
            ),
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "text": workbook.add_format({"valign": "top", "text_wrap": True}),
            "number": workbook.add_format({"num_format": "#,##0.0##"}),
            "bool": workbook.add_format({"align": "center"}),
            "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        }

    def _write_cell(self, sheet, row, col, value, kind, formats):
        fmt = formats[kind]
        if kind == "number":
            if value is None or value is False:
                sheet.write_blank(row, col, None, fmt)
            else:
                sheet.write_number(row, col, value, fmt)
        elif kind == "bool":
            if value is None:
                sheet.write_blank(row, col, None, fmt)
            else:
                sheet.write_boolean(row, col, bool(value), fmt)
        elif kind in ("date", "datetime"):
            if value:
                sheet.write_datetime(row, col, value, fmt)
            else:
                sheet.write_blank(row, col, None, fmt)
        else:
            sheet.write_string(row, col, value or "", fmt)

    def _write_table(self, sheet, columns, headers, rows, formats, first_row=0):
        """A header row (frozen, with an autofilter) and one row per dict."""
        for col, (key, kind) in enumerate(columns):
            sheet.write_string(first_row, col, headers[key], formats["header"])
            sheet.set_column(col, col, WIDTHS[kind])
        for offset, row in enumerate(rows, start=1):
            for col, (key, kind) in enumerate(columns):
                self._write_cell(
                    sheet, first_row + offset, col, row.get(key), kind, formats
                )
        sheet.freeze_panes(first_row + 1, 0)
        sheet.autofilter(first_row, 0, first_row + len(rows), len(columns) - 1)
        # Printed as HR offices file them: A4 landscape, one page wide, the
        # header row repeated on every page.
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(first_row)


class RecapXlsx(models.AbstractModel):
    """SKP recap of selected SKPs: a summary sheet with the predikat
    distribution of each unit against its rule, then one sheet per unit."""

    _name = "report.hr_asn_appraisal.recap_xlsx"
    _inherit = "report.hr_asn_appraisal.xlsx_mixin"
    _description = "SKP Recap (Excel)"

    def _get_recap_appraisals(self, objs, data):
        return objs

    def generate_xlsx_report(self, workbook, data, objs):
        self._check_officer()
        # the user's rights: record rules apply to what is exported
        objs.check_access("read")
        appraisals = self._get_recap_appraisals(objs, data or {})
        appraisals.check_access("read")
        rows = appraisals._get_recap_rows()
        headers = appraisals._get_recap_headers()
        formats = self._make_formats(workbook)
        self._write_summary(workbook, rows, formats)
        by_unit = {}
        for row in rows:
            by_unit.setdefault(row["department"], []).append(row)
        for department, unit_rows in by_unit.items():
            sheet = self._add_sheet(workbook, department.name)
            self._write_table(sheet, RECAP_COLUMNS, headers, unit_rows, formats)

    def _get_unit_ratings(self, rows):
        """hr.asn.unit.rating of each (cycle, unit) of the rows: the stored
        one, or a transient one (no organisational rating, hence no rule) so
        the counts come from the same computation."""
        UnitRating = self.env["hr.asn.unit.rating"]
        pairs = list(dict.fromkeys((row["cycle"], row["department"]) for row in rows))
        # A unit head's own SKP counts in the superior unit's curve
        # (hr.asn.unit.rating._curve_unit_of_head): that unit is summarised
        # too, even when none of the rows belongs to it.
        appraisals = (
            self.env["hr.asn.appraisal"]
            .sudo()
            .browse([row["appraisal_id"] for row in rows if row.get("appraisal_id")])
        )
        for appraisal in appraisals:
            department = appraisal.department_id
            if department.manager_id and department.manager_id == appraisal.employee_id:
                curve_unit = department.browse(
                    UnitRating._curve_unit_of_head(department)
                )
                pairs.append((appraisal.cycle_id, curve_unit.with_env(self.env)))
        pairs = list(dict.fromkeys(pairs))
        stored = UnitRating.search(
            [
                ("cycle_id", "in", list({cycle.id for cycle, _dept in pairs})),
                ("department_id", "in", list({dept.id for _cycle, dept in pairs})),
            ]
        )
        by_pair = {(r.cycle_id, r.department_id): r for r in stored}
        result = []
        for cycle, department in pairs:
            rating = by_pair.get((cycle, department))
            if rating is None and department:
                rating = UnitRating.new(
                    {"cycle_id": cycle.id, "department_id": department.id}
                )
            if rating is not None:
                result.append(rating)
        return result

    def _write_summary(self, workbook, rows, formats):
        sheet = workbook.add_worksheet(_("Summary"))
        unit_labels = {
            name: desc["string"]
            for name, desc in self.env["hr.asn.unit.rating"]
            .fields_get(["cycle_id", "department_id", *UNIT_SUMMARY_FIELDS], ["string"])
            .items()
        }
        columns = [
            ("cycle_id", "text"),
            ("department_id", "text"),
            ("org_rating", "text"),
            *((f"count_{code}", "number") for code, _label in PREDIKATS),
            ("count_total", "number"),
            ("is_compliant", "bool"),
            ("breach_text", "text"),
        ]
        org_ratings = dict(
            self.env["hr.asn.unit.rating"]
            ._fields["org_rating"]
            ._description_selection(self.env)
        )
        summary_rows = []
        for rating in self._get_unit_ratings(rows):
            summary = {
                "cycle_id": rating.cycle_id.name or "",
                "department_id": rating.department_id.display_name or "",
                "org_rating": org_ratings.get(rating.org_rating)
                or _("No organisational rating"),
                "count_total": rating.count_total,
                # no rule, nothing to check against
                "is_compliant": rating.is_compliant if rating.rule_id else None,
                "breach_text": rating.breach_text or "",
            }
            for code, _label in PREDIKATS:
                summary[f"count_{code}"] = rating[f"count_{code}"]
            summary_rows.append(summary)
        self._write_table(sheet, columns, unit_labels, summary_rows, formats)


class RecapCycleXlsx(models.AbstractModel):
    """SKP recap of whole cycles: every SKP of the cycles but cancelled ones."""

    _name = "report.hr_asn_appraisal.recap_cycle_xlsx"
    _inherit = "report.hr_asn_appraisal.recap_xlsx"
    _description = "SKP Recap of a Cycle (Excel)"

    def _get_recap_appraisals(self, objs, data):
        return self.env["hr.asn.appraisal"].search(
            [("cycle_id", "in", objs.ids), ("state", "!=", "cancel")]
        )


class RecapDepartmentXlsx(models.AbstractModel):
    """SKP recap of units: their SKPs (but cancelled ones) in the latest
    cycle that has SKPs for them, or in data["cycle_id"] when given."""

    _name = "report.hr_asn_appraisal.recap_department_xlsx"
    _inherit = "report.hr_asn_appraisal.recap_xlsx"
    _description = "SKP Recap of a Unit (Excel)"

    def _get_recap_appraisals(self, objs, data):
        Appraisal = self.env["hr.asn.appraisal"]
        domain = [("department_id", "in", objs.ids), ("state", "!=", "cancel")]
        cycle_id = data.get("cycle_id")
        if not cycle_id:
            cycles = [cycle for [cycle] in Appraisal._read_group(domain, ["cycle_id"])]
            if not cycles:
                return Appraisal
            cycle_id = max(cycles, key=lambda c: (c.date_start, c.id)).id
        return Appraisal.search(domain + [("cycle_id", "=", cycle_id)])
