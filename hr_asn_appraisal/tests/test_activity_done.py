from odoo.tests import tagged

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
