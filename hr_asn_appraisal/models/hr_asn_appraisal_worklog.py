from odoo import fields, models


class HrAsnAppraisal(models.Model):
    """The daily work log of the SKP, reached from its form."""

    _inherit = "hr.asn.appraisal"

    worklog_count = fields.Integer(
        string="Work Log Entries", compute="_compute_worklog_count"
    )

    def _compute_worklog_count(self):
        counts = dict(
            self.env["hr.asn.work.log"]._read_group(
                [("appraisal_id", "in", self.ids)], ["appraisal_id"], ["__count"]
            )
        )
        for appraisal in self:
            appraisal.worklog_count = counts.get(appraisal._origin, 0)

    def action_view_worklog(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_work_log_action_team"
        )
        action["domain"] = [("appraisal_id", "=", self.id)]
        action["context"] = {"search_default_groupby_day": 1}
        return action
