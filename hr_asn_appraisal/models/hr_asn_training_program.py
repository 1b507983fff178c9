from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..rules import predikat as predikat_rules
from ..rules import training_eligibility as eligibility

CATEGORIES = [
    (eligibility.TECHNICAL, "Teknis (Technical)"),
    (eligibility.FUNCTIONAL, "Fungsional (Functional)"),
    (eligibility.MANAGERIAL, "Manajerial (Managerial)"),
    (eligibility.SOCIO_CULTURAL, "Sosial Kultural (Socio-cultural)"),
]
# One boolean per predikat: which SKP results may request the programme.
ALLOW_FIELDS = {
    predikat_rules.SANGAT_BAIK: "allow_sangat_baik",
    predikat_rules.BAIK: "allow_baik",
    predikat_rules.BUTUH_PERBAIKAN: "allow_butuh_perbaikan",
    predikat_rules.KURANG: "allow_kurang",
    predikat_rules.SANGAT_KURANG: "allow_sangat_kurang",
}
# Requests that hold a seat: approved by HR, or completed.
SEAT_STATES = ("approved", "done")
# What a completed request recorded; fixed once a request is done.
LOCKED_WHEN_DONE = {"jp_hours", "date_start", "date_end"}


def _allow_field(label):
    return fields.Boolean(string=label, default=True)


class HrAsnTrainingProgram(models.Model):
    """A training programme (pelatihan) employees may request after their SKP."""

    _name = "hr.asn.training.program"
    _description = "ASN Training Programme"
    _order = "date_start, name, id"
    _check_company_auto = True
    _inherit = ["hr.asn.number.input.mixin"]

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    category = fields.Selection(CATEGORIES, required=True, default="technical")
    jp_hours = fields.Integer(
        string="JP",
        required=True,
        help="Jam pelajaran: the training hours credited on completion.",
    )
    value_ids = fields.Many2many(
        "hr.asn.behavior.value",
        string="BerAKHLAK Values Developed",
        help="The core values this programme strengthens; such programmes come "
        "first for employees whose Rating Perilaku Kerja is the weaker one.",
    )
    competency = fields.Text(string="Competencies Developed")
    description = fields.Text()
    allow_sangat_baik = _allow_field("Sangat Baik")
    allow_baik = _allow_field("Baik")
    allow_butuh_perbaikan = _allow_field("Butuh Perbaikan")
    allow_kurang = _allow_field("Kurang/Misconduct")
    allow_sangat_kurang = _allow_field("Sangat Kurang")
    allowed_predikat_display = fields.Char(
        string="Open to Predikat", compute="_compute_allowed_predikat_display"
    )
    seats = fields.Integer(help="0 means no limit.")
    seats_taken = fields.Integer(
        compute="_compute_seats",
        help="Requests approved by HR or completed.",
    )
    seats_available = fields.Integer(
        string="Seats Left", compute="_compute_seats", help="-1 means no limit."
    )
    date_start = fields.Date(string="Start Date", required=True)
    date_end = fields.Date(string="End Date", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="HR Responsible",
        default=lambda self: self.env.user,
        help="Receives the to-dos to approve requests and record completion.",
    )
    request_ids = fields.One2many(
        "hr.asn.training.request", "program_id", string="Requests"
    )

    _sql_constraints = [
        (
            "date_check",
            "CHECK(date_start <= date_end)",
            "A programme ends after it starts.",
        ),
        ("jp_positive", "CHECK(jp_hours > 0)", "A programme carries at least 1 JP."),
        ("seats_positive", "CHECK(seats >= 0)", "Seats cannot be negative."),
    ]

    @api.depends(*ALLOW_FIELDS.values())
    def _compute_allowed_predikat_display(self):
        labels = dict(
            self.env["hr.asn.appraisal"]
            ._fields["predikat"]
            ._description_selection(self.env)
        )
        for program in self:
            program.allowed_predikat_display = ", ".join(
                labels[code] for code in program._get_allowed_predikats_ordered()
            )

    def _get_allowed_predikats_ordered(self):
        self.ensure_one()
        return [code for code, fname in ALLOW_FIELDS.items() if self[fname]]

    def _get_allowed_predikats(self):
        """The predikat codes that may request this programme."""
        return set(self._get_allowed_predikats_ordered())

    def _get_jp_year(self):
        """The year whose JP the programme counts in: the year it ends."""
        self.ensure_one()
        return (self.date_end or self.date_start or fields.Date.today()).year

    @api.depends("seats", "request_ids.state")
    def _compute_seats(self):
        taken = self._get_seats_taken()
        for program in self:
            program.seats_taken = taken.get(program._origin.id, 0)
            program.seats_available = (
                max(program.seats - program.seats_taken, 0) if program.seats else -1
            )

    def _get_seats_taken(self, exclude_requests=None):
        """{programme id: seats held}, counted for everyone whatever the reader."""
        domain = [("program_id", "in", self._origin.ids), ("state", "in", SEAT_STATES)]
        if exclude_requests:
            domain.append(("id", "not in", exclude_requests.ids))
        groups = (
            self.env["hr.asn.training.request"]
            .sudo()
            ._read_group(domain, ["program_id"], ["__count"])
        )
        return {program.id: count for program, count in groups}

    def _check_program_vals(self, vals):
        """Before the database's own checks, so that the message is translated
        and names the programme."""
        for program in self or [self.browse()]:
            name = vals.get("name", program.name)
            start = fields.Date.to_date(vals.get("date_start", program.date_start))
            end = fields.Date.to_date(vals.get("date_end", program.date_end))
            if start and end and end < start:
                raise ValidationError(
                    _(
                        "%(program)s ends on %(end)s, before it starts on %(start)s.",
                        program=name,
                        end=format_date(self.env, end),
                        start=format_date(self.env, start),
                    )
                )
            jp_hours = vals.get("jp_hours", program.jp_hours)
            if isinstance(jp_hours, int | float) and jp_hours <= 0:
                raise ValidationError(
                    _("%(program)s must carry at least 1 JP.", program=name)
                )
            seats = vals.get("seats", program.seats)
            if isinstance(seats, int | float) and seats < 0:
                raise ValidationError(
                    _(
                        "%(program)s cannot have a negative number of seats.",
                        program=name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_number_vals(vals)
            self.browse()._check_program_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        if {"date_start", "date_end", "jp_hours", "seats"} & set(vals):
            self._check_number_vals(vals)
            self._check_program_vals(vals)
        locked = LOCKED_WHEN_DONE & set(vals)
        if locked:
            done = (
                self.env["hr.asn.training.request"]
                .sudo()
                .search(
                    [("program_id", "in", self.ids), ("state", "=", "done")], limit=1
                )
            )
            if done:
                raise UserError(
                    _(
                        "%(program)s has completed requests: its JP and dates are "
                        "recorded on the employees' training history and can no "
                        "longer change.",
                        program=done.program_id.display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_requested(self):
        requested = (
            self.env["hr.asn.training.request"]
            .sudo()
            .search_count([("program_id", "in", self.ids)], limit=1)
        )
        if requested:
            raise UserError(
                _("Programmes with requests cannot be deleted; archive them instead.")
            )

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_asn_appraisal.hr_asn_training_request_action_all"
        )
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {}
        return action
