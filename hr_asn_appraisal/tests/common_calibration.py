from odoo import Command
from odoo.tests import new_test_user

from .common import AsnAppraisalCase


class AsnCalibrationCase(AsnAppraisalCase):
    """Adds more staff to the unit, an HR administrator, and an appraiser (the
    Sekda, with a login) above the unit head, who leads the unit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_manager = new_test_user(
            cls.env,
            login="t_hr_manager",
            groups="base.group_user,hr_asn_appraisal.group_hr_asn_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.user_sekda = new_test_user(
            cls.env,
            login="t_sekda",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        Employee = cls.env["hr.employee"]
        cls.emp_sekda = Employee.create(
            {
                "name": "Sekretaris Daerah",
                "company_id": cls.company.id,
                "user_id": cls.user_sekda.id,
                "asn_type": "pns",
                "asn_nip": "196805051990031001",
            }
        )
        cls.emp_head.asn_appraiser_id = cls.emp_sekda
        # The Kepala Dinas leads the unit (no other employee changes manager:
        # everyone else in the unit already reports to someone).
        cls.unit.manager_id = cls.emp_head
        cls.extra = Employee.create(
            [
                {
                    "name": f"Staf Tambahan {n}",
                    "company_id": cls.company.id,
                    "department_id": cls.unit.id,
                    "parent_id": cls.emp_appraiser.id,
                    "asn_type": "pns",
                    "asn_nip": f"199001{n:02d}2015031{n:03d}",
                    "asn_position_type": "pelaksana",
                }
                for n in range(1, 9)
            ]
        )

    @classmethod
    def _rated_for(cls, employee, work, behavior, cycle=None):
        """An SKP of employee rated work/behaviour by their appraiser."""
        vals = {"cycle_id": cycle.id} if cycle else {}
        skp = cls._create_skp(employee, **vals)
        skp.with_user(cls.user_hr).action_submit()
        appraiser_user = skp.appraiser_id.user_id
        skp.with_user(appraiser_user).action_approve()
        skp.with_user(appraiser_user).write(
            {"work_rating": work, "behavior_rating": behavior}
        )
        skp.with_user(appraiser_user).action_rate()
        return skp

    @classmethod
    def _done_for(cls, employee, work, behavior, cycle=None):
        skp = cls._rated_for(employee, work, behavior, cycle=cycle)
        skp.with_user(cls.user_hr).action_validate()
        return skp
