# Hotline Desk — the two commands a newcomer needs are `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
DATA_DIR ?= $(HOME)/.local/share/hotline-desk-demo

.PHONY: setup demo test lint typecheck bench installer installer-test clean

setup:
	@tools/setup-system.sh

demo: setup
	$(PY) -m tools.run_demo --data-dir "$(DATA_DIR)"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check . || true

typecheck: setup
	$(VENV)/bin/mypy agent_app supervisor_app shared server_stub installer

# The whole suite, including the installers' silent install / upgrade / uninstall under wine and the
# Linux bundles (about 6 of the minutes); `HOTLINE_INSTALLER_FULL=0 make test` for the quick subset.
HOTLINE_INSTALLER_FULL ?= 1
test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy agent_app supervisor_app shared server_stub installer
	HOTLINE_INSTALLER_FULL=$(HOTLINE_INSTALLER_FULL) $(PY) -m pytest

bench: setup
	$(PY) -m bench

installer: setup
	installer/build.sh

# only the installer suite: silent MSI/NSIS install, upgrade and uninstall under wine, Linux bundles
installer-test: setup
	HOTLINE_INSTALLER_FULL=1 $(PY) -m pytest tests/installer

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
