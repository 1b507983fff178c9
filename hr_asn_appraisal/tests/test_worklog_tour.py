from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorklogTour(HttpCase):
    def test_staff_logs_and_appraiser_acknowledges(self):
        """Web client: the staff logs a day's work; the appraiser acknowledges it."""
        company = self.env["res.company"].create({"name": "Dinas Tur Log"})

        def user(login):
            return new_test_user(
                self.env,
                login=login,
                password=f"{login}_pw",
                groups="base.group_user",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        staff, boss = user("log_staff"), user("log_boss")
        Employee = self.env["hr.employee"]
        emp_boss = Employee.create(
            {
                "name": "Kepala Bidang Log",
                "company_id": company.id,
                "user_id": boss.id,
                "asn_type": "pns",
                "asn_nip": "197505052000032002",
            }
        )
        emp_staff = Employee.create(
            {
                "name": "Staf Log",
                "company_id": company.id,
                "user_id": staff.id,
                "parent_id": emp_boss.id,
                "asn_type": "pns",
                "asn_nip": "199001012015031003",
            }
        )
        # A cycle around today, whenever the test runs.
        today = fields.Date.context_today(self.env["hr.asn.work.log"])
        cycle = self.env["hr.asn.appraisal.cycle"].create(
            {
                "name": "SKP Tur Log",
                "date_start": today - timedelta(days=40),
                "date_end": today + timedelta(days=300),
                "filing_deadline": today + timedelta(days=300),
                "company_id": company.id,
            }
        )
        cycle.action_open()
        skp = self.env["hr.asn.appraisal"].create(
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
        self.start_tour("/odoo", "hr_asn_work_log_staff_tour", login="log_staff")
        log = self.env["hr.asn.work.log"].search([("employee_id", "=", emp_staff.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.date, log.rhk_id, log.output_qty, log.output_unit, log.state),
            (today, skp.rhk_ids, 12.0, "Data", "draft"),
        )
        self.start_tour("/odoo", "hr_asn_work_log_appraiser_tour", login="log_boss")
        self.assertEqual(log.state, "acknowledged")
        self.assertEqual(log.acknowledged_by_id, boss)
