"""Benchmark: the Excel recap of a cycle of N validated SKPs (figure 3).

The cycle "Bench Recap 2025" of the run's employees is built once through the
workflow and kept in the benchmark database (like the employees). The recap is
then rendered by a fresh Python process, as an HR officer, which reports its
wall time and the peak resident memory of the whole process (ru_maxrss: Odoo's
registry included), next to its peak before the recap started.

    ./dev.sh bench -n 10000   (or: python bench_recap.py -c CONF -d DB -n N)
"""

import json
import os
import subprocess
import sys
import time

import benchlib

CYCLE_NAME = "Bench Recap 2025"
# ASN_BENCH_RECAP_DRAFTS=1: a cycle of N generated (draft) SKPs instead, made
# in minutes where taking a province through the workflow takes an hour; the
# recap then has every row, with the decided columns blank.
DRAFTS_NAME = "Bench Recap 2025 (drafts)"
# With position changes (--moved): another year, so that a database built
# before keeps its cycle (an employee's SKPs never overlap in time).
MOVED_CYCLE_NAME = "Bench Recap 2024 (moves)"
OFFICER = "hr_asn_appraisal.group_hr_asn_officer"


# SKPs taken through the workflow per committed step while building the cycle:
# memory and transactions stay bounded at a province's size, and a build
# that stops half-way resumes where it was.
BUILD_CHUNK = 2000
RATINGS = ["above", "as_expected", "as_expected", "as_expected", "below"]


