from odoo import Command, _, api, models, tools
from odoo.exceptions import AccessError

GUARD = "hr.asn.reference.guard.mixin"
# Models whose records a non-HR user reads through another model with the
# same ids: Odoo serves hr.employee to them as hr.employee.public.
READ_THROUGH = {"hr.employee": "hr.employee.public"}
GUARDED_TYPES = ("many2one", "many2many")


class HrAsnReferenceGuardMixin(models.AbstractModel):
    """Nothing is read through a reference the user may not read.

    Related fields, and stored computed fields, are computed as superuser:
    a user who points a record (or a wizard) at a document they may not
    read would read that document's fields through them — a staff member
    opening the training wizard on a colleague's SKP read its ratings. And a
    model's own checks in ``create``/``write`` often read the referenced
    document as superuser to word their refusal ("Only Staf Dua can file a
    keberatan against SKP 2026 - Staf Dua"). So every reference the user
    chooses is checked with the user's own rights (access rights and record
    rules, multi-company included) *before* anything else: in ``create``,
    ``write``, ``default_get`` (context defaults) and ``onchange`` (the form
    computes related fields before saving).

    Which references: :meth:`_get_guarded_references` — on a wizard every
    many2one/many2many the user fills in; on a document every one that a
    field computed as superuser follows (related fields included). A model
    adds others in ``_guarded_references_extra``. The server's own steps
    (superuser) are not checked.

    Every model of the addon gets the check in front of its own code:
    :func:`guard_every_model`, called last when the addon is imported, adds
    an extension of each ``hr.asn.*`` model that inherits this mixin and
    wraps those four methods. A new model needs nothing more.
    """

    _name = GUARD
    _description = "ASN Access Check on References Chosen by the User"

    # Fields to check besides the derived ones (names).
    _guarded_references_extra = ()

    @api.model
    @tools.ormcache()
    def _get_guarded_references(self):
        """Names of the relational fields whose target the user must be able
        to read before they may set them."""
        names = set(self._guarded_references_extra)
        for field in self._fields.values():
            if self._transient:
                if self._is_user_reference(field):
                    names.add(field.name)
                continue
            if not (field.compute and field.compute_sudo):
                continue
            paths = [field.related] if field.related else []
            paths += list(self.pool.field_depends.get(field, ()))
            for path in paths:
                first = self._fields.get(path.split(".", 1)[0])
                if first is not None and self._is_user_reference(first):
                    names.add(first.name)
        return tuple(sorted(names))

    @api.model
    def _is_user_reference(self, field):
        """A many2one/many2many that a caller can set (not computed, or
        computed but writable), other than the create/write user stamps."""
        return (
            field.type in GUARDED_TYPES
            and field.name not in models.LOG_ACCESS_COLUMNS
            and (not field.compute or not field.readonly)
        )

    @api.model
    def _get_reference_ids(self, field, value):
        """The ids of existing records a create/write/onchange value points
        at (many2one: an id, a pair or a dict; many2many: ids or commands)."""
        if isinstance(value, models.BaseModel):
            return [i for i in value._origin._ids if type(i) is int]
        if field.type == "many2one":
            if isinstance(value, dict):
                value = value.get("id")
            elif isinstance(value, list | tuple):
                value = value[0] if value else False
            return [value] if type(value) is int and value else []
        ids = []
        for item in value or ():
            if type(item) is int:
                ids.append(item)
            elif isinstance(item, list | tuple) and item:
                if item[0] in (Command.LINK, Command.UPDATE):
                    ids.append(item[1])
                elif item[0] == Command.SET:
                    ids.extend(item[2] or ())
        return [i for i in ids if type(i) is int and i]

    @api.model
    def _check_reference_values(self, values):
        """Raise AccessError when a value of a guarded field points at a
        record the current user may not read. ``values``: a list of dicts
        (create/write values, defaults); all the ids of one field are
        checked at once, whatever the size of the batch."""
        if self.env.su or not values:
            return
        ids_by_field = {}
        for vals in values:
            for name in self._get_guarded_references():
                if vals.get(name):
                    field = self._fields[name]
                    ids_by_field.setdefault(name, set()).update(
                        self._get_reference_ids(field, vals[name])
                    )
        for name, ids in ids_by_field.items():
            if ids:
                self._check_reference_access(self._fields[name], ids)

    @api.model
    def _check_reference_access(self, field, ids):
        target = self.env[field.comodel_name].browse(sorted(ids))
        through = READ_THROUGH.get(target._name)
        if through and not target.browse().has_access("read"):
            target = self.env[through].browse(target.ids)
        forbidden = target - target._filtered_access("read")
        if forbidden:
            # Names come from the models, never from the records.
            model_names = self.env["ir.model"].sudo()
            raise AccessError(
                _(
                    "%(field)s on %(model)s refers to a record of %(target)s "
                    "(id %(ids)s) that you are not allowed to read; nothing was "
                    "saved.",
                    field=field._description_string(self.env),
                    model=model_names._get(self._name).name,
                    target=model_names._get(field.comodel_name).name,
                    ids=", ".join(str(i) for i in forbidden.ids),
                )
            )

    def _check_onchange_values(self, values):
        """The values a form sends before saving, its lines included. A
        reference the record already holds was checked when it was set."""
        current = self[:1]
        changed = {
            name: value
            for name, value in values.items()
            if name in self._get_guarded_references()
            and not (
                current
                and set(self._get_reference_ids(self._fields[name], value))
                <= set(current[name].ids)
            )
        }
        self._check_reference_values([changed])
        for name, value in values.items():
            field = self._fields.get(name)
            if not field or field.type not in ("one2many", "many2many"):
                continue
            comodel = self.env[field.comodel_name]
            if not isinstance(comodel, self.pool[GUARD]):
                continue
            for command in value or ():
                if (
                    isinstance(command, list | tuple)
                    and len(command) > 2
                    and command[0] in (Command.CREATE, Command.UPDATE)
                    and isinstance(command[2], dict)
                ):
                    line = comodel
                    if command[0] == Command.UPDATE and type(command[1]) is int:
                        line = comodel.browse(command[1])
                    line._check_onchange_values(command[2])


