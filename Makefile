# Hverdagsmål: every install and run step lives here (GNU make, Python 3.12, Node 20).
#
#   make run    install, migrate, seed demo logins, start worker, beat + web on http://127.0.0.1:8000
#   make test   install, build assets, run the whole test suite (PYTEST_ARGS="-k mail")
#
# Stamps (.venv/.synced, frontend/static/frontend/.built) make a second run reuse what is there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

# The interpreter that creates .venv: python3.12 on PATH, else a pyenv-installed 3.12.
PYTHON ?= $(firstword $(shell command -v python3.12 2>/dev/null) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) python3.12)
UV_VERSION := 0.13.9
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
SYNCED := $(VENV)/.synced

NODE_MODULES := frontend/node_modules/.package-lock.json
ASSETS := frontend/static/frontend/.built
ASSET_SOURCES := $(shell find frontend/assets -type f 2>/dev/null)

PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

HOST ?= 127.0.0.1
PORT ?= 8000
# The web server of `make run` shows what a citizen sees: the site's own 404 and 500 pages
# (tracebacks go to the terminal). `make run DEBUG=true` shows Django's debug pages instead.
DEBUG ?= false
PYTEST_ARGS ?=
VAR_DIRS := var var/mail var/celery-queue var/celery-processed var/celery-control

.PHONY: help install assets run test worker beat lint format bench messages clean

help:
	@echo "make run       install everything, migrate, seed demo logins, start worker and web"
	@echo "make test      install everything and run the test suite (PYTEST_ARGS=...)"
	@echo "make worker    Celery worker only        make beat      Celery beat only"
	@echo "make lint      ruff + missing-migration check"
	@echo "make bench     benchmarks                make messages  update and compile translations"
	@echo "make clean     remove .venv, node_modules, built assets and var/"

install: $(SYNCED) $(ASSETS) $(MO_FILES)

# --- Python: a venv with a pinned uv, then exactly what uv.lock says ---
$(SYNCED): uv.lock pyproject.toml
	@test -x $(PY) || { \
		command -v $(PYTHON) >/dev/null || { echo "Python 3.12 not found: set PYTHON=/path/to/python3.12" >&2; exit 1; }; \
		$(PYTHON) -m venv $(VENV); }
	@$(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' || { \
		echo "$(VENV) is not Python 3.12: run 'make clean' or set PYTHON=..." >&2; exit 1; }
	@$(VENV)/bin/uv --version 2>/dev/null | grep -q '^uv $(UV_VERSION)\b' || \
		$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(VENV)/bin/uv sync --frozen --python $(PY)
	@touch $@

# --- Front-end: DKFDS, htmx, axe-core and our own CSS/JS into frontend/static/frontend/ ---
$(NODE_MODULES): frontend/package-lock.json frontend/package.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

$(ASSETS): $(NODE_MODULES) frontend/build.mjs $(ASSET_SOURCES)
	cd frontend && npm run build
	@touch $@

assets: $(ASSETS)

# --- Translations: compiled only when a .po file changed ---
# The .mo files are committed, so a machine without gettext runs on them as they are.
%.mo: %.po
	@if command -v msgfmt >/dev/null; then msgfmt --check-format -o $@ $<; \
	else echo "msgfmt not found (Debian: gettext): using the committed $@"; touch $@; fi

$(VAR_DIRS):
	@mkdir -p $@

# --- Run locally: SQLite, mail as .eml files, tasks queued on disk (no Redis needed) ---
run: install | $(VAR_DIRS)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) seed_demo_content
	$(MANAGE) seed_demo_partnerships
	$(MANAGE) seed_demo_inventory
	@echo
	@echo "Mail is not sent: every message lands as an .eml file in $(CURDIR)/var/mail/"
	@echo "Worker and beat logs: $(CURDIR)/var/worker.log, $(CURDIR)/var/beat.log"
	@echo "Open http://$(HOST):$(PORT)/"
	@echo
	@$(VENV)/bin/celery -A engage worker --pool=solo --loglevel=INFO \
		>var/worker.log 2>&1 & worker=$$!; \
	ENGAGE_EXIT_WITH_PARENT=1 $(VENV)/bin/celery -A engage beat --loglevel=INFO \
		>var/beat.log 2>&1 & beat=$$!; \
	stop_all() { kill -TERM $$worker $$beat 2>/dev/null || true; \
		wait $$worker $$beat 2>/dev/null || true; }; \
	trap stop_all EXIT; trap 'exit 130' INT TERM; \
	DJANGO_DEBUG=$(DEBUG) $(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

worker: install | $(VAR_DIRS)
	$(VENV)/bin/celery -A engage worker --pool=solo --loglevel=INFO

beat: install | $(VAR_DIRS)
	$(VENV)/bin/celery -A engage beat --loglevel=INFO

lint: $(SYNCED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: $(SYNCED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) -m tests.bench $(BENCH_ARGS)

# Needs GNU gettext (Debian: apt-get install gettext).
messages: $(SYNCED)
	$(MANAGE) makemessages --locale=da --locale=en --no-obsolete \
		--ignore='.venv/*' --ignore='frontend/node_modules/*' --ignore='var/*'
	$(MANAGE) compilemessages --ignore='.venv/*' --ignore='frontend/node_modules/*'

clean:
	rm -rf $(VENV) frontend/node_modules frontend/static/frontend var .pytest_cache .ruff_cache
