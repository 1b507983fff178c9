import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

KINDS = [
    ("plt", "Plt (Pelaksana Tugas)"),
    ("plh", "Plh (Pelaksana Harian)"),
]
# The prefix printed before the official's position on a signed document.
KIND_PREFIX = {"plt": "Plt.", "plh": "Plh."}
STATES = [
    ("planned", "Planned"),
    ("running", "Running"),
    ("ended", "Ended"),
    ("cancel", "Cancelled"),
]
EXCLUSION = (
    "EXCLUDE USING gist ({column} WITH =, "
    "daterange(date_from, date_to, '[]') WITH &&) WHERE (state <> 'cancel')"
)
# Memo of who acts for whom on a day, for the current transaction (the roles
# of a list of SKPs ask it once per record). Kept in the cursor's precommit
# data, which a commit, a rollback (to a savepoint too) and the test cases
# clear; also cleared whenever an assignment changes.
MEMO_KEY = "hr_asn_acting.memo"
ONE_DAY = datetime.timedelta(days=1)


class HrAsnActingAssignment(models.Model):
    """An acting official: Plt (Pelaksana Tugas, for a definitive official
    permanently unavailable or a vacant position) or Plh (Pelaksana Harian,
    for one temporarily unavailable), from one date to another.

    Surat Edaran Kepala BKN 1/SE/I/2021 (Kewenangan Pelaksana Harian dan
    Pelaksana Tugas dalam Aspek Kepegawaian), after UU 30/2014 art. 14: a
    Plt/Plh acts for the definitive official and carries out the position's
    routine tasks, appraising the staff among them, without the strategic
    decisions on staff (appointments, transfers, discipline). So, while the
    assignment runs, the acting employee holds on the SKPs of the official
    acted for the official's roles (appraiser, appraiser's superior), and the
    documents they sign print "Plt."/"Plh." before the official's position.

    The position acted for is the definitive official (an hr.employee), whose
    SKPs name them as appraiser: a vacant position keeps its last holder (or
    whoever HR sets as the staff's appraiser) as that employee. See
    docs/year.md ("Plt/Plh").
    """

    _name = "hr.asn.acting.assignment"
    _description = "Acting Official (Plt/Plh)"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Acting Official",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        help="The employee appointed Plt/Plh.",
    )
    official_id = fields.Many2one(
        "hr.employee",
        string="Acting For",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        help="The definitive official whose position is acted for: their SKPs' "
        "staff are appraised in their name.",
    )
    kind = fields.Selection(KINDS, required=True, default="plh", tracking=True)
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(
        tracking=True,
        help="Last day (included). Empty: until HR ends the assignment.",
    )
    decree = fields.Char(string="Decree (SK) Number", tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        STATES, default="planned", required=True, readonly=True, tracking=True
    )
    official_job_title = fields.Char(
        related="official_id.job_title", string="Position Acted For"
    )

    _sql_constraints = [
        (
            "official_no_overlap",
            EXCLUSION.format(column="official_id"),
            "A position has only one acting official at a time: the dates overlap "
            "another acting assignment for the same official.",
        ),
        (
            "employee_no_overlap",
            EXCLUSION.format(column="employee_id"),
            "An employee acts for one position at a time: the dates overlap "
            "another acting assignment of the same employee.",
        ),
        (
            "dates_order",
            "CHECK (date_to IS NULL OR date_to >= date_from)",
            "An acting assignment cannot end before it starts.",
        ),
        (
            "not_self",
            "CHECK (employee_id <> official_id)",
            "An official cannot act for themselves.",
        ),
    ]

    def _auto_init(self):
        # The exclusion constraints compare the employee with = in a GiST index.
        self.env["hr.asn.appraisal"]._create_btree_gist()
        return super()._auto_init()

    @api.depends("kind", "employee_id", "official_id")
    def _compute_name(self):
        for acting in self:
            acting.name = _(
                "%(kind)s %(official)s: %(employee)s",
                kind=KIND_PREFIX.get(acting.kind, ""),
                official=acting.official_id.name or "",
                employee=acting.employee_id.name or "",
            )

    # ------------------------------------------------------------------
    # Who acts for whom (one query per user and day)
    # ------------------------------------------------------------------
    @api.model
    def _clear_memo(self):
        self.env.cr.precommit.data.pop(MEMO_KEY, None)

    @api.model
    def _memo(self):
        return self.env.cr.precommit.data.setdefault(MEMO_KEY, {})

    @api.model
    def _get_acted_for(self, user=None, date=None):
        """The officials (hr.employee) the user acts for on the date (today):
        assignments of any of the user's employee records, not cancelled, whose
        dates hold the day."""
        user = user or self.env.user
        date = date or fields.Date.context_today(self)
        key = ("user", user.id, date)
        cache = self._memo()
        if key not in cache:
            persons = self._person_of(user)
            cache[key] = (
                tuple(
                    self.sudo()
                    .with_context(active_test=False)
                    .search(
                        [("employee_id", "in", persons.ids), *self._running_on(date)]
                    )
                    .official_id.ids
                )
                if persons
                else ()
            )
        return self.env["hr.employee"].browse(cache[key])

    @api.model
    def _person_of(self, user):
        """Every employee record of the user (any company, archived too),
        read from the database: the person, whatever a form changed."""
        return (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search([("user_id", "=", user.id)])
        )

    @api.model
    def _get_acting_users(self, date=None):
        """{official id: user of the acting official} of the assignments
        running on the date (today), for the to-dos of the position."""
        date = date or fields.Date.context_today(self)
        key = ("officials", date)
        cache = self._memo()
        if key not in cache:
            running = self.sudo().search_fetch(
                self._running_on(date), ["official_id", "employee_id"]
            )
            cache[key] = {
                acting.official_id.id: acting.employee_id.user_id.id
                for acting in running
                if acting.employee_id.user_id
            }
        return {
            official: self.env["res.users"].browse(user_id)
            for official, user_id in cache[key].items()
        }

    @api.model
    def _running_on(self, date):
        return [
            ("state", "!=", "cancel"),
            ("date_from", "<=", date),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", date),
        ]

    def _covers(self, date):
        self.ensure_one()
        return (
            self.state != "cancel"
            and self.date_from <= date
            and (not self.date_to or self.date_to >= date)
        )

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("state", None)
        self._clear_memo()
        actings = super().create(vals_list)
        self._clear_memo()
        actings._sync_state()
        return actings

    def write(self, vals):
        if "state" in vals and not self.env.su:
            vals = {k: v for k, v in vals.items() if k != "state"}
        self._clear_memo()
        res = super().write(vals)
        self._clear_memo()
        if {"date_from", "date_to", "employee_id", "official_id"} & set(vals):
            self._sync_state()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        """An assignment that has run is the record of who signed in the
        position's name (the printed documents look it up): it is ended, not
        deleted."""
        ran = self.filtered(lambda a: a.state in ("running", "ended"))
        if ran:
            raise UserError(
                _(
                    "%(acting)s has already run: end it instead of deleting it.",
                    acting=ran[0].display_name,
                )
            )

    def unlink(self):
        officials = self.official_id
        self._clear_memo()
        res = super().unlink()
        self._clear_memo()
        self._pass_activities(officials)
        return res

    # ------------------------------------------------------------------
    # Start and end
    # ------------------------------------------------------------------
    def action_end(self):
        """HR ends the assignment today: yesterday was its last day (one that
        had not started yet, or started only today, is cancelled). The
        position's open to-dos go back to the official, or to the next acting
        official."""
        today = fields.Date.context_today(self)
        yesterday = today - ONE_DAY
        to_cancel = self.filtered(lambda a: a.date_from > yesterday)
        to_end = self - to_cancel
        self._clear_memo()
        if to_cancel:
            super(HrAsnActingAssignment, to_cancel).write({"state": "cancel"})
        for acting in to_end.filtered(
            lambda a: a.state != "cancel" and (not a.date_to or a.date_to > yesterday)
        ):
            super(HrAsnActingAssignment, acting).write({"date_to": yesterday})
        self._clear_memo()
        self._sync_state()
        return True

    def _sync_state(self):
        """Planned, running or ended from the dates; when a position's acting
        official changes, its open to-dos follow (one pass for all)."""
        today = fields.Date.context_today(self)
        changed = self.browse()
        by_state = {}
        for acting in self.filtered(lambda a: a.state != "cancel"):
            if acting.date_from > today:
                state = "planned"
            elif acting.date_to and acting.date_to < today:
                state = "ended"
            else:
                state = "running"
            if state != acting.state:
                by_state.setdefault(state, self.browse())
                by_state[state] |= acting
                changed |= acting
        for state, actings in by_state.items():
            super(HrAsnActingAssignment, actings.sudo()).write({"state": state})
        self._clear_memo()
        officials = (changed | self.filtered(lambda a: a.state == "cancel")).official_id
        self._pass_activities(officials)
        return changed

    @api.model
    def _pass_activities(self, officials):
        """The open to-dos of the SKPs (and their check-ins) whose appraiser is
        one of these officials, and of the keberatan they decide as the
        appraiser's superior, go to whoever acts in the position today: the
        acting official while an assignment runs, the official otherwise."""
        if not officials:
            return
        Appraisal = self.env["hr.asn.appraisal"].sudo()
        appraisals = Appraisal.search(
            [
                ("appraiser_id", "in", officials.ids),
                ("state", "in", ("draft", "submitted", "approved")),
            ]
        )
        appraisals._asn_pass_activities()
        checkins = (
            self.env["hr.asn.checkin"]
            .sudo()
            .search(
                [("appraisal_id", "in", appraisals.ids), ("state", "=", "submitted")]
            )
        )
        checkins._asn_pass_activities()
        objections = (
            self.env["hr.asn.objection"]
            .sudo()
            .search(
                [
                    ("appraisal_id.appraiser_parent_id", "in", officials.ids),
                    ("state", "=", "submitted"),
                ]
            )
        )
        objections._asn_pass_activities()

    @api.model
    def _cron_sync_acting(self):
        """Daily: assignments that start or end today change state, and the
        position's open to-dos follow (batched)."""
        today = fields.Date.context_today(self)
        due = self.search(
            [
                "|",
                "&",
                ("state", "=", "planned"),
                ("date_from", "<=", today),
                "&",
                ("state", "=", "running"),
                ("date_to", "<", today),
            ]
        )
        due._sync_state()
