from odoo import api, fields, models

from ..models.hr_asn_appraisal import PREDIKATS, RATINGS
from ..rules import predikat as predikat_rules


class HrAsnObjectionDecisionWizard(models.TransientModel):
    """Collects the decision of the appraiser's superior on a keberatan."""

    _name = "hr.asn.objection.decision.wizard"
    _description = "Keberatan Decision Wizard"

    objection_id = fields.Many2one("hr.asn.objection", required=True)
    decision = fields.Selection(
        [("reject", "Reject"), ("change", "Change the Ratings")], required=True
    )
    work_rating = fields.Selection(RATINGS, string="Rating Hasil Kerja")
    behavior_rating = fields.Selection(RATINGS, string="Rating Perilaku Kerja")
    predikat = fields.Selection(
        PREDIKATS, string="Predikat Kinerja", compute="_compute_predikat"
    )
    note = fields.Text(string="Reasons of the Decision")

    @api.depends("work_rating", "behavior_rating")
    def _compute_predikat(self):
        for wizard in self:
            wizard.predikat = predikat_rules.predikat_of(
                wizard.work_rating, wizard.behavior_rating
            )

    def action_confirm(self):
        self.ensure_one()
        if self.decision == "reject":
            self.objection_id.action_decide_reject(self.note)
        else:
            self.objection_id.action_decide_change(
                self.work_rating, self.behavior_rating, self.note
            )
        return {"type": "ir.actions.act_window_close"}
