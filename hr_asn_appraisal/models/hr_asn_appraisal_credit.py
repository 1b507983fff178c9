from collections import defaultdict

from odoo import api, models

from ..rules import credit as credit_rules


class HrAsnAppraisal(models.Model):
    """Credit points (angka kredit) that follow the career: the decided
    points of the validated SKPs, per year and per level (rules/credit.py)."""

    _inherit = "hr.asn.appraisal"

    @api.model
    def _get_credit_rows(self, employees):
        """The decided credit points of the validated JF SKPs of
        ``employees``, as rules.credit.SkpCredit rows (employee id, year,
        level, points, last day), read in one query. Decided figures are
        final: nothing confidential is left in them."""
        appraisals = self.sudo().search_fetch(
            [
                ("employee_id", "in", employees.ids),
                ("state", "=", "done"),
                ("decided_position_type", "=", credit_rules.FUNCTIONAL),
                ("decided_position_level", "!=", False),
            ],
            ["employee_id", "cycle_id", "decided_position_level", "credit_points"],
        )
        rows = []
        for appraisal in appraisals:
            end = appraisal._get_skp_period()[1]
            rows.append(
                credit_rules.SkpCredit(
                    appraisal.employee_id.id,
                    end.year,
                    appraisal.decided_position_level,
                    appraisal.credit_points,
                    end,
                )
            )
        return rows

    @api.model
    def _get_credit_rows_by_employee(self, employees):
        """{employee id: [SkpCredit]}, one query for all of ``employees``."""
        result = defaultdict(list)
        for row in self._get_credit_rows(employees):
            result[row.employee].append(row)
        return result

    # ------------------------------------------------------------------
    # The year statement of credit points (printed)
    # ------------------------------------------------------------------
    def _get_credit_statements(self):
        """One statement per (employee, year) of these SKPs: the figures that
        go into the formal PAK (Penetapan Angka Kredit).

        Each statement lists the validated SKPs of the employee's year that
        the reader may read (record rules: HR all, an employee their own, an
        appraiser their team), each with its period, level, predikat,
        percentage, coefficient, months and points; then the year's points
        per level and the points accumulated at each level up to that year.
        The totals count every validated SKP of the employee (the figures must
        be whole); ``hidden`` tells how many of them the reader may not list.
        Validated SKPs only: nothing confidential is printed.
        """
        keys = []
        for skp in self:
            key = (skp.employee_id, skp._get_skp_year())
            if key not in keys:
                keys.append(key)
        if not keys:
            return []
        employees = self.env["hr.employee"].browse({e.id for e, _y in keys})
        readable = self.search(
            [("employee_id", "in", employees.ids), ("state", "=", "done")]
        )
        readable_by_key = defaultdict(list)
        for skp in readable:
            readable_by_key[skp.employee_id.id, skp._get_skp_year()].append(skp)
        rows = self._get_credit_rows(employees)
        decided = self.sudo().search_fetch(
            [("employee_id", "in", employees.ids), ("state", "=", "done")],
            ["employee_id", "cycle_id"],
        )
        decided_count = defaultdict(int)
        for skp in decided:
            decided_count[skp.employee_id.id, skp._get_skp_year()] += 1
        year_totals = credit_rules.year_totals(rows)
        rank_reqs, level_reqs = self.env[
            "hr.asn.credit.coefficient"
        ]._get_requirements()
        level_labels = dict(
            self._fields["decided_position_level"]._description_selection(self.env)
        )
        predikat_labels = dict(
            self._fields["decided_predikat"]._description_selection(self.env)
        )
        statements = []
        for employee, year in keys:
            skps = sorted(
                readable_by_key.get((employee.id, year), []),
                key=lambda s: (s._get_skp_period()[0], s.id),
            )
            lines = []
            for skp in skps:
                start, end = skp._get_skp_period()
                level = skp.decided_position_level
                is_jf = skp.decided_position_type == credit_rules.FUNCTIONAL
                lines.append(
                    {
                        "name": skp.name,
                        "date_start": start,
                        "date_end": end,
                        "level": level_labels.get(level, "-") if is_jf else "-",
                        "predikat": predikat_labels.get(skp.decided_predikat, "-"),
                        "percent": credit_rules.PERCENT_BY_PREDIKAT.get(
                            skp.decided_predikat
                        ),
                        "coefficient": skp.credit_coefficient if is_jf else None,
                        "months": skp.decided_months,
                        "points": skp._asn_get("credit_points") if is_jf else None,
                    }
                )
            totals = year_totals.get((employee.id, year), {})
            levels = [
                {
                    "level": level_labels.get(level, level),
                    "points": points,
                    "cumulative": credit_rules.cumulative(
                        rows, employee.id, level, up_to_year=year
                    ),
                    "next_level": level_reqs.get(level) or None,
                }
                for level, points in sorted(totals.items())
            ]
            statements.append(
                {
                    "employee": self._snapshot_of(employee),
                    "year": year,
                    "lines": lines,
                    "levels": levels,
                    "total": sum(totals.values()),
                    "hidden": decided_count[employee.id, year] - len(lines),
                }
            )
        return statements
