from odoo import _, fields, models


class HrAsnAppraisalCycle(models.Model):
    _inherit = "hr.asn.appraisal.cycle"

    late_appraisal_count = fields.Integer(
        string="Late SKP Count",
        compute="_compute_late_appraisal_count",
        help="SKPs still in draft after the filing deadline, or submitted after it.",
    )

    def _compute_late_appraisal_count(self):
        counts = dict(
            self.env["hr.asn.appraisal"]._read_group(
                [("cycle_id", "in", self.ids), ("is_late", "=", True)],
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.late_appraisal_count = counts.get(cycle._origin, 0)

    def action_view_progress(self):
        """The cycle's SKPs as a pivot: units in rows, states in columns."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_appraisal_action_analysis"
        )
        action.update(
            name=_("Progress of %(cycle)s", cycle=self.name),
            domain=[("cycle_id", "=", self.id)],
            view_mode="pivot,graph,list,form",
            views=[
                (False, "pivot"),
                (False, "graph"),
                (False, "list"),
                (False, "form"),
            ],
            context={
                "pivot_row_groupby": ["department_id"],
                "pivot_column_groupby": ["state"],
                "graph_groupbys": ["department_id", "state"],
            },
        )
        return action
