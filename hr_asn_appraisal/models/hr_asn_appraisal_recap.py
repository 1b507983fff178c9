from odoo import fields, models
from odoo.tools import split_every

# Fields of hr.asn.appraisal shown in the recap, in column order, with their
# cell type: the column headers are these fields' labels, so they follow the
# user's language with the addon's translations.
RECAP_COLUMNS = [
    ("cycle_id", "text"),
    ("date_start", "date"),
    ("date_end", "date"),
    ("employee_nip", "text"),
    ("employee_id", "text"),
    ("employee_rank_id", "text"),
    ("employee_job_title", "text"),
    ("department_id", "text"),
    ("appraiser_id", "text"),
    ("state", "text"),
    ("work_rating", "text"),
    ("behavior_rating", "text"),
    ("predikat", "text"),
    ("year_predikat", "text"),
    ("training_jp", "number"),
    ("credit_points", "number"),
    ("allowance_adjustment", "number"),
    ("promotion_eligible", "bool"),
    ("date_done", "datetime"),
]


# Rows made between two clearings of the ORM cache in _get_recap_rows.
RECAP_CACHE_CHUNK = 2000


class HrAsnAppraisal(models.Model):
    _inherit = "hr.asn.appraisal"

    def _get_recap_headers(self):
        """{column key: label} in the env's language, for RECAP_COLUMNS."""
        labels = {
            name: desc["string"]
            for name, desc in self.fields_get(
                [key for key, _kind in RECAP_COLUMNS], ["string"]
            ).items()
        }
        labels["training_jp"] = self.env["hr.asn.training.hours"].fields_get(
            ["jp"], ["string"]
        )["jp"]["string"]
        labels["promotion_eligible"] = self.env["hr.employee"].fields_get(
            ["asn_promotion_eligible"], ["string"]
        )["asn_promotion_eligible"]["string"]
        return labels

    def _get_recap_rows(self):
        """One dict per SKP of self for recaps (Excel, screens, PDF).

        Batched, by chunks of RECAP_CACHE_CHUNK SKPs (a province's cycle
        has 50,000): each chunk's records are read through its own prefetch,
        the JP of the cycle's year in one grouped query and the promotion
        eligibility (HR officers only) computed once for the chunk's
        employees, and the cache is cleared after it.
        """
        appraisals = self.sorted(
            lambda a: (
                a.cycle_id.date_start,
                a.department_id.complete_name or "",
                a.employee_id.name or "",
                a.id,
            )
        )
        selections = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in ("state", "work_rating", "behavior_rating", "predikat")
        }
        years = {appraisal.cycle_id.date_end.year for appraisal in appraisals}
        is_officer = self.env.su or self.env.user.has_group(
            "hr_asn_appraisal.group_hr_asn_officer"
        )
        rows = []
        chunks = list(split_every(RECAP_CACHE_CHUNK, appraisals.ids))
        for ids in chunks:
            # A province's cycle: each chunk reads its records (and their
            # figures) with its own prefetch, and what it read is dropped from
            # the cache after it, so memory stays bounded by the chunk.
            rows += appraisals.browse(ids)._get_recap_chunk_rows(
                selections, years, is_officer
            )
            if len(chunks) > 1:
                self.env.invalidate_all()
        return rows

    def _get_recap_chunk_rows(self, selections, years, is_officer):
        """The rows of these SKPs (one chunk of _get_recap_rows, in order)."""
        appraisals = self
        jp_totals = self.env["hr.asn.training.hours"]._get_totals(
            appraisals.employee_id, years
        )
        eligible = {}
        if is_officer:
            employees = appraisals.employee_id
            eligible = dict(
                zip(
                    employees.ids,
                    employees.mapped("asn_promotion_eligible"),
                    strict=True,
                )
            )
        # The confidential columns are read through the policy: an officer's
        # own SKP not validated yet shows none of them.
        withheld = appraisals._asn_withheld()
        # The year's result (several SKPs of one cycle), final only.
        year_results = self.env["hr.asn.appraisal"]._get_year_results(
            appraisals.employee_id.ids, appraisals.cycle_id.ids
        )

        def visible(appraisal, name):
            if appraisal in withheld:
                return appraisal._asn_empty(name)
            return appraisal[name]

        rows = []
        for appraisal in appraisals:
            employee = appraisal.employee_id
            year = appraisal.cycle_id.date_end.year
            # A validated year shows what was decided: the predikat and figures
            # stored at validation, the rank and position recorded at approval.
            # The figures of an SKP not validated are not decided: left blank.
            decided = appraisal.state == "done"
            predikat = (
                appraisal.decided_predikat
                if decided
                else visible(appraisal, "predikat")
            )
            rows.append(
                {
                    "appraisal_id": appraisal.id,
                    "cycle": appraisal.cycle_id,
                    "cycle_id": appraisal.cycle_id.name or "",
                    "date_start": appraisal.date_start,
                    "date_end": appraisal.date_end,
                    "department": appraisal.department_id,
                    "employee_nip": appraisal.employee_nip or "",
                    "employee_id": employee.name or "",
                    "employee_rank_id": appraisal.employee_rank_snapshot
                    or appraisal.employee_rank_id.display_name
                    or "",
                    "employee_job_title": appraisal.employee_position_snapshot
                    or appraisal.employee_job_title
                    or "",
                    "department_id": appraisal.department_id.display_name or "",
                    "appraiser_id": appraisal.appraiser_id.name or "",
                    "state": selections["state"].get(appraisal.state, ""),
                    "work_rating": selections["work_rating"].get(
                        visible(appraisal, "work_rating"), ""
                    ),
                    "behavior_rating": selections["behavior_rating"].get(
                        visible(appraisal, "behavior_rating"), ""
                    ),
                    "predikat": selections["predikat"].get(predikat, ""),
                    "predikat_code": predikat or False,
                    "year_predikat": selections["predikat"].get(
                        year_results.get((employee.id, appraisal.cycle_id.id)), ""
                    ),
                    "training_jp": jp_totals.get((employee.id, year), 0.0),
                    "credit_points": visible(appraisal, "credit_points")
                    if decided
                    else None,
                    "allowance_adjustment": visible(appraisal, "allowance_adjustment")
                    if decided
                    else None,
                    "promotion_eligible": eligible.get(employee.id),
                    "date_done": appraisal.date_done
                    and fields.Datetime.context_timestamp(
                        appraisal, appraisal.date_done
                    ).replace(tzinfo=None),
                }
            )
        return rows
