from odoo import Command
from odoo.tests import new_test_user


def approved_skp_for_tour(env, company_name, login_prefix, name_suffix, cycle_vals):
    """A company with an appraiser and a staff member who can log in
    (``<prefix>_staff`` / ``<prefix>_boss``), and the staff's SKP with one RHK
    and IKI, approved: the starting point of the browser tours that work on
    an approved SKP."""
    company = env["res.company"].create({"name": company_name})

    def user(login):
        return new_test_user(
            env,
            login=login,
            password=f"{login}_pw",
            groups="base.group_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    staff, boss = user(f"{login_prefix}_staff"), user(f"{login_prefix}_boss")
    Employee = env["hr.employee"]
    emp_boss = Employee.create(
        {
            "name": f"Kepala Bidang {name_suffix}",
            "company_id": company.id,
            "user_id": boss.id,
            "asn_type": "pns",
            "asn_nip": "197505052000032002",
        }
    )
    emp_staff = Employee.create(
        {
            "name": f"Staf {name_suffix}",
            "company_id": company.id,
            "user_id": staff.id,
            "parent_id": emp_boss.id,
            "asn_type": "pns",
            "asn_nip": "199001012015031003",
        }
    )
    cycle = env["hr.asn.appraisal.cycle"].create(
        {"company_id": company.id, **cycle_vals}
    )
    cycle.action_open()
    skp = env["hr.asn.appraisal"].create(
        {
            "employee_id": emp_staff.id,
            "cycle_id": cycle.id,
            "rhk_ids": [
                Command.create(
                    {
                        "name": "Terkelolanya data kepegawaian yang mutakhir",
                        "parent_rhk_text": "Meningkatnya kualitas manajemen ASN",
                        "iki_ids": [
                            Command.create(
                                {
                                    "name": "Jumlah data yang dimutakhirkan",
                                    "aspect": "kuantitas",
                                    "target_value": 120,
                                    "target_unit": "Data",
                                }
                            )
                        ],
                    }
                )
            ],
        }
    )
    skp.with_user(staff).action_submit()
    skp.with_user(boss).action_approve()
    return skp
