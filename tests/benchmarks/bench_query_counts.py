"""Benchmark: SQL queries of the main screens, for 10 records and for 1,000
(figure 4; hr_asn_appraisal/tests/test_query_counts.py asserts the same on
smaller sets).

As an HR officer, what the web client reads: the SKP list (web_search_read of
the list view's fields, 10 rows then 1,000), one SKP form (web_read of the
form view's fields, an SKP of a unit of 10 then of a unit of N) and a unit's
calibration (the hr.asn.unit.rating form, a unit of 10 validated SKPs then N).
Uses the validated cycle of bench_recap.py; the small unit is made in a
transaction that is rolled back.

    ./dev.sh bench -n 10000   (or: python bench_query_counts.py -c CONF -d DB -n N)
"""

import bench_recap
import benchlib
from lxml import etree


def spec_of(Model, view_type):
    arch = Model.get_view(view_type=view_type)["arch"]
    spec = {}
    for node in etree.fromstring(arch).iter("field"):
        field = Model._fields.get(node.get("name"))
        if field is None:
            continue
        relational = field.type in ("many2one", "one2many", "many2many")
        spec[field.name] = {"fields": {"display_name": {}}} if relational else {}
    return spec


def count(env, call):
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    call()
    return env.cr.sql_log_count - before


def small_unit(env, cycle, head):
    """A unit of 10 employees with validated SKPs, in the current transaction."""
    company = cycle.company_id
    # Led by the head of the large unit: the screens read the same shape of
    # data, only the number of SKPs differs.
    unit = env["hr.department"].create(
        {"name": "Bench Small Unit", "company_id": company.id, "manager_id": head.id}
    )
    employees = env["hr.employee"].create(
        [
            {
                "name": f"Bench Small {i}",
                "company_id": company.id,
                "department_id": unit.id,
                "parent_id": head.id,
                "asn_type": "pns",
                "asn_nip": f"19900101201501{1 + i % 2}{900 + i:03d}",
            }
            for i in range(10)
        ]
    )
    skps = env["hr.asn.appraisal"].create(
        [
            {
                "cycle_id": cycle.id,
                "employee_id": employee.id,
                "rhk_ids": [
                    (
                        0,
                        0,
                        {
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
                        },
                    )
                ],
            }
            for employee in employees
        ]
    )
    skps.action_submit()
    skps.action_approve()
    skps.write({"work_rating": "as_expected", "behavior_rating": "as_expected"})
    skps.action_rate()
    rating = env["hr.asn.unit.rating"].create(
        {"cycle_id": cycle.id, "department_id": unit.id, "org_rating": "baik"}
    )
    # Validated, like the large unit of the recap cycle.
    rating.action_validate_unit(override_reason="Benchmark data.")
    return skps, rating


def main():
    args = benchlib.parse_args(__doc__.splitlines()[0])
    reg = benchlib.registry(args)
    company_id, unit_id, _head, _employees = benchlib.fixture(reg, args.n)
    cycle_id = bench_recap.ensure_cycle(reg, company_id, unit_id, args.n, args.moved)
    with reg.cursor() as cr:
        print(f"machine: {benchlib.machine(cr)}")
        env = benchlib.env_for(cr, company_id)
        cycle = env["hr.asn.appraisal.cycle"].browse(cycle_id)
        head = env["hr.department"].browse(unit_id).manager_id
        small_skps, small_rating = small_unit(env, cycle, head)
        large_rating = env["hr.asn.unit.rating"].search(
            [("cycle_id", "=", cycle_id), ("department_id", "=", unit_id)]
        )
        large_skps = env["hr.asn.appraisal"].search(
            [("cycle_id", "=", cycle_id), ("department_id", "=", unit_id)]
        )
        big = min(1000, len(large_skps))
        hr = env(user=env.ref("base.user_admin"), su=False)
        Appraisal = hr["hr.asn.appraisal"]
        RatingHr = hr["hr.asn.unit.rating"]
        list_spec = spec_of(Appraisal, "list")
        form_spec = spec_of(Appraisal, "form")
        rating_spec = spec_of(RatingHr, "form")
        domain = [("cycle_id", "=", cycle_id)]
        cases = {
            "SKP list": (
                (10, lambda: Appraisal.web_search_read(domain, list_spec, limit=10)),
                (big, lambda: Appraisal.web_search_read(domain, list_spec, limit=big)),
            ),
            "SKP form": (
                (10, lambda: Appraisal.browse(small_skps[0].id).web_read(form_spec)),
                (
                    len(large_skps),
                    lambda: Appraisal.browse(large_skps[0].id).web_read(form_spec),
                ),
            ),
            "unit calibration (unit rating form)": (
                (10, lambda: RatingHr.browse(small_rating.id).web_read(rating_spec)),
                (
                    len(large_skps),
                    lambda: RatingHr.browse(large_rating.id).web_read(rating_spec),
                ),
            ),
        }
        results = {}
        for label, runs in cases.items():
            for _round in range(2):  # the first round warms the caches
                results[label] = [(size, count(hr, call)) for size, call in runs]
        cr.rollback()
    print("4. SQL queries per screen (HR officer; after a warm-up read)")
    ok = True
    for label, ((small, q_small), (large, q_large)) in results.items():
        same = q_small == q_large
        ok = ok and same
        benchlib.line(
            label,
            extra=f"{q_small} queries for {small} SKPs, {q_large} for {large} "
            f"({'constant' if same else 'NOT constant'})",
        )
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
