from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrAsnActionPlan(models.Model):
    """Rencana aksi: an action the employee plans for an RHK in one period.

    Listed per RHK of the approved SKP and per periodic evaluation (check-in),
    with the expected output; the employee changes them until the period's
    check-in is submitted. Daily work log entries may name the action they
    serve, which gives the output realised so far.
    """

    _name = "hr.asn.action.plan"
    _description = "Rencana Aksi (Action Plan)"
    _order = "checkin_id, rhk_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    checkin_id = fields.Many2one(
        "hr.asn.checkin",
        string="Period",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_annual', '=', False), ('state', '=', 'draft'), "
        "('employee_id.user_id', '=', uid)]",
    )
    appraisal_id = fields.Many2one(
        related="checkin_id.appraisal_id", store=True, index=True, string="SKP"
    )
    company_id = fields.Many2one(related="checkin_id.company_id", store=True)
    employee_id = fields.Many2one(related="checkin_id.employee_id", store=True)
    appraiser_id = fields.Many2one(related="checkin_id.appraiser_id", store=True)
    appraiser_parent_id = fields.Many2one(
        related="checkin_id.appraiser_parent_id", store=True
    )
    period_name = fields.Char(related="checkin_id.period_name", string="Period Name")
    checkin_state = fields.Selection(related="checkin_id.state", string="Check-in")
    rhk_id = fields.Many2one(
        "hr.asn.appraisal.rhk",
        string="RHK",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('appraisal_id', '=', appraisal_id)]",
    )
    iki_id = fields.Many2one(
        "hr.asn.appraisal.iki",
        string="IKI",
        ondelete="set null",
        domain="[('rhk_id', '=', rhk_id)]",
    )
    name = fields.Char(string="Rencana Aksi", required=True)
    output_qty = fields.Float(string="Expected Output", digits=(16, 2))
    output_unit = fields.Char()  # "Output Unit" (satuan), not the Unit Kerja
    log_output = fields.Float(
        string="Logged Output",
        digits=(16, 2),
        compute="_compute_log_output",
        help="Sum of the outputs of the daily work log entries for this action.",
    )
    log_count = fields.Integer(string="Entries", compute="_compute_log_output")
    can_edit = fields.Boolean(compute="_compute_can_edit")

    _sql_constraints = [
        (
            "output_positive",
            "CHECK(output_qty >= 0)",
            "The expected output cannot be negative.",
        ),
    ]

    def _compute_log_output(self):
        groups = (
            self.env["hr.asn.work.log"]
            .sudo()
            ._read_group(
                [("action_plan_id", "in", self.ids)],
                ["action_plan_id"],
                ["output_qty:sum", "__count"],
            )
        )
        totals = {plan.id: (total, count) for plan, total, count in groups}
        for plan in self:
            plan.log_output, plan.log_count = totals.get(plan._origin.id, (0.0, 0))

    @api.depends_context("uid")
    @api.depends("checkin_id.state")
    def _compute_can_edit(self):
        for plan in self:
            checkin = plan.checkin_id
            plan.can_edit = not checkin or (
                not checkin.sudo().is_annual and checkin.can_edit_realisation
            )

    def _check_editable(self, checkins):
        """The rencana aksi are part of what the employee reports in a periodic
        check-in: the check-in's own rule for its realisasi decides."""
        if any(checkin.sudo().is_annual for checkin in checkins):
            raise ValidationError(
                _(
                    "Rencana aksi are planned per periodic evaluation, not for the "
                    "annual one."
                )
            )
        checkins._check_editable("realisation")

    @api.constrains("rhk_id", "checkin_id", "iki_id")
    def _check_rhk(self):
        for plan in self.sudo():
            if plan.rhk_id.appraisal_id != plan.checkin_id.appraisal_id:
                raise ValidationError(
                    _(
                        "RHK %(rhk)s is not in the SKP of %(period)s.",
                        rhk=plan.rhk_id.name,
                        period=plan.checkin_id.display_name,
                    )
                )
            if plan.iki_id and plan.iki_id.rhk_id != plan.rhk_id:
                raise ValidationError(
                    _(
                        "IKI %(iki)s is not an indicator of RHK %(rhk)s.",
                        iki=plan.iki_id.name,
                        rhk=plan.rhk_id.name,
                    )
                )

    @api.onchange("iki_id")
    def _onchange_iki_id(self):
        if self.iki_id and not self.output_unit:
            self.output_unit = self.iki_id.target_unit

    @api.model_create_multi
    def create(self, vals_list):
        checkin_ids = {vals.get("checkin_id") for vals in vals_list}
        self._check_editable(self.env["hr.asn.checkin"].browse(checkin_ids - {None}))
        return super().create(vals_list)

    def write(self, vals):
        checkins = self.checkin_id
        if vals.get("checkin_id"):
            checkins |= checkins.browse(vals["checkin_id"])
        self._check_editable(checkins)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editable(self):
        self._check_editable(self.checkin_id)
