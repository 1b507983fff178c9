import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import AsnAppraisalCase


class TestActingOfficial(AsnAppraisalCase):
    """Acting officials (Plt/Plh, SE Kepala BKN 1/SE/I/2021): while acting,
    they appraise in the position's name; before and after, they do not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_acting = cls.env["res.users"].create(
            {
                "name": "Plt Kabid",
                "login": "t_acting",
                "email": "plt.kabid@example.com",
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
            }
        )
        cls.emp_acting = cls.env["hr.employee"].create(
            {
                "name": "Sekretaris Dinas",
                "company_id": cls.company.id,
                "department_id": cls.unit.id,
                "user_id": cls.user_acting.id,
                "parent_id": cls.emp_head.id,
                "asn_type": "pns",
                "asn_nip": "197803032003121005",
                "asn_position_type": "administrator",
                "job_title": "Sekretaris",
            }
        )
        cls.Acting = cls.env["hr.asn.acting.assignment"]

    def _acting(self, employee=None, official=None, **vals):
        return self.Acting.with_user(self.user_hr).create(
            {
                "employee_id": (employee or self.emp_acting).id,
                "official_id": (official or self.emp_appraiser).id,
                "kind": "plt",
                "date_from": "2026-07-01",
                "date_to": "2026-07-31",
                "decree": "800/123/BKPSDM/2026",
                **vals,
            }
        )

    def _submitted_skp(self):
        skp = self._create_skp(self.emp_staff)
        skp.with_user(self.user_staff).action_submit()
        return skp

    def _can_read(self, user, skp):
        return bool(
            self.env["hr.asn.appraisal"].with_user(user).search([("id", "=", skp.id)])
        )

    @freeze_time("2026-07-15 09:00:00")
    def test_acting_official_approves_and_rates_in_the_position_name(self):
        skp = self._submitted_skp()
        self.assertFalse(self._can_read(self.user_acting, skp))
        acting = self._acting()
        self.assertEqual(acting.state, "running")
        self.assertTrue(self._can_read(self.user_acting, skp))
        as_acting = skp.with_user(self.user_acting)
        self.assertTrue(as_acting.can_approve)
        self.assertEqual(as_acting.rhk_ids.mapped("name"), skp.rhk_ids.mapped("name"))
        as_acting.action_approve()
        as_acting.write({"work_rating": "above", "behavior_rating": "as_expected"})
        as_acting.action_rate()
        self.assertEqual(skp.state, "rated")
        self.assertTrue(skp.predikat)
        logs = skp.transition_log_ids.filtered(
            lambda log: log.to_state in ("approved", "rated")
        )
        self.assertEqual(len(logs), 2)
        self.assertEqual(logs.user_id, self.user_acting)
        self.assertEqual(logs.acting_for_id, self.emp_appraiser)
        # The documents print the acting official, "Plt." before the title.
        appraiser = skp._get_report_people()["appraiser"]
        self.assertEqual(appraiser["name"], "Sekretaris Dinas")
        self.assertEqual(appraiser["position"], "Plt. Kepala Bidang Kepegawaian")
        evaluation = skp.with_user(self.user_hr)._get_report_evaluation()
        self.assertEqual(
            evaluation["appraiser"]["position"], "Plt. Kepala Bidang Kepegawaian"
        )
        html = self._html_report(skp)
        self.assertIn("Plt. Kepala Bidang Kepegawaian", html)
        self.assertIn("197803032003121005", html)

    def _html_report(self, skp):
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.user_hr)
            ._render_qweb_html("hr_asn_appraisal.action_report_skp", skp.ids)
        )
        return html.decode() if isinstance(html, bytes) else str(html)

    def test_plh_prefix_and_official_signs_plain(self):
        with freeze_time("2026-07-15 09:00:00"):
            skp = self._submitted_skp()
            self._acting(kind="plh")
            skp.with_user(self.user_acting).action_approve()
        with freeze_time("2026-08-03 09:00:00"):
            self.assertEqual(
                skp._get_report_people()["appraiser"]["position"],
                "Plh. Kepala Bidang Kepegawaian",
            )
            # The rating after the acting ended is the official's own.
            skp.with_user(self.user_appraiser).write(
                {"work_rating": "as_expected", "behavior_rating": "as_expected"}
            )
            skp.with_user(self.user_appraiser).action_rate()
            evaluation = skp.with_user(self.user_hr)._get_report_evaluation()
            self.assertEqual(evaluation["appraiser"]["name"], "Kepala Bidang")
            self.assertEqual(
                evaluation["appraiser"]["position"], "Kepala Bidang Kepegawaian"
            )
            rated_log = skp.transition_log_ids.filtered(
                lambda log: log.to_state == "rated"
            )
            self.assertFalse(rated_log.acting_for_id)

    def test_refused_before_and_after_the_dates(self):
        with freeze_time("2026-06-30 09:00:00"):
            skp = self._submitted_skp()
            acting = self._acting()
            self.assertEqual(acting.state, "planned")
            self.assertFalse(self._can_read(self.user_acting, skp))
            with self.assertRaises(AccessError):
                skp.with_user(self.user_acting).action_approve()
        with freeze_time("2026-08-01 09:00:00"):
            self.assertFalse(self._can_read(self.user_acting, skp))
            with self.assertRaises(AccessError):
                skp.with_user(self.user_acting).action_approve()
            self.assertNotIn("appraiser", skp._get_user_roles(self.user_acting))
        with freeze_time("2026-07-31 09:00:00"):
            self.assertTrue(self._can_read(self.user_acting, skp))
            skp.with_user(self.user_acting).action_approve()
            self.assertEqual(skp.state, "approved")

    @freeze_time("2026-07-15 09:00:00")
    def test_acting_official_never_acts_on_own_skp(self):
        # A staff member acts for their own appraiser (Plh while on leave).
        own = self._create_skp(self.emp_colleague)
        own.with_user(self.user_colleague).action_submit()
        staff_skp = self._submitted_skp()
        self._acting(employee=self.emp_colleague, kind="plh")
        self.assertEqual(own._get_user_roles(self.user_colleague), {"employee"})
        with self.assertRaises(AccessError):
            own.with_user(self.user_colleague).action_approve()
        self.assertFalse(own.with_user(self.user_colleague).can_approve)
        # The colleague's SKP stays with the official's to-do, never the Plh's.
        todo = self.env["mail.activity"].search(
            [("res_model", "=", own._name), ("res_id", "=", own.id)]
        )
        self.assertEqual(todo.user_id, self.user_appraiser)
        # The team's other SKP: yes.
        staff_skp.with_user(self.user_colleague).action_approve()
        self.assertEqual(staff_skp.state, "approved")

    @freeze_time("2026-07-15 09:00:00")
    def test_acting_for_the_appraisers_superior(self):
        skp = self._submitted_skp()
        self._acting(official=self.emp_head)
        roles = skp._get_user_roles(self.user_acting)
        self.assertEqual(roles, {"appraiser_parent"})
        self.assertTrue(self._can_read(self.user_acting, skp))
        with self.assertRaises(AccessError):
            skp.with_user(self.user_acting).action_approve()

    @freeze_time("2026-07-15 09:00:00")
    def test_bad_input_and_overlaps_refused_by_the_database(self):
        self._acting()
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            # Another acting official for the same position, overlapping.
            self._acting(employee=self.emp_colleague, date_from="2026-07-31")
            self.env.flush_all()
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            # The same acting employee for another position, overlapping.
            self._acting(official=self.emp_head, date_from="2026-06-01", date_to=False)
            self.env.flush_all()
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "INSERT INTO hr_asn_acting_assignment (employee_id, official_id, "
                "kind, date_from, date_to, state, company_id) "
                "VALUES (%s, %s, 'plh', '2026-07-10', '2026-07-12', 'running', %s)",
                (self.emp_colleague.id, self.emp_appraiser.id, self.company.id),
            )
        with (
            self.assertRaises(psycopg2.errors.CheckViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self._acting(
                official=self.emp_acting, date_from="2026-09-01", date_to="2026-09-30"
            )
        with (
            self.assertRaises(psycopg2.errors.CheckViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self._acting(date_from="2026-09-10", date_to="2026-09-01")
        # Side by side is fine: the next one starts the day after.
        nxt = self._acting(
            employee=self.emp_colleague, date_from="2026-08-01", date_to=False
        )
        self.assertEqual(nxt.state, "planned")
        # Only HR creates them.
        with self.assertRaises(AccessError):
            self.Acting.with_user(self.user_appraiser).create(
                {
                    "employee_id": self.emp_appraiser.id,
                    "official_id": self.emp_head.id,
                    "kind": "plh",
                    "date_from": "2026-10-01",
                }
            )

    def _todo(self, skp):
        return self.env["mail.activity"].search(
            [("res_model", "=", skp._name), ("res_id", "=", skp.id)]
        )

    def test_open_todos_follow_the_acting_official(self):
        with freeze_time("2026-07-15 09:00:00"):
            skp = self._submitted_skp()
            self.assertEqual(self._todo(skp).user_id, self.user_appraiser)
            acting = self._acting()
            # Handed over when the acting starts.
            self.assertEqual(self._todo(skp).user_id, self.user_acting)
            # HR ends it: the to-do passes back to the official.
            acting.with_user(self.user_hr).action_end()
            self.assertEqual(acting.state, "ended")
            self.assertEqual(str(acting.date_to), "2026-07-14")
            self.assertEqual(self._todo(skp).user_id, self.user_appraiser)
            self.assertFalse(self._can_read(self.user_acting, skp))
            # It ran: the record of who signed stays.
            with self.assertRaises(UserError):
                acting.with_user(self.user_hr).unlink()
            planned = self._acting(date_from="2026-09-01", date_to="2026-09-30")
            planned.with_user(self.user_hr).unlink()
            self.assertFalse(planned.exists())

    def test_daily_job_passes_todos_back_when_the_end_date_passed(self):
        with freeze_time("2026-07-15 09:00:00"):
            self._acting(date_to="2026-07-20")
            skp = self._submitted_skp()
            # New to-dos of the position go to the acting official.
            self.assertEqual(self._todo(skp).user_id, self.user_acting)
            skp.with_user(self.user_acting).action_approve()
            self.assertEqual(self._todo(skp).user_id, self.user_acting)
        with freeze_time("2026-07-21 06:00:00"):
            self.Acting._cron_sync_acting()
            acting = self.Acting.search([("employee_id", "=", self.emp_acting.id)])
            self.assertEqual(acting.state, "ended")
            todo = self._todo(skp)
            self.assertEqual(len(todo), 1)
            self.assertEqual(todo.user_id, self.user_appraiser)
            self.assertEqual(
                todo.activity_type_id,
                self.env.ref("hr_asn_appraisal.mail_activity_type_skp_rate"),
            )

    def test_to_dos_pass_to_the_next_acting_official(self):
        with freeze_time("2026-07-15 09:00:00"):
            skp = self._submitted_skp()
            self._acting(date_to="2026-07-20")
            self._acting(
                employee=self.emp_colleague,
                kind="plh",
                date_from="2026-07-21",
                date_to="2026-07-25",
            )
            self.assertEqual(self._todo(skp).user_id, self.user_acting)
        with freeze_time("2026-07-21 06:00:00"):
            self.Acting._cron_sync_acting()
            self.assertEqual(self._todo(skp).user_id, self.user_colleague)

    def test_acting_superior_decides_a_keberatan(self):
        with freeze_time("2026-03-02 10:00:00"):
            skp = self._create_skp(self.emp_staff)
            skp.with_user(self.user_staff).action_submit()
            skp.with_user(self.user_appraiser).action_approve()
            skp.with_user(self.user_appraiser).write(
                {"work_rating": "below", "behavior_rating": "as_expected"}
            )
            skp.with_user(self.user_appraiser).action_rate()
            skp.with_user(self.user_hr).action_validate()
            objection = (
                self.env["hr.asn.objection"]
                .with_user(self.user_staff)
                .create(
                    {
                        "appraisal_id": skp.id,
                        "reason": "Capaian RHK terhambat di luar kendali saya.",
                    }
                )
            )
            self.assertFalse(
                self.env["hr.asn.objection"]
                .with_user(self.user_acting)
                .search([("id", "=", objection.id)])
            )
            self._acting(
                official=self.emp_head,
                kind="plh",
                date_from="2026-03-01",
                date_to="2026-03-10",
            )
            todo = self._todo(objection)
            self.assertEqual(todo.user_id, self.user_acting)
            as_acting = objection.with_user(self.user_acting)
            self.assertTrue(
                self.env["hr.asn.objection"]
                .with_user(self.user_acting)
                .search([("id", "=", objection.id)])
            )
            as_acting.action_decide_reject("Tidak beralasan")
            self.assertEqual(objection.state, "rejected")
            log = objection.transition_log_ids.filtered(
                lambda row: row.to_state == "rejected"
            )
            self.assertEqual(log.user_id, self.user_acting)
            self.assertEqual(log.acting_for_id, self.emp_head)
