"""Benchmark: preparing the SIASN payloads of N validated SKPs (target for
10,000: at most 10 s).

Uses the committed cycle of N validated SKPs that bench_recap.py builds once
("Bench Recap 2025"). In a transaction that is rolled back, every employee
gets a SIASN ID, then three figures are measured as an HR officer would
cause them:

1. the payloads alone (``_get_siasn_payload`` per SKP, the code table read
   once), what the export wizard and the sender build;
2. the export without a connection (``_prepare_rows`` + the JSON lines and
   CSV files);
3. "Queue for SIASN" on the N SKPs: every payload checked, fingerprinted,
   and one status record created per SKP.

The HTTP sending itself is not measured (it depends on SIASN).

    ./dev.sh bench -n 10000   (or: python bench_siasn.py -c CONF -d DB -n N)
"""

import time

import bench_recap
import benchlib

P = "hr_asn_appraisal.siasn_"


def main():
    args = benchlib.parse_args(__doc__.splitlines()[0])
    n = args.n
    reg = benchlib.registry(args)
    company_id, unit_id, _head_id, employee_ids = benchlib.fixture(reg, n)
    cycle_id = bench_recap.ensure_cycle(reg, company_id, unit_id, n)
    with reg.cursor() as cr:
        print(f"machine: {benchlib.machine(cr)}")
        env = benchlib.env_for(cr, company_id)
        try:
            Employee = env["hr.employee"]
            cr.execute(
                "UPDATE hr_employee SET asn_siasn_id = 'BENCH-' || id WHERE id IN %s",
                [tuple(employee_ids)],
            )
            Employee.invalidate_model(["asn_siasn_id"])
            skps = env["hr.asn.appraisal"].search(
                [("cycle_id", "=", cycle_id), ("state", "=", "done")]
            )
            print(f"N = {len(skps)} validated SKPs")

            env.invalidate_all()
            start = time.perf_counter()
            codes = env["hr.asn.siasn.code"]._get_code_table()
            payloads = [skp._get_siasn_payload(codes) for skp in skps]
            seconds = time.perf_counter() - start
            benchlib.line("payloads (skp22/save)", seconds, len(payloads))

            env.invalidate_all()
            wizard = env["hr.asn.siasn.export.wizard"].create({"cycle_id": cycle_id})
            start = time.perf_counter()
            _exported, rows, skipped = wizard._prepare_rows(skps)
            wizard._jsonl_content(rows)
            wizard._csv_content(rows)
            seconds = time.perf_counter() - start
            benchlib.line(
                "export (JSON lines + CSV)",
                seconds,
                len(rows),
                f"{len(skipped)} left out",
            )

            params = env["ir.config_parameter"]
            for key in ("base_url", "token_url", "client_id", "client_secret"):
                params.set_param(P + key, "http://127.0.0.1:9/bench")
            env.invalidate_all()
            start = time.perf_counter()
            count, skipped = env["hr.asn.siasn.sync"]._queue(skps)
            env.flush_all()
            seconds = time.perf_counter() - start
            benchlib.line(
                "queue for SIASN (checked)", seconds, count, f"{len(skipped)} left out"
            )
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
