from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class AsnAppraisalCase(TransactionCase):
    """One user per role, built once: HR officer, appraiser's superior,
    appraiser, two staff of that appraiser, and an HR officer of another company.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env["res.company"].create({"name": "Dinas Contoh"})
        cls.other_company = cls.env["res.company"].create({"name": "Dinas Lain"})
        cls.unit = cls.env["hr.department"].create(
            {"name": "Bidang Kepegawaian", "company_id": cls.company.id}
        )

        def user(login, groups, company=None):
            company = company or cls.company
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.user_hr = user(
            "t_hr", "base.group_user,hr_asn_appraisal.group_hr_asn_officer"
        )
        cls.user_head = user("t_head", "base.group_user")
        cls.user_appraiser = user("t_appraiser", "base.group_user")
        cls.user_staff = user("t_staff", "base.group_user")
        cls.user_colleague = user("t_colleague", "base.group_user")
        cls.user_other_hr = user(
            "t_other_hr",
            "base.group_user,hr_asn_appraisal.group_hr_asn_officer",
            company=cls.other_company,
        )
        Employee = cls.env["hr.employee"]
        cls.rank_3a = cls.env.ref("hr_asn_appraisal.rank_pns_3a")
        cls.emp_head = Employee.create(
            {
                "name": "Kepala Dinas",
                "company_id": cls.company.id,
                "department_id": cls.unit.id,
                "user_id": cls.user_head.id,
                "asn_type": "pns",
                "asn_nip": "197001011995031001",
                "asn_position_type": "jpt",
                "asn_position_level": "jpt_pratama",
                "job_title": "Kepala Dinas",
            }
        )
        cls.emp_appraiser = Employee.create(
            {
                "name": "Kepala Bidang",
                "company_id": cls.company.id,
                "department_id": cls.unit.id,
                "user_id": cls.user_appraiser.id,
                "parent_id": cls.emp_head.id,
                "asn_type": "pns",
                "asn_nip": "197505052000032002",
                "asn_position_type": "administrator",
                "job_title": "Kepala Bidang Kepegawaian",
            }
        )
        cls.emp_staff = Employee.create(
            {
                "name": "Staf Satu",
                "company_id": cls.company.id,
                "department_id": cls.unit.id,
                "user_id": cls.user_staff.id,
                "parent_id": cls.emp_appraiser.id,
                "asn_type": "pns",
                "asn_nip": "199001012015031003",
                "asn_rank_id": cls.rank_3a.id,
                "asn_position_type": "pelaksana",
                "job_title": "Pengelola Data Kepegawaian",
            }
        )
        cls.emp_colleague = Employee.create(
            {
                "name": "Staf Dua",
                "company_id": cls.company.id,
                "department_id": cls.unit.id,
                "user_id": cls.user_colleague.id,
                "parent_id": cls.emp_appraiser.id,
                "asn_type": "pppk",
                "asn_nip": "198502022022212004",
                "asn_position_type": "fungsional",
                "asn_position_level": "ahli_pertama",
            }
        )
        cls.cycle = cls.env["hr.asn.appraisal.cycle"].create(
            {
                "name": "SKP 2026",
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "filing_deadline": "2026-12-31",
                "require_annual_evaluation": False,
                "company_id": cls.company.id,
                "user_id": cls.user_hr.id,
            }
        )
        cls.cycle.with_user(cls.user_hr).action_open()

    @classmethod
    def _create_skp(cls, employee, with_plan=True, **vals):
        """An SKP in draft; with a complete plan when with_plan."""
        skp = cls.env["hr.asn.appraisal"].create(
            {"employee_id": employee.id, "cycle_id": cls.cycle.id, **vals}
        )
        if with_plan:
            cls._add_plan(skp)
        return skp

    @classmethod
    def _add_plan(cls, skp):
        cls.env["hr.asn.appraisal.rhk"].create(
            {
                "appraisal_id": skp.id,
                "name": "Terkelolanya data kepegawaian yang mutakhir",
                "rhk_type": "utama",
                "parent_rhk_text": "Meningkatnya kualitas manajemen ASN",
                "perspective": "proses_bisnis" if skp.is_jpt else False,
                "iki_ids": [
                    Command.create(
                        {
                            "name": "Jumlah data pegawai yang dimutakhirkan",
                            "aspect": "kuantitas",
                            "target_value": 120,
                            "target_unit": "Dokumen",
                        }
                    )
                ],
            }
        )
        return skp

    def _approved_skp(self):
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        return skp

    def _rated_skp(self, work="as_expected", behavior="as_expected"):
        skp = self._approved_skp()
        appraiser_skp = skp.with_user(self.user_appraiser)
        appraiser_skp.write({"work_rating": work, "behavior_rating": behavior})
        appraiser_skp.action_rate()
        return skp
