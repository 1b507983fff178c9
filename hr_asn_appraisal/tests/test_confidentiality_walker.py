import inspect
import re

from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

ADDON = "hr_asn_appraisal"

# Fields derived from a confidential one that are not declared confidential
# themselves, each with the reason it cannot reveal an appraisee's pending
# result. Anything else derived from a declared field must be declared.
SAFE = {
    ("hr.asn.appraisal", "can_apply_suggested_work_rating"): (
        "a button flag, true only for the rating editors (appraiser, HR): "
        "always false for the appraisee"
    ),
    ("hr.asn.appraisal", "can_edit_months_served"): (
        "computed with the flag above (same method); depends on the state "
        "and the user's HR role only"
    ),
}

# Computed fields whose method reads a confidential field through a query or
# a sudo read (no declared dependency for the field walker to follow).
SAFE_COMPUTES = {
    ("hr.asn.allowance.rule", "_compute_display_name"): (
        "a row of the allowance table is named after the predikat it is for: "
        "configuration data, not anyone's result"
    ),
    ("hr.employee", "_compute_asn_promotion"): (
        "validated SKPs only (state = done), and the fields are restricted to "
        "HR officers by groups="
    ),
    ("hr.employee", "_compute_asn_credit"): (
        "decided credit points of validated SKPs only (state = done: final), "
        "and the fields are restricted to HR officers by groups="
    ),
    ("hr.asn.unit.rating", "_compute_distribution"): (
        "calibration counts, HR officers only (ir.model.access): HR works on "
        "the interim predikat by design; an officer's own SKP is handled by "
        "another officer (separation of duties)"
    ),
    ("hr.asn.objection.decision.wizard", "_compute_predikat"): (
        "the decider's own choice of new ratings, shown to the decider"
    ),
    ("hr.asn.distribution.rule.line", "_compute_description"): (
        "rule configuration text (which predikat a line checks), not a result"
    ),
    ("hr.asn.training.program", "_compute_allowed_predikat_display"): (
        "programme configuration (the predikat it is open to), not a result"
    ),
}


def confidential_declarations(env):
    """{(model, field)} declared confidential, over the whole registry."""
    return {
        (name, field_name)
        for name in env.registry.models
        if hasattr(env[name], "_asn_confidential_names")
        for field_name in env[name]._asn_confidential_names()
    }


def path_fields(env, model_name, path):
    """The fields a dotted path goes through, from model_name."""
    result = []
    model = env[model_name]
    for name in path.split("."):
        field = model._fields.get(name)
        if field is None:
            break
        result.append(field)
        if not field.relational:
            break
        model = env[field.comodel_name]
    return result


def derived_fields(env, sources):
    """{(model, field): source} of every field of the registry that is related
    to, or computed from, a field in sources, directly or through other
    fields of any model (the dependencies Odoo knows: registry.field_depends
    and field.related)."""
    memo = {}

    def source_of(field, visiting):
        key = (field.model_name, field.name)
        if key in sources:
            return key
        if key in memo:
            return memo[key]
        if key in visiting:
            return None
        visiting = visiting | {key}
        paths = list(env.registry.field_depends.get(field, ()))
        if field.related:
            paths.append(field.related)
        found = None
        for path in paths:
            for dependency in path_fields(env, field.model_name, path):
                if dependency is field:
                    continue
                found = source_of(dependency, visiting)
                if found:
                    break
            if found:
                break
        memo[key] = found
        return found

    result = {}
    for model_name in env.registry.models:
        for field in env[model_name]._fields.values():
            key = (model_name, field.name)
            if key in sources:
                continue
            found = source_of(field, frozenset())
            if found:
                result[key] = found
    return result


