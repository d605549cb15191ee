# Libya Watch: every command a contributor or CI needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstall when the pins change; the stamp records what was installed.
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# What a contributor passes (NAME=, FILE=, ID=, WHY=, NOTE=, STALE=, COUNTRY=) reaches a command
# through the environment ("$$NOTE"), never pasted into the recipe ("$(NOTE)"), and is kept as written
# ($(value ...)): neither make nor the shell expands what it holds, so a note with `backquotes`,
# $(...) or quotes is passed as it was typed.
ARGUMENTS := NAME FILE ID WHY NOTE COUNTRY STALE
$(foreach name,$(ARGUMENTS),$(eval override $(name) := $$(value $(name))))
export $(ARGUMENTS)

.PHONY: help setup serve build validate new-source accept-seed edition schema system test test-fast lint lock pdf offline bench clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	@touch $(STAMP)

# The npm packages (package.json, pinned by package-lock.json): the plotly.js bundles the site
# serves and the checkers the tests run. npm comes from Debian when missing (and root), as in CI.
# --ignore-scripts: vnu-jar's install script would fetch a Java runtime; Debian's Java 17 runs it.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || [ "$$(id -u)" != 0 ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	@command -v npm >/dev/null || { echo "npm is missing: make system, or apt-get install npm" >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $(NODE_STAMP)

setup: $(STAMP) $(NODE_STAMP) ## Create .venv and node_modules and install the pinned dependencies

serve: $(STAMP) $(NODE_STAMP) ## Build and serve the site on http://127.0.0.1:8000, rebuilding on edits
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP) $(NODE_STAMP) ## Strict build into site/, replacing it only when the build succeeds
	$(BIN)/python -m tools.build --site-dir site

validate: $(STAMP) ## Check the data; print every problem as file:line: field: message
	$(BIN)/python -m macros.load.validate $(VALIDATE_FLAGS)

place: $(STAMP) ## Look a place up in the offline gazetteer: make place NAME=Qatrun [COUNTRY=LY]
	@test -n "$$NAME" || { echo "NAME is missing: make place NAME=Qatrun [COUNTRY=LY]" >&2; exit 2; }
	$(BIN)/python -m macros.load.gazetteer find "$$NAME" $${COUNTRY:+--country "$$COUNTRY"}

new-source: $(STAMP) ## Add a document: make new-source FILE=path/to/article.txt [ID=slug]
	@test -n "$$FILE" || { echo "usage: make new-source FILE=path/to/article.txt [ID=slug]" >&2; exit 2; }
	$(BIN)/python -m tools.new_source "$$FILE" $${ID:+--id "$$ID"}

accept-seed: $(STAMP) ## Accept a changed document on purpose: make accept-seed ID=source-id WHY="..."
	@test -n "$$ID" -a -n "$$WHY" || { echo 'usage: make accept-seed ID=source-id WHY="why the document changed"' >&2; exit 2; }
	$(BIN)/python -m tools.accept_seed "$$ID" --why "$$WHY"

edition: $(STAMP) ## Issue the data as the next edition: make edition NOTE="what it brings" [STALE="why, if prose is stale"]
	@test -n "$$NOTE" || { echo 'usage: make edition NOTE="what this edition brings"' >&2; exit 2; }
	$(BIN)/python -m tools.edition --note "$$NOTE" --stale "$$STALE"

schema: $(STAMP) ## Regenerate the JSON Schemas in data/schema/ from the models
	$(BIN)/python -m macros.load.schema

SYSTEM_PACKAGES := chromium poppler-utils fonts-liberation
system: ## Install Debian's Chromium, poppler-utils, fonts, Java and npm (when missing and root)
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done; \
	  command -v java >/dev/null || echo default-jre-headless; command -v npm >/dev/null || echo npm); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing: $$missing. Run: sudo apt-get install $$missing" >&2; exit 1; fi; fi

# One pytest worker per core, each test file whole in one worker (its browser and site built once).
PARALLEL ?= -n auto --dist loadfile
test: system $(STAMP) $(NODE_STAMP) ## Set up and run the whole suite (browser tests included)
	$(BIN)/python -m macros.load.schema --check
	$(BIN)/python -m macros.views.vocabulary --check
	$(BIN)/python -m macros.load.gazetteer check
	$(BIN)/ruff check macros hooks tests tools bench
	$(BIN)/ruff format --check macros hooks tests tools bench
	$(BIN)/python -m pytest $(PARALLEL)

test-fast: system $(STAMP) $(NODE_STAMP) ## The tests that need no site build or browser (Java and the npm checkers included)
	$(BIN)/python -m pytest $(PARALLEL) -m "not build and not browser"

lint: $(STAMP) ## ruff check and format
	$(BIN)/ruff check --fix macros hooks tests tools bench
	$(BIN)/ruff format macros hooks tests tools bench

lock: ## Re-pin every transitive dependency into requirements.lock
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv && .lockenv/bin/pip install --quiet -e '.[test]'
	.lockenv/bin/pip freeze --exclude-editable | grep -v '^libya-watch' > requirements.lock
	rm -rf .lockenv

PAPER ?= A4
# FULL=1 prints every event, dispute, source and claim; by default a large dataset gets the
# newest and busiest, each part saying what it leaves out (the build reads it: mkdocs.yml).
pdf: export LIBYA_WATCH_PRINT_FULL = $(if $(FULL),true,false)
pdf: export LIBYA_WATCH_PDF = true
pdf: build system ## The briefing as site/briefing.pdf (PAPER=Letter for US paper; FULL=1 for every claim)
	$(BIN)/python -m tools.pdf --site site --paper $(PAPER)

offline: $(STAMP) $(NODE_STAMP) ## A zip of the site that works opened from disk: dist/libya-watch-offline.zip
	$(BIN)/python -m tools.offline

SIZES ?= 1000 10000 100000
bench: system $(STAMP) $(NODE_STAMP) ## Builds, Lighthouse and search at scale (SIZES="1000 10000 100000", ONLY=lighthouse,search): bench/results.json
	@command -v hugo >/dev/null || [ "$$(id -u)" != 0 ] || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; } || true
	$(BIN)/python -m bench.run $(if $(ONLY),--only $(ONLY)) $(SIZES)

clean: ## Remove the built site and caches
	rm -rf site dist .cache .pytest_cache .ruff_cache node_modules
