"""The addon builds into a wheel named after the OCA convention
(distribution ``odoo-addon-hr_asn_appraisal``) laid out as
``odoo/addons/hr_asn_appraisal/...`` with its data files.

The build is the one a packager runs, ``pip wheel .`` with build isolation:
pip installs the build backend declared in pyproject.toml (whool) into a
fresh environment, so nothing needs to be installed beforehand (it may reach
the package index for it). It runs on a copy of the working tree (minus VCS
and generated files), so it neither litters the repository nor depends on
what git tracks.
"""

import ast
import shutil
import subprocess
import zipfile

import pytest

pytestmark = pytest.mark.slow

IGNORED = shutil.ignore_patterns(
    ".git",
    ".state",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".ruff_cache",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, repo_root, venv_python):
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    shutil.copytree(repo_root, src, ignore=IGNORED, symlinks=True)
    dist = work / "dist"
    res = subprocess.run(
        [
            venv_python,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
            str(dist),
            ".",
        ],
        cwd=src,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    assert res.returncode == 0, res.stdout
    wheels = sorted(dist.glob("*.whl"))
    assert len(wheels) == 1, (wheels, res.stdout)
    return wheels[0]


@pytest.fixture(scope="module")
def manifest_version(addon_dir):
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
    return manifest["version"]


@pytest.fixture(scope="module")
def names(wheel):
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


PREFIX = "odoo/addons/hr_asn_appraisal/"


def test_wheel_name(wheel, manifest_version):
    assert manifest_version.startswith("18.0.")
    expected = f"odoo_addon_hr_asn_appraisal-{manifest_version}-py3-none-any.whl"
    assert wheel.name == expected


def test_wheel_metadata(wheel, manifest_version):
    with zipfile.ZipFile(wheel) as zf:
        meta_name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = zf.read(meta_name).decode()
    headers = meta.split("\n\n", 1)[0].splitlines()
    assert "Name: odoo-addon-hr_asn_appraisal" in headers
    assert f"Version: {manifest_version}" in headers
    assert "Requires-Python: >=3.10" in headers
    # Odoo 18.0 itself and the one OCA addon of the manifest's depends; Odoo's
    # own addons (hr, mail, hr_skills) are not turned into pip requirements
    requires = {h.split(": ", 1)[1] for h in headers if h.startswith("Requires-Dist:")}
    assert requires == {"odoo==18.0.*", "odoo-addon-report_xlsx==18.0.*"}
    assert "License: LGPL-3" in headers


def test_wheel_layout(names):
    assert PREFIX + "__manifest__.py" in names
    assert PREFIX + "__init__.py" in names
    # nothing but the addon and the dist-info: no repository tests, dev files
    outside = {n for n in names if not n.startswith(PREFIX) and ".dist-info/" not in n}
    assert outside == set()
    # the build configuration stays out, the addon's readme goes in
    assert PREFIX + "pyproject.toml" not in names
    assert PREFIX + "README.rst" in names
    assert not any(n.endswith(".pyc") or "__pycache__" in n for n in names)


@pytest.mark.parametrize(
    "path",
    [
        "security/ir.model.access.csv",
        "i18n/id.po",
        "static/description/icon.png",
    ],
)
def test_wheel_has_file(names, path):
    assert PREFIX + path in names


@pytest.mark.parametrize("folder", ["data/", "views/", "i18n/", "static/"])
def test_wheel_has_files_under(names, folder):
    assert any(n.startswith(PREFIX + folder) for n in names), folder


def test_wheel_ships_every_manifest_file(names, addon_dir):
    """Every data/demo file the manifest lists that exists is in the wheel."""
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
    listed = manifest.get("data", []) + manifest.get("demo", [])
    present = [p for p in listed if (addon_dir / p).is_file()]
    missing = [p for p in present if PREFIX + p not in names]
    assert missing == []


def test_wheel_installs_where_odoo_finds_it(wheel, tmp_path, venv_python):
    target = tmp_path / "site"
    res = subprocess.run(
        [
            venv_python,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--target",
            str(target),
            str(wheel),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, res.stdout
    assert (target / PREFIX / "__manifest__.py").is_file()
    assert (target / PREFIX / "rules" / "predikat.py").is_file()
