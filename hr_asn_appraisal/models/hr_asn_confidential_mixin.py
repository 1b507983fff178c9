import functools
import itertools
from contextlib import contextmanager

from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

# Context key naming the users a value is prepared for, when they are not the
# user running the code: a mail rendered as superuser for its recipients. It
# only ever withholds more (the current user always counts unless superuser).
AUDIENCE_KEY = "hr_asn_confidential_audience"


def spec_field_name(spec):
    """The field a domain leaf, an order term or a group-by/aggregate spec
    starts with: "predikat desc", "credit_points:sum", "appraisal_id.predikat"
    give "predikat", "credit_points", "appraisal_id"."""
    return spec.strip().split(" ")[0].split(":")[0].split(".")[0]


def domain_field_names(domain):
    """The field paths of the leaves of a domain."""
    return [
        leaf[0]
        for leaf in domain or ()
        if isinstance(leaf, (list, tuple))
        and len(leaf) == 3
        and isinstance(leaf[0], str)
    ]


class HrAsnConfidentialMixin(models.AbstractModel):
    """Values an appraisee may not see of their own document before it is
    validated (PermenPANRB 6/2022: the predikat is the appraiser's and HR's
    work in progress until it is set).

    A model declares, as class attributes (each feature file may add its own
    ``_asn_confidential_fields``; they are united along the class hierarchy):

    - ``_asn_confidential_fields``: the confidential field names;
    - ``_asn_confidential_employee``: the path to the appraisee (hr.employee);
    - ``_asn_confidential_pending``: the domain of documents not final yet;
    - ``_asn_confidential_rows``: True when whole records are withheld
      (the recommendations that follow from an SKP).

    A document's values are withheld from a user when its appraisee is one of
    the user's employee records (in any company, archived included) and the
    document is pending. The mixin enforces
    it on every path that returns values: read/web_read, search (domain and
    order), read_group (group-by, aggregates, having, order), export, onchange,
    chatter tracking (web client, inbox, notification mails, web push) and mail
    templates; report providers read through ``_asn_get``.
    """

    _name = "hr.asn.confidential.mixin"
    _description = "Confidential until Validated"

    _asn_confidential_fields = frozenset()
    _asn_confidential_employee = "employee_id"
    _asn_confidential_pending = ()
    _asn_confidential_rows = False

    # ------------------------------------------------------------------
    # The policy
    # ------------------------------------------------------------------
    def _asn_confidential_names(self):
        """Every confidential field of the model: the declarations of all the
        classes that make it up (computed once per registry class)."""
        cls = type(self)
        names = cls.__dict__.get("_asn_confidential_all")
        if names is None:
            names = frozenset().union(
                *(
                    vars(klass).get("_asn_confidential_fields", ())
                    for klass in cls.mro()
                )
            )
            cls._asn_confidential_all = names
        return names

    @api.model
    def _asn_audience(self):
        """The users the values are for: the current user (unless superuser)
        and the users named in the context."""
        users = self.env["res.users"]
        if not self.env.su:
            users |= self.env.user
        audience = self.env.context.get(AUDIENCE_KEY)
        if audience:
            ids = [audience] if isinstance(audience, int) else list(audience)
            users |= self.env["res.users"].browse(ids)
        return users

    @api.model
    def _asn_appraisee_domain(self, users):
        """The documents whose appraisee is one of these users' persons: every
        employee record linked to them, in any company, archived or not (who
        the person is, not which record is current)."""
        return [(f"{self._asn_confidential_employee}.user_id", "in", users.ids)]

    @api.model
    def _asn_withheld_domain_for(self, users):
        """The documents whose confidential values these users may not see:
        their own, still pending."""
        return expression.AND(
            [self._asn_appraisee_domain(users), list(self._asn_confidential_pending)]
        )

    @api.model
    def _asn_withheld_domain(self):
        """The domain of the documents withheld from the audience, or None
        when nothing is (superuser without audience)."""
        if not self._asn_confidential_names():
            return None
        users = self._asn_audience()
        if not users:
            return None
        return self._asn_withheld_domain_for(users)

    def _asn_withheld(self):
        """The records of self whose confidential values are withheld from the
        audience (batched: one read of the domain's fields for all)."""
        domain = self._asn_withheld_domain() if self else None
        if not domain:
            return self.browse()
        return self.sudo().filtered_domain(domain).with_env(self.env)

    def _asn_withheld_from(self, users=None):
        """The records of self withheld from users (a res.users recordset), or
        with users None from their appraisee: the pending ones."""
        if users is None:
            return self._asn_pending()
        return self.sudo().with_context(**{AUDIENCE_KEY: users.ids})._asn_withheld()

    def _asn_pending(self):
        """The records of self not final yet, whoever looks."""
        if not self:
            return self
        return self.sudo().filtered_domain(list(self._asn_confidential_pending))

    def _asn_is_appraisee(self):
        """The records of self whose appraisee is (one of) the audience: what
        they read of aggregates must be made of final values only."""
        users = self._asn_audience()
        if not self or not users:
            return self.browse()
        return (
            self.sudo()
            .filtered_domain(self._asn_appraisee_domain(users))
            .with_env(self.env)
        )

    def _asn_empty(self, name):
        """The value a field reads as when it is withheld (False, 0.0, or an
        empty recordset)."""
        field = self._fields[name]
        empty = self.browse()
        return field.convert_to_record(
            field.convert_to_cache(False, empty, validate=False), empty
        )

    def _asn_get(self, name):
        """The value of field name as the audience may see it: what report and
        export providers read instead of ``record[name]``."""
        self.ensure_one()
        if name in self._asn_confidential_names() and self._asn_withheld():
            return self._asn_empty(name)
        return self[name]

    @contextmanager
    def _asn_redacted(self):
        """Within the block, the confidential fields of self read as empty,
        for code that reads records directly (a mail template's ``object``).
        The values are written first and read again afterwards."""
        names = [
            name for name in self._asn_confidential_names() if name in self._fields
        ]
        if not self or not names:
            yield
            return
        records = self.sudo()
        records.flush_recordset(names)
        for name in names:
            field = self._fields[name]
            empty = field.convert_to_cache(False, records, validate=False)
            self.env.cache.update(records, field, itertools.repeat(empty))
        try:
            yield
        finally:
            records.invalidate_recordset(names, flush=False)

    def _asn_touches(self, specs):
        names = self._asn_confidential_names()
        return any(
            isinstance(spec, str) and spec_field_name(spec) in names for spec in specs
        )

    def _asn_guard(self, domain, *specs):
        """domain, narrowed to the documents not withheld when the query
        filters, sorts or groups on a confidential field (or always for
        confidential rows): which records come back must not tell what is
        hidden."""
        if not (self._asn_confidential_rows or self._asn_touches(specs)):
            return domain
        withheld = self._asn_withheld_domain()
        if not withheld:
            return domain
        return expression.AND(
            [list(domain), ["!", *expression.normalize_domain(withheld)]]
        )

    # ------------------------------------------------------------------
    # Enforcement on the ORM paths
    # ------------------------------------------------------------------
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        hidden = self._asn_confidential_names().intersection(fnames)
        if not hidden or not result:
            return result
        withheld = set(self._asn_withheld()._ids)
        if not withheld:
            return result
        use_display_name = load == "_classic_read"
        empty = self.browse()
        blanks = {
            name: self._fields[name].convert_to_read(
                self._asn_empty(name), empty, use_display_name
            )
            for name in hidden
        }
        for values in result:
            if values["id"] in withheld:
                values.update(blanks)
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        domain = self._asn_guard(
            domain, *domain_field_names(domain), *(order or "").split(",")
        )
        return super()._search(
            domain, offset=offset, limit=limit, order=order, **kwargs
        )

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        # The domain itself is guarded by _search; group-by, aggregates,
        # having and order are not.
        domain = self._asn_guard(
            domain,
            *groupby,
            *aggregates,
            *domain_field_names(having),
            *(order or "").split(","),
        )
        return super()._read_group(
            domain,
            groupby,
            aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        # export_data reads records directly, not through _read_format: the
        # withheld records export their confidential columns empty. Runs of
        # records keep their order (a record may span several lines).
        hidden = self._asn_confidential_names().intersection(
            path[0] for path in fields if path
        )
        withheld = self._asn_withheld() if hidden else self.browse()
        if not withheld:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        # The hidden columns are left out of the export of withheld records
        # (an x2many column would add a line per value) and put back empty.
        kept = [i for i, path in enumerate(fields) if not (path and path[0] in hidden)]
        lines = []
        for is_withheld, run in itertools.groupby(self, key=lambda r: r in withheld):
            records = self.browse([record.id for record in run])
            if not is_withheld:
                lines += super(HrAsnConfidentialMixin, records)._export_rows(
                    fields, _is_toplevel_call=_is_toplevel_call
                )
                continue
            for sub_line in super(HrAsnConfidentialMixin, records)._export_rows(
                [fields[i] for i in kept], _is_toplevel_call=_is_toplevel_call
            ):
                line = [""] * len(fields)
                for i, value in zip(kept, sub_line, strict=True):
                    line[i] = value
                lines.append(line)
        return lines

    def onchange(self, values, field_names, fields_spec):
        # A form recomputes confidential values from what the client sends (a
        # predikat from a guessed rating and the real other one): withheld
        # documents get none back.
        result = super().onchange(values, field_names, fields_spec)
        changed = result.get("value") or {}
        hidden = self._asn_confidential_names().intersection(changed)
        if hidden and (self or self._asn_onchange_probe(values))._asn_withheld():
            for name in hidden:
                changed.pop(name)
        return result

    @api.model
    def _asn_onchange_probe(self, values):
        """A new record holding the values that decide the policy, for an
        onchange on a record not saved yet."""
        heads = {spec_field_name(self._asn_confidential_employee)}
        heads.update(domain_field_names(self._asn_confidential_pending))
        heads = {spec_field_name(head) for head in heads}
        probe_values = {}
        for name in heads & set(values):
            value = values[name]
            if isinstance(value, dict):  # a many2one as {"id": ..., ...}
                value = value.get("id")
            probe_values[name] = value
        return self.new(probe_values)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if (
            result
            or operation != "read"
            or not self._asn_confidential_rows
            or not all(self._ids)
        ):
            return result
        withheld = self._asn_withheld()
        if withheld:
            return withheld, functools.partial(self._asn_access_error, withheld)
        return None

    def _asn_access_error(self, records):
        return AccessError(
            _(
                "%(records)s follow from an SKP that is not validated yet: they "
                "are shown once it is.",
                records=", ".join(records.sudo().mapped("display_name")),
            )
        )

    # ------------------------------------------------------------------
    # Notification mails: the appraisee's copy leaves the confidential
    # tracking values out (the chatter itself is filtered per reader by
    # mail.tracking.value._filter_has_field_access).
    # ------------------------------------------------------------------
    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        if len(self) != 1 or not self._asn_confidential_names():
            return groups
        pending = self._asn_pending()
        partners = pending.mapped(self._asn_confidential_employee).user_id.partner_id
        if not partners:
            return groups
        partner_ids = set(partners.ids)
        # Each group gets a twin, just before it, for the appraisee: the same
        # layout and buttons, without the confidential tracking values.
        twins = []
        for name, matches, data in groups:
            twins.append(
                [
                    f"{name}_hr_asn_withheld",
                    lambda pdata, matches=matches: (
                        pdata["id"] in partner_ids and matches(pdata)
                    ),
                    {
                        **{
                            key: list(value) if isinstance(value, list) else value
                            for key, value in data.items()
                        },
                        "notification_group_name": data.get(
                            "notification_group_name", name
                        ),
                        "hr_asn_withhold_tracking": True,
                    },
                ]
            )
            twins.append([name, matches, data])
        return twins

    def _notify_by_email_render_layout(
        self, message, recipients_group, msg_vals=False, render_values=None
    ):
        if (
            recipients_group.get("hr_asn_withhold_tracking")
            and render_values
            and render_values.get("tracking_values")
        ):
            trackings = (
                self.env["mail.tracking.value"]
                .sudo()
                .search([("mail_message_id", "in", message.ids)])
                ._filter_has_field_access(self.env)
                ._asn_filter_confidential()
            )
            if hasattr(self, "_track_filter_for_display"):
                trackings = self._track_filter_for_display(trackings)
            render_values = {
                **render_values,
                "tracking_values": [
                    (
                        values["changedField"],
                        values["oldValue"]["value"],
                        values["newValue"]["value"],
                    )
                    for values in trackings._tracking_value_format()
                ],
            }
        return super()._notify_by_email_render_layout(
            message, recipients_group, msg_vals=msg_vals, render_values=render_values
        )
