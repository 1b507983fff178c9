from odoo import _, models

# Columns of the training plan export: (key, cell type).
TRAINING_PLAN_COLUMNS = [
    ("department_id", "text"),
    ("employee_nip", "text"),
    ("employee_id", "text"),
    ("kind", "text"),
    ("item", "text"),
    ("category", "text"),
    ("jp", "number"),
    ("date_start", "date"),
    ("state", "text"),
    ("note", "text"),
]


class HrAsnAppraisalCycle(models.Model):
    _inherit = "hr.asn.appraisal.cycle"

    def _get_training_plan_headers(self):
        """{column key: label} in the env's language, for TRAINING_PLAN_COLUMNS."""
        request_labels = {
            name: desc["string"]
            for name, desc in self.env["hr.asn.training.request"]
            .fields_get(
                ["employee_id", "program_id", "category", "jp_hours", "date_start"]
                + ["state", "motivation"],
                ["string"],
            )
            .items()
        }
        appraisal_labels = self.env["hr.asn.appraisal"].fields_get(
            ["department_id", "employee_nip"], ["string"]
        )
        return {
            "department_id": appraisal_labels["department_id"]["string"],
            "employee_nip": appraisal_labels["employee_nip"]["string"],
            "employee_id": request_labels["employee_id"],
            "kind": _("Kind"),
            "item": _("Programme / Recommendation"),
            "category": request_labels["category"],
            "jp": request_labels["jp_hours"],
            "date_start": request_labels["date_start"],
            "state": request_labels["state"],
            "note": _("Motivation / Explanation"),
        }

    def _get_training_plan_rows(self):
        """The training requests and development recommendations of the
        cycles' SKPs, one dict each, ordered by unit and employee.

        Searched with the user's rights (record rules apply), read in batch.
        """
        requests = self.env["hr.asn.training.request"].search(
            [("appraisal_id.cycle_id", "in", self.ids), ("state", "!=", "cancel")]
        )
        recommendations = self.env["hr.asn.recommendation"].search(
            [("cycle_id", "in", self.ids)]
        )
        request_states = dict(
            requests._fields["state"]._description_selection(self.env)
        )
        categories = dict(
            self.env["hr.asn.training.program"]
            ._fields["category"]
            ._description_selection(self.env)
        )
        rec_types = dict(
            recommendations._fields["recommendation_type"]._description_selection(
                self.env
            )
        )
        rows = []
        request_kind = _("Training request")
        for request in requests:
            appraisal = request.appraisal_id
            rows.append(
                {
                    "department": appraisal.department_id,
                    "department_id": appraisal.department_id.display_name or "",
                    "employee_nip": appraisal.employee_nip or "",
                    "employee_id": request.employee_id.name or "",
                    "kind": request_kind,
                    "item": request.program_id.name or "",
                    "category": categories.get(request.program_id.category, ""),
                    "jp": request.jp_hours,
                    "date_start": request.date_start,
                    "state": request_states.get(request.state, ""),
                    "note": request.motivation or "",
                }
            )
        recommendation_kind = _("Recommendation")
        for recommendation in recommendations:
            appraisal = recommendation.appraisal_id
            rows.append(
                {
                    "department": appraisal.department_id,
                    "department_id": appraisal.department_id.display_name or "",
                    "employee_nip": appraisal.employee_nip or "",
                    "employee_id": recommendation.employee_id.name or "",
                    "kind": recommendation_kind,
                    "item": recommendation.name or "",
                    "category": rec_types.get(recommendation.recommendation_type, ""),
                    "jp": None,
                    "date_start": False,
                    "state": "",
                    "note": recommendation.explanation or "",
                }
            )
        rows.sort(key=lambda row: (row["department_id"], row["employee_id"]))
        return rows
