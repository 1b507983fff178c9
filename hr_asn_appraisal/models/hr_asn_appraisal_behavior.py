from odoo import api, fields, models


class HrAsnAppraisalBehavior(models.Model):
    """One BerAKHLAK value on an SKP, with the leader's specific expectation."""

    _name = "hr.asn.appraisal.behavior"
    _description = "SKP Perilaku Kerja (BerAKHLAK)"
    _order = "appraisal_id, sequence, id"

    appraisal_id = fields.Many2one(
        "hr.asn.appraisal", string="SKP", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    value_id = fields.Many2one(
        "hr.asn.behavior.value", string="Core Value", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="value_id.sequence", store=True)
    guide = fields.Text(related="value_id.guide", string="Behaviour Guides")
    expectation = fields.Text(string="Ekspektasi Khusus Pimpinan")

    _sql_constraints = [
        (
            "appraisal_value_unique",
            "unique(appraisal_id, value_id)",
            "Each BerAKHLAK value appears once per SKP.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        appraisals = self.env["hr.asn.appraisal"].browse(
            {vals.get("appraisal_id") for vals in vals_list}
        )
        if any(vals.get("expectation") for vals in vals_list):
            appraisals._check_expectation_editable()
        return super().create(vals_list)

    def write(self, vals):
        if "expectation" in vals:
            self.appraisal_id._check_expectation_editable()
        if set(vals) - {"expectation"}:
            self.appraisal_id._check_editable({"behavior_ids"})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editable(self):
        self.appraisal_id._check_editable({"behavior_ids"})
