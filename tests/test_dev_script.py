"""dev.sh fails early, clearly and with a distinct exit code when the
machine is not ready: Odoo tree missing or of the wrong version (2),
PostgreSQL unusable (3), HTTP port busy (4).

Each case stops before the slow steps (venv, database), so each run takes
well under a few seconds.
"""

import re
import socket
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _fake_odoo_tree(root, version_info):
    (root / "odoo").mkdir(parents=True)
    (root / "odoo" / "release.py").write_text(
        "RELEASE_LEVELS = [ALPHA, BETA, RELEASE_CANDIDATE, FINAL] = "
        "['alpha', 'beta', 'candidate', 'final']\n"
        f"version_info = {version_info}\n"
    )
    (root / "odoo-bin").write_text("#!/usr/bin/env python3\n")
    (root / "requirements.txt").write_text("")
    return root


def _closed_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_help_lists_commands_and_knobs(dev_sh):
    res = dev_sh("help")
    assert res.returncode == 0, res.stdout
    for word in (
        "demo",
        "test",
        "setup",
        "shell",
        "bench",
        "load",
        "ODOO_SRC",
        "ASN_VENV",
        "ASN_DB",
        "ASN_TEST_DB",
        "ASN_PORT",
        "ASN_DB_HOST",
        "ASN_STATE",
        "ASN_LOAD_DB",
        "ASN_LOAD_PORT",
        "ASN_UPSTREAM_TESTS",
        "--rules",
    ):
        assert word in res.stdout


def test_unknown_command_is_a_usage_error(dev_sh):
    res = dev_sh("frobnicate")
    assert res.returncode == 64
    assert "dev.sh: error: unknown command: frobnicate" in res.stdout


def test_missing_odoo_tree(dev_sh, tmp_path):
    empty = tmp_path / "no-odoo-here"
    empty.mkdir()
    start = time.monotonic()
    res = dev_sh("setup", ODOO_SRC=str(empty))
    assert time.monotonic() - start < 10
    assert res.returncode == 2, res.stdout
    out = res.stdout
    assert out.startswith("dev.sh:")
    assert "18.0" in out
    assert str(empty) in out
    assert "git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git" in out
    assert "ODOO_SRC" in out


def test_wrong_odoo_version(dev_sh, tmp_path):
    tree = _fake_odoo_tree(tmp_path / "odoo17", "(17, 0, 0, FINAL, 0, '')")
    res = dev_sh("test", ODOO_SRC=str(tree))
    assert res.returncode == 2, res.stdout
    assert "17.0" in res.stdout
    assert "18.0" in res.stdout


def test_wrong_odoo_version_stops_demo_too(dev_sh, tmp_path):
    tree = _fake_odoo_tree(tmp_path / "odoo17", "(17, 0, 0, 'final', 0, '')")
    res = dev_sh("demo", ODOO_SRC=str(tree))
    assert res.returncode == 2, res.stdout
    assert "version 17.0" in res.stdout


def test_demo_port_busy(dev_sh, odoo_src):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        start = time.monotonic()
        res = dev_sh("demo", ODOO_SRC=str(odoo_src), ASN_PORT=str(port))
        assert time.monotonic() - start < 10
    assert res.returncode == 4, res.stdout
    assert f"port {port} is busy" in res.stdout
    assert "ASN_PORT" in res.stdout


def test_load_port_busy(dev_sh, odoo_src):
    """The load test needs its ports free before it prepares anything."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        res = dev_sh("load", ODOO_SRC=str(odoo_src), ASN_LOAD_PORT=str(port - 2))
    assert res.returncode == 4, res.stdout
    assert f"port {port} is busy" in res.stdout
    assert "ASN_LOAD_PORT" in res.stdout


def test_postgres_unreachable(dev_sh, odoo_src):
    port = _closed_port()
    start = time.monotonic()
    res = dev_sh(
        "setup", ODOO_SRC=str(odoo_src), ASN_DB_HOST="127.0.0.1", ASN_DB_PORT=str(port)
    )
    assert time.monotonic() - start < 15
    assert res.returncode == 3, res.stdout
    assert "PostgreSQL unusable" in res.stdout
    assert f"127.0.0.1:{port}" in res.stdout


def test_test_rejects_unknown_option(dev_sh):
    res = dev_sh("test", "--frobnicate")
    assert res.returncode == 64, res.stdout
    assert "--rules" in res.stdout


def test_rules_stage_alone_needs_no_database(dev_sh, odoo_src):
    """`./dev.sh test --rules` runs the plain rules tests from the venv,
    without touching PostgreSQL (an unreachable server is given)."""
    venv = Path(sys.prefix)
    if not (venv / ".hr_asn_appraisal-requirements.sha256").is_file():
        pytest.skip("not running from a venv prepared by dev.sh")
    start = time.monotonic()
    res = dev_sh(
        "test",
        "--rules",
        ODOO_SRC=str(odoo_src),
        ASN_VENV=str(venv),
        ASN_DB_HOST="127.0.0.1",
        ASN_DB_PORT=str(_closed_port()),
    )
    assert res.returncode == 0, res.stdout
    assert time.monotonic() - start < 30
    assert "PostgreSQL" not in res.stdout
    last = res.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"summary: [1-9][0-9]* passed, 0 failed", last), last
