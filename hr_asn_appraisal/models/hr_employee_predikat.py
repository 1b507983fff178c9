from odoo import _, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def action_view_asn_predikat_graph(self):
        """The employee's predikat per cycle (year), as a graph."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_appraisal_action_analysis"
        )
        action.update(
            name=_("Predikat of %(employee)s", employee=self.name),
            domain=[("employee_id", "=", self.id), ("predikat", "!=", False)],
            context={
                "graph_groupbys": ["cycle_id", "predikat"],
                "graph_mode": "bar",
                "pivot_row_groupby": ["cycle_id"],
                "pivot_column_groupby": ["predikat"],
            },
        )
        return action
