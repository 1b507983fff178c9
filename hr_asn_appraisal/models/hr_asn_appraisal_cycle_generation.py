import psycopg2.errors

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, formatLang

GENERATION_CRON = "hr_asn_appraisal.ir_cron_hr_asn_generate_appraisals"
# Up to this many SKPs are generated in HR's own request (about 4 s per 1,000
# on a 2-core machine); more go to the scheduled action, in committed batches.
SYNC_LIMIT_PARAM = "hr_asn_appraisal.generation_sync_limit"
DEFAULT_SYNC_LIMIT = 5000
BATCH_SIZE_PARAM = "hr_asn_appraisal.generation_batch_size"
DEFAULT_BATCH_SIZE = 2000


class HrAsnAppraisalCycle(models.Model):
    """Generating the cycle's SKPs: in HR's request for an office, in the
    background, in committed batches with progress, for a province."""

    _inherit = "hr.asn.appraisal.cycle"

    generation_pending = fields.Boolean(
        string="Generation Running",
        readonly=True,
        copy=False,
        help="SKPs of this cycle are being generated in the background.",
    )
    generation_total = fields.Integer(readonly=True, copy=False)
    generation_done = fields.Integer(readonly=True, copy=False)
    generation_progress = fields.Char(compute="_compute_generation_progress")

    @api.depends("generation_pending", "generation_done", "generation_total")
    def _compute_generation_progress(self):
        for cycle in self:
            cycle.generation_progress = cycle.generation_pending and _(
                "%(done)s of %(total)s SKPs generated",
                done=formatLang(self.env, cycle.generation_done, digits=0),
                total=formatLang(self.env, cycle.generation_total, digits=0),
            )

    def _get_server_owned_fields(self):
        return super()._get_server_owned_fields() | {
            "generation_pending",
            "generation_total",
            "generation_done",
            "missing_appraiser_employee_ids",
        }

    # ------------------------------------------------------------------
    # Who gets an SKP
    # ------------------------------------------------------------------
    def _get_generation_domain(self):
        """Active ASN employees of the cycle's company (and units, when
        limited) who have no SKP in it yet (one already covers part of the
        cycle: the position-change flow makes the others), who joined before
        the cycle's end and had not left before its start."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("asn_type", "in", ("pns", "pppk")),
            ("asn_appraisal_ids", "not any", [("cycle_id", "=", self.id)]),
            "|",
            ("asn_date_joined", "=", False),
            ("asn_date_joined", "<=", self.date_end),
            "|",
            ("asn_date_left", "=", False),
            ("asn_date_left", ">=", self.date_start),
        ]
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        return domain

    def _prepare_appraisal_vals(self, employee, behavior_values):
        joined, left = employee.asn_date_joined, employee.asn_date_left
        return {
            "cycle_id": self.id,
            "employee_id": employee.id,
            # A new joiner's SKP starts on their start date (a CPNS: the TMT).
            "date_start": max(self.date_start, joined or self.date_start),
            "date_end": min(self.date_end, left or self.date_end),
            "appraiser_id": employee.asn_appraiser_id.id,
            "appraiser_parent_id": employee.asn_appraiser_parent_id.id,
            "behavior_ids": [
                Command.create({"value_id": value.id}) for value in behavior_values
            ],
        }

    def _lock_generation(self):
        """Two generations of one cycle never run at once: the second one is
        told so instead of waiting (or inserting twice)."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM hr_asn_appraisal_cycle WHERE id IN %s "
                        "FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    ),
                    log_exceptions=False,
                )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                _("SKPs of this cycle are being generated right now. Try again later.")
            ) from error

    def _generate_batch(self, limit=None):
        """Create the next SKPs (at most ``limit``, in employee order) of one
        cycle; return ``(created, remaining)``."""
        self.ensure_one()
        Employee = self.env["hr.employee"].sudo()
        domain = [
            *self._get_generation_domain(),
            ("asn_appraiser_id", "!=", False),
        ]
        employees = Employee.search(domain, order="id", limit=limit)
        behavior_values = self.env["hr.asn.behavior.value"].sudo().search([])
        created = (
            self.env["hr.asn.appraisal"]
            .sudo()
            .create(
                [self._prepare_appraisal_vals(e, behavior_values) for e in employees]
            )
        )
        remaining = Employee.search_count(domain) if limit else 0
        return created, remaining

    def _finish_generation(self, count):
        """Record the outcome of a whole generation on the cycle."""
        self.ensure_one()
        no_appraiser = (
            self.env["hr.employee"]
            .sudo()
            .search([*self._get_generation_domain(), ("asn_appraiser_id", "=", False)])
        )
        self.sudo().write(
            {
                "missing_appraiser_employee_ids": [Command.set(no_appraiser.ids)],
                "generation_pending": False,
            }
        )
        body = _("SKPs generated: %(count)s.", count=count)
        if no_appraiser:
            body += " " + _(
                "Employees without an appraiser, who got no SKP (%(count)s): %(names)s",
                count=len(no_appraiser),
                names=", ".join(no_appraiser[:200].mapped("name")),
            )
        self.message_post(body=body)
        return no_appraiser

    # ------------------------------------------------------------------
    # HR's button
    # ------------------------------------------------------------------
    def action_generate_appraisals(self):
        """Create one draft SKP for each ASN employee who has none in this cycle.

        Idempotent. An office's SKPs are made in this request; beyond
        ``hr_asn_appraisal.generation_sync_limit`` (a province: 50,000 would
        take minutes, past the request time limit) the scheduled action makes
        them in committed batches and the cycle shows how far it got.
        """
        self._check_hr_officer()
        self._check_state(
            {"open"},
            _("SKPs can only be generated in an open cycle; %(cycle)s is %(state)s."),
        )
        for cycle in self:
            if cycle.generation_pending:
                raise UserError(
                    _(
                        "SKPs of %(cycle)s are being generated in the background "
                        "(%(progress)s). Wait until it has finished.",
                        cycle=cycle.name,
                        progress=cycle.generation_progress,
                    )
                )
        self._lock_generation()
        sync_limit = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(SYNC_LIMIT_PARAM, DEFAULT_SYNC_LIMIT)
        )
        Employee = self.env["hr.employee"].sudo()
        created_count = 0
        missing = self.env["hr.employee"]
        queued = self.browse()
        for cycle in self:
            total = Employee.search_count(
                [*cycle._get_generation_domain(), ("asn_appraiser_id", "!=", False)]
            )
            if total > sync_limit:
                cycle.sudo().write(
                    {
                        "generation_pending": True,
                        "generation_total": total,
                        "generation_done": 0,
                    }
                )
                cycle.message_post(
                    body=_(
                        "Generation of %(count)s SKPs started in the background.",
                        count=total,
                    )
                )
                queued |= cycle
                continue
            created, _remaining = cycle._generate_batch()
            created_count += len(created)
            missing |= cycle._finish_generation(len(created))
        if queued:
            self.env.ref(GENERATION_CRON)._trigger()
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "sticky": False,
                    "message": _(
                        "The SKPs are being generated in the background; the "
                        "cycle shows the progress."
                    ),
                    "next": {"type": "ir.actions.client", "tag": "soft_reload"},
                },
            }
        if missing:
            return {
                "type": "ir.actions.act_window",
                "name": _("Employees Without Appraiser"),
                "res_model": "hr.employee",
                "view_mode": "list,form",
                "domain": [("id", "in", missing.ids)],
                "target": "current",
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("SKPs generated: %(count)s.", count=created_count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------------
    # The scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_generate_appraisals(self):
        """One batch of a queued generation per call (Odoo's batch protocol for
        scheduled actions: the runner commits after each call and calls again
        while work remains). A batch that fails is rolled back whole and done
        again by the next call; an SKP is never created twice (the
        generation domain, the no-overlap exclusion constraint and the row
        lock stand behind that)."""
        cycles = self.sudo().search([("generation_pending", "=", True)], order="id")
        if not cycles:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        cycle = cycles[0]
        cycle._lock_generation()
        batch_size = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(BATCH_SIZE_PARAM, DEFAULT_BATCH_SIZE)
        )
        created, remaining = cycle._generate_batch(max(batch_size, 1))
        cycle.write({"generation_done": cycle.generation_done + len(created)})
        if not remaining:
            cycle._finish_generation(cycle.generation_done)
        others = sum(
            other.generation_total - other.generation_done for other in cycles[1:]
        )
        remaining += others
        self.env["ir.cron"]._notify_progress(done=len(created), remaining=remaining)
        if remaining:
            self.env.ref(GENERATION_CRON)._trigger()
