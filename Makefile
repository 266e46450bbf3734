# Tremplin — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.DEFAULT_GOAL := help
.PHONY: help run test test-unit lint fmt typecheck worker beat messages bench chromium ci clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e ".[dev]"
	@touch $@ $(RUN_STAMP)

run: $(RUN_STAMP) ## embedded mode: SQLite, eager tasks, demo data, http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(DEV_STAMP) chromium ## install what the suite needs and run all of it (on every CPU)
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

test-unit: $(DEV_STAMP) ## the pure modules only (no database), in seconds
	$(PY) -m pytest tests/unit -q

lint: $(DEV_STAMP) ## ruff check, ruff format --check, mypy strict on the pure modules
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy $(wildcard incubator/lib loans/engine cooperatives/result_split.py cooperatives/activity_days.py cooperatives/costing.py incubator/plan_financials.py)

fmt: $(DEV_STAMP) ## format and autofix
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

worker: $(RUN_STAMP) ## a Celery worker on CELERY_BROKER_URL
	$(VENV)/bin/celery -A incubator worker --loglevel=INFO

beat: $(RUN_STAMP) ## the one Celery beat (schedules live in the database)
	$(VENV)/bin/celery -A incubator beat --loglevel=INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler

messages: $(DEV_STAMP) ## extract and compile translations (fr, ar)
	$(PY) manage.py makemessages -l fr -l ar --no-location --ignore=build --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

bench: $(DEV_STAMP) ## benchmarks under bench/
	@for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

chromium: ## Debian's chromium for the browser tests, when missing and apt is usable
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium (browser tests)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and apt is not usable: browser tests will be skipped"; fi; \
	fi

ci: ## what CI runs: make test, then PostgreSQL + Redis + a real worker
	.ci/run

clean: ## remove the virtualenv, the SQLite database and build output
	rm -rf $(VENV) db.sqlite3 build staticfiles
