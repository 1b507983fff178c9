from odoo import _, models

from ..rules import distribution as distribution_rules
from .hr_asn_appraisal import PREDIKATS
from .hr_asn_unit_rating import COUNTED_STATES


class HrAsnUnitRating(models.Model):
    """What the printed Penetapan Predikat Kinerja shows."""

    _inherit = "hr.asn.unit.rating"

    def _get_report_appraisals(self):
        """The rated and validated SKPs counted in the unit's curve (each
        employee once, unit heads in the superior unit), best predikat first.

        Searched with the reader's rights and read through the
        confidentiality policy (a reader's own SKP not validated yet is left
        out by the search on the predikat)."""
        self.ensure_one()
        appraisals = self._get_curve_appraisals(
            [
                ("state", "in", COUNTED_STATES),
                ("predikat", "!=", False),
                ("is_last_in_cycle", "=", True),
            ]
        )[self.id]
        rank = {code: index for index, (code, _label) in enumerate(PREDIKATS)}
        return appraisals.sorted(
            lambda a: (
                rank.get(a._asn_get("predikat"), len(rank)),
                a.employee_id.name or "",
            )
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

    def _get_report_counts(self):
        """{predikat: count} of the unit's computed distribution."""
        self.ensure_one()
        return {code: self[f"count_{code}"] for code, _label in PREDIKATS}

    def _get_report_breaches(self):
        """The sentences of the distribution's breaches of its rule."""
        self.ensure_one()
        return [line for line in (self.breach_text or "").splitlines() if line]

    def _get_report_chart(self, counts):
        """The printed distribution curve of counts {predikat: count} against
        the unit's rule: {"bars", "legend" (drawn by the report's
        distribution_chart), "rows", "total", "org_rating", "has_rule",
        "rule_description", "breaches"}.

        Works on a new (unsaved) record too: without an organisational rating
        there is no rule, and the chart shows the shares only.
        """
        self.ensure_one()
        labels = dict(
            self.env["hr.asn.appraisal"]
            ._fields["predikat"]
            ._description_selection(self.env)
        )
        counts = {code: counts.get(code, 0) for code, _label in PREDIKATS}
        shares = distribution_rules.shares(counts)
        rule = self.rule_id
        ranges = distribution_rules.share_ranges(rule._get_checks()) if rule else {}
        bars, rows = [], []
        for code, _label in PREDIKATS:
            share_range = ranges.get(code)
            bars.append(
                {
                    "label": labels[code],
                    "count": counts[code],
                    "share": shares[code],
                    "low": share_range.low if share_range else None,
                    "high": share_range.high if share_range else None,
                    "largest": bool(share_range and share_range.largest),
                }
            )
            rows.append(
                (
                    labels[code],
                    counts[code],
                    shares[code],
                    self._range_text(share_range),
                )
            )
        legend = {
            "range": _("Range allowed by the rule") if rule else "",
            "share": _("Share of the unit's SKPs"),
            "outside": _("Outside the range"),
            "largest": _("must be the largest group"),
        }
        org_ratings = dict(self._fields["org_rating"]._description_selection(self.env))
        breaches = self._get_breaches(counts)
        return {
            "bars": bars,
            "legend": legend,
            "rows": rows,
            "total": sum(counts.values()),
            "org_rating": org_ratings.get(self.org_rating, ""),
            "has_rule": bool(rule),
            "rule_description": rule.description if rule else "",
            "breaches": [self._breach_message(breach) for breach in breaches],
        }

    def _range_text(self, share_range):
        """The allowed share of one predikat as printed: "60–100 %", "≤ 10 %"."""
        if not share_range:
            return ""
        low, high = share_range.low, share_range.high
        if low > 0 and high < 100:
            text = f"{low:g}–{high:g} %"
        elif low > 0:
            text = f"≥ {low:g} %"
        elif high < 100:
            text = f"≤ {high:g} %"
        else:
            text = ""
        if share_range.largest:
            text = ", ".join(filter(None, [text, _("largest group")]))
        return text or "-"
