"""rules/ stays free of Odoo: every module of it imports in a bare Python."""

import subprocess
import sys
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parents[2] / "hr_asn_appraisal" / "rules"

CHECK = """
import importlib, importlib.util, pkgutil, sys
spec = importlib.util.spec_from_file_location(
    {package!r}, {init!r}, submodule_search_locations=[{path!r}])
package = importlib.util.module_from_spec(spec)
sys.modules[{package!r}] = package
spec.loader.exec_module(package)
names = [m.name for m in pkgutil.iter_modules([{path!r}])]
for name in names:
    importlib.import_module({package!r} + "." + name)
leaked = sorted(m for m in sys.modules if m == "odoo" or m.startswith("odoo."))
print(len(names), leaked)
"""


def test_rules_import_without_odoo():
    code = CHECK.format(
        package="asn_rules_bare",
        init=str(RULES_DIR / "__init__.py"),
        path=str(RULES_DIR),
    )
    # -S -I: no site-packages, so an `import odoo` in rules/ would fail outright
    res = subprocess.run(
        [sys.executable, "-S", "-I", "-c", code],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    count, leaked = res.stdout.split(" ", 1)
    assert int(count) >= 15, res.stdout
    assert leaked.strip() == "[]"
