from odoo import _, models


class HrAsnUnitRating(models.Model):
    _inherit = "hr.asn.unit.rating"

    def action_view_predikat_chart(self):
        """The calibration chart: predikat counts of the unit's SKPs in the cycle."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_appraisal_action_analysis"
        )
        action.update(
            name=_("Predikat of %(unit)s", unit=self.name),
            domain=[
                (
                    "id",
                    "in",
                    self._get_curve_appraisals([("state", "in", ("rated", "done"))])[
                        self.id
                    ].ids,
                ),
            ],
            context={
                "graph_groupbys": ["predikat"],
                "graph_mode": "bar",
                "pivot_row_groupby": ["predikat"],
                "pivot_column_groupby": ["state"],
            },
        )
        return action
