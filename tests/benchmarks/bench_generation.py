"""Benchmark: a cycle's SKPs generated, then the workflow in bulk, against OCA.

Figures 1, 2 and 5 of the scale issue, for the same N employees in one run:

1. generation of the cycle's SKPs (seven behaviour lines and a to-do each);
   then a position change on 1 July (rotasi) recorded for a share of the
   employees (``--moved``, default 10 %), each getting a second SKP for the
   rest of the cycle (docs/year.md);
2. the workflow in bulk: submit, approve, rate, then HR's validation of the
   unit (``hr.asn.unit.rating.action_validate_unit``);
5. OCA's hr_appraisal_oca 18.0 in the same database: one appraisal created and
   confirmed per employee; ratio of the per-employee times ours/OCA.

Everything measured runs as the superuser in one transaction, rolled back.

    ./dev.sh bench -n 10000   (or: python bench_generation.py -c CONF -d DB -n N)
"""

import sys
import time

import benchlib


def timed(env, call):
    start = time.perf_counter()
    result = call()
    env.flush_all()
    seconds = time.perf_counter() - start
    # Progress on a busy machine: each step as soon as it is measured.
    print(f"   ({getattr(call, '__name__', 'step')}: {seconds:.2f} s)", flush=True)
    return seconds, result


def ours(env, unit_id, n, moved_share=0.0):
    figures = {}
    cycle = env["hr.asn.appraisal.cycle"].create(
        {
            "name": "Bench 2026",
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "company_id": env.company.id,
            "user_id": env.ref("base.user_admin").id,
            # The workflow is timed without filling the annual check-in.
            "require_annual_evaluation": False,
        }
    )
    cycle.action_open()
    # HR's request itself (bench_batches.py times the background batches).
    env["ir.config_parameter"].set_param("hr_asn_appraisal.generation_sync_limit", n)
    env.flush_all()
    figures["generate"], _action = timed(env, cycle.action_generate_appraisals)
    skps = env["hr.asn.appraisal"].search([("cycle_id", "=", cycle.id)])
    assert len(skps) == n, (len(skps), n)
    assert len(skps.behavior_ids) == 7 * n
    todos = env["mail.activity"].search_count(
        [("res_model", "=", "hr.asn.appraisal"), ("res_id", "in", skps.ids)]
    )
    assert todos == n, (todos, n)
    env.flush_all()
    figures["move"], moved = timed(
        env, lambda: benchlib.record_moves(env, skps, moved_share, "2026-07-01")
    )
    figures["moved"] = moved
    skps = env["hr.asn.appraisal"].search([("cycle_id", "=", cycle.id)])
    assert len(skps) == n + moved, (len(skps), n, moved)
    figures["skps"] = len(skps)

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
            for skp in skps
        ]
    )
    env.flush_all()
    env.invalidate_all()
    skps = env["hr.asn.appraisal"].search([("cycle_id", "=", cycle.id)])
    figures["submit"], _r = timed(env, skps.action_submit)
    figures["approve"], _r = timed(env, skps.action_approve)

    def rate():
        skps.write({"work_rating": "as_expected", "behavior_rating": "as_expected"})
        skps.action_rate()

    figures["rate"], _r = timed(env, rate)
    unit_rating = env["hr.asn.unit.rating"].create(
        {"cycle_id": cycle.id, "department_id": unit_id, "org_rating": "baik"}
    )
    env.flush_all()
    env.invalidate_all()
    figures["validate"], _r = timed(
        env,
        lambda: unit_rating.action_validate_unit(
            override_reason="Benchmark: every SKP rated as expected."
        ),
    )
    assert set(skps.mapped("state")) == {"done"}
    return figures


def oca(env, employee_ids):
    """OCA's appraisal: one per employee, created in one call, then confirmed
    one by one (its action_confirm handles one appraisal at a time)."""
    figures = {}
    Appraisal = env["hr.appraisal"]
    figures["create"], appraisals = timed(
        env,
        lambda: Appraisal.create(
            [
                {"employee_id": employee_id, "date_close": "2026-12-31"}
                for employee_id in employee_ids
            ]
        ),
    )

    def confirm():
        for appraisal in appraisals:
            appraisal.action_confirm()

    env.invalidate_all()
    appraisals = Appraisal.browse(appraisals.ids)
    figures["confirm"], _r = timed(env, confirm)
    assert set(appraisals.mapped("state")) == {"2_pending"}
    return figures


def main():
    args = benchlib.parse_args(__doc__.splitlines()[0])
    n = args.n
    reg = benchlib.registry(args)
    company_id, unit_id, _head_id, employee_ids = benchlib.fixture(reg, n)
    with reg.cursor() as cr:
        print(f"machine: {benchlib.machine(cr)}")
        print(f"N = {n} employees (each with a user; one unit, one appraiser)")
        env = benchlib.env_for(cr, company_id)
        has_oca = "hr.appraisal" in env
        try:
            mine = ours(env, unit_id, n, args.moved)
            print_ours(mine, n)
            theirs = oca(env, employee_ids) if has_oca else None
        finally:
            cr.rollback()
    print_oca(mine, theirs, n)


def print_ours(mine, n):
    """Figures 1 and 2, printed before OCA's run (the longest part)."""
    print("1. cycle generation (SKP + 7 behaviour lines + to-do each)", flush=True)
    benchlib.line("generate", mine["generate"], n, "(target: N=10000 < 60 s)")
    moved, skps = mine["moved"], mine["skps"]
    if moved:
        benchlib.line(
            f"position changes ({moved} employees, {moved / n:.0%})",
            mine["move"],
            moved,
            "(one HR wizard each; not part of generation)",
        )
    print(f"2. workflow in bulk ({skps} SKPs: {moved} employees with two)")
    for label in ("submit", "approve", "rate"):
        benchlib.line(label, mine[label], skps)
    benchlib.line(
        "validate (HR, one unit)", mine["validate"], skps, "(target >= 400 SKP/s)"
    )
    sys.stdout.flush()


def print_oca(mine, theirs, n):
    print("5. against OCA hr_appraisal_oca (same employees, same run)")
    if theirs is None:
        print("   hr_appraisal_oca is not installed in this database: skipped")
    else:
        per = 1000 / n  # milliseconds per employee
        first_step = mine["submit"] + mine["approve"]
        rows = [
            ("creation", mine["generate"], theirs["create"]),
            ("first approval: submit+approve / confirm", first_step, theirs["confirm"]),
            ("approve alone / confirm", mine["approve"], theirs["confirm"]),
        ]
        for label, us, them in rows:
            benchlib.line(
                label,
                extra=f"ours {us * per:6.2f} ms, OCA {them * per:6.2f} ms per "
                f"employee, ratio ours/OCA {us / them:5.2f} (target <= 1.0)",
            )
    benchlib.line("peak memory", extra=f"{benchlib.peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
