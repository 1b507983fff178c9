from odoo import api, fields, models
from odoo.tools import SQL

DONE_PHASE = "done"


class HrAsnJobCursor(models.Model):
    """Where a daily batch job stands: its day, its phase, the last record done.

    A scheduled action that grows with the headcount (the reminders of 50,000
    SKPs) cannot run in one transaction: Odoo stops a cron at its time limit and
    rolls everything back. It runs instead as Odoo's batch protocol for
    scheduled actions expects: each call does one batch, moves the cursor,
    reports ``_notify_progress(done, remaining)``, and the cron runner commits
    before the next call. The cursor moves in the same transaction as the
    batch's work, so a worker killed in the middle of a batch leaves the cursor
    before that batch: the next run does it again, and nothing it did was kept.
    """

    _name = "hr.asn.job.cursor"
    _description = "ASN Batch Job Cursor"
    _log_access = False

    name = fields.Char(string="Job", required=True, readonly=True)
    day = fields.Date(required=True, readonly=True)
    phase = fields.Char(required=True, readonly=True)
    last_id = fields.Integer(string="Last Record Done", readonly=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "A batch job has one cursor."),
    ]

    @api.model
    def _take(self, job, day, first_phase):
        """The job's cursor for ``day``, locked for this transaction (a new day
        starts from the first phase)."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "INSERT INTO hr_asn_job_cursor (name, day, phase, last_id) "
                "VALUES (%s, %s, %s, 0) ON CONFLICT (name) DO NOTHING",
                job,
                day,
                first_phase,
            )
        )
        cr.execute(
            SQL("SELECT id FROM hr_asn_job_cursor WHERE name = %s FOR UPDATE", job)
        )
        cursor = self.browse(cr.fetchone()[0])
        cursor.invalidate_recordset()
        if cursor.day != day:
            cursor._move(day=day, phase=first_phase, last_id=0)
        return cursor

    def _move(self, **values):
        # readonly fields: written by the job itself, as superuser
        self.sudo().write(values)

    @api.model
    def _run_batch(self, cron, phases, batch_size, day):
        """Do the next batch of the scheduled action ``cron`` and report the
        progress.

        ``phases``: ordered ``[(phase, records, handler)]`` where ``records``
        is ``(model, domain)`` of what the phase goes through, in id order,
        and ``handler(records)`` does the work and returns a count. Returns
        ``(handled, result)``: how many records the batch took and the sum of
        what the handlers returned.
        """
        names = [name for name, _records, _handler in phases]
        cursor = self._take(f"ir.cron,{cron.id}", day, names[0])
        position = names.index(cursor.phase) if cursor.phase in names else len(names)
        handled, result = 0, 0
        while position < len(phases):
            _name, (Model, domain), handler = phases[position]
            records = Model.search(
                [*domain, ("id", ">", cursor.last_id)], order="id", limit=batch_size
            )
            if records:
                result = handler(records)
                handled = len(records)
                cursor._move(last_id=records[-1].id)
                break
            position += 1
            cursor._move(
                phase=names[position] if position < len(names) else DONE_PHASE,
                last_id=0,
            )
        remaining = 0
        for index in range(position, len(phases)):
            _name, (Model, domain), _handler = phases[index]
            if index == position:
                domain = [*domain, ("id", ">", cursor.last_id)]
            remaining += Model.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=handled, remaining=remaining)
        if remaining:
            # Run by hand ("Run Manually" does one call), the runner picks the
            # rest up as soon as it can instead of at the next day's call.
            cron._trigger()
        return handled, result
