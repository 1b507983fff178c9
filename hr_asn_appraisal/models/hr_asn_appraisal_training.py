from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import training_eligibility as eligibility
from ..rules import training_relevance as relevance


class HrAsnAppraisal(models.Model):
    """Follow-up of a validated SKP: the employee requests training from it."""

    _inherit = "hr.asn.appraisal"

    training_request_ids = fields.One2many(
        "hr.asn.training.request", "appraisal_id", string="Training Requests"
    )
    can_request_training = fields.Boolean(compute="_compute_can_request_training")

    @api.depends_context("uid")
    @api.depends("state", "employee_id")
    def _compute_can_request_training(self):
        for appraisal in self:
            appraisal.can_request_training = (
                appraisal.state == "done" and appraisal._is_training_requester()
            )

    def _get_follow_up_predikats(self):
        """{SKP id: predikat} that training and recommendations follow up:
        for an employee with several SKPs in the cycle, the year's result
        (hr.asn.appraisal.cycle year_result_method, see docs/year.md) once
        the year is decided, i.e. every SKP of the cycle is validated; until
        then, and for an employee with one SKP (whose predikat is the
        year's), the SKP's own predikat. Final only: the year's result is
        built from decided predikat. Two queries for the batch."""
        saved = self.filtered("id").sudo()
        several = {
            (employee.id, cycle.id)
            for employee, cycle, count in saved._read_group(
                [
                    ("employee_id", "in", saved.employee_id.ids),
                    ("cycle_id", "in", saved.cycle_id.ids),
                    ("state", "!=", "cancel"),
                ],
                ["employee_id", "cycle_id"],
                ["__count"],
            )
            if count > 1
        }
        results = {}
        if several:
            results = self._get_year_results(
                {employee for employee, _cycle in several},
                {cycle for _employee, cycle in several},
            )
        return {
            appraisal.id: results.get((appraisal.employee_id.id, appraisal.cycle_id.id))
            or appraisal.predikat
            for appraisal in saved
        }

    def _is_training_requester(self, user=None):
        """The SKP's employee, or HR for an employee without a login."""
        self.ensure_one()
        user = user or self.env.user
        employee_user = self.sudo().employee_id.user_id
        if employee_user:
            return employee_user == user
        return user.has_group("hr_asn_appraisal.group_hr_asn_officer")

    def _check_can_request_training(self):
        self.ensure_one()
        if not self._is_training_requester():
            raise AccessError(
                _(
                    "Only %(employee)s requests training from %(skp)s.",
                    employee=self.sudo().employee_id.name,
                    skp=self.display_name,
                )
            )
        if self.state != "done":
            raise UserError(
                _(
                    "%(skp)s is not validated yet: training is requested from a "
                    "validated SKP.",
                    skp=self.display_name,
                )
            )

    def _get_training_programs(self):
        """The programmes the employee may still request (not started yet)."""
        self.ensure_one()
        return self.env["hr.asn.training.program"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("date_start", ">", fields.Date.context_today(self)),
            ]
        )

    def _get_ranked_training_lines(self):
        """Wizard lines for every open programme, most relevant first."""
        self.ensure_one()
        programs = self._get_training_programs()
        Request = self.env["hr.asn.training.request"]
        inputs = Request._get_eligibility_inputs(self, programs)
        predikat = self._get_follow_up_predikats().get(self.id)
        rows = []
        for program in programs:
            score = relevance.relevance_score(
                predikat=predikat,
                allowed_predikats=program._get_allowed_predikats(),
                work_rating=self.work_rating,
                behavior_rating=self.behavior_rating,
                category=program.category,
                develops_behavior=bool(program.value_ids),
            )
            rows.append((program, score))
        rows.sort(
            key=lambda row: relevance.relevance_sort_key(
                row[1], row[0].date_start, row[0].name
            )
        )
        requested = Request.sudo().search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("program_id", "in", programs.ids),
                ("state", "not in", ("refused", "cancel")),
            ]
        )
        requested_programs = requested.program_id
        lines = []
        for sequence, (program, score) in enumerate(rows, start=1):
            refusal = eligibility.check_eligibility(**inputs[program])
            if program in requested_programs:
                note = _("Already requested.")
            else:
                note = refusal and Request._get_refusal_message(
                    refusal, program, self.employee_id
                )
            lines.append(
                {
                    "sequence": sequence,
                    "program_id": program.id,
                    "relevance": score,
                    "is_eligible": not note,
                    "eligibility_note": note or False,
                }
            )
        return lines

    def action_request_training(self):
        """Open the list of programmes, most relevant first ("Request Training")."""
        self.ensure_one()
        self._check_can_request_training()
        wizard = self.env["hr.asn.training.request.wizard"].create(
            {
                "appraisal_id": self.id,
                "line_ids": [
                    Command.create(vals) for vals in self._get_ranked_training_lines()
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Request Training"),
            "res_model": "hr.asn.training.request.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
