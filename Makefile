# Wat Werkt in de Wijk. The two commands a new developer needs:
#   make run    install, migrate, load content/, start search and the site on http://127.0.0.1:8000
#   make test   install, start PostgreSQL and Elasticsearch, run the whole test suite
.DEFAULT_GOAL := help
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: help install run test lint format benchmark faults stop clean

help:
	@echo "make run        start the catalogue (http://127.0.0.1:8000, admin at /admin/)"
	@echo "make test       run the whole test suite on PostgreSQL and Elasticsearch"
	@echo "make lint       ruff"
	@echo "make benchmark  measure search, indexing and failover (writes docs/benchmarks.md)"
	@echo "make faults     fault scenarios on the real stack (docs/reliability.md)"
	@echo "make stop       stop the PostgreSQL and Elasticsearch that the scripts started"

$(INSTALLED): pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $@

install: $(INSTALLED)

run: install
	scripts/run.sh

test: install
	scripts/test.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

benchmark: install
	scripts/benchmark.sh

faults: install
	scripts/faults.sh $(SCENARIOS)

stop:
	scripts/elasticsearch.sh stop
	scripts/postgres.sh stop

clean: stop
	rm -rf var static_collected
