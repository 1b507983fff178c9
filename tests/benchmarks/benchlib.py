"""Shared helpers of the benchmarks (tests/benchmarks/bench_*.py).

The benchmarks run in a database of their own (``./dev.sh bench`` creates
``hr_asn_bench`` with hr_asn_appraisal and OCA's hr_appraisal_oca). Creating
thousands of users and employees through Odoo is slow (avatars, partners,
resources) and is not what is measured, so the employees of a run of N are
master data kept in that database: company "Bench N=<N>", created on the first
run of that N and reused afterwards. Everything measured runs in a transaction
that is rolled back, unless a script says otherwise.
"""

import argparse
import os
import platform
import resource
import subprocess
import time

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

CHUNK = 250
# Setup of master data only: no chatter or mail traffic while creating them.
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}


def parse_args(description, default_n=1000):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", default=".state/odoo.conf")
    parser.add_argument(
        "-d", "--database", default=os.environ.get("ASN_BENCH_DB", "hr_asn_bench")
    )
    parser.add_argument("-n", type=int, default=default_n, help="employees")
    parser.add_argument(
        "--moved",
        type=float,
        default=float(os.environ.get("ASN_BENCH_MOVED", "0.1")),
        help="share of the employees with a position change on 1 July, i.e. "
        "two SKPs in the cycle (default 0.1; 0 for a year in which nobody "
        "moves); used by bench_generation.py",
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    return args


def registry(args):
    return odoo.modules.registry.Registry(args.database)


def postgres_version(cr):
    cr.execute("SHOW server_version")
    return cr.fetchone()[0].split()[0]


def machine(cr=None):
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            load = " ".join(handle.read().split()[:3])
    except OSError:
        load = "?"
    cpu = platform.processor() or platform.machine()
    try:
        out = subprocess.run(
            ["sh", "-c", "grep -m1 'model name' /proc/cpuinfo"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        cpu = out.split(":", 1)[1].strip() or cpu
    except (OSError, IndexError):
        pass
    parts = [
        platform.node(),
        cpu,
        f"{os.cpu_count()} cores",
        f"Python {platform.python_version()}",
        f"Odoo {odoo.release.version}",
    ]
    if cr is not None:
        parts.append(f"PostgreSQL {postgres_version(cr)}")
    parts.append(f"load average {load}")
    return " | ".join(parts)


def load_average():
    """The 1, 5 and 15 minute load averages, as uptime prints them."""
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return "?"


def peak_rss_mb():
    """Peak resident memory of this process so far (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fake_nip(index):
    """A valid PNS NIP, unique per index below 210,000 (unique per company):
    birth date, gender and serial repeat every 21,000 indexes, the
    appointment month (March for the first 21,000) tells those apart."""
    year = 1970 + index % 25
    month = 1 + index % 12
    day = 1 + index % 28
    gender = 1 + index % 2
    appointment_month = 3 + index // 21000
    return (
        f"{year:04d}{month:02d}{day:02d}{year + 25:04d}{appointment_month:02d}"
        f"{gender}{index % 1000:03d}"
    )


def fixture(reg, n, out=print):
    """(company, unit, head, employees) of the run of N, created once and
    committed: N employees with a user each (their SKP to-dos are theirs), in
    one unit whose head (with a user) appraises them."""
    with reg.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, QUIET)
        name = f"Bench N={n}"
        company = env["res.company"].search([("name", "=", name)], limit=1)
        if not company:
            company = env["res.company"].create({"name": name})
            env["res.users"].browse(SUPERUSER_ID).company_ids = [(4, company.id)]
            env.ref("base.user_admin").company_ids = [(4, company.id)]
            unit = env["hr.department"].create(
                {"name": "Bench Unit", "company_id": company.id}
            )
            head_user = env["res.users"].create(
                {
                    "name": f"Bench Head {n}",
                    "login": f"bench_head_{n}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                }
            )
            head = env["hr.employee"].create(
                {
                    "name": f"Bench Head {n}",
                    "company_id": company.id,
                    "department_id": unit.id,
                    "user_id": head_user.id,
                }
            )
            unit.manager_id = head
            cr.commit()
        unit = env["hr.department"].search(
            [("company_id", "=", company.id), ("name", "=", "Bench Unit")], limit=1
        )
        head = unit.manager_id
        Employee = env["hr.employee"].with_context(active_test=False)
        have = Employee.search_count(
            [("company_id", "=", company.id), ("asn_type", "=", "pns")]
        )
        if have < n:
            out(f"setup: creating {n - have} bench employees with users (once)...")
        start = time.perf_counter()
        group_user = env.ref("base.group_user")
        for first in range(have, n, CHUNK):
            for attempt in range(3):
                try:
                    indexes = range(first, min(first + CHUNK, n))
                    users = env["res.users"].create(
                        [
                            {
                                "name": f"Bench Employee {n}-{i}",
                                "login": f"bench_{n}_{i}",
                                "company_id": company.id,
                                "company_ids": [(6, 0, company.ids)],
                                "groups_id": [(6, 0, group_user.ids)],
                            }
                            for i in indexes
                        ]
                    )
                    Employee.create(
                        [
                            {
                                "name": user.name,
                                "company_id": company.id,
                                "department_id": unit.id,
                                "parent_id": head.id,
                                "user_id": user.id,
                                "asn_type": "pns",
                                "asn_nip": fake_nip(i),
                            }
                            for i, user in zip(indexes, users, strict=True)
                        ]
                    )
                    cr.commit()
                    break
                except psycopg2.errors.SerializationFailure:
                    # Another process touched a shared row (e.g. the digest):
                    # this chunk is redone.
                    cr.rollback()
                    if attempt == 2:
                        raise
            env.invalidate_all()
            done = min(first + CHUNK, n)
            out(f"setup: {done}/{n} employees ({time.perf_counter() - start:.0f} s)")
        employees = Employee.search(
            [("company_id", "=", company.id), ("asn_type", "=", "pns")],
            order="id",
            limit=n,
        )
        return company.id, unit.id, head.id, employees.ids


def record_moves(env, skps, share, date):
    """A rotasi on date for every k-th employee of skps (share of them),
    recorded the way HR does (hr.asn.assignment._record, one transaction
    each in real use): each moved employee gets a second SKP for the rest
    of the cycle (docs/year.md). Returns the number of employees moved."""
    step = round(1 / share) if share > 0 else 0
    if not step:
        return 0
    Assignment = env["hr.asn.assignment"]
    moved = skps.sorted("id")[::step]
    for skp in moved:
        Assignment._record(
            {
                "employee_id": skp.employee_id.id,
                "date": date,
                "reason": "rotasi",
                "job_title": "Bench Rotated Position",
            }
        )
    return len(moved)


def env_for(cr, company_id, context=None):
    return api.Environment(
        cr,
        SUPERUSER_ID,
        {"allowed_company_ids": [company_id], **(context or {})},
    )


def line(label, seconds=None, n=None, extra=""):
    if seconds is None:
        print(f"{label:>44}: {extra}")
        return
    rate = f"({n / seconds:8.0f} /s)" if n and seconds else ""
    print(f"{label:>44}: {seconds:8.2f} s {rate} {extra}".rstrip())
