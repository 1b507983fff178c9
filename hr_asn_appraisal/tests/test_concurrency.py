import uuid

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentTransitions(BaseCase):
    """Two people acting on the same SKP at the same moment, on real cursors.

    The data is committed (other connections must see it) and removed again in
    tearDown: the commits are the point of these tests.
    """

    # pylint: disable=invalid-commit

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.company"].create(
                {"name": f"Dinas Konkuren {uuid.uuid4().hex[:8]}"}
            )
            users = {
                login: new_test_user(
                    env,
                    login=login,
                    groups=groups,
                    company_id=company.id,
                    company_ids=[(6, 0, company.ids)],
                )
                for login, groups in (
                    ("cc_appraiser", "base.group_user"),
                    ("cc_staff", "base.group_user"),
                    ("cc_hr", "base.group_user,hr_asn_appraisal.group_hr_asn_officer"),
                )
            }
            Employee = env["hr.employee"]
            boss = Employee.create(
                {
                    "name": "Atasan Konkuren",
                    "company_id": company.id,
                    "user_id": users["cc_appraiser"].id,
                }
            )
            staff = Employee.create(
                {
                    "name": "Staf Konkuren",
                    "company_id": company.id,
                    "user_id": users["cc_staff"].id,
                    "parent_id": boss.id,
                    "asn_type": "pns",
                    "asn_nip": "199202022018012001",
                }
            )
            cycle = env["hr.asn.appraisal.cycle"].create(
                {
                    "name": "Konkuren 2026",
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                    "company_id": company.id,
                }
            )
            cycle.action_open()
            skp = env["hr.asn.appraisal"].create(
                {"employee_id": staff.id, "cycle_id": cycle.id}
            )
            env["hr.asn.appraisal.rhk"].create(
                {
                    "appraisal_id": skp.id,
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
                }
            )
            skp.action_submit()
            self.ids = {
                "skp": skp.id,
                "cycle": cycle.id,
                "employees": (staff | boss).ids,
                "users": [u.id for u in users.values()],
                "company": company.id,
            }
            self.uids = {login: user.id for login, user in users.items()}

    def tearDown(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM hr_asn_appraisal WHERE cycle_id = %s", [self.ids["cycle"]]
            )
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["hr.asn.appraisal.cycle"].browse(self.ids["cycle"]).unlink()
            env["hr.employee"].browse(self.ids["employees"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
        super().tearDown()

    def _env(self, cr, login):
        return api.Environment(cr, self.uids[login], {})

    def test_second_approval_while_first_in_progress(self):
        """The second approver gets a clear error, not a second transition."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            skp1 = self._env(cr1, "cc_appraiser")["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            skp2 = self._env(cr2, "cc_appraiser")["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            skp1.action_approve()  # holds the row lock until cr1 commits
            with self.assertRaisesRegex(UserError, "Someone else is changing"):
                skp2.action_approve()
            cr2.rollback()
            cr1.commit()
        with self.registry.cursor() as cr:
            skp = api.Environment(cr, SUPERUSER_ID, {})["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            self.assertEqual(skp.state, "approved")
            approvals = skp.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "state" and t.new_value_char == "Approved"
            )
            self.assertLessEqual(len(approvals), 1)

    def test_late_second_approval_fails_on_its_old_snapshot(self):
        """A transaction that read the SKP before the other committed cannot apply
        the same transition again: PostgreSQL refuses the update, and Odoo's RPC
        layer retries it, which then sees the new state."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            skp2 = self._env(cr2, "cc_hr")["hr.asn.appraisal"].browse(self.ids["skp"])
            self.assertEqual(skp2.state, "submitted")  # cr2's snapshot starts here
            skp1 = self._env(cr1, "cc_appraiser")["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            skp1.action_approve()
            cr1.commit()
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.SerializationFailure),
            ):
                skp2.action_cancel("Mutasi")
            cr2.rollback()
            # The retry: a fresh transaction sees "approved" and acts on it.
            skp2.invalidate_recordset()
            skp2.action_cancel("Mutasi")
            cr2.commit()
        with self.registry.cursor() as cr:
            skp = api.Environment(cr, SUPERUSER_ID, {})["hr.asn.appraisal"].browse(
                self.ids["skp"]
            )
            self.assertEqual(skp.state, "cancel")

    def test_generation_started_twice_at_once(self):
        """A second generation while the first runs is refused; afterwards it
        creates nothing new: each SKP exists once."""
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM hr_asn_appraisal WHERE cycle_id = %s", [self.ids["cycle"]]
            )
            cr.commit()
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cycle1 = self._env(cr1, "cc_hr")["hr.asn.appraisal.cycle"].browse(
                self.ids["cycle"]
            )
            cycle2 = self._env(cr2, "cc_hr")["hr.asn.appraisal.cycle"].browse(
                self.ids["cycle"]
            )
            cycle1.action_generate_appraisals()
            with self.assertRaisesRegex(UserError, "being generated right now"):
                cycle2.action_generate_appraisals()
            cr2.rollback()
            cr1.commit()
            cycle2.invalidate_recordset()
            cycle2.action_generate_appraisals()
            cr2.commit()
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT employee_id, count(*) FROM hr_asn_appraisal "
                "WHERE cycle_id = %s GROUP BY employee_id",
                [self.ids["cycle"]],
            )
            counts = dict(cr.fetchall())
        # The appraiser has no appraiser of their own: only the staff's SKP.
        self.assertEqual(list(counts.values()), [1])
