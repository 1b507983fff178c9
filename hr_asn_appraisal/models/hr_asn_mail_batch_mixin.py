from collections import defaultdict

from odoo import Command, models
from odoo.tools import SQL


class HrAsnMailBatchMixin(models.AbstractModel):
    """To-do and follower bookkeeping for many records at once.

    ``mail.activity`` subscribes assignees and ``action_feedback`` posts the
    "done" message one record at a time; at validation of a whole unit that
    dominates the run. These helpers give the same followers and messages in
    batches.
    """

    _name = "hr.asn.mail.batch.mixin"
    _description = "ASN Batched To-do and Follower Helpers"
    # A model lists this mixin instead of mail.thread: its message_subscribe
    # override then comes before mail.thread's in the model's MRO.
    _inherit = ["mail.thread"]

    def _create_activities(self, vals_list):
        """Create the to-dos of these records in one batch.

        Odoo subscribes each assignee to the record, one assignee at a time;
        here they are subscribed together first (same followers, same
        subtypes), and Odoo's per-assignee call finds nothing left to do.
        """
        Activity = self.env["mail.activity"].sudo()
        # The to-dos take the records' names (res_name): read them at once.
        self.sudo().with_prefetch().mapped("display_name")
        users = (
            self.env["res.users"].sudo().browse({vals["user_id"] for vals in vals_list})
        )
        partner_by_user = {user.id: user.partner_id.id for user in users}
        subscribed = self._subscribe_partners(
            {(vals["res_id"], partner_by_user[vals["user_id"]]) for vals in vals_list}
        )
        return Activity.with_context(
            mail_activity_quick_update=True, asn_subscribed=subscribed
        ).create(vals_list)

    def _subscribe_partners(self, pairs):
        """Add followers {(record id, partner id)} as ``message_subscribe``
        does without explicit subtypes: active partners only, default
        subtypes (external ones for portal/public partners), existing
        followers kept as they are. Returns the pairs now following."""
        if not pairs:
            return frozenset()
        partner_ids = list({partner_id for _res_id, partner_id in pairs})
        current = self.env.user.partner_id.id
        partners = (
            self.env["res.partner"]
            .sudo()
            .search([("id", "in", partner_ids), ("active", "=", True)])
        )
        active_ids = set(partners.ids) | ({current} & set(partner_ids))
        customers = {p.id for p in partners if p.partner_share and p.id != current}
        default, _internal, external = self.env[
            "mail.message.subtype"
        ].default_subtypes(self._name)
        self.env.cr.execute(
            SQL(
                "SELECT res_id, partner_id FROM mail_followers "
                "WHERE res_model = %s AND res_id IN %s AND partner_id IN %s",
                self._name,
                tuple({res_id for res_id, _partner_id in pairs}),
                tuple(partner_ids),
            )
        )
        existing = set(self.env.cr.fetchall())
        self.env["mail.followers"].sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": res_id,
                    "partner_id": partner_id,
                    "subtype_ids": [
                        Command.set(
                            (external if partner_id in customers else default).ids
                        )
                    ],
                }
                for res_id, partner_id in sorted(pairs)
                if partner_id in active_ids and (res_id, partner_id) not in existing
            ]
        )
        return frozenset(
            (res_id, partner_id)
            for res_id, partner_id in pairs
            if partner_id in active_ids
        )

    def _already_subscribed(self, partner_ids, subtype_ids):
        """True when _create_activities has just subscribed these partners to
        these records (mail.activity's create then asks again, one assignee
        at a time)."""
        subscribed = self.env.context.get("asn_subscribed")
        return bool(
            subscribed
            and partner_ids
            and not subtype_ids
            and all(
                (res_id, partner_id) in subscribed
                for res_id in self.ids
                for partner_id in partner_ids
            )
        )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self._already_subscribed(partner_ids, subtype_ids):
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def _finish_activities(self, activities, feedback):
        """Mark the records' to-dos done, as ``mail.activity.action_feedback``
        does, but in batches.

        Each to-do still leaves its "done" message in the record's chatter (same
        body, author, subtype and activity type as Odoo's). The messages are
        created together, without Odoo's per-message notification pass: that is
        used only for records with a follower subscribed to activity messages,
        and for to-dos Odoo treats specially (chained next activity, kept when
        done, attachments), which all go through ``action_feedback``.
        """
        # As the caller, whatever env the to-dos were read in: the "done"
        # message is theirs on both paths below.
        activities = activities.with_env(self.env).sudo()
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_activities")
        attached = {
            attachment["res_id"]
            for attachment in self.env["ir.attachment"]
            .sudo()
            .search_read(
                [("res_model", "=", "mail.activity"), ("res_id", "in", activities.ids)],
                ["res_id"],
            )
        }
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT f.res_id FROM mail_followers f "
                "JOIN mail_followers_mail_message_subtype_rel r "
                "ON r.mail_followers_id = f.id "
                "WHERE f.res_model = %s AND f.res_id IN %s "
                "AND r.mail_message_subtype_id = %s",
                self._name,
                tuple(activities.mapped("res_id")),
                subtype_id,
            )
        )
        notified = {res_id for (res_id,) in self.env.cr.fetchall()}
        standard = activities.filtered(
            lambda a: (
                a.res_model != self._name
                or a.res_id in notified
                or a.id in attached
                or a.chaining_type == "trigger"
                or a.activity_type_id.keep_done
            )
        )
        if standard:
            standard.action_feedback(feedback=feedback)
        batch = activities - standard
        if not batch:
            return
        records = self.env[self._name].sudo().browse(batch.mapped("res_id"))
        author_id, email_from = records._message_compute_author(
            self.env.user.partner_id.id, None, raise_on_email=False
        )
        # Odoo's flat threads: a message hangs under the record's first message.
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT ON (res_id) res_id, id FROM mail_message "
                "WHERE model = %s AND res_id IN %s "
                "AND message_type != 'user_notification' ORDER BY res_id, id",
                self._name,
                tuple(records.ids),
            )
        )
        parent_by_record = dict(self.env.cr.fetchall())
        alias_domains = records._mail_get_alias_domains(
            default_company=self.env.company
        )
        companies = records._mail_get_companies(default=self.env.company)
        reply_to = records._notify_get_reply_to(default=email_from)
        Render = self.env["mail.render.mixin"]
        # Odoo's template reads the activity (type, assignee, summary, note)
        # and the feedback, never the record: render each distinct one once.
        bodies = {}
        values_list = []
        body_of_message = []
        for activity in batch:
            res_id = activity.res_id
            record = records.browse(res_id)
            key = (
                activity.activity_type_id.id,
                activity.user_id.id,
                activity.summary,
                activity.note,
            )
            if key not in bodies:
                bodies[key] = Render._render_template_qweb_view(
                    "mail.message_activity_done",
                    self._name,
                    [res_id],
                    add_context={
                        "activity": activity,
                        "feedback": feedback,
                        "display_assignee": activity.user_id != self.env.user,
                    },
                )[res_id]
            body_of_message.append(bodies[key])
            values_list.append(
                {
                    "author_id": author_id,
                    "email_from": email_from,
                    "model": self._name,
                    "res_id": res_id,
                    "record_name": record.display_name,
                    "record_alias_domain_id": alias_domains[res_id].id,
                    "record_company_id": companies[res_id].id,
                    "reply_to": reply_to[res_id],
                    "message_type": "notification",
                    "parent_id": parent_by_record.get(res_id, False),
                    "subject": False,
                    "subtype_id": subtype_id,
                    "mail_activity_type_id": activity.activity_type_id.id,
                    "email_add_signature": True,
                    "partner_ids": [],
                }
            )
        messages = records._message_create(values_list)
        # The bodies are few (one per to-do type and assignee) and the HTML
        # sanitizer costs about a millisecond a call: set each body once, on
        # all its messages, instead of sanitizing it once per message.
        ids_by_body = defaultdict(list)
        for message, body in zip(messages, body_of_message, strict=True):
            ids_by_body[body].append(message.id)
        body_field = messages._fields["body"]
        for body, ids in ids_by_body.items():
            # Sanitized as create would (once; a write would sanitize twice,
            # which changes the leading whitespace Odoo's own messages keep).
            clean = body_field.convert_to_column(body, messages[:1])
            self.env.cr.execute(
                SQL(
                    "UPDATE mail_message SET body = %s WHERE id IN %s",
                    clean,
                    tuple(ids),
                )
            )
        messages.invalidate_recordset(["body"])
        batch.unlink()
