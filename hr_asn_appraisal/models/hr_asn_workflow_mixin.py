from odoo import _, models
from odoo.exceptions import AccessError, UserError


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
