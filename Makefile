# Pirkanmaa sote-reform portal. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
TOOLS ?= .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.9
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
SHOTS ?= /tmp/pirsote-screenshots

.PHONY: help run install install-dev lock audit backup restore-drill deploy-check browser-deps demo superuser test lint format messages check bench bench-load clean screenshots

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

# uv lives in its own small environment: `uv sync` makes .venv exactly the locked set and
# would remove itself from there.
$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Both compile to bytecode, the packages' and ours: each process (gunicorn, the mail worker,
# manage.py, a test's server) then starts without compiling, even where it may not write
# (PYTHONDONTWRITEBYTECODE, a read-only application folder).
APP_CODE := manage.py pirsote projects funding news

install: $(UV) ## Install the locked dependencies (uv.lock) into .venv, at their locked versions
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --no-dev --inexact --compile-bytecode
	$(PY) -m compileall -q -j 0 $(APP_CODE)

install-dev: $(UV) ## Install exactly the locked dependencies, the tests' included
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --compile-bytecode
	$(PY) -m compileall -q -j 0 $(APP_CODE) tests deploy

lock: $(UV) ## Update uv.lock after changing pyproject.toml
	$(UV) lock

audit: install-dev ## Audit the locked set (uv.lock) for known vulnerabilities (pip-audit)
	$(PY) .ci/audit_packages.py

browser-deps: ## Debian's Chromium, Voikko (Finnish search), Varnish, nginx and axe-core from npm
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@dpkg -s libvoikko1 voikko-fi >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libvoikko1 voikko-fi >/dev/null; }
	@test -x /usr/sbin/varnishd || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null; }
	@test -x /usr/sbin/nginx || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --silent --no-audit --no-fund

demo: install ## Migrate the database and load the bilingual demo content
	$(MANAGE) migrate --noinput
	$(MANAGE) load_initial_data
	$(MANAGE) update_index --backend site
	$(MANAGE) setup_roles
	@$(MAKE) --no-print-directory superuser

superuser: ## Create the admin user from DJANGO_SUPERUSER_USERNAME/_PASSWORD/_EMAIL (and _FIRST_NAME/_LAST_NAME)
	@if [ -n "$$DJANGO_SUPERUSER_USERNAME" ] && [ -n "$$DJANGO_SUPERUSER_PASSWORD" ]; then \
		$(MANAGE) shell -v 0 -c "import os, sys; from django.contrib.auth import get_user_model as g; sys.exit(0 if g().objects.filter(username=os.environ['DJANGO_SUPERUSER_USERNAME']).exists() else 1)" \
		|| $(MANAGE) createsuperuser --noinput --email "$${DJANGO_SUPERUSER_EMAIL:-admin@example.fi}"; \
		$(MANAGE) shell -v 0 -c "import os; from django.contrib.auth import get_user_model as g; g().objects.filter(username=os.environ['DJANGO_SUPERUSER_USERNAME'], first_name='', last_name='').update(first_name=os.environ.get('DJANGO_SUPERUSER_FIRST_NAME') or 'Pääkäyttäjä', last_name=os.environ.get('DJANGO_SUPERUSER_LAST_NAME') or 'Admin')"; \
		echo "Sign in at http://$(HOST):$(PORT)/admin/ as $$DJANGO_SUPERUSER_USERNAME; the first sign-in asks you to add an authenticator app (TOTP)."; \
	else \
		echo "No admin user made. Run: $(MANAGE) createsuperuser"; \
		echo "(or set DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD before 'make run')"; \
	fi

run: demo ## Install, migrate, load the demo content and serve http://127.0.0.1:8000
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-dev browser-deps ## Install what the tests need and run the whole suite
	$(PY) -m pytest -n auto --dist loadgroup

lint: install-dev ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Update locale/*.po from the code and compile them
	$(MANAGE) makemessages --locale fi --locale en --no-location --ignore '.venv/*' --ignore '.tools/*' --ignore 'node_modules/*'
	$(MANAGE) compilemessages --ignore '.venv/*' --ignore '.tools/*' --ignore 'node_modules/*'

check: install-dev ## Migrations in step, deploy checks clean
	$(MANAGE) makemigrations --check --dry-run
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') ALLOWED_HOSTS=example.fi SITE_BASE_URL=https://example.fi \
		REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/15} \
		DJANGO_SETTINGS_MODULE=pirsote.settings.production $(MANAGE) check --deploy --fail-level WARNING

backup: install ## Back up PostgreSQL and the media into BACKUP_DIR/<UTC time>/ (docs/backup.md)
	$(PY) deploy/backup/backup.py

restore-drill: install ## Restore a backup (BACKUP=folder, default a fresh one) into a new database and folder; compare both sites
	$(PY) deploy/backup/restore_drill.py $(BACKUP)

deploy-check: install-dev browser-deps ## nginx -t, varnishd -C, systemd-analyze verify, nginx live, the runbook drill
	$(PY) -m pytest tests/deploy/test_configs.py -p no:cacheprovider

bench: install ## Queries and CPU per page type at 10 and 10 000 releases, own database (~10 min)
	deploy/bench/bench.sh

bench-load: install ## req/s and p99 of gunicorn and Varnish under wrk, on the bench database
	@command -v wrk >/dev/null && test -x /usr/sbin/varnishd || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk varnish >/dev/null; }
	deploy/bench/load.sh

clean: ## Remove the virtualenv, database and generated files
	rm -rf $(VENV) db.sqlite3 media staticfiles node_modules

screenshots: install ## Every page type at 360 and 1280 px in both languages, to $(SHOTS)
	$(PY) deploy/screenshots/shoot.py --out $(SHOTS) --chromium $(CHROMIUM)
