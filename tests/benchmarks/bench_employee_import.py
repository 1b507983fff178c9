"""Benchmark: importing a SIASN/SIMPEG extract of N employees (issue #15).

An HR officer previews, then imports, an extract of N rows (the generator of
the sample files, tools/make_siasn_extract_sample.py: offices of 200
employees, 16 units each, superiors in the file) into a new company; then
imports the same file again (every row unchanged). Printed: wall time and SQL
queries of each step, queries per 1,000 rows (flat: batches, not rows), and
the peak memory of the process. Everything runs in one transaction that is
rolled back.

    python tests/benchmarks/bench_employee_import.py -c CONF -d DB -n 20000
    (or: ASN_BENCH_ONLY=employee_import ./dev.sh bench -n 20000)
"""

import base64
import csv
import importlib.util
import io
import time
from pathlib import Path

import benchlib

OFFICER = "hr_asn_appraisal.group_hr_asn_officer"
REPO = Path(__file__).resolve().parents[2]


def extract(n):
    spec = importlib.util.spec_from_file_location(
        "make_siasn_extract_sample", REPO / "tools" / "make_siasn_extract_sample.py"
    )
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    out = io.StringIO()
    writer = csv.DictWriter(out, maker.HEADINGS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(maker.extract_rows(n, seed=20))
    return out.getvalue().encode()


def timed(cr, step):
    queries = cr.sql_log_count
    start = time.perf_counter()
    step()
    cr.flush()
    return time.perf_counter() - start, cr.sql_log_count - queries


def main():
    args = benchlib.parse_args(__doc__.splitlines()[0], default_n=20000)
    reg = benchlib.registry(args)
    content = extract(args.n)
    with reg.cursor() as cr:
        print(f"machine: {benchlib.machine(cr)}")
        env = benchlib.env_for(cr, 0)
        admin = env.ref("base.user_admin")
        if not admin.has_group(OFFICER):
            admin.groups_id = [(4, env.ref(OFFICER).id)]
        company = env["res.company"].create({"name": f"Bench Import N={args.n}"})
        admin.company_ids = [(4, company.id)]
        env = env(
            user=admin,
            su=False,
            context={"allowed_company_ids": [company.id], "lang": "en_US"},
        )
        Wizard = env["hr.asn.employee.import.wizard"]

        def wizard():
            return Wizard.create(
                {
                    "company_id": company.id,
                    "file": base64.b64encode(content),
                    "filename": "extract.csv",
                }
            )

        first = wizard()
        env.flush_all()
        print(f"N = {args.n} rows ({len(content) / 1e6:.1f} MB CSV), new company")
        print("Import of a SIASN/SIMPEG extract (HR officer, one transaction)")
        results = {}
        results["preview"] = timed(cr, first.action_preview)
        results["import"] = timed(cr, first.action_import)
        created = env["hr.employee"].search_count([("company_id", "=", company.id)])
        again = wizard()
        results["preview again"] = timed(cr, again.action_preview)
        results["import again"] = timed(cr, again.action_import)
        for label, (seconds, queries) in results.items():
            per = queries * 1000 / args.n
            benchlib.line(
                label, seconds, args.n, f"{queries} queries ({per:.0f} per 1,000 rows)"
            )
        total = results["preview"][0] + results["import"][0]
        benchlib.line(
            "preview + import",
            total,
            args.n,
            f"(target N=20000 <= 120 s); {created} employees, "
            f"{again.unchanged_count} unchanged on the second import",
        )
        benchlib.line(
            "peak memory of the process", extra=f"{benchlib.peak_rss_mb():.0f} MB"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
