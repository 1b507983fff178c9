"""Packaging of the ``hr_asn_appraisal`` Odoo 18.0 addon as a Python wheel.

Build (from the repository root, with the project venv)::

    python -m pip wheel --no-deps --no-build-isolation -w dist .

gives ``dist/odoo_addon_hr_asn_appraisal-<manifest version>-py3-none-any.whl``
(distribution ``odoo-addon-hr_asn_appraisal``), laid out as
``odoo/addons/hr_asn_appraisal/...`` like the OCA wheels, so that
``pip install --no-deps`` puts the addon where Odoo's ``odoo.addons``
namespace finds it.

Metadata (name, version, requirements, classifiers) comes from the addon
manifest through setuptools-odoo.  setuptools-odoo 3.x only knows Odoo
series up to 16.0, so the 18.0 series is registered here; the list of
Odoo's own addons (not turned into pip requirements) is read from the Odoo
tree at ``$ODOO_SRC`` (default ``/opt/odoo``) when it is there.

The file list does not depend on git (no ``include_package_data``): every
file of the addon directory except caches is shipped, so a fresh clone and
a working tree build the same wheel.
"""

import os

import setuptools
from setuptools_odoo import base_addons
from setuptools_odoo import core as odoo_core

ADDON = "hr_asn_appraisal"
ODOO_SERIES = "18.0"
HERE = os.path.dirname(os.path.abspath(__file__))
ADDON_DIR = os.path.join(HERE, ADDON)
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache"}
SKIP_SUFFIXES = (".pyc", ".pyo", "~", ".swp", ".orig", ".rej")


def _odoo_base_addons():
    """Addons shipped with Odoo itself: never pip requirements."""
    names = set(base_addons.odoo16)
    odoo_src = os.environ.get("ODOO_SRC", "/opt/odoo")
    for sub in ("addons", os.path.join("odoo", "addons")):
        path = os.path.join(odoo_src, sub)
        if os.path.isdir(path):
            names.update(
                name
                for name in os.listdir(path)
                if os.path.isfile(os.path.join(path, name, "__manifest__.py"))
            )
    return names


def _register_series():
    if ODOO_SERIES in odoo_core.ODOO_VERSION_INFO:
        return
    info = dict(odoo_core.ODOO_VERSION_INFO["16.0"])
    info.update(
        {
            "odoo_dep": "odoo>=18.0a,<18.1dev",
            "base_addons": _odoo_base_addons(),
            "pkg_version_specifier": ">=18.0dev,<18.1dev",
            "python_requires": ">=3.10",
        }
    )
    odoo_core.ODOO_VERSION_INFO[ODOO_SERIES] = info


def _packages_and_data():
    """Python packages and data files of the addon, under odoo.addons."""
    prefix = "odoo.addons." + ADDON
    packages = []
    data = []
    for root, dirs, files in os.walk(ADDON_DIR):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        rel = os.path.relpath(root, ADDON_DIR)
        if "__init__.py" in files:
            # only directories reachable as packages are python packages
            parts = [] if rel == "." else rel.split(os.sep)
            packages.append(".".join([prefix] + parts))
        for name in sorted(files):
            if name.endswith(SKIP_SUFFIXES):
                continue
            if name.endswith(".py") and "__init__.py" in files:
                continue  # a module of a package: build_py copies it
            data.append(os.path.normpath(os.path.join(rel, name)))
    return packages, data


def main():
    os.chdir(HERE)  # setuptools wants paths relative to this directory
    _register_series()
    keywords = odoo_core.get_addon_setuptools_keywords(
        ADDON_DIR,
        # the wheel version is the manifest version, as is
        post_version_strategy_override="none",
    )
    packages, data = _packages_and_data()
    keywords.update(
        {
            "packages": packages,
            "package_dir": {"odoo.addons." + ADDON: ADDON},
            "package_data": {"odoo.addons." + ADDON: data},
            "include_package_data": False,
            "namespace_packages": None,
        }
    )
    keywords = {k: v for k, v in keywords.items() if v is not None}
    if not keywords.get("long_description"):
        keywords["long_description"] = keywords.get("description", ADDON)
    setuptools.setup(**keywords)


if __name__ == "__main__":
    main()
