# NMIRF Tracker. The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
# System packages: Pango (WeasyPrint), Noto fonts (Arabic, CJK), gettext (translations); Chromium for browser tests.
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk gettext
TEST_PACKAGES := $(RUN_PACKAGES) chromium
DEMO_PASSWORD ?= nmirf-demo-2026

.PHONY: run test bench lint format messages compilemessages system-packages system-packages-test assets help

help:
	@echo "make run    - install, migrate, load the SDG framework and demo data, serve on http://127.0.0.1:8000"
	@echo "make test   - install what the tests need and run the whole suite"
	@echo "make bench  - benchmarks against the PostgreSQL in DATABASE_URL (BENCH_SCALE scales the data)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

# Installs missing Debian packages when run as root (the README lists them for other systems).
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Please install these system packages:$$missing"; exit 1; fi; \
	fi
endef

system-packages:
	$(call apt_install,$(RUN_PACKAGES))

system-packages-test:
	$(call apt_install,$(TEST_PACKAGES))

.env:
	printf 'DEBUG=true\nNMIRF_STATE=XVD\n' > .env

compilemessages: $(VENV)/.installed
	$(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules --settings=nmirf.settings_test

messages: $(VENV)/.installed
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --settings=nmirf.settings_test

run: system-packages $(VENV)/.installed assets .env compilemessages
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_sdg $(if $(SDG_SOURCE_DIR),--source $(SDG_SOURCE_DIR))
	DEMO_PASSWORD=$(DEMO_PASSWORD) $(MANAGE) load_demo
	@echo
	@echo "NMIRF Tracker runs on http://127.0.0.1:8000/  (stop it with Ctrl+C)"
	@echo "Demo logins, password '$(DEMO_PASSWORD)' for each (trial data only):"
	@echo "  admin         Administrator"
	@echo "  secretariat   Secretariat"
	@echo "  focal         Focal point, Ministry of Justice"
	@echo "  focal2        Focal point, Ministry of Health"
	@echo "  consultative  Consultative member"
	@echo
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: system-packages-test $(VENV)/.installed assets compilemessages lint
	DEBUG=false SECRET_KEY=check-deploy-only-$$RANDOM-key-with-enough-length-and-entropy-0123456789 \
	  ALLOWED_HOSTS=nmirf.example.org $(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run --settings=nmirf.settings_test
	$(VENV)/bin/pytest

bench: $(VENV)/.installed assets
	@test -n "$$DATABASE_URL" || { echo "make bench needs DATABASE_URL (PostgreSQL)"; exit 1; }
	$(PY) -m bench
