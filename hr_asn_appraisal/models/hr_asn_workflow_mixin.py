from collections import defaultdict

import psycopg2.errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .hr_asn_transition_log import LOG_COLUMNS


class HrAsnWorkflowMixin(models.AbstractModel):
    """The one engine that owns every state change of a document.

    A model declares data only, as class attributes:

    - ``_asn_transitions``: ``{(from_state, to_state): {roles allowed}}``;
    - ``_asn_reason_fields``: ``{(from_state, to_state): reason field}``;
    - ``_asn_field_editors``: ``{part: (field names, {state: roles})}``, who
      may edit which fields in which state (``_get_part_label(part)`` names
      the part in messages);
    - ``_asn_server_owned_fields``: date stamps, snapshots, who decided, late
      flags: set by the server only, a caller's value is refused;
    - ``_asn_locked_states``: states in which only a transition may write;
    - ``_asn_can_fields``: the ``can_*`` button flags and the transition or
      part each one stands for;
    - ``_asn_role_fields``: ``{role: field}``, the hr.employee holding a role;
    - ``_asn_activity_by_state``: the next actor's to-do per state;

    and methods:

    - ``_get_user_roles()``: the roles the current user holds on a record;
    - ``_check_transition_requirements(new_state)``: what the record itself
      must contain;
    - ``_prepare_transition_vals(new_state, now)``: the server-owned values a
      transition stamps;
    - hooks ``_on_enter_<state>(from_state)``, called after the change.

    The engine does the work: the single ``write()`` funnel, the row lock,
    the checks (``UserError`` for a wrong state or a missing reason,
    ``AccessError`` for a wrong person), the ``can_*`` flags from the same
    checks, the to-do sync and one transition log row per change.
    """

    _name = "hr.asn.workflow.mixin"
    _description = "ASN Workflow Engine"

    _asn_transitions = {}
    _asn_reason_fields = {}
    _asn_field_editors = {}
    _asn_server_owned_fields = frozenset()
    _asn_locked_states = frozenset()
    _asn_can_fields = {}
    _asn_role_fields = {}
    _asn_activity_by_state = {}
    # Check every record's requirements against the state left by the ones
    # before it (e.g. seats of a training programme), one record at a time.
    _asn_transition_one_by_one = False

    transition_log_ids = fields.One2many(
        "hr.asn.transition.log",
        compute="_compute_transition_log_ids",
    )

    # ------------------------------------------------------------------
    # Declarations (feature slices may extend them through these getters)
    # ------------------------------------------------------------------
    def _get_transitions(self):
        return self._asn_transitions

    def _get_reason_fields(self):
        return self._asn_reason_fields

    def _get_field_editors(self):
        return self._asn_field_editors

    def _get_part_label(self, part):
        return part

    def _get_server_owned_fields(self):
        return set(self._asn_server_owned_fields)

    def _get_locked_states(self):
        return set(self._asn_locked_states)

    def _get_can_fields(self):
        return self._asn_can_fields

    def _get_user_roles(self, user=None):
        raise NotImplementedError

    def _get_role_person(self, role):
        """The hr.employee who holds ``role`` on the record, if any: a user
        acting in that role without being that person acts for them."""
        self.ensure_one()
        field_name = self._asn_role_fields.get(role)
        return self.sudo()[field_name] if field_name else self.env["hr.employee"]

    def _check_transition_requirements(self, new_state):
        """What the record itself must contain before it may enter new_state."""
        return True

    def _prepare_transition_vals(self, new_state, now):
        """Server-owned values stamped by a transition (dates, who, snapshots)."""
        return {}

    def _prepare_server_create_vals(self, vals_list):
        """Add the server-owned values of new records (after the caller's
        values were checked)."""
        return vals_list

    def _check_write(self, vals):
        """Model-specific refusals of a caller's write, before it is applied."""
        return True

    # ------------------------------------------------------------------
    # Who is who
    # ------------------------------------------------------------------
    @api.model
    def _asn_person_employees(self, user=None):
        """Every employee record of the user, in every company, archived too:
        the person, not the current link a form can change."""
        user = (user or self.env.user).sudo()
        return user.with_context(active_test=False).employee_ids

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _transition_allowed_roles(self, from_state, to_state):
        return self._get_transitions().get((from_state, to_state), set())

    def _check_transition(self, new_state, vals=None):
        """Raise unless the current user may move every record to new_state:
        UserError for a wrong state or a missing reason, AccessError for a wrong
        person."""
        vals = vals or {}
        self._lock_for_transition()
        transitions = self._get_transitions()
        reason_fields = self._get_reason_fields()
        roles_by_record = {}
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
            if not self.env.su:
                roles_by_record[record.id] = record._get_user_roles()
            if not self.env.su and not (roles_by_record[record.id] & transitions[key]):
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
        return roles_by_record

    def _check_caller_fields(self, vals, new_state):
        """Server-owned fields never come from the caller; reasons come only
        with the transition that needs them. Returns the reason fields this
        write may carry."""
        reason_fields = self._get_reason_fields()
        allowed_reasons = {
            field_name
            for (_from_state, to_state), field_name in reason_fields.items()
            if new_state and to_state == new_state
        }
        editors = self._get_field_editors().values()
        editable = set().union(*(part_fields for part_fields, _allowed in editors))
        forbidden = (
            set(vals) & self._get_server_owned_fields()
            | (set(vals) & set(reason_fields.values())) - allowed_reasons - editable
        )
        if forbidden:
            raise UserError(
                _(
                    "%(fields)s of %(record)s are set by the system as the "
                    "document moves through its steps: they change only through "
                    "its buttons.",
                    fields=", ".join(
                        sorted(
                            self._fields[name].get_description(self.env)["string"]
                            for name in forbidden
                        )
                    ),
                    record=self[:1].display_name or self._description,
                )
            )
        return allowed_reasons

    def _check_field_editors(self, field_names):
        """Raise unless the current user may change these fields now."""
        if self.env.su:
            return
        field_names = set(field_names) - {"state"}
        locked = self._get_locked_states()
        for record in self:
            if record.state in locked and field_names - self._get_free_fields():
                raise UserError(
                    _(
                        "%(record)s is %(state)s and locked: it changes only "
                        "through its buttons.",
                        record=record.display_name,
                        state=record._state_label(record.state),
                    )
                )
        self._check_part_editable(
            [
                part
                for part, (part_fields, _allowed) in self._get_field_editors().items()
                if field_names & set(part_fields)
            ]
        )

    def _check_part_editable(self, parts):
        """AccessError when no role of the user ever edits a part, UserError
        when not in the record's present state."""
        if self.env.su or not parts:
            return
        editors = self._get_field_editors()
        for record in self:
            roles = record._get_user_roles()
            for part in parts:
                allowed = editors[part][1]
                label = record._get_part_label(part)
                if not roles & set().union(*allowed.values()):
                    raise AccessError(
                        _(
                            "You are not allowed to change %(what)s of %(record)s.",
                            what=label,
                            record=record.display_name,
                        )
                    )
                if not roles & allowed.get(record.state, set()):
                    raise UserError(
                        _(
                            "You cannot change %(what)s of %(record)s while it is "
                            "%(state)s.",
                            what=label,
                            record=record.display_name,
                            state=record._state_label(record.state),
                        )
                    )

    def _get_free_fields(self):
        """Fields that stay writable in a locked state (chatter bookkeeping)."""
        return {
            name
            for name, field in self._fields.items()
            if name.startswith(("message_", "activity_")) or name == "state"
        }

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
    # The funnel
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            initial = self._fields["state"].default(self)
            server_owned = self._get_server_owned_fields() | set(
                self._get_reason_fields().values()
            )
            for vals in vals_list:
                if vals.get("state", initial) != initial or set(vals) & server_owned:
                    raise UserError(
                        _(
                            "A new %(document)s starts as %(state)s; its workflow "
                            "fields are set by the system.",
                            document=self._description,
                            state=self._state_label(initial),
                        )
                    )
        return super().create(self._prepare_server_create_vals(vals_list))

    def write(self, vals):
        new_state = vals.get("state")
        self._check_write(vals)
        if not self.env.su:
            reasons = self._check_caller_fields(vals, new_state)
            self._check_field_editors(set(vals) - reasons)
        if not new_state:
            return super().write(vals)
        batches = self if self._asn_transition_one_by_one else [self]
        for records in batches:
            records._apply_transition(new_state, vals)
        self._sync_activities()
        return True

    def _apply_transition(self, new_state, vals):
        roles_by_record = self._check_transition(new_state, vals)
        from_states = {record.id: record.state for record in self}
        now = fields.Datetime.now()
        # Stamps differ per record (lateness, snapshot): write each set once.
        batches = defaultdict(list)
        for record in self:
            stamps = record._prepare_transition_vals(new_state, now)
            batches[tuple(sorted(stamps.items()))].append(record.id)
        for stamps, ids in batches.items():
            # Past the checks above, straight to the stored values (the
            # caller's write went through mail.thread: tracking is prepared).
            super(HrAsnWorkflowMixin, self.browse(ids)).write({**vals, **dict(stamps)})
        self._log_transitions(from_states, new_state, vals, now, roles_by_record)
        by_from = defaultdict(list)
        for record_id, from_state in from_states.items():
            by_from[from_state].append(record_id)
        hook = f"_on_enter_{new_state}"
        if hasattr(self, hook):
            for from_state, ids in by_from.items():
                getattr(self.browse(ids), hook)(from_state)
        return True

    def _log_transitions(self, from_states, new_state, vals, now, roles_by_record):
        reason_fields = self._get_reason_fields()
        transitions = self._get_transitions()
        user = self.env.user
        log_vals = []
        for record in self:
            from_state = from_states[record.id]
            reason_field = reason_fields.get((from_state, new_state))
            acting_for = record._get_acting_for(
                transitions.get((from_state, new_state), set()),
                user,
                roles_by_record.get(record.id),
            )
            log_vals.append(
                {
                    "res_model": self._name,
                    "res_id": record.id,
                    "from_state": from_state,
                    "to_state": new_state,
                    "user_id": user.id,
                    "acting_for_id": acting_for.id,
                    "date": now,
                    "reason": reason_field and vals.get(reason_field) or False,
                    "company_id": "company_id" in record._fields
                    and record.company_id.id,
                }
            )
        self.env["hr.asn.transition.log"].sudo()._create_log(log_vals)

    def _get_acting_for(self, allowed_roles, user, roles=None):
        """The person the user acted for, when a role was used through a proxy
        (HR recording the decision of an appraiser outside the ERP). A
        superuser step (the system itself) acts for nobody."""
        self.ensure_one()
        if roles is None:
            return self.env["hr.employee"]
        own = self._asn_person_employees(user)
        roles = roles & allowed_roles
        people = [self._get_role_person(role) for role in sorted(roles)]
        if any(person and person & own for person in people):
            return self.env["hr.employee"]
        for person in people:
            if person:
                return person[:1]
        return self.env["hr.employee"]

    # ------------------------------------------------------------------
    # Screen flags and log
    # ------------------------------------------------------------------
    def _compute_can_flags(self):
        """Every ``can_*`` flag from the same tables the checks use."""
        can_fields = self._get_can_fields()
        transitions = self._get_transitions()
        editors = self._get_field_editors()
        for record in self:
            roles = record._get_user_roles()
            state = record.state
            for field_name, spec in can_fields.items():
                if isinstance(spec, str):
                    allowed = editors[spec][1].get(state, set())
                else:
                    from_state, to_state = spec
                    allowed = (
                        transitions.get((state, to_state), set())
                        if from_state is None or from_state == state
                        else set()
                    )
                record[field_name] = bool(roles & allowed)

    def _compute_transition_log_ids(self):
        # The rows with what the forms show, in one query (ids and values).
        logs = (
            self.env["hr.asn.transition.log"]
            .sudo()
            .search_fetch(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                LOG_COLUMNS,
            )
        )
        by_record = defaultdict(list)
        for log in logs:
            by_record[log.res_id].append(log.id)
        Log = self.env["hr.asn.transition.log"]
        for record in self:
            record.transition_log_ids = Log.browse(by_record.get(record._origin.id, []))

    def _get_transition_dates(self):
        """{record id: {to_state: date of the last entry into it}}: the dates
        printed documents show come from the log."""
        logs = (
            self.env["hr.asn.transition.log"]
            .sudo()
            .search_fetch(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id", "to_state", "date"],
                order="date, id",
            )
        )
        dates = defaultdict(dict)
        for log in logs:
            dates[log.res_id][log.to_state] = log.date
        return dates

    def _get_signed_on(self, state):
        """The date a printed document shows for the step into ``state``: the
        last such entry of the transition log (records from before the log
        keep their stamp ``date_<state>``)."""
        self.ensure_one()
        when = self._get_transition_dates()[self.id].get(state)
        if not when:
            stamp = f"date_{state}"
            when = stamp in self._fields and self.sudo()[stamp]
        return when and fields.Datetime.context_timestamp(self, when).date()

    # ------------------------------------------------------------------
    # To-do activities derived from the state
    # ------------------------------------------------------------------
    def _get_activity_by_state(self):
        """{state: (activity type xml id, who)}: the next actor's to-do."""
        return self._asn_activity_by_state

    def _get_activity_user(self, who):
        raise NotImplementedError

    def _get_activity_deadline(self):
        self.ensure_one()
        return fields.Date.context_today(self)

    def _get_wanted_activity(self, today):
        """(activity type xml id, user) the record's next actor should have,
        or None."""
        self.ensure_one()
        wanted = self._get_activity_by_state().get(self.state)
        return wanted and (wanted[0], self._get_activity_user(wanted[1]))

    def _sync_activities(self):
        """Keep exactly one to-do, for the next actor of each record's state.

        The previous step's to-do is marked done (so the chatter shows who did
        it); everything is read and created in batches (the model also
        inherits ``hr.asn.mail.batch.mixin`` when it has to-dos).
        """
        activity_by_state = self._get_activity_by_state()
        if not activity_by_state or not self:
            return
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
        today = fields.Date.context_today(self)
        for record in self.sudo():
            current = by_record.get(record.id, Activity)
            wanted = record._get_wanted_activity(today)
            wanted_type = activity_types.get(wanted[0]) if wanted else None
            assignee = wanted[1] if wanted else None
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