def _guard_in_front(model_name, transient):
    """An extension of ``model_name`` that checks references before the
    model's own create/write/default_get/onchange run (it is built last, so
    it comes first in the model's MRO)."""
    base = models.TransientModel if transient else models.Model

    class ReferenceGuardFront(base):
        _name = model_name
        _inherit = [model_name, GUARD]
        _asn_reference_guard_front = True

        @api.model
        def default_get(self, fields_list):
            defaults = super().default_get(fields_list)
            # Context defaults (default_appraisal_id=...) are the caller's choice.
            self._check_reference_values([defaults])
            return defaults

        @api.model_create_multi
        def create(self, vals_list):
            self._check_reference_values(vals_list)
            return super().create(vals_list)

        def write(self, vals):
            self._check_reference_values([vals])
            return super().write(vals)

        def onchange(self, values, field_names, fields_spec):
            if not self.env.su:
                self._check_onchange_values(values)
            return super().onchange(values, field_names, fields_spec)

    return ReferenceGuardFront


def guard_every_model(module="hr_asn_appraisal"):
    """Put the reference check in front of every ``hr.asn.*`` model (and
    wizard) the addon defines. Called once, after all its classes exist."""
    defined = {}
    fronted = set()
    for cls in models.MetaModel.module_to_models[module]:
        if getattr(cls, "_asn_reference_guard_front", False):
            fronted.add(cls._name)
        elif cls._name.startswith("hr.asn.") and not cls._abstract:
            defined.setdefault(cls._name, cls._transient)
    for name, transient in defined.items():
        if name not in fronted:
            _guard_in_front(name, transient)
