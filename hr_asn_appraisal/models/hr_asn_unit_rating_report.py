from odoo import models

from .hr_asn_appraisal import PREDIKATS
from .hr_asn_unit_rating import COUNTED_STATES


class HrAsnUnitRating(models.Model):
    """What the printed Penetapan Predikat Kinerja shows."""

    _inherit = "hr.asn.unit.rating"

    def _get_report_appraisals(self):
        """The unit's rated and validated SKPs of the cycle, best predikat first."""
        self.ensure_one()
        appraisals = self.env["hr.asn.appraisal"].search(
            [
                ("cycle_id", "=", self.cycle_id.id),
                ("department_id", "=", self.department_id.id),
                ("state", "in", COUNTED_STATES),
                ("predikat", "!=", False),
            ]
        )
        rank = {code: index for index, (code, _label) in enumerate(PREDIKATS)}
        return appraisals.sorted(
            lambda a: (rank.get(a.predikat, len(rank)), a.employee_id.name or "")
        )

    def _get_report_distribution(self):
        """[(predikat label, count, share %)] from the unit's computed distribution."""
        self.ensure_one()
        labels = dict(
            self.env["hr.asn.appraisal"]
            ._fields["predikat"]
            ._description_selection(self.env)
        )
        return [
            (labels[code], self[f"count_{code}"], self[f"share_{code}"])
            for code, _label in PREDIKATS
        ]

    def _get_report_breaches(self):
        """The sentences of the distribution's breaches of its rule."""
        self.ensure_one()
        return [line for line in (self.breach_text or "").splitlines() if line]
