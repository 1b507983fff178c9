"""The addon's pure rules (``hr_asn_appraisal/rules/``) under plain pytest,
without Odoo and without a database.

``import hr_asn_appraisal.rules`` would first run the addon's ``__init__``,
which imports its models and so Odoo. ``rules/`` itself imports nothing from
Odoo (test_rules_import.py checks it), so it is loaded here on its own, from its
directory, as the package ``asn_rules``; its relative imports
(``from .predikat import ...``) resolve inside it. The DOMAIN.md distribution
table, shared with the addon's Odoo test of the shipped data, is loaded the
same way as ``asn_distribution_table``.

Run with ``./dev.sh test --rules`` (or ``pytest -p no:odoo tests/rules``).
"""

import importlib.util
import sys
from pathlib import Path

ADDON_DIR = Path(__file__).resolve().parents[2] / "hr_asn_appraisal"
RULES_PACKAGE = "asn_rules"


def _load(name, path, package=False):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name,
        path,
        submodule_search_locations=[str(path.parent)] if package else None,
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_load(RULES_PACKAGE, ADDON_DIR / "rules" / "__init__.py", package=True)
_load("asn_distribution_table", ADDON_DIR / "tests" / "distribution_table.py")
