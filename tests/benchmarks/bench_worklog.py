"""Benchmark: the daily work log at volume (team month view, quarter roll-up).

Loads N work log entries (default 1,000,000) for E employees (default 1,000)
with one SQL ``INSERT ... SELECT generate_series`` (the employees, SKPs and
check-ins are made through the ORM), then times the ORM paths of the screens:
the team month view of a 30-person unit as its appraiser (list, grouped by day,
calendar, pivot; record rules applied) and the roll-up of a quarter for every
employee's check-in. Targets: under 1 s and under 5 s.

Prints figures; changes nothing (everything runs in one rolled-back transaction).

    ./dev.sh bench -n 1000000   (or: python bench_worklog.py -c CONF -d DB -n N -e E)
"""

import argparse
import math
import os
import resource
import sys
import time
from datetime import date

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import fake_nip, machine  # noqa: E402

LIST_FIELDS = {
    "date": {},
    "employee_id": {"fields": {"display_name": {}}},
    "rhk_id": {"fields": {"display_name": {}}},
    "name": {},
    "output_qty": {},
    "output_unit": {},
    "duration": {},
    "has_evidence": {},
    "state": {},
}


def timed(figures, label, call, repeat=3):
    """Run call with a cold ORM cache each time; keep the first and best time."""
    times = []
    result = None
    for _i in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    figures[label] = (times[0], min(times))
    return result


def build(env, n_employees, team_size):
    """Company, two appraisers (the first with a user, for the team view), the
    employees and their approved SKPs with their check-ins."""
    company = env["res.company"].create({"name": "Bench Worklog Province"})
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    unit = env["hr.department"].create(
        {"name": "Bench Worklog Unit", "company_id": company.id}
    )
    boss_user = env["res.users"].create(
        {
            "name": "Bench Appraiser",
            "login": "bench_worklog_appraiser",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set(env.ref("base.group_user").ids)],
        }
    )
    boss, other_boss = env["hr.employee"].create(
        [
            {
                "name": "Bench Appraiser",
                "company_id": company.id,
                "department_id": unit.id,
                "user_id": boss_user.id,
            },
            {
                "name": "Bench Other Appraiser",
                "company_id": company.id,
                "department_id": unit.id,
            },
        ]
    )
    employees = env["hr.employee"].create(
        [
            {
                "name": f"Bench Worklog Employee {i}",
                "company_id": company.id,
                "department_id": unit.id,
                "parent_id": (boss if i < team_size else other_boss).id,
                "asn_type": "pns",
                "asn_nip": fake_nip(i)[:14] + str(1 + i % 2) + f"{i % 1000:03d}",
            }
            for i in range(n_employees)
        ]
    )
    cycle = env["hr.asn.appraisal.cycle"].create(
        {
            "name": "Bench Worklog 2026",
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "company_id": company.id,
            "period_type": "quarterly",
            "require_annual_evaluation": False,
        }
    )
    cycle.action_open()
    cycle.action_generate_appraisals()
    skps = cycle.appraisal_ids.filtered(lambda s: s.employee_id in employees)
    env["hr.asn.appraisal.rhk"].create(
        [
            {
                "appraisal_id": skp.id,
                "name": "RHK",
                "parent_rhk_text": "RHK atasan",
                "iki_ids": [
                    Command.create(
                        {
                            "name": "IKI",
                            "aspect": "kuantitas",
                            "target_value": 600,
                            "target_unit": "Dokumen",
                        }
                    )
                ],
            }
            for skp in skps
        ]
    )
    skps.action_submit()
    skps.action_approve()
    env.flush_all()
    return cycle, skps, boss_user


def load_entries(env, cycle, n_entries, last_day):
    """N entries spread evenly over each employee's working days, in SQL."""
    cr = env.cr
    cr.execute(
        """
        CREATE TEMP TABLE bench_emp ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY s.id) - 1 AS idx, s.employee_id,
               s.id AS appraisal_id, s.company_id, s.appraiser_id,
               s.appraiser_parent_id, s.department_id, r.id AS rhk_id,
               k.id AS iki_id
          FROM hr_asn_appraisal s
          JOIN hr_asn_appraisal_rhk r ON r.appraisal_id = s.id
          JOIN hr_asn_appraisal_iki k ON k.rhk_id = r.id
         WHERE s.cycle_id = %s AND s.state = 'approved';
        CREATE TEMP TABLE bench_day ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY d) - 1 AS idx, d::date AS day
          FROM generate_series(%s::date, %s::date, '1 day') d
         WHERE extract(isodow FROM d) < 6;
        """,
        (cycle.id, cycle.date_start, last_day),
    )
    cr.execute("SELECT count(*) FROM bench_emp")
    n_emp = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM bench_day")
    n_days = cr.fetchone()[0]
    per_employee = math.ceil(n_entries / n_emp)
    cr.execute(
        """
        INSERT INTO hr_asn_work_log (
            name, date, employee_id, company_id, appraisal_id, checkin_id,
            appraiser_id, appraiser_parent_id, department_id, rhk_id, iki_id,
            output_qty, output_unit, duration, has_evidence, evidence_url, state,
            create_uid, write_uid, create_date, write_date)
        SELECT 'Bench entry ' || g, d.day, e.employee_id, e.company_id,
               e.appraisal_id, c.id, e.appraiser_id, e.appraiser_parent_id,
               e.department_id, e.rhk_id,
               CASE WHEN g %% 2 = 0 THEN e.iki_id END,
               (g %% 5) + 1, 'Dokumen', 1.5, g %% 10 = 0,
               CASE WHEN g %% 10 = 0 THEN 'https://drive.example.go.id/' || g END,
               CASE WHEN g %% 3 = 0 THEN 'acknowledged' ELSE 'draft' END,
               1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM generate_series(0, %(n)s - 1) g
          JOIN bench_emp e ON e.idx = g %% %(emp)s
          JOIN bench_day d ON d.idx = ((g / %(emp)s) * %(days)s) / %(per)s
          JOIN hr_asn_checkin c
            ON c.appraisal_id = e.appraisal_id AND NOT c.is_annual
           AND d.day BETWEEN c.date_start AND c.date_end
        """,
        {"n": n_entries, "emp": n_emp, "days": n_days, "per": per_employee},
    )
    inserted = cr.rowcount
    cr.execute("ANALYZE hr_asn_work_log")
    return inserted, n_days


