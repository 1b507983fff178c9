import psycopg2.errors

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL


class HrAsnWorkflowMixin(models.AbstractModel):
    """One place that decides whether a state change may happen.

    A model using it lists its transitions with the roles allowed for each
    (``_get_transitions``), the transitions that need a reason
    (``_get_reason_fields``), and says which roles the current user holds on a
    record (``_get_user_roles``); its own content checks go in
    ``_check_transition_requirements``. ``write()`` calls
    ``_check_transition`` for every state change, and the buttons' ``can_*``
    flags read the same tables, so server and screen cannot disagree.
    """

    _name = "hr.asn.workflow.mixin"
    _description = "ASN Workflow Checks"

    def _get_transitions(self):
        """{(from_state, to_state): {roles allowed}}."""
        raise NotImplementedError

    def _get_reason_fields(self):
        """{(from_state, to_state): name of the field holding the reason}."""
        return {}

    def _get_user_roles(self, user=None):
        raise NotImplementedError

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _check_transition(self, new_state, vals=None):
        """Raise unless the current user may move every record to new_state:
        UserError for a wrong state or a missing reason, AccessError for a wrong
        person."""
        vals = vals or {}
        self._lock_for_transition()
        transitions = self._get_transitions()
        reason_fields = self._get_reason_fields()
        for record in self:
            key = (record.state, new_state)
            labels = {
                "record": record.display_name,
                "old": record._state_label(record.state),
                "new": record._state_label(new_state),
            }
            if key not in transitions:
                raise UserError(
                    _("%(record)s cannot go from %(old)s to %(new)s.", **labels)
                )
            if not self.env.su and not (record._get_user_roles() & transitions[key]):
                raise AccessError(
                    _(
                        "You are not allowed to move %(record)s from %(old)s to "
                        "%(new)s.",
                        **labels,
                    )
                )
            reason_field = reason_fields.get(key)
            if reason_field and not (vals.get(reason_field) or "").strip():
                raise UserError(
                    _("Moving %(record)s to %(new)s needs a reason.", **labels)
                )
            record._check_transition_requirements(new_state)

    def _check_transition_requirements(self, new_state):
        """What the record itself must contain before it may enter new_state."""
        return True

    def _lock_for_transition(self):
        """Take the rows before checking their state.

        Two people pressing the same button at once: the second one gets a
        clear message instead of waiting, and PostgreSQL's repeatable-read
        snapshot makes a late second update fail rather than apply twice.
        """
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    ),
                    log_exceptions=False,
                )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                _(
                    "Someone else is changing %(record)s right now. Reload it and "
                    "try again.",
                    record=self[:1].display_name,
                )
            ) from error

    # ------------------------------------------------------------------
    # To-do activities derived from the state
    # ------------------------------------------------------------------
    def _get_activity_by_state(self):
        """{state: (activity type xml id, who)}: the next actor's to-do."""
        return {}

    def _get_activity_user(self, who):
        raise NotImplementedError

    def _get_activity_deadline(self):
        self.ensure_one()
        return fields.Date.context_today(self)

    def _sync_activities(self):
        """Keep exactly one to-do, for the next actor of each record's state.

        The previous step's to-do is marked done (so the chatter shows who did
        it); everything is read and created in batches.
        """
        activity_by_state = self._get_activity_by_state()
        activity_types = {
            xmlid: self.env.ref(xmlid, raise_if_not_found=False)
            for xmlid, _who in activity_by_state.values()
        }
        type_ids = [t.id for t in activity_types.values() if t]
        Activity = self.env["mail.activity"].sudo()
        existing = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "in", type_ids),
            ]
        )
        by_record = {}
        for activity in existing:
            by_record.setdefault(activity.res_id, Activity)
            by_record[activity.res_id] |= activity
        to_finish = Activity
        to_create = []
        model_id = self.env["ir.model"]._get_id(self._name)
        for record in self:
            current = by_record.get(record.id, Activity)
            wanted = activity_by_state.get(record.state)
            wanted_type = activity_types.get(wanted[0]) if wanted else None
            assignee = record._get_activity_user(wanted[1]) if wanted else None
            keep = current.filtered(
                lambda a, t=wanted_type, u=assignee: (
                    t and a.activity_type_id == t and a.user_id == u
                )
            )
            to_finish |= current - keep
            if wanted_type and assignee and not keep:
                to_create.append(
                    {
                        "res_model_id": model_id,
                        "res_id": record.id,
                        "activity_type_id": wanted_type.id,
                        "user_id": assignee.id,
                        "date_deadline": record._get_activity_deadline(),
                    }
                )
        if to_finish:
            self._finish_activities(to_finish, _("Step completed."))
        if to_create:
            self._create_activities(to_create)
