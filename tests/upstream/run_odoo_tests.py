"""Run Odoo's own tests of the modules hr_asn_appraisal extends (hr,
hr_skills, mail's activity tests) on a database where the addon is installed,
with the whole registry loaded.

Why not ``odoo-bin --test-tags /hr``: on an installed database, odoo-bin runs
hr's at_install tests while the registry holds only hr and what it depends
on, before the addon is loaded, so they neither see the addon's overrides
nor its required fields, and fail for reasons that never happen in real use.
Here the registry is loaded first (no module is installed or updated, so no
test runs during loading), then every test class of the selected test
modules, at_install and post_install alike, runs through Odoo's own suite and
result classes, with an HTTP server for the browser tours, like the
post_install phase of odoo-bin.

    python run_odoo_tests.py --modules hr,hr_skills,mail:test_mail_activity \\
        -c odoo.conf -d DB --http-port 18070 --log-level test

``MODULE`` takes every test module of that addon; ``MODULE:FILE`` only
``odoo.addons.MODULE.tests.FILE``. Every option but ``--modules`` goes to
Odoo's configuration parser. The last log line is Odoo's summary
(``<F> failed, <E> error(s) of <N> tests ...``); the exit code is 0 only when
tests ran and all passed.
"""

import argparse
import logging
import sys
import threading

import odoo
import odoo.http
from odoo.tools import config

_logger = logging.getLogger("hr_asn_appraisal.upstream_tests")


def _selected_test_modules(specs):
    from odoo.tests import loader

    for spec in specs:
        module, _sep, file_name = spec.partition(":")
        found = loader.get_test_modules(module)
        if file_name:
            found = [m for m in found if m.__name__.rsplit(".", 1)[-1] == file_name]
        if not found:
            raise SystemExit(f"no test module matches {spec!r}")
        yield from found


def _suite(specs):
    from odoo.tests import loader
    from odoo.tests.suite import OdooSuite
    from odoo.tests.tag_selector import TagsSelector

    # odoo-bin's default selection: tests tagged "standard" (the default tag),
    # whatever their position (at_install / post_install)
    standard = TagsSelector("+standard")
    tests = [
        test
        for test_module in _selected_test_modules(specs)
        for test in loader.get_module_test_cases(test_module)
        if standard.check(test)
    ]
    return OdooSuite(sorted(tests, key=lambda t: t.test_sequence))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", required=True, help="MODULE[:FILE],...")
    args, odoo_args = parser.parse_known_args(argv)
    config.parse_config(odoo_args, setup_logging=True)
    db_name = config["db_name"]
    if not db_name or "," in db_name:
        raise SystemExit("give exactly one database with -d")
    specs = [spec.strip() for spec in args.modules.split(",") if spec.strip()]

    from odoo.modules.registry import Registry
    from odoo.service import server as odoo_server

    # an HTTP server for the HttpCase tests (tours), no cron thread
    odoo_server.load_server_wide_modules()
    odoo_server.server = odoo_server.ThreadedServer(odoo.http.root)
    odoo_server.server.http_spawn()
    try:
        registry = Registry(db_name)  # the whole registry; nothing updated
        # set only now, as odoo-bin does for its post_install tests: with it
        # set while loading, every module's at_install tests would run there
        config["test_enable"] = True
        threading.current_thread().testing = True
        from odoo.tests import loader  # after test_enable, as Odoo wants

        suite = _suite(specs)
        _logger.info(
            "running %s tests of %s with the registry of %r loaded",
            suite.countTestCases(),
            ", ".join(specs),
            db_name,
        )
        if suite.has_http_case():
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                env["ir.qweb"]._pregenerate_assets_bundles()
        result = loader.run_suite(suite)
        result.log_stats()
        log = _logger.error if not result.wasSuccessful() else _logger.info
        log("%s of %s on database %r", result, ", ".join(specs), db_name)
        return 0 if result.wasSuccessful() and result.testsRun else 1
    finally:
        odoo_server.server.httpd.shutdown()
        odoo.sql_db.close_all()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
