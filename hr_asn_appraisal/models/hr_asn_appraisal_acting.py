# Further extensions of the SKP, the check-in and the workflow engine, on
# purpose: the acting officials (Plt/Plh) keep their glue in one file.
# pylint: disable=consider-merging-classes-inherited
from collections import defaultdict

from odoo import api, fields, models
from odoo.osv import expression

from .hr_asn_acting_assignment import KIND_PREFIX


class HrAsnWorkflowMixin(models.AbstractModel):
    """The position's open to-dos follow whoever acts in it."""

    _inherit = "hr.asn.workflow.mixin"

    def _asn_pass_activities(self):
        """Give each record's open engine to-do to the user who should have
        it now (``_get_wanted_activity``), keeping the to-do itself (no "done"
        message): the acting official when one starts, the official or the
        next acting official when it ends. Batched: one search, one write per
        new assignee."""
        activity_by_state = self._get_activity_by_state()
        if not self or not activity_by_state:
            return
        types = {
            xmlid: self.env.ref(xmlid, raise_if_not_found=False)
            for xmlid, _who in activity_by_state.values()
        }
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "in", [t.id for t in types.values() if t]),
                ]
            )
        )
        by_record = defaultdict(list)
        for activity in activities:
            by_record[activity.res_id].append(activity)
        today = fields.Date.context_today(self)
        moves = defaultdict(lambda: self.env["mail.activity"].sudo())
        for record in self.sudo().browse(list(by_record)):
            wanted = record._get_wanted_activity(today)
            if not wanted or not wanted[1]:
                continue
            wanted_type = types.get(wanted[0])
            for activity in by_record[record.id]:
                if (
                    activity.activity_type_id == wanted_type
                    and activity.user_id != wanted[1]
                ):
                    moves[wanted[1].id] |= activity
        for user_id, to_move in moves.items():
            to_move.write({"user_id": user_id})

    def _get_acting_signer(self, state):
        """The acting assignment under which the last step into ``state`` was
        taken, if an acting official took it (from the transition log)."""
        self.ensure_one()
        if not self.id:
            return self.env["hr.asn.acting.assignment"]
        log = (
            self.env["hr.asn.transition.log"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("to_state", "=", state),
                ],
                order="date desc, id desc",
                limit=1,
            )
        )
        if not log.acting_for_id:
            return self.env["hr.asn.acting.assignment"]
        day = fields.Datetime.context_timestamp(self, log.date).date()
        Acting = self.env["hr.asn.acting.assignment"]
        persons = Acting._person_of(log.user_id)
        return (
            Acting.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("employee_id", "in", persons.ids),
                    ("official_id", "=", log.acting_for_id.id),
                    *Acting._running_on(day),
                ],
                limit=1,
            )
        )