def run(env, n_entries, n_employees, team_size):
    figures = {}
    start = time.perf_counter()
    cycle, skps, boss_user = build(env, n_employees, team_size)
    figures["setup (ORM: employees, SKPs, check-ins)"] = (
        time.perf_counter() - start,
        None,
    )
    start = time.perf_counter()
    inserted, n_days = load_entries(env, cycle, n_entries, date(2026, 11, 20))
    figures[f"load {inserted} entries (SQL) + ANALYZE"] = (
        time.perf_counter() - start,
        None,
    )
    env.invalidate_all()

    # The team month view, as the appraiser: record rules apply.
    Log = env["hr.asn.work.log"].with_user(boss_user)
    uid = boss_user.id
    month = [
        ("date", ">=", "2026-10-01"),
        ("date", "<=", "2026-10-31"),
        "|",
        ("appraiser_id.user_id", "=", uid),
        ("appraiser_parent_id.user_id", "=", uid),
    ]

    def cold(call):
        def wrapped():
            env.invalidate_all()
            return call()

        return wrapped

    result = timed(
        figures,
        "team month: list page (80 rows + count)",
        cold(lambda: Log.web_search_read(month, LIST_FIELDS, limit=80)),
    )
    month_count = result["length"]
    timed(
        figures,
        "team month: list grouped by day",
        cold(
            lambda: Log.web_read_group(
                month, ["output_qty:sum", "duration:sum"], ["date:day"]
            )
        ),
    )
    timed(
        figures,
        "team month: calendar (every entry)",
        cold(
            lambda: Log.search_read(
                month, ["date", "employee_id", "rhk_id", "output_qty", "state"]
            )
        ),
    )
    timed(
        figures,
        "team month: pivot person x week",
        cold(
            lambda: Log.read_group(
                month,
                ["duration:sum", "output_qty:sum"],
                ["employee_id", "date:week"],
                lazy=False,
            )
        ),
    )
    # The quarter roll-up of every employee's check-in (as for a recap or a
    # cron), then as the screens read it (the IKI lines' log figure).
    q3 = env["hr.asn.checkin"].search(
        [("appraisal_id", "in", skps.ids), ("period_code", "=", "q3")]
    )
    rollup = timed(
        figures,
        f"quarter roll-up: {len(q3)} check-ins",
        cold(lambda: q3._get_worklog_rollup()),
    )
    timed(
        figures,
        f"quarter roll-up: read {len(q3)} check-ins' IKI log figures",
        cold(lambda: q3.iki_ids.mapped("log_realisation")),
    )
    one = q3[:1].with_user(q3[:1].employee_id.user_id or boss_user)
    timed(
        figures,
        "one check-in roll-up (screen)",
        cold(lambda: one.sudo().iki_ids.mapped("log_realisation")),
    )
    timed(
        figures,
        f"reminder check: last entry of {len(skps)} staff",
        cold(lambda: skps._get_last_worklog_dates()),
    )
    total = sum(sum(totals.values()) for totals, _unmatched in rollup.values())
    return figures, {
        "entries": inserted,
        "working days": n_days,
        "team month entries": month_count,
        "quarter output summed": total,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", default=".state/odoo.conf")
    parser.add_argument(
        "-d", "--database", default=os.environ.get("ASN_TEST_DB", "hr_asn_test")
    )
    # -n is the number of employees, as in the other benchmarks, so that one
    # `./dev.sh bench -n N` drives them all; N = 1000 gives the figures
    # (1,000,000 entries, a quarter roll-up of 1,000 check-ins).
    parser.add_argument("-n", type=int, default=1000, help="employees (SKPs)")
    parser.add_argument(
        "--entries",
        type=int,
        default=None,
        help="work log entries to load (default: 1,000 per employee)",
    )
    parser.add_argument("--team", type=int, default=30, help="size of the team viewed")
    args = parser.parse_args()
    args.employees = args.n
    args.n = args.entries or 1000 * args.employees
    args.team = min(args.team, args.employees)
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    print(f"machine: {machine()}")
    print(f"N = {args.n} entries, {args.employees} employees, team of {args.team}")
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        cr.execute("SHOW server_version")
        print(f"PostgreSQL {cr.fetchone()[0]}")
        try:
            figures, facts = run(env, args.n, args.employees, args.team)
        finally:
            cr.rollback()
    for label, value in facts.items():
        print(f"{label:>48}: {value:,.0f}")
    for label, (first, best) in figures.items():
        best_text = f"  (best of 3: {best:.3f} s)" if best is not None else ""
        print(f"{label:>48}: {first:8.3f} s{best_text}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory':>48}: {peak:8.0f} MB")


if __name__ == "__main__":
    main()
