"""PEP 517 build backend of the repository root: builds the addon in
``hr_asn_appraisal/`` with whool (see ``pyproject.toml``).

whool builds the addon of the current directory; pip calls the backend from
the repository root, so each hook runs whool's own hook from the addon
directory, with the output directories made absolute first.
"""

import contextlib
import os

from whool import buildapi

ADDON = "hr_asn_appraisal"


@contextlib.contextmanager
def _in_addon_dir():
    here = os.getcwd()
    os.chdir(os.path.join(here, ADDON))
    try:
        yield
    finally:
        os.chdir(here)


def _abs(path):
    return os.path.abspath(path) if path else path


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    wheel_dir, metadata_dir = _abs(wheel_directory), _abs(metadata_directory)
    with _in_addon_dir():
        return buildapi.build_wheel(wheel_dir, config_settings, metadata_dir)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    wheel_dir, metadata_dir = _abs(wheel_directory), _abs(metadata_directory)
    with _in_addon_dir():
        return buildapi.build_editable(wheel_dir, config_settings, metadata_dir)


def build_sdist(sdist_directory, config_settings=None):
    sdist_directory = _abs(sdist_directory)
    with _in_addon_dir():
        return buildapi.build_sdist(sdist_directory, config_settings)


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    metadata_directory = _abs(metadata_directory)
    with _in_addon_dir():
        return buildapi.prepare_metadata_for_build_wheel(
            metadata_directory, config_settings
        )


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    metadata_directory = _abs(metadata_directory)
    with _in_addon_dir():
        return buildapi.prepare_metadata_for_build_editable(
            metadata_directory, config_settings
        )
