from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

# What a row holds, as the engine writes it and the forms show it.
LOG_COLUMNS = (
    "res_model",
    "res_id",
    "from_state",
    "to_state",
    "user_id",
    "acting_for_id",
    "date",
    "reason",
    "company_id",
)


class HrAsnTransitionLog(models.Model):
    """One row per state change of an appraisal document: who moved it, for
    whom, from which state to which, when and why.

    Written only by the workflow engine; nobody, HR administrators included,
    can change or delete a row through the ORM. A row is readable by whoever
    can read its document.
    """

    _name = "hr.asn.transition.log"
    _description = "ASN Transition Log"
    _order = "date desc, id desc"
    _rec_name = "to_state"

    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, readonly=True
    )
    from_state = fields.Char(required=True, readonly=True)
    to_state = fields.Char(required=True, readonly=True)
    from_state_label = fields.Char(string="From", compute="_compute_state_labels")
    to_state_label = fields.Char(string="To", compute="_compute_state_labels")
    user_id = fields.Many2one(
        "res.users", string="By", required=True, readonly=True, ondelete="restrict"
    )
    acting_for_id = fields.Many2one(
        "hr.employee",
        readonly=True,
        help="The person whose decision the user recorded (e.g. an appraiser "
        "without a login).",
    )
    date = fields.Datetime(required=True, readonly=True)
    reason = fields.Text(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS hr_asn_transition_log_document_index "
            "ON hr_asn_transition_log (res_model, res_id)"
        )

    @api.depends("res_model", "from_state", "to_state")
    def _compute_state_labels(self):
        labels = {}
        for log in self:
            if log.res_model not in labels:
                Model = self.env.get(log.res_model)
                labels[log.res_model] = (
                    dict(Model._fields["state"]._description_selection(self.env))
                    if Model is not None and "state" in Model._fields
                    else {}
                )
            by_key = labels[log.res_model]
            log.from_state_label = by_key.get(log.from_state, log.from_state)
            log.to_state_label = by_key.get(log.to_state, log.to_state)

    # ------------------------------------------------------------------
    # Written by the engine only, never changed
    # ------------------------------------------------------------------
    @api.model
    def _create_log(self, vals_list):
        """The engine's entry point (it calls it as superuser).

        One INSERT for the whole batch: validating a unit of thousands of SKPs
        writes as many rows, and the ORM's per-row create was a third of that
        step's time. The rows are new, nothing of them is in the cache, and
        the table has no computed stored fields to maintain.
        """
        if not vals_list:
            return self.browse()
        columns = LOG_COLUMNS
        uid = self.env.uid
        now = fields.Datetime.now()
        rows = [
            SQL(
                "(%s)",
                SQL(", ").join(
                    [SQL("%s", vals.get(column) or None) for column in columns]
                    + [SQL("%s", uid), SQL("%s", now), SQL("%s", uid), SQL("%s", now)]
                ),
            )
            for vals in vals_list
        ]
        ids = []
        # A few thousand rows per statement keep the query text reasonable.
        for start in range(0, len(rows), 5000):
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s, create_uid, create_date, write_uid, "
                    "write_date) VALUES %s RETURNING id",
                    SQL.identifier(self._table),
                    SQL(", ").join(SQL.identifier(column) for column in columns),
                    SQL(", ").join(rows[start : start + 5000]),
                )
            )
            ids.extend(row[0] for row in self.env.cr.fetchall())
        return self.browse(ids)

    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        # Never through the ORM, whoever asks: rows come from _create_log only.
        raise UserError(_("The transition log is written by the workflow itself."))

    def write(self, vals):
        if vals:
            raise UserError(_("The transition log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The transition log cannot be deleted."))

    # ------------------------------------------------------------------
    # Readable by who can read the document
    # ------------------------------------------------------------------
    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or operation != "read":
            return result
        by_model = defaultdict(set)
        for log in self.sudo():
            by_model[log.res_model].add(log.res_id)
        readable = {}
        for model, res_ids in by_model.items():
            Model = self.env.get(model)
            documents = Model.browse(res_ids) if Model is not None else None
            readable[model] = (
                set(documents.exists()._filtered_access("read").ids)
                if documents is not None
                else set()
            )
        forbidden = self.sudo().filtered(
            lambda log: log.res_id not in readable[log.res_model]
        )
        if forbidden:
            return forbidden.with_env(self.env), lambda: self.env[
                "ir.rule"
            ]._make_access_error("read", forbidden.with_env(self.env))
        return None

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        if self.env.su:
            return super()._search(
                domain, offset=offset, limit=limit, order=order, **kwargs
            )
        # The documents that can have a log are the engine's models, known
        # from the registry (no scan of a log that grows with every step);
        # only those the user may read at all: searching one of the others
        # (e.g. 360° rounds, HR only) would refuse the whole search.
        models_ = [
            model
            for model in self.env.registry.descendants(
                ["hr.asn.workflow.mixin"], "_inherit"
            )
            if model != "hr.asn.workflow.mixin"
            and not self.env[model]._abstract
            and self.env[model].has_access("read")
        ]
        readable = expression.OR(
            [
                [
                    ("res_model", "=", model),
                    ("res_id", "in", self.env[model]._search([])),
                ]
                for model in models_
            ]
            or [expression.FALSE_DOMAIN]
        )
        return super()._search(
            expression.AND([list(domain), readable]),
            offset=offset,
            limit=limit,
            order=order,
            **kwargs,
        )