@tagged("post_install", "-at_install")
class TestConfidentialDeclarations(TransactionCase):
    """The declaration is complete: every field that is related to, or
    computed from, a confidential field is confidential too, or listed as
    safe with its reason."""

    def test_declared_fields_exist(self):
        """A declaration names real fields (a renamed field would silently
        fall out of the policy)."""
        for model_name, field_name in sorted(confidential_declarations(self.env)):
            with self.subTest(model=model_name, field=field_name):
                self.assertIn(field_name, self.env[model_name]._fields)

    def test_every_derived_field_is_declared(self):
        """Walk every field of every model: a related or computed field that
        reads a confidential field (through any number of models) must be
        declared, or be in SAFE with a reason. A new
        ``fields.Selection(related="appraisal_id.predikat")`` anywhere fails
        here."""
        sources = confidential_declarations(self.env)
        derived = derived_fields(self.env, sources)
        undeclared = sorted(set(derived) - set(SAFE))
        self.assertFalse(
            undeclared,
            "Derived from a confidential field but not declared confidential "
            "(add it to the model's _asn_confidential_fields, or to SAFE with "
            "the reason it reveals nothing):\n"
            + "\n".join(
                f"{m}.{f} <- {'.'.join(derived[(m, f)])}" for m, f in undeclared
            ),
        )
        self.assertFalse(
            set(SAFE) - set(derived), "SAFE lists fields that are not derived"
        )

    def test_walker_finds_the_known_derived_fields(self):
        """The walker itself: with only the SKP's ratings as sources, it finds
        the fields known to derive from them, on the SKP and on other models
        (related fields included), which are all declared."""
        sources = {
            ("hr.asn.appraisal", name)
            for name in ("work_rating", "behavior_rating", "rating_note")
        }
        derived = derived_fields(self.env, sources)
        known = {
            ("hr.asn.appraisal", "predikat"),
            ("hr.asn.recommendation", "predikat"),
            ("hr.asn.training.request", "predikat"),
            ("hr.asn.training.request.wizard", "predikat"),
            ("hr.asn.training.request.wizard", "work_rating"),
            ("hr.asn.training.request.wizard", "behavior_rating"),
        }
        self.assertLessEqual(known, set(derived))
        self.assertLessEqual(known, confidential_declarations(self.env))

    def test_computes_reading_confidential_fields_are_declared(self):
        """The second net: a compute method of the addon whose code names a
        confidential field (read by a query or sudo, with no declared
        dependency) computes confidential fields, or is in SAFE_COMPUTES."""
        declarations = confidential_declarations(self.env)
        # value fields only (the recommendation's row fields are generic names)
        names = {
            field_name
            for model_name, field_name in declarations
            if not self.env[model_name]._asn_confidential_rows
        }
        pattern = re.compile(r"\b(%s)\b" % "|".join(sorted(names)))
        flagged = {}
        for model_name in self.env.registry.models:
            model = self.env[model_name]
            for field in model._fields.values():
                if field._module != ADDON or not isinstance(field.compute, str):
                    continue
                key = (model_name, field.compute)
                if key in flagged:
                    flagged[key].add(field.name)
                    continue
                source = "".join(
                    inspect.getsource(vars(klass)[field.compute])
                    for klass in type(model).mro()
                    if field.compute in vars(klass)
                )
                if pattern.search(source):
                    flagged[key] = {field.name}
        allowed = declarations | set(SAFE)
        problems = [
            f"{model_name}.{method} -> {sorted(computed)}"
            for (model_name, method), computed in sorted(flagged.items())
            if (model_name, method) not in SAFE_COMPUTES
            and any((model_name, name) not in allowed for name in computed)
        ]
        self.assertFalse(
            problems,
            "Computes that read a confidential field but whose fields are not "
            "declared confidential (declare them, or add the method to "
            "SAFE_COMPUTES with the reason):\n" + "\n".join(problems),
        )
        self.assertFalse(
            set(SAFE_COMPUTES) - set(flagged),
            "SAFE_COMPUTES lists methods that read no confidential field",
        )
        self.assertIn(("hr.asn.appraisal", "_compute_predikat"), flagged)

    def test_shipped_mail_templates_print_no_confidential_value(self):
        """The addon's mail templates do not print a confidential field (a
        template following a reference, object.appraisal_id.predikat, would
        not be redacted on the way)."""
        names = {
            field_name for _model, field_name in confidential_declarations(self.env)
        }
        names -= {"name", "display_name", "sequence"}
        tree = etree.parse(file_path(f"{ADDON}/data/mail_template_data.xml"))
        text = " ".join(
            etree.tostring(node, encoding="unicode")
            for node in tree.iter("field")
            if node.get("name") in ("subject", "body_html")
        )
        used = set(re.findall(r"object(?:\.\w+)*\.(\w+)", text))
        self.assertFalse(used & names, sorted(used & names))
