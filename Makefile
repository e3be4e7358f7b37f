# malitrack: every target calls the CLI or pytest inside a local virtualenv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup data reports test test-fast bench clean-build

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install malitrack with its test tools

data: $(STAMP) ## data/raw -> data/clean (claims, incidents, quarantine, dictionary, datapackage)
	$(BIN)/malitrack clean

reports: $(STAMP) ## the main job: clean the data, render every report into reports/ (open reports/index.html)
	$(BIN)/malitrack build

test: $(STAMP) ## run the whole test suite and every docstring example (what CI runs)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## the tests without the slow ones (notebooks, browser), for everyday work
	$(BIN)/python -m pytest -m "not slow"

bench: $(STAMP) ## run the benchmarks in benchmarks/ (minutes; numbers go in issue notes)
	$(BIN)/pip install --quiet pytest-benchmark
	for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean-build: ## remove executed notebooks and rendered reports (data/clean is kept)
	rm -rf build reports/*.html
