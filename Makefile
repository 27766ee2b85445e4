# Two commands do everything on a fresh Debian/Ubuntu machine:
#   make run    - installs what is missing, then opens the wizard
#   make test   - installs what is missing, then runs ruff, the import contracts (lint-imports)
#                 and the whole test suite
# System packages come from scripts/install-system-deps.sh (apt, with sudo when not root);
# Python packages go into .venv.

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: run test lint screenshot bench clean

run: $(STAMP)
	$(VENV)/bin/sipalg-wizard $(ARGS)

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-logo
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-logo

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py

bench: $(STAMP)
	$(PY) benchmarks/bench.py

$(STAMP): pyproject.toml setup.py scripts/install-system-deps.sh $(wildcard sipalg_wizard/reflector/*.c sipalg_wizard/reflector/*.h)
	bash scripts/install-system-deps.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache
