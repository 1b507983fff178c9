import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..rules import year_result as year_rules
from .hr_asn_appraisal import PREDIKATS

# Set only in the context of the position-change flow (hr.asn.assignment),
# which is the one place that moves an existing SKP's period.
PERIOD_CHANGE_KEY = "asn_skp_period_change"
EXCLUSION_NAME = "employee_period_no_overlap"
EXCLUSION = (
    "EXCLUDE USING gist (employee_id WITH =, "
    "daterange(date_start, date_end, '[]') WITH &&) WHERE (state <> 'cancel')"
)
YEAR_RESULT_METHODS = [
    (year_rules.LAST, "The Last SKP's Predikat"),
    (year_rules.WEIGHTED, "Weighted by Months"),
    (year_rules.LONGEST, "The Longest SKP's Predikat"),
]


class HrAsnAppraisal(models.Model):
    """The SKP's period: one SKP per position held.

    An employee may hold several SKPs in one cycle (a transfer, promotion or
    rotation during the year ends the running SKP and starts a new one, see
    hr.asn.assignment); their periods never overlap, which PostgreSQL itself
    enforces with an exclusion constraint (btree_gist), cancelled SKPs apart.
    Sources and the rules that could not be confirmed: docs/year.md.
    """

    _inherit = "hr.asn.appraisal"
    _deadline_field = "filing_deadline"

    date_start = fields.Date(
        string="Period Start",
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        copy=False,
        tracking=True,
        help="First day of this SKP: the cycle's start, or the day the employee "
        "took up the position (a transfer, promotion or new appointment).",
    )
    date_end = fields.Date(
        string="Period End",
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        copy=False,
        tracking=True,
        help="Last day of this SKP: the cycle's end, or the day before the "
        "employee left the position.",
    )
    filing_deadline = fields.Date(
        compute="_compute_filing_deadline",
        store=True,
        help="The cycle's filing deadline; for an SKP that starts later in the "
        "cycle (a transfer, a new joiner), as many days after its own start as "
        "the cycle's deadline is after the cycle's start.",
    )
    period_months = fields.Integer(
        string="Months",
        compute="_compute_period_months",
        help="Calendar months of this SKP's period: the months whose first day "
        "lies in it, as for the credit points.",
    )
    is_partial_period = fields.Boolean(
        string="Part of the Year",
        compute="_compute_period_months",
        help="This SKP covers only part of the cycle.",
    )
    is_last_in_cycle = fields.Boolean(
        string="Current SKP of the Year",
        default=True,
        readonly=True,
        copy=False,
        index=True,
        help="The employee's last (not cancelled) SKP of the cycle: the one that "
        "counts in its unit's distribution.",
    )
    year_predikat = fields.Selection(
        PREDIKATS,
        string="Year's Predikat",
        compute="_compute_year_predikat",
        help="The employee's predikat for the whole cycle, from all their SKPs "
        "of it (the cycle's Year's Result method), once every one of them is "
        "validated.",
    )
    assignment_ids = fields.One2many(
        "hr.asn.assignment",
        "new_appraisal_id",
        string="Started By",
        readonly=True,
    )

    _sql_constraints = [
        (
            EXCLUSION_NAME,
            EXCLUSION,
            "The periods of an employee's SKPs must not overlap.",
        ),
    ]

    # ------------------------------------------------------------------
    # Schema: the exclusion constraint needs btree_gist
    # ------------------------------------------------------------------
    def _auto_init(self):
        self._create_btree_gist()
        return super()._auto_init()

    def _create_btree_gist(self):
        """``CREATE EXTENSION btree_gist`` (the exclusion constraint compares
        the employee with ``=`` in a GiST index). Needs a database user allowed
        to create it (a superuser, or the extension already created by the
        database administrator)."""
        cr = self.env.cr
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'")
        if cr.fetchone():
            return
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        except psycopg2.Error as error:
            raise UserError(
                _(
                    "The PostgreSQL extension btree_gist is needed and the database "
                    "user may not create it. Ask the database administrator to run "
                    "CREATE EXTENSION btree_gist; in this database."
                )
            ) from error

    def init(self):
        """Existing SKPs (made before periods existed) get their cycle's dates,
        before the exclusion constraint is added; the old one-SKP-per-cycle
        constraint goes."""
        res = super().init()
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE hr_asn_appraisal "
            "DROP CONSTRAINT IF EXISTS hr_asn_appraisal_employee_cycle_unique"
        )
        cr.execute(
            """
            UPDATE hr_asn_appraisal a
               SET date_start = COALESCE(a.date_start, c.date_start),
                   date_end = COALESCE(a.date_end, c.date_end)
              FROM hr_asn_appraisal_cycle c
             WHERE c.id = a.cycle_id
               AND (a.date_start IS NULL OR a.date_end IS NULL)
            """
        )
        return res

    # ------------------------------------------------------------------
    # Computes and checks
    # ------------------------------------------------------------------
    @api.depends("cycle_id")
    def _compute_period(self):
        for appraisal in self:
            appraisal.date_start = appraisal.cycle_id.date_start
            appraisal.date_end = appraisal.cycle_id.date_end

    @api.depends(
        "date_start", "date_end", "cycle_id.date_start", "cycle_id.filing_deadline"
    )
    def _compute_filing_deadline(self):
        for appraisal in self:
            cycle = appraisal.cycle_id
            deadline = cycle.filing_deadline
            start = appraisal.date_start
            if deadline and start and cycle.date_start and start > cycle.date_start:
                deadline = min(
                    start + (deadline - cycle.date_start),
                    appraisal.date_end or cycle.date_end,
                )
            appraisal.filing_deadline = deadline

    @api.depends("date_start", "date_end", "cycle_id.date_start", "cycle_id.date_end")
    def _compute_period_months(self):
        for appraisal in self:
            appraisal.period_months = year_rules.months_in_period(
                appraisal.date_start, appraisal.date_end
            )
            cycle = appraisal.cycle_id
            appraisal.is_partial_period = bool(
                cycle
                and appraisal.date_start
                and (
                    appraisal.date_start > cycle.date_start
                    or appraisal.date_end < cycle.date_end
                )
            )

    @api.depends("state", "employee_id", "cycle_id")
    def _compute_year_predikat(self):
        saved = self.filtered("id")
        results = self._get_year_results(saved.employee_id.ids, saved.cycle_id.ids)
        for appraisal in self:
            appraisal.year_predikat = results.get(
                (appraisal.employee_id.id, appraisal.cycle_id.id), False
            )

    @api.constrains("date_start", "date_end", "cycle_id")
    def _check_period(self):
        for appraisal in self:
            cycle = appraisal.cycle_id
            if appraisal.date_start > appraisal.date_end:
                raise ValidationError(
                    _(
                        "%(skp)s ends before it starts.",
                        skp=appraisal.display_name,
                    )
                )
            if (
                appraisal.date_start < cycle.date_start
                or appraisal.date_end > cycle.date_end
            ):
                raise ValidationError(
                    _(
                        "The period of %(skp)s must lie within its cycle %(cycle)s.",
                        skp=appraisal.display_name,
                        cycle=cycle.name,
                    )
                )

    def _get_server_owned_fields(self):
        return super()._get_server_owned_fields() | {"is_last_in_cycle"}

    def _check_write(self, vals):
        """The period is set at creation; afterwards only the position-change
        flow moves it (with the rest of the change, in one transaction)."""
        if (
            {"date_start", "date_end"} & set(vals)
            and not self.env.context.get(PERIOD_CHANGE_KEY)
            and not self.env.su
        ):
            raise UserError(
                _(
                    "The period of an SKP is set when it is created; to end it or "
                    "start a new one, record a position change on the employee."
                )
            )
        return super()._check_write(vals)

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(
            "hr_asn_appraisal.group_hr_asn_officer"
        ):
            # An employee drafting their own SKP gets the cycle's period.
            for vals in vals_list:
                vals.pop("date_start", None)
                vals.pop("date_end", None)
        # A period moved earlier in the transaction (an SKP ended) reaches
        # the database before the new SKP's row, which the exclusion
        # constraint checks against it.
        self.flush_model(["date_start", "date_end", "state"])
        appraisals = super().create(vals_list)
        if any(vals.get("date_start") or vals.get("date_end") for vals in vals_list):
            appraisals._update_last_in_cycle()
        return appraisals

    def _on_enter_cancel(self, from_state):
        res = super()._on_enter_cancel(from_state)
        self._update_last_in_cycle()
        return res

    def _on_enter_draft(self, from_state):
        res = super()._on_enter_draft(from_state)
        if from_state == "cancel":
            self._update_last_in_cycle()
        return res

    def _update_last_in_cycle(self):
        """Mark, for the employees and cycles of these SKPs, which SKP is the
        last one (not cancelled) of the cycle: one query for the batch."""
        if not self:
            return
        self.flush_model(["employee_id", "cycle_id", "date_end", "state"])
        self.env.cr.execute(
            SQL(
                """
                WITH pairs AS (
                    SELECT DISTINCT employee_id, cycle_id
                      FROM hr_asn_appraisal WHERE id IN %(ids)s
                ), last AS (
                    SELECT DISTINCT ON (a.employee_id, a.cycle_id) a.id
                      FROM hr_asn_appraisal a
                      JOIN pairs p ON p.employee_id = a.employee_id
                                  AND p.cycle_id = a.cycle_id
                     WHERE a.state <> 'cancel'
                  ORDER BY a.employee_id, a.cycle_id, a.date_end DESC, a.id DESC
                )
                UPDATE hr_asn_appraisal a
                   SET is_last_in_cycle = (a.id IN (SELECT id FROM last))
                  FROM pairs p
                 WHERE p.employee_id = a.employee_id AND p.cycle_id = a.cycle_id
                   AND a.is_last_in_cycle IS DISTINCT FROM
                       (a.id IN (SELECT id FROM last))
                """,
                ids=tuple(self.ids),
            )
        )
        self.invalidate_model(["is_last_in_cycle"])

    # ------------------------------------------------------------------
    # The year's result
    # ------------------------------------------------------------------
    @api.model
    def _get_year_results(self, employee_ids, cycle_ids=None):
        """{(employee id, cycle id): predikat} of the employees' years, from
        their SKPs of each cycle (cancelled ones apart) with the cycle's
        method (rules/year_result.py). Final only: a year is decided once
        every SKP of it is validated, and it uses the decided predikat; an
        undecided year maps to False. One query for the batch."""
        domain = [("employee_id", "in", list(employee_ids)), ("state", "!=", "cancel")]
        if cycle_ids is not None:
            domain.append(("cycle_id", "in", list(cycle_ids)))
        appraisals = self.sudo().search_fetch(
            domain,
            ["employee_id", "cycle_id", "state", "date_start", "date_end"]
            + ["decided_predikat"],
        )
        by_year = {}
        for appraisal in appraisals:
            by_year.setdefault(
                (appraisal.employee_id.id, appraisal.cycle_id.id), []
            ).append(
                year_rules.SkpResult(
                    appraisal.date_start,
                    appraisal.date_end,
                    appraisal.state == "done" and appraisal.decided_predikat or None,
                )
            )
        cycles = (
            self.env["hr.asn.appraisal.cycle"]
            .sudo()
            .browse({cycle_id for _employee_id, cycle_id in by_year})
        )
        methods = {
            cycle.id: cycle.year_result_method or year_rules.DEFAULT_METHOD
            for cycle in cycles
        }
        return {
            key: year_rules.year_predikat(skps, methods[key[1]]) or False
            for key, skps in by_year.items()
        }
