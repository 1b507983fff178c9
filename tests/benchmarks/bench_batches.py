"""Benchmark: the jobs that grow with the headcount, as committed batches.

For N employees of one unit (the bench fixture), in a new open cycle whose
filing deadline is three days away:

1. generation of the cycle's SKPs by the scheduled action, batch by batch
   (``hr.asn.appraisal.cycle._cron_generate_appraisals``);
2. the daily reminders with every SKP due at once (``_cron_send_reminders``:
   one "deadline near" reminder per SKP).

Each call is one batch, as Odoo's cron runner makes it (``ir_cron_progress_id``
in the context, ``_notify_progress``); printed: batches, total time, the
longest batch (= the longest transaction under the runner, which commits after
each call) and the cost per employee. Here a savepoint stands in for each
commit and everything is rolled back at the end. For the cost curve the same
is run first for N = 1,000 and 10,000 (when below N), in the same database,
with the company's other employees left out (ASN_BENCH_CURVE=0: N only;
ASN_BENCH_CURVE=10000,20000: those sizes only).

    ./dev.sh bench -n 50000   (or: python bench_batches.py -c CONF -d DB -n N)
"""

import os
import time
from datetime import timedelta

import benchlib

from odoo import fields

# The cost curve: the smaller N are run too, in the same database, with the
# company's other employees left out (ASN_BENCH_CURVE=0: only N).
CURVE = (1000, 10000)


def run_batches(env, cron_xmlid, call):
    """Call the job as the cron runner does until nothing remains; return the
    durations of the calls and what each reported."""
    cron = env.ref(cron_xmlid)
    durations, reports = [], []
    while True:
        cron, progress = cron._add_progress()
        start = time.perf_counter()
        with env.cr.savepoint():
            call(progress.id)
            env.flush_all()
        durations.append(time.perf_counter() - start)
        reports.append((progress.done, progress.remaining))
        env.invalidate_all()
        if not progress.remaining:
            return durations, reports


def report(label, durations, reports, n):
    total = sum(durations)
    done = sum(done for done, _remaining in reports)
    benchlib.line(
        label,
        total,
        done,
        f"{len(durations)} batches, longest {max(durations):.2f} s, "
        f"{1000 * total / n:.2f} ms per employee, load {benchlib.load_average()}",
    )
    return total


def only_first(cr, company_id, size):
    """Leave only the company's first ``size`` employees as ASN (the others
    are made non-ASN in this transaction, rolled back at the end): the cost
    curve's smaller N run in the same database as the largest."""
    cr.execute(
        """
        UPDATE hr_employee SET asn_type = 'non_asn'
         WHERE company_id = %s AND asn_type = 'pns'
           AND id NOT IN (SELECT id FROM hr_employee
                           WHERE company_id = %s AND asn_type = 'pns'
                        ORDER BY id LIMIT %s)
        """,
        (company_id, company_id, size),
    )


def run_size(reg, company_id, size, n):
    """Generation then reminders for ``size`` employees, rolled back; returns
    the per-employee costs (ms) of both."""
    with reg.cursor() as cr:
        env = benchlib.env_for(cr, company_id)
        params = env["ir.config_parameter"]
        try:
            if size < n:
                only_first(cr, company_id, size)
            print(f"-- N = {size} (load {benchlib.load_average()})")
            today = fields.Date.context_today(env["hr.asn.appraisal"])
            # Only this run's cycle is open: the reminders go through its SKPs.
            # (Set aside in SQL, rolled back: the transition would refuse to
            # close a cycle with SKPs not validated, e.g. the recap's drafts.)
            cr.execute(
                "UPDATE hr_asn_appraisal_cycle SET state = 'closed' "
                "WHERE state = 'open'"
            )
            env.invalidate_all()
            cycle = env["hr.asn.appraisal.cycle"].create(
                {
                    "name": "Bench batches",
                    "date_start": today - timedelta(days=30),
                    "date_end": today + timedelta(days=300),
                    "filing_deadline": today + timedelta(days=3),
                    "company_id": company_id,
                    "user_id": env.ref("base.user_admin").id,
                }
            )
            cycle.action_open()
            params.set_param("hr_asn_appraisal.generation_sync_limit", 0)
            start = time.perf_counter()
            cycle.action_generate_appraisals()
            env.flush_all()
            queued = time.perf_counter() - start
            benchlib.line("1. generation queued (HR's request)", queued)
            Cycle = env["hr.asn.appraisal.cycle"]
            durations, reports = run_batches(
                env,
                "hr_asn_appraisal.ir_cron_hr_asn_generate_appraisals",
                lambda progress_id: Cycle.with_context(
                    ir_cron_progress_id=progress_id
                )._cron_generate_appraisals(),
            )
            generation = report(
                "1. generation (scheduled action)", durations, reports, size
            )
            made = env["hr.asn.appraisal"].search_count([("cycle_id", "=", cycle.id)])
            assert made == size, (made, size)
            Appraisal = env["hr.asn.appraisal"]
            durations, reports = run_batches(
                env,
                "hr_asn_appraisal.ir_cron_hr_asn_reminders",
                lambda progress_id: Appraisal.with_context(
                    ir_cron_progress_id=progress_id
                )._cron_send_reminders(),
            )
            reminders = report(
                "2. reminders, all due at once", durations, reports, size
            )
            sent = env["hr.asn.reminder.log"].search_count(
                [("res_model", "=", "hr.asn.appraisal"), ("date", "=", today)]
            )
            mails = env["mail.mail"].search_count(
                [
                    ("model", "=", "hr.asn.appraisal"),
                    ("res_id", "in", cycle.appraisal_ids.ids),
                ]
            )
            benchlib.line(
                "   reminders logged", extra=f"{sent} ({mails} e-mails queued)"
            )
            return 1000 * generation / size, 1000 * reminders / size
        finally:
            cr.rollback()


def main():
    args = benchlib.parse_args(__doc__.splitlines()[0])
    n = args.n
    reg = benchlib.registry(args)
    company_id, _unit_id, _head_id, _employee_ids = benchlib.fixture(reg, n)
    sizes = sorted({size for size in CURVE if size < n} | {n})
    if os.environ.get("ASN_BENCH_CURVE") == "0":
        sizes = [n]
    elif os.environ.get("ASN_BENCH_CURVE"):
        # e.g. ASN_BENCH_CURVE=10000: that size only, in the database of N
        sizes = [int(size) for size in os.environ["ASN_BENCH_CURVE"].split(",")]
        sizes = [size for size in sizes if 0 < size <= n]
    with reg.cursor() as cr:
        print(f"machine: {benchlib.machine(cr)}")
        print(f"N = {n} employees (each with a user; one unit, one appraiser)")
        params = benchlib.env_for(cr, company_id)["ir.config_parameter"]
        print(
            "batch sizes: generation "
            f"{params.get_param('hr_asn_appraisal.generation_batch_size', 2000)}, "
            f"reminders {params.get_param('hr_asn_appraisal.reminder_batch_size', 500)}"
        )
    curve = {size: run_size(reg, company_id, size, n) for size in sizes}
    print("cost curve (ms per employee): N, generation, reminders")
    for size, (generation, reminders) in curve.items():
        print(f"   {size:>7,}  {generation:8.2f}  {reminders:8.2f}")
    benchlib.line("peak memory", extra=f"{benchlib.peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
