# regionaustausch: `make start` serves the demo site, `make test` runs the whole suite.
# Every install uses constraints.txt; nothing is fetched but packages from the default indexes (and
# Debian's chromium for the browser tests, see `make install`).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt
INSTALL_STAMP := $(VENV)/.installed

# The server's address: `make start ZOPE_PORT=8081` or `ZOPE_PORT=8081 make start`.
ZOPE_HOST ?= 127.0.0.1
ZOPE_PORT ?= 8080
export INSTANCE_HOME := $(CURDIR)/instance
export ZOPE_HOST ZOPE_PORT

PYTEST_ARGS ?=
# The browser tests drive Debian's Chromium (Playwright never downloads a browser).
CHROMIUM := /usr/bin/chromium
CHROMIUM_INSTALL := apt-get update && apt-get install -y --no-install-recommends chromium
LINT_PATHS := src profiles tests instance scripts setup.py $(wildcard bench)

.PHONY: help
help: ## Show the targets
	@grep -hE '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(INSTALL_STAMP): setup.py pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) pip setuptools wheel
	$(PIP_INSTALL) -e ".[test,relstorage]"
	@touch $@

.PHONY: install
install: $(INSTALL_STAMP) chromium ## Create .venv, install the add-on with its test tools (again when setup.py or constraints.txt change) and Chromium

# As root (CI, containers) Chromium is installed from Debian; anyone else gets the command to run.
.PHONY: chromium
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        export DEBIAN_FRONTEND=noninteractive && $(CHROMIUM_INSTALL); \
	    else \
	        echo "The browser tests need Debian's Chromium at $(CHROMIUM). Install it with:"; \
	        echo "  sudo sh -c '$(CHROMIUM_INSTALL)'"; \
	        exit 1; \
	    fi; \
	fi

.PHONY: site
site: $(INSTALL_STAMP) ## Create the Plone site with the add-on and the demo region, unless it exists
	@mkdir -p instance/var/filestorage instance/var/blobstorage instance/var/cache
	$(BIN)/zconsole run instance/zope.conf instance/create_site.py

.PHONY: start
start: site ## Install, create the site if missing, and serve it at http://localhost:8080/Plone
	exec $(BIN)/runwsgi instance/zope.ini http_host=$(ZOPE_HOST) http_port=$(ZOPE_PORT)

.PHONY: test
test: install ## Run the whole test suite (browser, instance and wheel tests included)
	$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: test-fast
test-fast: $(INSTALL_STAMP) ## Run everything but the browser, instance and wheel tests (for the edit-test loop)
	$(BIN)/pytest -m "not browser and not e2e" $(PYTEST_ARGS)

.PHONY: test-browser
test-browser: install ## Run only the browser tests (Playwright + Debian's /usr/bin/chromium; screenshots in test-output/)
	$(BIN)/pytest tests/browser $(PYTEST_ARGS)

.PHONY: dist
dist: $(INSTALL_STAMP) ## Build the wheel and the sdist into dist/ (the .mo catalogues compiled into the wheel)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

.PHONY: docs
docs: $(INSTALL_STAMP) ## Write docs/api.md anew from real calls (tests/docs/test_api_docs.py)
	REGIONAUSTAUSCH_WRITE_DOCS=1 $(BIN)/pytest tests/docs -q

.PHONY: i18n
i18n: $(INSTALL_STAMP) ## Rebuild locales/regionaustausch.pot (code, templates, profiles, domain), add English entries, list what lacks German
	$(BIN)/python scripts/domain_pot.py src/regionaustausch/locales/domain.pot
	cd src/regionaustausch && ../../$(BIN)/i18ndude rebuild-pot --pot locales/regionaustausch.pot --merge locales/domain.pot --create regionaustausch . ../../profiles
	$(BIN)/python scripts/english_catalogue.py
	$(BIN)/pytest tests/test_catalogue.py -q

.PHONY: lint
lint: $(INSTALL_STAMP) ## Check style with ruff
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

.PHONY: format
format: $(INSTALL_STAMP) ## Format and fix with ruff
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

versions.cfg: constraints.txt scripts/buildout_versions.py
	$(PYTHON) scripts/buildout_versions.py constraints.txt versions.cfg

.PHONY: check-buildout
check-buildout: ## Build the instance with buildout.cfg and check that it serves
	$(PYTHON) scripts/check_buildout.py

.PHONY: clean
clean: ## Remove the venvs and build products (keeps the database in instance/var)
	rm -rf $(VENV) .venv-buildout bin parts eggs develop-eggs .installed.cfg versions.cfg build dist *.egg-info src/*.egg-info
	find src -name '*.mo' -delete

.PHONY: bench
bench: $(INSTALL_STAMP) ## Run the benchmarks under bench/ (they print their figures and write bench/results/)
	$(BIN)/pytest bench -p no:cacheprovider -s -q -o python_files='bench_*.py'
