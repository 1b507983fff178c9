from odoo import api, fields, models
from odoo.exceptions import AccessError

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"
ASN_TYPES = ("pns", "pppk")


class HrAsnGettingStarted(models.TransientModel):
    """Getting started in a new office: a checklist of the four steps from an
    empty employee list to an open cycle, each with its status read from the
    company's data and a button that opens the step."""

    _name = "hr.asn.getting.started"
    _description = "Getting Started with ASN Appraisal"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    employee_count = fields.Integer(string="ASN Employees", compute="_compute_status")
    no_appraiser_count = fields.Integer(
        string="Without Appraiser", compute="_compute_status"
    )
    suspicious_nip_count = fields.Integer(
        string="Suspicious NIP", compute="_compute_status"
    )
    distribution_rule_count = fields.Integer(
        string="Distribution Rules", compute="_compute_status"
    )
    allowance_rule_count = fields.Integer(
        string="Allowance Lines", compute="_compute_status"
    )
    cycle_id = fields.Many2one(
        "hr.asn.appraisal.cycle",
        string="Latest Cycle",
        compute="_compute_status",
    )
    cycle_state = fields.Selection(related="cycle_id.state", string="Cycle Status")
    step_import_done = fields.Boolean(compute="_compute_status")
    step_check_done = fields.Boolean(compute="_compute_status")
    step_rules_done = fields.Boolean(compute="_compute_status")
    step_cycle_done = fields.Boolean(compute="_compute_status")

    @api.depends("company_id")
    @api.depends_context("uid")
    def _compute_status(self):
        Employee = self.env["hr.employee"]
        for wizard in self:
            # the form shows the company to multi-company users only
            company = wizard.company_id or self.env.company
            if not self.env.user.has_group(OFFICER) or not company:
                wizard.update(
                    {
                        "employee_count": 0,
                        "no_appraiser_count": 0,
                        "suspicious_nip_count": 0,
                        "distribution_rule_count": 0,
                        "allowance_rule_count": 0,
                        "cycle_id": False,
                        "step_import_done": False,
                        "step_check_done": False,
                        "step_rules_done": False,
                        "step_cycle_done": False,
                    }
                )
                continue
            base = [("company_id", "=", company.id), ("asn_type", "in", ASN_TYPES)]
            employees = Employee.search_count(base)
            no_appraiser = Employee.search_count(
                [*base, ("asn_appraiser_id", "=", False)]
            )
            suspicious = Employee.search_count([*base, ("asn_nip_check", "!=", False)])
            rules = self.env["hr.asn.distribution.rule"].search_count([])
            allowances = self.env["hr.asn.allowance.rule"].search_count(
                [("company_id", "=", company.id)]
            )
            cycle = self.env["hr.asn.appraisal.cycle"].search(
                [("company_id", "=", company.id), ("state", "!=", "closed")],
                order="date_start desc, id desc",
                limit=1,
            )
            wizard.update(
                {
                    "employee_count": employees,
                    "no_appraiser_count": no_appraiser,
                    "suspicious_nip_count": suspicious,
                    "distribution_rule_count": rules,
                    "allowance_rule_count": allowances,
                    "cycle_id": cycle.id,
                    "step_import_done": bool(employees),
                    # The office head is appraised outside the office: one
                    # employee without an appraiser is expected.
                    "step_check_done": bool(employees)
                    and no_appraiser <= 1
                    and not suspicious,
                    "step_rules_done": bool(rules and allowances),
                    "step_cycle_done": cycle.state == "open",
                }
            )

    def _check_officer(self):
        if not self.env.user.has_group(OFFICER):
            raise AccessError(
                self.env._("Only an HR officer can set up the appraisal.")
            )
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(self.env._("You do not work for this company."))

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_import_employees(self):
        self.ensure_one()
        self._check_officer()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_employee_import_wizard_action"
        )
        action["context"] = {"default_company_id": self.company_id.id}
        return action

    def action_employees_to_check(self):
        self.ensure_one()
        self._check_officer()
        return self._action_employees_to_check(self.company_id)

    @api.model
    def _action_employees_to_check(self, company):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_employee_action_asn_to_check"
        )
        action["domain"] = [
            ("company_id", "=", company.id),
            ("asn_type", "in", ASN_TYPES),
        ]
        return action

    def action_distribution_rules(self):
        self.ensure_one()
        self._check_officer()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_distribution_rule_action"
        )

    def action_allowance_rules(self):
        self.ensure_one()
        self._check_officer()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_allowance_rule_action"
        )
        action["domain"] = [("company_id", "=", self.company_id.id)]
        action["context"] = {"default_company_id": self.company_id.id}
        return action

    def action_cycle(self):
        """The company's current cycle, or a new one of this year."""
        self.ensure_one()
        self._check_officer()
        action = {
            "type": "ir.actions.act_window",
            "res_model": "hr.asn.appraisal.cycle",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "name": self.env._("Appraisal Cycle"),
        }
        if self.cycle_id:
            action["res_id"] = self.cycle_id.id
            return action
        year = fields.Date.context_today(self).year
        action["context"] = {
            "default_company_id": self.company_id.id,
            "default_name": self.env._("SKP %(year)s", year=year),
            "default_date_start": f"{year}-01-01",
            "default_date_end": f"{year}-12-31",
        }
        return action