def _rhk_vals(skp):
    return {
        "appraisal_id": skp.id,
        "name": f"RHK of {skp.employee_id.name}",
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


def ensure_draft_cycle(reg, company_id, n):
    """The committed cycle of N draft SKPs; generated on the first run, in
    committed batches."""
    with reg.cursor() as cr:
        env = benchlib.env_for(cr, company_id)
        admin = env.ref("base.user_admin")
        if not admin.has_group(OFFICER):
            admin.groups_id = [(4, env.ref(OFFICER).id)]
        Cycle = env["hr.asn.appraisal.cycle"]
        cycle = Cycle.search(
            [("name", "=", DRAFTS_NAME), ("company_id", "=", company_id)], limit=1
        )
        if not cycle:
            cycle = Cycle.create(
                {
                    "name": DRAFTS_NAME,
                    "date_start": "2025-01-01",
                    "date_end": "2025-12-31",
                    "company_id": company_id,
                    "user_id": admin.id,
                }
            )
            cycle.action_open()
            cr.commit()
        start = time.perf_counter()
        while True:
            created, remaining = cycle._generate_batch(BUILD_CHUNK)
            cr.commit()
            env.invalidate_all()
            if created:
                print(
                    f"setup: {n - remaining}/{n} draft SKPs "
                    f"({time.perf_counter() - start:.0f} s)",
                    flush=True,
                )
            if not created or not remaining:
                break
        return cycle.id


def ensure_cycle(reg, company_id, unit_id, n, moved_share=0.0):
    """The committed cycle of N validated SKPs; built on the first run, in
    committed steps of BUILD_CHUNK SKPs through the workflow (generate, RHK,
    submit, approve, rate, HR's unit validation). With moved_share, the cycle
    where that share of the employees moved on 1 July (two SKPs each)."""
    if moved_share:
        return ensure_moved_cycle(reg, company_id, unit_id, n, moved_share)
    with reg.cursor() as cr:
        env = benchlib.env_for(cr, company_id)
        admin = env.ref("base.user_admin")
        if not admin.has_group(OFFICER):
            admin.groups_id = [(4, env.ref(OFFICER).id)]
        Cycle = env["hr.asn.appraisal.cycle"]
        Appraisal = env["hr.asn.appraisal"]
        cycle = Cycle.search(
            [("name", "=", CYCLE_NAME), ("company_id", "=", company_id)], limit=1
        )
        if (
            cycle
            and Appraisal.search_count(
                [("cycle_id", "=", cycle.id), ("state", "=", "done")]
            )
            == n
        ):
            cr.commit()
            return cycle.id
        print(f"setup: building {CYCLE_NAME} with {n} validated SKPs (once)...")
        start = time.perf_counter()
        if not cycle:
            cycle = Cycle.create(
                {
                    "name": CYCLE_NAME,
                    "date_start": "2025-01-01",
                    "date_end": "2025-12-31",
                    "company_id": company_id,
                    "user_id": admin.id,
                    "require_annual_evaluation": False,
                }
            )
            cycle.action_open()
            cr.commit()
        while True:
            created, remaining = cycle._generate_batch(BUILD_CHUNK)
            cr.commit()
            env.invalidate_all()
            if not created or not remaining:
                break
        unit_rating = env["hr.asn.unit.rating"].search(
            [("cycle_id", "=", cycle.id), ("department_id", "=", unit_id)]
        ) or env["hr.asn.unit.rating"].create(
            {"cycle_id": cycle.id, "department_id": unit_id, "org_rating": "baik"}
        )
        cr.commit()
        while True:
            skps = Appraisal.search(
                [("cycle_id", "=", cycle.id), ("state", "!=", "done")],
                order="id",
                limit=BUILD_CHUNK,
            )
            if not skps:
                break
            draft = skps.filtered(lambda s: s.state == "draft")
            env["hr.asn.appraisal.rhk"].create(
                [_rhk_vals(skp) for skp in draft.filtered(lambda s: not s.rhk_ids)]
            )
            draft.action_submit()
            skps.filtered(lambda s: s.state == "submitted").action_approve()
            approved = skps.filtered(lambda s: s.state == "approved")
            for index, rating in enumerate(RATINGS):
                approved[index :: len(RATINGS)].write(
                    {"work_rating": rating, "behavior_rating": "as_expected"}
                )
            approved.action_rate()
            unit_rating.action_validate_unit(override_reason="Benchmark data.")
            cr.commit()
            env.invalidate_all()
            done = Appraisal.search_count(
                [("cycle_id", "=", cycle.id), ("state", "=", "done")]
            )
            print(
                f"setup: {done}/{n} SKPs validated "
                f"({time.perf_counter() - start:.0f} s)",
                flush=True,
            )
        print(f"setup: done in {time.perf_counter() - start:.0f} s")
        return cycle.id


def ensure_moved_cycle(reg, company_id, unit_id, n, moved_share):
    """The committed cycle of N employees, moved_share of them moved on 1 July
    (two SKPs each), every SKP validated; built on the first run (one
    transaction: used at N <= 10,000)."""
    name, year = MOVED_CYCLE_NAME, 2024
    step = round(1 / moved_share)
    expected = n + len(range(0, n, step))
    with reg.cursor() as cr:
        env = benchlib.env_for(cr, company_id)
        admin = env.ref("base.user_admin")
        if not admin.has_group(OFFICER):
            admin.groups_id = [(4, env.ref(OFFICER).id)]
        Cycle = env["hr.asn.appraisal.cycle"]
        cycle = Cycle.search(
            [("name", "=", name), ("company_id", "=", company_id)], limit=1
        )
        if (
            cycle
            and env["hr.asn.appraisal"].search_count(
                [("cycle_id", "=", cycle.id), ("state", "=", "done")]
            )
            == expected
        ):
            cr.commit()
            return cycle.id
        print(f"setup: building {name} with {expected} validated SKPs (once)...")
        start = time.perf_counter()
        cycle = Cycle.create(
            {
                "name": name,
                "date_start": f"{year}-01-01",
                "date_end": f"{year}-12-31",
                "company_id": company_id,
                "user_id": admin.id,
                "require_annual_evaluation": False,
            }
        )
        cycle.action_open()
        cycle.action_generate_appraisals()
        skps = env["hr.asn.appraisal"].search([("cycle_id", "=", cycle.id)])
        benchlib.record_moves(env, skps, moved_share, f"{year}-07-01")
        skps = env["hr.asn.appraisal"].search([("cycle_id", "=", cycle.id)])
        env["hr.asn.appraisal.rhk"].create([_rhk_vals(skp) for skp in skps])
        skps.action_submit()
        skps.action_approve()
        for index, rating in enumerate(RATINGS):
            skps[index :: len(RATINGS)].write(
                {"work_rating": rating, "behavior_rating": "as_expected"}
            )
        skps.action_rate()
        unit_rating = env["hr.asn.unit.rating"].create(
            {"cycle_id": cycle.id, "department_id": unit_id, "org_rating": "baik"}
        )
        unit_rating.action_validate_unit(override_reason="Benchmark data.")
        cr.commit()
        print(f"setup: done in {time.perf_counter() - start:.0f} s")
        return cycle.id


def measure(args):
    """Child process: render the recap, print {seconds, rss...} as JSON."""
    cycle_id = int(args.measure)
    reg = benchlib.registry(args)
    with reg.cursor() as cr:
        env = benchlib.env_for(cr, 0)
        cycle = env["hr.asn.appraisal.cycle"].browse(cycle_id)
        admin = env.ref("base.user_admin")
        company_id = cycle.company_id.id
        env = env(
            user=admin,
            su=False,
            context={"allowed_company_ids": [company_id], "lang": "en_US"},
        )
        report = env["report.hr_asn_appraisal.recap_cycle_xlsx"].with_context(
            active_model="hr.asn.appraisal.cycle"
        )
        skps = env["hr.asn.appraisal"].search_count([("cycle_id", "=", cycle_id)])
        env.invalidate_all()
        before = benchlib.peak_rss_mb()
        start = time.perf_counter()
        content, _kind = report.create_xlsx_report([cycle_id], {})
        seconds = time.perf_counter() - start
        print(
            json.dumps(
                {
                    "skps": skps,
                    "seconds": seconds,
                    "bytes": len(content),
                    "rss_before": before,
                    "rss_peak": benchlib.peak_rss_mb(),
                }
            )
        )
        cr.rollback()


def main():
    args = benchlib.parse_args(__doc__.splitlines()[0])
    if args.measure:
        measure(args)
        return
    reg = benchlib.registry(args)
    company_id, unit_id, _head, _employees = benchlib.fixture(reg, args.n)
    drafts = os.environ.get("ASN_BENCH_RECAP_DRAFTS") == "1"
    if drafts:
        cycle_id = ensure_draft_cycle(reg, company_id, args.n)
    else:
        cycle_id = ensure_cycle(reg, company_id, unit_id, args.n)
    with reg.cursor() as cr:
        print(f"machine: {benchlib.machine(cr)}")
    child = subprocess.run(
        [
            sys.executable,
            os.path.abspath(__file__),
            "-c",
            args.config,
            "-d",
            args.database,
            "-n",
            str(args.n),
            "--measure",
            str(cycle_id),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        sys.stderr.write(child.stderr)
        sys.exit(child.returncode)
    result = json.loads(child.stdout.strip().splitlines()[-1])
    kind = "draft" if drafts else "validated"
    print(f"N = {result['skps']} {kind} SKPs in one cycle, one unit")
    print("3. Excel recap of the cycle (HR officer, fresh process)")
    benchlib.line(
        "recap .xlsx",
        result["seconds"],
        result["skps"],
        f"({result['bytes'] / 1e6:.1f} MB file; load {benchlib.load_average()})",
    )
    benchlib.line(
        "peak memory of the process",
        extra=f"{result['rss_peak']:.0f} MB ({result['rss_before']:.0f} MB "
        "before the recap started)",
    )


if __name__ == "__main__":
    main()
