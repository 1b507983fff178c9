from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .common import AsnAppraisalCase

COMPARED = [
    "author_id",
    "email_from",
    "model",
    "record_name",
    "record_company_id",
    "message_type",
    "subtype_id",
    "mail_activity_type_id",
    "is_internal",
    "email_add_signature",
]


@tagged("post_install", "-at_install")
class TestActivityDone(AsnAppraisalCase):
    """A workflow step closes the previous to-do in batch, leaving the same
    chatter message as Odoo's "mark as done"."""

    def _todo(self, skp):
        return skp.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("hr_asn_appraisal.mail_activity_type_skp_approve")
            )
        )

    def _done_message(self, skp):
        return skp.message_ids.filtered(lambda m: m.mail_activity_type_id)[:1]

    def test_batch_message_matches_odoo(self):
        ours = self._create_skp(self.emp_staff)
        odoo_skp = self._create_skp(self.emp_colleague)
        for skp in ours | odoo_skp:
            skp.with_user(self.user_hr).message_post(body="first")
        (ours | odoo_skp).with_user(self.user_staff).sudo().action_submit()
        # Both to-dos "approve" are the appraiser's; the appraiser finishes them.
        HrAppraisal = self.env["hr.asn.appraisal"].with_user(self.user_appraiser)
        HrAppraisal._finish_activities(self._todo(ours), "Step completed.")
        self._todo(odoo_skp).with_user(self.user_appraiser).action_feedback(
            feedback="Step completed."
        )
        self.assertFalse(self._todo(ours))
        mine, theirs = self._done_message(ours), self._done_message(odoo_skp)
        self.assertTrue(mine and theirs)
        for name in COMPARED:
            with self.subTest(field=name):
                if name == "record_name":
                    self.assertEqual(mine[name], ours.display_name)
                    continue
                self.assertEqual(mine[name], theirs[name])
        self.assertEqual(str(mine.body), str(theirs.body))
        self.assertIn("Step completed.", str(mine.body))
        self.assertEqual(mine.parent_id, ours.message_ids.sorted("id")[0])
        self.assertEqual(theirs.parent_id, odoo_skp.message_ids.sorted("id")[0])
        self.assertEqual(bool(mine.reply_to), bool(theirs.reply_to))

    def test_follower_of_activities_is_still_notified(self):
        skp = self._create_skp(self.emp_staff)
        partner = self.user_head.partner_id
        skp.message_subscribe(
            partner_ids=partner.ids,
            subtype_ids=self.env.ref("mail.mt_activities").ids,
        )
        skp.with_user(self.user_staff).action_submit()
        skp.with_user(self.user_appraiser).action_approve()
        message = self._done_message(skp.with_context(active_test=False))
        self.assertTrue(message)
        notified = self.env["mail.notification"].search(
            [("mail_message_id", "in", skp.message_ids.ids)]
        )
        self.assertIn(partner, notified.res_partner_id)

    def test_many_steps_at_once_leave_one_message_each(self):
        skps = self._create_skp(self.emp_staff) | self._create_skp(self.emp_colleague)
        skps.with_user(self.user_hr).action_submit()
        for skp in skps:
            done = skp.message_ids.filtered(lambda m: m.mail_activity_type_id)
            self.assertEqual(len(done), 1)
            self.assertEqual(
                done.mail_activity_type_id,
                self.env.ref("hr_asn_appraisal.mail_activity_type_skp_draft"),
            )

    def test_assignee_follows_as_with_odoo(self):
        """The to-do's assignee follows the record with the subtypes Odoo's
        message_subscribe gives."""
        ours = self._create_skp(self.emp_staff)
        odoo_skp = self._create_skp(self.emp_colleague)
        partner = self.user_staff.partner_id
        mine = ours.message_follower_ids.filtered(lambda f: f.partner_id == partner)
        self.assertTrue(mine, "the employee follows the SKP of their to-do")
        other = self.user_head.partner_id
        self.assertNotIn(other, odoo_skp.message_partner_ids)
        odoo_skp.message_subscribe(partner_ids=other.ids)
        theirs = odoo_skp.message_follower_ids.filtered(lambda f: f.partner_id == other)
        self.assertEqual(mine.subtype_ids, theirs.subtype_ids)

    # ------------------------------------------------------------------
    # The batch helpers against Odoo's public API, on identical records
    # ------------------------------------------------------------------
    def _staff(self, login, name):
        user = new_test_user(
            self.env,
            login=login,
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        return self.env["hr.employee"].create(
            {
                "name": name,
                "company_id": self.company.id,
                "department_id": self.unit.id,
                "user_id": user.id,
                "parent_id": self.emp_appraiser.id,
            }
        )

    def _followers(self, record):
        """{(partner, subtypes)}; the SKP's own employee (a different person
        on each side of a pair) appears as "employee"."""
        own = record.employee_id.user_id.partner_id
        return {
            (
                "employee" if follower.partner_id == own else follower.partner_id,
                frozenset(follower.subtype_ids.ids),
            )
            for follower in record.message_follower_ids
        }

    def _notifications(self, message):
        return sorted(
            (n.res_partner_id.id, n.notification_type, n.is_read)
            for n in message.notification_ids
        )

    def test_helpers_give_what_odoo_gives(self):
        """Odoo's message_subscribe, mail.activity create and action_feedback
        on one pair of SKPs, the batch helpers on an identical pair: same
        followers (partners and subtypes), same "done" messages (body, author,
        subtype, activity type, parent, record name) and the same
        notifications. The first record of each pair has a follower of
        activity messages (notified), the second has none."""
        stock = self._create_skp(self.emp_staff) | self._create_skp(self.emp_colleague)
        batch = self._create_skp(self._staff("t_peer1", "Staf Tiga")) | (
            self._create_skp(self._staff("t_peer2", "Staf Empat"))
        )
        mt_note = self.env.ref("mail.mt_note")
        mt_activities = self.env.ref("mail.mt_activities")
        watcher = self.user_head.partner_id
        for records in (stock, batch):
            for record in records:
                record.with_user(self.user_hr).message_post(body="first")
                record.message_subscribe(self.user_hr.partner_id.ids, mt_note.ids)
            records[0].message_subscribe(watcher.ids, mt_activities.ids)

        # Followers: internal, external (no user), archived, already following.
        Partner = self.env["res.partner"]
        partners = (
            self.user_appraiser.partner_id
            | Partner.create({"name": "Warga Pelapor", "email": "warga@example.com"})
            | Partner.create({"name": "Mantan Pegawai", "active": False})
            | self.user_hr.partner_id
        )
        stock.message_subscribe(partner_ids=partners.ids)
        batch._subscribe_partners(
            {(record.id, partner.id) for record in batch for partner in partners}
        )
        for mine, theirs in zip(batch, stock, strict=True):
            self.assertEqual(self._followers(mine), self._followers(theirs))

        # To-dos for a new assignee: created, then marked done by them.
        assignee = self._staff("t_reviewer", "Pemeriksa").user_id
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("hr.asn.appraisal")

        def todo_vals(record):
            return {
                "res_model_id": model_id,
                "res_id": record.id,
                "activity_type_id": todo.id,
                "user_id": assignee.id,
                "summary": "Periksa rencana",
                "note": "<p>Periksa RHK dan IKI.</p>",
                "date_deadline": fields.Date.today(),
            }

        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create([todo_vals(record) for record in stock])
        batch._create_activities([todo_vals(record) for record in batch])
        for mine, theirs in zip(batch, stock, strict=True):
            self.assertEqual(self._followers(mine), self._followers(theirs))
            self.assertIn(assignee.partner_id, mine.message_partner_ids)

        def todos(records):
            return records.activity_ids.filtered(lambda a: a.activity_type_id == todo)

        def last_messages(records):
            return {record: record.message_ids.sorted("id")[-1] for record in records}

        before = {r: len(r.message_ids) for r in stock | batch}
        todos(stock).with_user(assignee).action_feedback(feedback="Sudah diperiksa.")
        self.env["hr.asn.appraisal"].with_user(assignee)._finish_activities(
            todos(batch), "Sudah diperiksa."
        )
        self.assertFalse(todos(stock | batch))
        for record in stock | batch:
            self.assertEqual(len(record.message_ids), before[record] + 1)
        done_stock, done_batch = last_messages(stock), last_messages(batch)
        for mine_record, theirs_record in zip(batch, stock, strict=True):
            mine, theirs = done_batch[mine_record], done_stock[theirs_record]
            with self.subTest(record=mine_record.display_name):
                self.assertEqual(str(mine.body), str(theirs.body))
                self.assertIn("Sudah diperiksa.", str(mine.body))
                for name in COMPARED + ["partner_ids", "attachment_ids"]:
                    if name == "record_name":
                        self.assertEqual(mine.record_name, mine_record.display_name)
                        self.assertEqual(theirs.record_name, theirs_record.display_name)
                        continue
                    self.assertEqual(mine[name], theirs[name], name)
                self.assertEqual(mine.author_id, assignee.partner_id)
                self.assertEqual(mine.subtype_id, mt_activities)
                self.assertEqual(mine.mail_activity_type_id, todo)
                self.assertEqual(
                    mine.parent_id, mine_record.message_ids.sorted("id")[0]
                )
                self.assertEqual(
                    theirs.parent_id, theirs_record.message_ids.sorted("id")[0]
                )
                self.assertEqual(
                    (mine.reply_to or "").replace(mine_record.display_name, "*"),
                    (theirs.reply_to or "").replace(theirs_record.display_name, "*"),
                )
                self.assertEqual(self._notifications(mine), self._notifications(theirs))
                self.assertEqual(
                    mine.with_user(self.user_head).needaction,
                    theirs.with_user(self.user_head).needaction,
                )
        # The follower of activity messages was notified on both sides.
        self.assertIn(
            watcher.id, [n[0] for n in self._notifications(done_batch[batch[0]])]
        )
        self.assertFalse(self._notifications(done_batch[batch[1]]))

    def test_one_message_subscribe_override(self):
        """The batch mixin holds the only message_subscribe override of the
        addon, in front of mail.thread's, for every model that uses it."""
        for name in ("hr.asn.appraisal", "hr.asn.checkin", "hr.asn.training.request"):
            with self.subTest(model=name):
                owners = [
                    cls._name
                    for cls in type(self.env[name]).__mro__
                    if "message_subscribe" in vars(cls)
                    and getattr(cls, "_module", None) in ("hr_asn_appraisal", "mail")
                ]
                self.assertEqual(owners[:2], ["hr.asn.mail.batch.mixin", "mail.thread"])
                self.assertEqual(owners.count("hr.asn.mail.batch.mixin"), 1)
                self.assertIsInstance(
                    self.env[name], type(self.env["hr.asn.mail.batch.mixin"])
                )
