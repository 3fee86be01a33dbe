# Wat Werkt in de Wijk. The two commands a new developer needs:
#   make run    install, migrate, load content/, start search and the site on http://127.0.0.1:8000
#   make test   install, lint and check, start PostgreSQL and Elasticsearch, run the whole test suite
#               (ARGS="..." go to pytest: make test ARGS="-k contract")
.DEFAULT_GOAL := help
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FRONTEND := node_modules/.installed

.PHONY: help install run test lint format benchmark screenshots faults stop clean

help:
	@echo "make run        start the catalogue (http://127.0.0.1:8000, admin at /admin/)"
	@echo "make test       ruff, manage.py check, makemigrations --check, then the whole test suite"
	@echo "                on PostgreSQL and Elasticsearch (pytest arguments: ARGS=\"-k contract\")"
	@echo "make lint       ruff"
	@echo "make benchmark  search, rebuild, publish, memory and load at N=1000,10000 (N=100000, or a list)"
	@echo "make screenshots  browser screenshots of every page type into docs/screenshots/"
	@echo "make faults     fault scenarios on the real stack (docs/reliability.md)"
	@echo "make stop       stop the PostgreSQL and Elasticsearch that the scripts started"

$(INSTALLED): pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $@

# Front-end packages from npm (NL Design System CSS, font, map data, axe-core), served as our
# own static files; the map outline is built from them.
$(FRONTEND): package.json package-lock.json $(INSTALLED)
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python manage.py build_map
	touch $@

install: $(INSTALLED) $(FRONTEND)
	scripts/lexicon.sh

run: install
	scripts/run.sh

test: install
	scripts/test.sh $(ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: install
	SCREENSHOTS_DIR=docs/screenshots scripts/test.sh tests/browser -q

benchmark: install
	N="$(N)" BENCH_SYSTEMS="$(BENCH_SYSTEMS)" scripts/benchmark.sh

faults: install
	scripts/faults.sh $(SCENARIOS)

stop:
	scripts/elasticsearch.sh stop
	scripts/postgres.sh stop

clean: stop
	rm -rf var static_collected
