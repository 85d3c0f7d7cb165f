# Satu Inovasi — `make run` serves a demo install, `make test` runs the test suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help run prepare serve test test-postgres test-calendar lint format bench bench-growth browser services messages constraints clean

VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export PORT ?= 8000
export HOST ?= 127.0.0.1
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/satu
PYTEST_ARGS ?=

help:
	@echo "make run            set up (venv, database, reference and demo data) and serve on http://$(HOST):$(PORT)"
	@echo "make test           the whole test suite on SQLite, browser tests included"
	@echo "make test-postgres  the same suite on PostgreSQL (TEST_DATABASE_URL=$(TEST_DATABASE_URL))"
	@echo "make test-calendar  the date-sensitive apps again as if today were each of CALENDAR_DATES"
	@echo "make lint           ruff, Django's checks, missing migrations"
	@echo "make format         fix formatting and simple lint findings"
	@echo "make bench          the benchmark suite (PRESET=province|national DB=sqlite|postgres); JSON in var/bench/"
	@echo "make bench-growth   the main scenarios at the test, province and national presets: how p95 grows"

$(PY):
	@PYTHON_BIN=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$PYTHON_BIN"; \
	"$$PYTHON_BIN" -m venv $(VENV)
	@$(PIP) install -q --upgrade pip 2>var-pip.log || (cat var-pip.log; exit 1); rm -f var-pip.log

$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	@echo "Installing dependencies..."
	@$(PIP) install -q -c constraints.txt -e . 2>$(VENV)/pip.log || (cat $(VENV)/pip.log; exit 1)
	@touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt $(VENV)/.installed
	@echo "Installing test and lint tools..."
	@$(PIP) install -q -c constraints.txt -e ".[dev]" 2>$(VENV)/pip.log || (cat $(VENV)/pip.log; exit 1)
	@touch $@

prepare: $(VENV)/.installed
	@scripts/ensure-pdf-libraries
	@mkdir -p var
	@$(PY) manage.py migrate --noinput -v0
	@$(PY) manage.py load_reference_data
	@$(PY) manage.py compile_translations
	@$(PY) manage.py collectstatic --noinput -v0
	@$(PY) manage.py seed_demo

run: prepare serve

# gunicorn and the task worker side by side (Procfile, honcho): background work (imports,
# exports, emails) runs in the worker, never in a web request.
serve:
	@echo "Serving Satu Inovasi on http://$(HOST):$(PORT)/ with a task worker (Ctrl+C stops)"
	@PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho --no-colour -f Procfile start

browser:
	@scripts/ensure-browser

# What the tests need besides Python packages and the database: Chromium for the browser
# tests, Redis for the Redis-backed read-count buffer, Pango for WeasyPrint's PDFs. Each script
# installs or starts what is missing, or stops with a message saying what to install.
services: browser
	@scripts/ensure-redis
	@scripts/ensure-pdf-libraries

# Every test starts at a fixed, named moment (satu/core/testing/clock.py), by default
# 2026-09-15 10:00 WIB; `TEST_TODAY=2026-12-31 make test` runs the suite as if it were that day.
test: $(VENV)/.installed-dev services
	@$(PY) manage.py compile_translations -v0
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-dev services
	@$(PY) manage.py compile_translations -v0
	@$(PY) scripts/ensure_database.py "$(TEST_DATABASE_URL)"
	DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

# The apps whose rules depend on the date, run again at the year's boundaries: New Year's Eve,
# New Year's Day, a leap day and the last day of the first semester.
CALENDAR_DATES ?= 2026-12-31 2027-01-01 2028-02-29 2026-06-30
CALENDAR_APPS ?= satu/compliance satu/competitions satu/jury satu/national satu/surveys \
	satu/innovations
test-calendar: $(VENV)/.installed-dev services
	@$(PY) manage.py compile_translations -v0
	@for day in $(CALENDAR_DATES); do \
		echo "== the date-sensitive apps as if today were $$day"; \
		TEST_TODAY=$$day $(VENV)/bin/pytest -n 2 -q $(CALENDAR_APPS) $(PYTEST_ARGS) || exit 1; \
	done

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_translations.py

# PRESET=province|national|test, DB=sqlite|postgres; JSON goes to var/bench/.
PRESET ?= province
DB ?= sqlite
bench: $(VENV)/.installed-dev
	@command -v wrk >/dev/null || scripts/ensure-package wrk
	@$(PY) manage.py compile_translations -v0
	@$(PY) manage.py collectstatic --noinput -v0
	$(PY) scripts/bench.py --preset $(PRESET) --db $(DB)

bench-growth: $(VENV)/.installed-dev
	@command -v wrk >/dev/null || scripts/ensure-package wrk
	@$(PY) manage.py compile_translations -v0
	@$(PY) manage.py collectstatic --noinput -v0
	$(PY) scripts/bench.py --growth --db $(DB)

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the catalogs after changing user-facing strings (needs GNU gettext).
# `make messages APP=innovations` limits it to one app's catalog.
APP ?=
messages: $(VENV)/.installed-dev
	cd satu/$(APP) && DJANGO_SETTINGS_MODULE=satu.settings PYTHONPATH=$(CURDIR) \
		$(CURDIR)/$(PY) -m django makemessages -l id -l en --no-location --no-obsolete \
		-i ".venv/*" -i "var/*" -i "node_modules/*"
	$(PY) scripts/fill_english_catalogs.py

# Pin every transitive dependency to what is installed now.
constraints: $(VENV)/.installed-dev
	$(PIP) freeze --exclude-editable | grep -v '^-e ' > constraints.txt

clean:
	rm -rf $(VENV) var/static
