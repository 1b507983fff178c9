from odoo import models

from ..models.hr_asn_appraisal_cycle_recap import TRAINING_PLAN_COLUMNS


class TrainingPlanXlsx(models.AbstractModel):
    """Training plan of cycles: training requests and development
    recommendations, one sheet per unit."""

    _name = "report.hr_asn_appraisal.training_plan_xlsx"
    _inherit = "report.hr_asn_appraisal.xlsx_mixin"
    _description = "Training Plan (Excel)"

    def generate_xlsx_report(self, workbook, data, objs):
        self._check_officer()
        objs.check_access("read")
        rows = objs._get_training_plan_rows()
        headers = objs._get_training_plan_headers()
        formats = self._make_formats(workbook)
        by_unit = {}
        for row in rows:
            by_unit.setdefault(row["department"], []).append(row)
        for department, unit_rows in by_unit.items():
            sheet = self._add_sheet(workbook, department.name)
            self._write_table(sheet, TRAINING_PLAN_COLUMNS, headers, unit_rows, formats)
        if not by_unit:
            sheet = self._add_sheet(workbook, objs[:1].name)
            self._write_table(sheet, TRAINING_PLAN_COLUMNS, headers, [], formats)
