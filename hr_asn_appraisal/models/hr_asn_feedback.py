from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrAsnFeedback(models.Model):
    """Umpan balik berkelanjutan: continuous feedback on an SKP.

    PermenPANRB 6/2022 asks the appraiser to give feedback throughout the
    year (pelaksanaan, pemantauan, pembinaan), optionally on one RHK.
    """

    _name = "hr.asn.feedback"
    _description = "Umpan Balik (Continuous Feedback)"
    _inherit = ["hr.asn.appraisal.dialogue.mixin"]
    _order = "date desc, id desc"

    feedback = fields.Text(string="Umpan Balik", required=True)
    rhk_id = fields.Many2one(
        "hr.asn.appraisal.rhk",
        string="RHK",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        domain="[('appraisal_id', '=', appraisal_id)]",
        help="The work result this feedback is about, if any.",
    )

    @api.depends("date", "employee_id")
    def _compute_display_name(self):
        for record in self:
            record.display_name = _(
                "Umpan balik of %(date)s for %(employee)s",
                date=record.date or "",
                employee=record.sudo().employee_id.name or "",
            )

    @api.constrains("rhk_id", "appraisal_id")
    def _check_rhk_of_appraisal(self):
        for record in self.sudo():
            if record.rhk_id and record.rhk_id.appraisal_id != record.appraisal_id:
                raise ValidationError(
                    _(
                        "The RHK %(rhk)s is not part of %(skp)s.",
                        rhk=record.rhk_id.name,
                        skp=record.appraisal_id.display_name,
                    )
                )

    def _get_dialogue_summary(self):
        self.ensure_one()
        return _(
            "Umpan balik from %(author)s: %(feedback)s",
            author=self.author_id.name,
            feedback=self.feedback,
        )
