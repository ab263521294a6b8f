# Two commands on a fresh machine (only Python 3.11+ and make needed):
#   make lab    open your own copy of the workbook (workspace/, git-ignored) in JupyterLab
#   make test   run everything CI runs
# Both create .venv when it is missing or broken, and re-install only when pyproject.toml changed.
# LAB_ARGS passes options to JupyterLab, e.g. make lab LAB_ARGS="--no-browser --port=8899";
# WORKSPACE names another folder for the copy, e.g. make lab WORKSPACE=/tmp/my-workspace.

SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-pyproject
# The candidate works in a copy of their own, WORKSPACE (git-ignored): `tpmprep workspace sync`
# creates it on the first run and later brings new and updated lessons in, never overwriting a
# notebook the candidate edited. It keeps the repository's shape (notebooks/, exercises/,
# solutions/, so lessons' links work, plus scratch/) and is the server's root; JupyterLab opens
# on its start notebook. JupyterLab refuses to start as root (containers, CI) unless told it may.
WORKSPACE ?= workspace
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test test-fast solutions exercises

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: Python 3.11 or newer is required; install it or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	@$(BIN)/python -c '' 2>/dev/null || { rm -rf $(VENV) && echo "Creating $(VENV) with $(PYTHON)" \
		&& $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "make: could not create $(VENV) with $(PYTHON); on Debian or Ubuntu install the venv module: sudo apt install python3-venv"; \
		exit 1; }; }
	@echo "Installing tpmprep and its dependencies into $(VENV) (the first time takes a minute or two)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

lab: $(STAMP)
	$(BIN)/tpmprep workspace sync --workspace "$(WORKSPACE)"
	$(BIN)/jupyter lab --ServerApp.root_dir="$(WORKSPACE)" \
		--LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb $(ALLOW_ROOT) $(LAB_ARGS)

# The browser tests need Chromium: tests/e2e/chromium.py finds one or installs it (apt, else
# Playwright's download), or says how to.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/tpmprep build --check
	$(BIN)/tpmprep lint
	$(BIN)/python tests/e2e/chromium.py
	$(BIN)/pytest -n auto --dist loadscope

# For authors: the unit tests alone (no notebooks, no browser): the quick loop while editing code.
test-fast: $(STAMP)
	$(BIN)/pytest tests -n auto --dist loadscope --ignore=tests/e2e

# For authors: re-run every solution (refreshing the outputs nbval compares), then rebuild exercises.
solutions: $(STAMP)
	$(BIN)/tpmprep build --execute-solutions

# For authors: regenerate exercises/ from solutions/ without running anything.
exercises: $(STAMP)
	$(BIN)/tpmprep build
