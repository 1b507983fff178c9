"""Benchmark: generating a cycle's SKPs, then approving, rating and validating them.

Prints figures; changes nothing (everything runs in one rolled-back transaction).

    ./dev.sh bench -n 10000   (or: python bench_generation.py -c CONF -d DB -n N)
"""

import argparse
import os
import platform
import resource
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config


def machine():
    return (
        f"{platform.node()} | {platform.processor() or platform.machine()} | "
        f"{os.cpu_count()} cores | Python {platform.python_version()}"
    )


def fake_nip(index):
    # Valid PNS NIP: birth 1970-01-01 + index days spread, TMT 1995-03, serial.
    year = 1970 + index % 25
    month = 1 + index % 12
    day = 1 + index % 28
    gender = 1 + index % 2
    return f"{year:04d}{month:02d}{day:02d}{year + 25:04d}03{gender}{index % 1000:03d}"


def run(env, n):
    figures = {}
    company = env["res.company"].create({"name": "Bench Province"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    unit = env["hr.department"].create({"name": "Bench Unit", "company_id": company.id})
    head = env["hr.employee"].create(
        {"name": "Bench Head", "company_id": company.id, "department_id": unit.id}
    )
    start = time.perf_counter()
    employees = env["hr.employee"].create(
        [
            {
                "name": f"Bench Employee {i}",
                "company_id": company.id,
                "department_id": unit.id,
                "parent_id": head.id,
                "asn_type": "pns",
                # Serial digits repeat every 1000: make the NIP unique by year too.
                "asn_nip": fake_nip(i)[:14] + str(1 + i % 2) + f"{i % 1000:03d}",
            }
            for i in range(n)
        ]
    )
    env.flush_all()
    figures["create employees"] = time.perf_counter() - start

    cycle = env["hr.asn.appraisal.cycle"].create(
        {
            "name": "Bench 2026",
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "company_id": company.id,
            # The workflow is timed without filling the annual check-in.
            "require_annual_evaluation": False,
        }
    )
    cycle.action_open()
    start = time.perf_counter()
    cycle.action_generate_appraisals()
    env.flush_all()
    figures["generate SKPs"] = time.perf_counter() - start
    skps = cycle.appraisal_ids
    assert len(skps) == len(employees), (len(skps), len(employees))
    assert len(skps.behavior_ids) == 7 * n

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
    for label, call in (
        ("submit", lambda: skps.action_submit()),
        ("approve", lambda: skps.action_approve()),
        (
            "rate",
            lambda: (
                skps.write(
                    {"work_rating": "as_expected", "behavior_rating": "as_expected"}
                ),
                skps.action_rate(),
            ),
        ),
        ("validate", lambda: skps.action_validate()),
    ):
        start = time.perf_counter()
        call()
        env.flush_all()
        figures[label] = time.perf_counter() - start
    assert set(skps.mapped("state")) == {"done"}
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", default=".state/odoo.conf")
    parser.add_argument(
        "-d", "--database", default=os.environ.get("ASN_TEST_DB", "hr_asn_test")
    )
    parser.add_argument("-n", type=int, default=2000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    print(f"machine: {machine()}")
    print(f"N = {args.n} employees")
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": False})
        try:
            figures = run(env, args.n)
        finally:
            cr.rollback()
    for label, seconds in figures.items():
        rate = args.n / seconds if seconds else float("inf")
        print(f"{label:>18}: {seconds:8.2f} s  ({rate:8.0f} /s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory':>18}: {peak:8.0f} MB")


if __name__ == "__main__":
    main()