class HrAsnAppraisal(models.Model):
    """While an acting assignment runs, the acting official holds on the SKPs
    of the official acted for the official's roles (docs/year.md, "Plt/Plh")."""

    _inherit = "hr.asn.appraisal"

    asn_acting_appraiser = fields.Boolean(
        string="Appraised by Me as Plt/Plh",
        compute="_compute_asn_acting",
        search="_search_asn_acting_appraiser",
        help="The current user acts today (Plt/Plh) for this SKP's appraiser.",
    )
    asn_acting_superior = fields.Boolean(
        string="Decided by Me as Plt/Plh",
        compute="_compute_asn_acting",
        search="_search_asn_acting_superior",
        help="The current user acts today (Plt/Plh) for this SKP's appraiser's "
        "superior.",
    )

    @api.depends_context("uid")
    @api.depends("appraiser_id", "appraiser_parent_id")
    def _compute_asn_acting(self):
        acted = self.env["hr.asn.acting.assignment"]._get_acted_for()
        for appraisal in self:
            sudo_appraisal = appraisal.sudo()
            appraisal.asn_acting_appraiser = bool(sudo_appraisal.appraiser_id & acted)
            appraisal.asn_acting_superior = bool(
                sudo_appraisal.appraiser_parent_id & acted
            )

    def _search_acting(self, field_name, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError
        acted = self.env["hr.asn.acting.assignment"]._get_acted_for()
        domain = [(field_name, "in", acted.ids)] if acted else expression.FALSE_DOMAIN
        if (operator == "=") != value:
            domain = ["!", *domain] if acted else expression.TRUE_DOMAIN
        return domain

    def _search_asn_acting_appraiser(self, operator, value):
        return self._search_acting("appraiser_id", operator, value)

    def _search_asn_acting_superior(self, operator, value):
        return self._search_acting("appraiser_parent_id", operator, value)

    def _get_user_roles(self, user=None):
        """The official's roles for whoever acts for them today. The
        appraisee check stays first: nobody acts on their own SKP."""
        roles = super()._get_user_roles(user)
        if "employee" in roles:
            return roles
        acted = self.env["hr.asn.acting.assignment"]._get_acted_for(user)
        if acted:
            sudo_self = self.sudo()
            if sudo_self.appraiser_id & acted:
                roles.add("appraiser")
            if sudo_self.appraiser_parent_id & acted:
                roles.add("appraiser_parent")
        return roles

    def _get_activity_user(self, who):
        """The appraiser's to-dos go to the acting official while one acts."""
        user = super()._get_activity_user(who)
        if who == "appraiser":
            acting = (
                self.env["hr.asn.acting.assignment"]
                ._get_acting_users()
                .get(self.sudo().appraiser_id.id)
            )
            if acting and not self._is_appraisee(acting):
                return acting
        return user

    # ------------------------------------------------------------------
    # Documents: "Plt."/"Plh." before the title of the one who signed
    # ------------------------------------------------------------------
    def _get_report_people(self, signer=None):
        """As before, but when an acting official signed the step the
        document stands for (``signer``: (record, state); the SKP's approval
        by default), the appraiser's block shows the acting official with
        "Plt."/"Plh." before the official's position."""
        people = super()._get_report_people()
        record, state = signer or (self, "approved")
        acting = record._get_acting_signer(state)
        if acting:
            employee = acting.employee_id.sudo()
            official = people["appraiser"]
            people["appraiser"] = {
                **official,
                "name": employee.name or "",
                "nip": employee.asn_nip or "",
                "rank": employee.asn_rank_id.display_name or "",
                "position": " ".join(
                    filter(None, [KIND_PREFIX[acting.kind], official.get("position")])
                ),
            }
        return people

    def _prepare_report_evaluation(self, rated, checkin, *args, **kwargs):
        values = super()._prepare_report_evaluation(rated, checkin, *args, **kwargs)
        state = "rated" if rated._name == self._name else "reviewed"
        values["appraiser"] = self._get_report_people(signer=(rated, state))[
            "appraiser"
        ]
        return values


class HrAsnCheckin(models.Model):
    _inherit = "hr.asn.checkin"

    def _get_activity_user(self, who):
        """The review goes to the acting official while one acts."""
        user = super()._get_activity_user(who)
        if who == "appraiser":
            acting = (
                self.env["hr.asn.acting.assignment"]
                ._get_acting_users()
                .get(self.sudo().appraiser_id.id)
            )
            if acting and not self.appraisal_id._is_appraisee(acting):
                return acting
        return user


class HrAsnObjection(models.Model):
    _inherit = "hr.asn.objection"

    def _get_activity_user(self, who):
        """The decision goes to the acting official of the appraiser's
        superior while one acts; never on their own keberatan."""
        user = super()._get_activity_user(who)
        appraisal = self.sudo().appraisal_id
        acting = (
            self.env["hr.asn.acting.assignment"]
            ._get_acting_users()
            .get(appraisal.appraiser_parent_id.id)
        )
        if acting and not appraisal._is_appraisee(acting):
            return acting
        return user
