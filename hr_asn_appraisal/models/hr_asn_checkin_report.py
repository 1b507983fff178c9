from odoo import models

from ..rules import periods as period_rules
from .hr_asn_appraisal import PREDIKATS

# Check-ins whose periodic predikat counts in the unit's distribution: the
# appraiser has rated them (ratings are given while submitted).
COUNTED_CHECKIN_STATES = ("submitted", "reviewed")


class HrAsnCheckin(models.Model):
    """What the printed periodic Dokumen Evaluasi Kinerja Pegawai shows."""

    _inherit = "hr.asn.checkin"

    def _get_report_period_title(self):
        """ "TRIWULAN II", or "TRIWULAN IV-AKHIR" for the cycle's last period."""
        self.ensure_one()
        periodic = [
            p for p in self.appraisal_id._get_evaluation_periods() if not p.is_annual
        ]
        last_sequence = periodic[-1].sequence if periodic else self.period_sequence
        period = period_rules.Period(
            sequence=self.period_sequence,
            code=self.period_code,
            name=self.period_name,
            date_start=self.date_start,
            date_end=self.date_end,
            is_annual=self.is_annual,
        )
        return period_rules.document_period_title(period, last_sequence)

    def _get_report_evaluation(self):
        """The values of the shared evaluation layout for this check-in: the
        annual one prints as the SKP's annual document."""
        self.ensure_one()
        skp = self.appraisal_id
        if self.is_annual:
            return skp._get_report_evaluation()
        values = skp._prepare_report_evaluation(
            rated=self,
            checkin=self,
            period_title=self._get_report_period_title(),
            note=self._asn_get("review_note"),
            recommendations=[],
            sign_date=self._get_signed_on("reviewed"),
            distribution=self._get_report_checkin_distribution(),
        )
        values["date_start"] = self.date_start
        values["date_end"] = self.date_end
        return values

    def _get_report_checkin_distribution(self):
        """The distribution curve of the periodic document: the periodic
        predikat of the check-ins of the same period counted in the unit's
        curve, against the rule of the unit's organisational rating of the
        cycle. Who counts follows the annual curve (hr.asn.unit.rating
        ``_get_curve_scope``): a unit head's own check-in counts in the
        superior unit, a unit calibrated with its sub-units counts theirs."""
        self.ensure_one()
        skp = self.appraisal_id
        if not skp.department_id:
            return None
        # The employee's own copy counts reviewed (final) periodic ratings
        # only: a colleague's rating still under review is not theirs to see.
        states = COUNTED_CHECKIN_STATES
        if self._asn_is_appraisee():
            states = ("reviewed",)
        unit_rating = skp._get_report_unit_rating()
        covered, departments, heads = unit_rating._get_curve_scope()
        in_curve = covered[unit_rating.id]
        checkins = self.sudo().search_fetch(
            [
                ("cycle_id", "=", self.cycle_id.id),
                ("appraisal_id.department_id", "in", departments.ids),
                ("appraisal_id.state", "!=", "cancel"),
                ("period_code", "=", self.period_code),
                ("state", "in", states),
                ("predikat", "!=", False),
            ],
            ["predikat", "appraisal_id"],
        )
        checkins.appraisal_id.fetch(["department_id", "employee_id"])
        counts = dict.fromkeys((code for code, _label in PREDIKATS), 0)
        for checkin in checkins:
            appraisal = checkin.appraisal_id
            department_id = appraisal.department_id.id
            head = heads.get(department_id)
            if head and head[0] == appraisal.employee_id.id:
                department_id = head[1]
            if department_id in in_curve:
                counts[checkin.predikat] += 1
        return unit_rating._get_report_chart(counts)
