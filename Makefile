# Thin aliases for dev.sh; dev.sh is the real entry point (./dev.sh help).
.PHONY: help setup demo demo-reset test bench load shell wheel

help:
	@./dev.sh help

setup:
	./dev.sh setup

demo:
	./dev.sh demo

demo-reset:
	./dev.sh demo --reset

test:
	./dev.sh test

bench:
	./dev.sh bench

load:
	./dev.sh load

shell:
	./dev.sh shell

# dist/odoo_addon_hr_asn_appraisal-<version>-py3-none-any.whl, built by whool
# in pip's isolated build environment (pyproject.toml)
wheel: setup
	"$${ASN_VENV:-$$HOME/.cache/hr_asn_appraisal/venv}/bin/python" -m pip wheel \
		--no-deps --disable-pip-version-check -w dist .
