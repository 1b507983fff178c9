"""Benchmark: HR's bulk actions of a province: validating a unit of 5,000, SIASN.

In the database of the run of N (the bench fixture, N >= 5,000), in a
transaction rolled back at the end:

1. a new cycle with SKPs for the first 5,000 employees (``UNIT`` below), taken
   through the workflow (RHK, submit, approve, rate) in steps of 1,000 — set
   up, not measured;
2. HR's validation of the unit: ``hr.asn.unit.rating.action_validate_unit``
   on its 5,000 rated SKPs, in one request (one transaction), timed;
3. the SIASN payload preparation of those 5,000 validated SKPs: the export's
   ``_prepare_rows`` (``_get_siasn_payload`` per SKP with the code table read
   once) and the files it writes, timed.

Each figure is one transaction: the number of batches is 1 and the longest
transaction is the figure itself; the load average is printed next to it.

    ASN_BENCH_ONLY=province ./dev.sh bench -n 50000
"""

import time

import benchlib

UNIT = 5000
STEP = 1000


def rated_cycle(env, unit_id, size):
    """A cycle whose first ``size`` SKPs (in employee order) are rated."""
    cycle = env["hr.asn.appraisal.cycle"].create(
        {
            "name": "Bench province",
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "company_id": env.company.id,
            "user_id": env.ref("base.user_admin").id,
            "require_annual_evaluation": False,
        }
    )
    cycle.action_open()
    skps = cycle._generate_batch(size)[0]
    for first in range(0, size, STEP):
        step = skps[first : first + STEP]
        env["hr.asn.appraisal.rhk"].create(
            [
                {
                    "appraisal_id": skp.id,
                    "name": "RHK",
                    "parent_rhk_text": "RHK atasan",
                    "iki_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "IKI",
                                "aspect": "kuantitas",
                                "target_value": 1,
                                "target_unit": "Dokumen",
                            },
                        )
                    ],
                }
                for skp in step
            ]
        )
        step.action_submit()
        step.action_approve()
        step.write({"work_rating": "as_expected", "behavior_rating": "as_expected"})
        step.action_rate()
        env.flush_all()
        env.invalidate_all()
        print(f"setup: {first + len(step)}/{size} SKPs rated", flush=True)
    unit_rating = env["hr.asn.unit.rating"].create(
        {"cycle_id": cycle.id, "department_id": unit_id, "org_rating": "baik"}
    )
    return cycle, unit_rating


def timed(env, label, call, count):
    env.flush_all()
    env.invalidate_all()
    start = time.perf_counter()
    result = call()
    env.flush_all()
    seconds = time.perf_counter() - start
    benchlib.line(
        label,
        seconds,
        count,
        f"1 transaction, load {benchlib.load_average()}",
    )
    return result


def main():
    args = benchlib.parse_args(__doc__.splitlines()[0])
    reg = benchlib.registry(args)
    size = min(UNIT, args.n)
    company_id, unit_id, _head_id, _employee_ids = benchlib.fixture(reg, args.n)
    with reg.cursor() as cr:
        print(f"machine: {benchlib.machine(cr)}")
        env = benchlib.env_for(cr, company_id)
        try:
            start = time.perf_counter()
            cycle, unit_rating = rated_cycle(env, unit_id, size)
            print(f"setup: {size} rated SKPs in {time.perf_counter() - start:.0f} s")
            print(f"N = {args.n} employees; a unit of {size} rated SKPs")
            timed(
                env,
                f"1. unit validation of {size} SKPs",
                lambda: unit_rating.action_validate_unit(
                    override_reason="Benchmark: every SKP rated as expected."
                ),
                size,
            )
            skps = env["hr.asn.appraisal"].search([("cycle_id", "=", cycle.id)])
            assert set(skps.mapped("state")) == {"done"}, set(skps.mapped("state"))
            # Every employee gets a SIASN ID, as HR keeps them (rolled back).
            cr.execute(
                "UPDATE hr_employee SET asn_siasn_id = 'BENCH-' || id "
                "WHERE id = ANY(%s)",
                [skps.employee_id.ids],
            )
            env.invalidate_all()
            Wizard = env["hr.asn.siasn.export.wizard"]

            def prepare():
                exported, rows, skipped = Wizard._prepare_rows(skps)
                content = Wizard._jsonl_content(rows) + Wizard._csv_content(rows)
                return exported, rows, skipped, content

            exported, rows, skipped, content = timed(
                env, f"2. SIASN payloads of {size} SKPs", prepare, size
            )
            benchlib.line(
                "   exported / not exported",
                extra=f"{len(rows)} / {len(skipped)} "
                f"({len(content) / 1e6:.1f} MB of JSON lines and CSV)"
                + (f"; first reason: {skipped[0][1]}" if skipped else ""),
            )
        finally:
            cr.rollback()
    benchlib.line("peak memory", extra=f"{benchlib.peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
