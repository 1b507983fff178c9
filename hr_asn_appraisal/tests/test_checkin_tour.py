from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCheckinTour(HttpCase):
    def test_employee_fills_and_submits_checkin(self):
        """Web client: the employee reports realisasi and bukti dukung, submits."""
        company = self.env["res.company"].create({"name": "Dinas Tur"})

        def user(login):
            return new_test_user(
                self.env,
                login=login,
                password=f"{login}_pw",
                groups="base.group_user",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        staff, boss = user("tour_staff"), user("tour_boss")
        Employee = self.env["hr.employee"]
        emp_boss = Employee.create(
            {
                "name": "Kepala Bidang Tur",
                "company_id": company.id,
                "user_id": boss.id,
                "asn_type": "pns",
                "asn_nip": "197505052000032002",
            }
        )
        emp_staff = Employee.create(
            {
                "name": "Staf Tur",
                "company_id": company.id,
                "user_id": staff.id,
                "parent_id": emp_boss.id,
                "asn_type": "pns",
                "asn_nip": "199001012015031003",
            }
        )
        cycle = self.env["hr.asn.appraisal.cycle"].create(
            {
                "name": "SKP Tur",
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
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
        q1 = skp.checkin_ids.filtered(lambda c: c.period_code == "q1")
        self.start_tour("/odoo", "hr_asn_checkin_tour", login="tour_staff")
        self.assertEqual(q1.state, "submitted")
        self.assertEqual(q1.iki_ids.realisation_text, "25 data pegawai dimutakhirkan")
        self.assertEqual(q1.evidence_ids.url, "https://drive.example.go.id/laporan")
