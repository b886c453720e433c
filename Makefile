# Patient-education portal: `make help` lists what you can do.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/bench
GUIDES ?= $(or $(BENCH_GUIDES),1000)
# Python writes its compiled files (__pycache__, ignored by git) even where the environment says
# not to: pytest then keeps the test modules it rewrote for its assert messages, which halves
# collecting the tests (8 s to 4 s a process, every run after the first).
unexport PYTHONDONTWRITEBYTECODE
# Test processes for the tests without a browser (pytest-xdist): one per CPU core; 0 runs them in
# this process.
WORKERS ?= auto
# Whole modules (and classes) per process, handed out in collection order (tests/conftest.py).
PYTEST_FAST := $(BIN)/pytest -m "not browser" -n $(WORKERS) --dist loadscope --no-loadscope-reorder

.PHONY: help run setup install demo test test-fast test-browser test-postgres mutants lint format messages check ci bench clean

help: ## Show this list of commands.
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

run: setup ## Set up everything (first time only) and start the site on http://127.0.0.1:8000.
	@echo ""
	@echo "  Patient pages: http://$(HOST):$(PORT)/"
	@echo "  Staff admin:   http://$(HOST):$(PORT)/admin/  (user 'admin', password 'portal-demo')"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

setup: install ## Create the virtual environment, install, migrate and load the demo content.
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_initial_data --admin

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Install Python dependencies into .venv (runtime and dev tools).

demo: install ## Rebuild the demo content from scratch (deletes the demo pages first).
	$(PY) manage.py load_initial_data --reset --admin

test: install ## Run the whole test suite: the fast tests in parallel, then the browser tests.
	@command -v chromium >/dev/null || [ -n "$$CHROMIUM_PATH" ] || \
		echo "Note: chromium not found, browser tests will fail (sudo apt-get install chromium, or make test-fast)."
	$(PYTEST_FAST)
	$(BIN)/pytest -m browser

test-fast: install ## Run the tests without the browser, one process per CPU core.
	$(PYTEST_FAST)

test-browser: install ## Run only the browser tests (Playwright driving /usr/bin/chromium).
	$(BIN)/pytest -m browser

test-postgres: install ## Run the whole test suite against PostgreSQL (POSTGRES_URL=...).
	DATABASE_URL=$(POSTGRES_URL) $(MAKE) test

mutants: install ## Take out each of the riskiest rules in turn and check a test fails (tests/mutants.py).
	$(PY) -m tests.mutants

lint: install ## Check code style and formatting with ruff.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix code style and formatting with ruff.
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The patient interface catalogue (locale/es) holds only what patients read: templates (not the
# admin's or sign-in's) and the few Python modules with patients' words; editors' texts stay out.
PATIENT_SOURCES_IGNORED := .venv node_modules tests benchmarks static static_collected demo \
	importer backups headless infobutton governance pagecache twofactor portal/settings migrations \
	portal/limits.py portal/media_deletion.py portal/security.py portal/autosave.py \
	templates/wagtailadmin templates/twofactor templates/infobutton templates/articles/panels articles/blocks \
	articles/management articles/api_fields.py articles/codes.py articles/forms.py \
	articles/models.py articles/panels.py articles/preview.py articles/readability.py \
	articles/reading_report.py articles/snippets.py articles/wagtail_hooks.py apps.py \
	wagtail_hooks.py feedback/models.py feedback/reports.py glossary/models.py glossary/views.py \
	glossary/templatetags handouts/forms.py handouts/models.py home/models.py home/phone.py \
	search/cache.py search/engines.py search/pagination.py
PATIENT_LANGUAGES := es

messages: install ## Update the patient interface catalogues (locale/es) from the code, then compile every catalogue in locale/ (needs gettext).
	$(PY) manage.py makemessages --no-obsolete $(foreach l,$(PATIENT_LANGUAGES),-l $(l)) \
		$(foreach p,$(PATIENT_SOURCES_IGNORED),--ignore=$(p))
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

check: install ## Lint, and make sure no model change is missing a migration.
	$(MAKE) lint
	$(PY) manage.py makemigrations --check --dry-run

bench: install ## Seed BENCH_DB with 1,000 guides (GUIDES=10000 for 10,000), print figures vs goals, mixed load, page weight, Lighthouse.
	DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/seed.py --guides $(GUIDES)
	DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/goals.py
	$(PY) benchmarks/page_weight.py
	benchmarks/lighthouse

ci: ## Run what CI runs (.ci/run): install, lint, migrations, tests on SQLite and PostgreSQL.
	.ci/run

clean: ## Delete the virtual environment, the SQLite database and uploaded media.
	rm -rf $(VENV) db.sqlite3 media static_collected
