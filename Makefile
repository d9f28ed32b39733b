# Central Asia Evidence Book. Quick start: `make book`, then `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv data check book run lab test lint clean help browser-deps pdf bench

help:
	@echo "make book   - create .venv, install, build the whole book (offline, from committed data)"
	@echo "make test   - run the test suite (the command CI runs)"
	@echo "make lab    - open JupyterLab on notebooks/ (the .md files open as notebooks) with cautils installed"
	@echo "make lint   - ruff and mypy only (make test runs them first)"
	@echo "make data   - rebuild data/processed from the raw mirror (../shared/data or \$$CAUTILS_RAW_DIR)"
	@echo "make check  - verify data/processed against its manifest (and a rebuild, if raw data is present)"

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 is required"; exit 1; }
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

data: venv
	$(BIN)/cautils data build

check: venv
	$(BIN)/cautils data check

book: venv
	$(BIN)/cautils data check --no-rebuild
	$(BIN)/cautils book

run: venv
	$(BIN)/cautils run

# JupyterLab with jupytext: notebooks/*.md open as notebooks, and saving writes the .md itself.
lab: venv
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (cautils)"
	cd notebooks && ../$(BIN)/jupyter lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

# Debian's chromium (browser test, PDF) and poppler-utils (pdftoppm, PDF test); never a downloaded browser.
browser-deps:
	@if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null; then echo "chromium and pdftoppm present"; else \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils; fi

# The suite: ruff (lint + format check) over src, tests and notebooks, mypy over src/cautils, then pytest.
test: venv browser-deps
	$(BIN)/cautils lint
	$(BIN)/python -m pytest

pdf: venv browser-deps
	$(BIN)/cautils pdf

bench: venv
	$(BIN)/python bench/build_bench.py --readme

lint: venv
	$(BIN)/cautils lint

clean:
	rm -rf _build build .pytest_cache test-artifacts
