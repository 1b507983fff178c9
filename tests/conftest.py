"""Shared pytest setup for the repository-level suites in tests/.

These suites run in three ways:

* from ``./dev.sh test``: ``pytest tests/ --odoo-database=... --odoo-config=...``
  (pytest-odoo loads an Odoo registry for suites that hold Odoo test cases);
* by hand with the venv's pytest, e.g. ``pytest tests/test_packaging.py``,
  without any database: pytest-odoo (installed in the venv, loaded
  automatically) would otherwise insist on one, see ``load_registry`` below;
* ``tests/benchmarks/`` is never collected: benchmarks run with
  ``./dev.sh bench`` and are not part of pass/fail;
* ``tests/rules/`` (the table tests of the addon's pure rules) needs neither
  Odoo nor a database: ``./dev.sh test`` runs it first, on its own, with
  ``-p no:odoo`` (``./dev.sh test --rules`` runs only that);
* ``tests/upstream/`` holds the runner of Odoo's own hr/hr_skills tests, a
  script, not a pytest suite.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
ADDON = "hr_asn_appraisal"

# benchmarks are run by `./dev.sh bench`, never by pytest
collect_ignore_glob = ["benchmarks/*", "benchmarks"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "benchmark: a benchmark, run by ./dev.sh bench, not by pytest"
    )
    config.addinivalue_line(
        "markers", "slow: builds a wheel or runs dev.sh in a subprocess"
    )


def _odoo_db_requested(config):
    for opt in ("--odoo-database", "--odoo-config"):
        try:
            if config.getoption(opt):
                return True
        except ValueError:  # pytest-odoo not installed
            return False
    return bool(os.environ.get("ODOO_RC") or os.environ.get("OPENERP_SERVER"))


def _is_odoo_test(item):
    cls = getattr(item, "cls", None)
    # A test module holding Odoo test cases has imported odoo.tests already;
    # asking only then keeps plain suites (tests/rules/) free of Odoo.
    common = sys.modules.get("odoo.tests.common")
    if cls is None or common is None:
        return False
    return issubclass(cls, common.BaseCase)


def pytest_collection_modifyitems(session, config, items):
    odoo_items = [item for item in items if _is_odoo_test(item)]
    odoo_classes = {item.cls for item in odoo_items}
    config._asn_needs_registry = bool(odoo_classes) and _odoo_db_requested(config)
    if odoo_classes and not _odoo_db_requested(config):
        skip = pytest.mark.skip(
            reason="Odoo test case: needs --odoo-database (./dev.sh test gives it)"
        )
        for item in odoo_items:
            item.add_marker(skip)
    for cls in odoo_classes:
        # Odoo's MetaCase tags only classes living in odoo.addons.*; these
        # suites live in tests/, so give them the attributes Odoo's
        # BaseCase.setUpClass expects, as if they belonged to the addon.
        if getattr(cls, "test_tags", None) is None:
            cls.test_tags = {"standard", "post_install"}
            cls.test_module = ADDON
            cls.test_class = cls.__name__
            cls.test_sequence = 0


@pytest.fixture(scope="session", autouse=True)
def load_registry(request):
    """Override of pytest-odoo's fixture of the same name.

    pytest-odoo loads the Odoo registry of ``--odoo-database`` before any
    test, and fails every test when no database is given. Here the registry
    is loaded only when a database was given *and* some collected test is an
    Odoo test case; plain pytest suites (packaging, dev.sh) need neither.
    """
    if not getattr(request.config, "_asn_needs_registry", False):
        yield
        return
    import threading

    import odoo
    import odoo.tests.common

    threading.current_thread().testing = True
    odoo.modules.registry.Registry(odoo.tests.common.get_db_name())
    yield


@pytest.fixture(scope="session")
def repo_root():
    """The repository root (holds dev.sh, setup.py and the addon directory)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def addon_dir(repo_root):
    return repo_root / ADDON


@pytest.fixture(scope="session")
def venv_python():
    """The Python running the tests: the project venv under ./dev.sh test."""
    return sys.executable


@pytest.fixture(scope="session")
def odoo_src():
    """The Odoo 18.0 tree dev.sh uses; tests needing it skip when it is absent."""
    path = Path(os.environ.get("ODOO_SRC", "/opt/odoo"))
    if not (path / "odoo" / "release.py").is_file():
        pytest.skip(f"no Odoo tree at {path} (set ODOO_SRC)")
    return path


@pytest.fixture
def clean_env(tmp_path):
    """Environment for running dev.sh in a subprocess: no ASN_*/PG* knobs
    leaking in from the caller, generated state in a temp dir."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ASN_", "PG")) and k != "ODOO_SRC"
    }
    env["ASN_STATE"] = str(tmp_path / "state")
    return env


@pytest.fixture
def dev_sh(clean_env):
    """Run ./dev.sh: ``dev_sh("setup", ASN_DB_HOST="...")`` returns the
    CompletedProcess (text, stdout and stderr merged), never raises on exit."""
    bash = shutil.which("bash") or "/bin/bash"

    def run(*args, timeout=60, **env_overrides):
        env = dict(clean_env, **env_overrides)
        return subprocess.run(
            [bash, str(REPO_ROOT / "dev.sh"), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
            check=False,
        )

    return run
