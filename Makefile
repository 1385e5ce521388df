# Both targets make (or refresh) their own virtual environment in .venv from
# python3 alone; it is rebuilt when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint types unit bench clean

$(STAMP): pyproject.toml
	@# The collector the end-to-end tests start (rotel, from PyPI) embeds Python 3.11's shared library.
	@ldconfig -p 2>/dev/null | grep -q 'libpython3.11.so.1.0' || { \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq libpython3.11 >/dev/null; \
	  else echo "note: libpython3.11 is missing; install it for the end-to-end tests (rotel needs it)"; fi; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m audit_logging demo

test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/coverage erase
	$(BIN)/coverage run -m pytest
	$(BIN)/coverage combine --quiet
	$(BIN)/coverage report

# Every benchmark runs; the exit status says whether any target was missed.
bench: $(STAMP)
	@status=0; for script in benchmarks/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || status=1; done; exit $$status

clean:
	rm -rf $(VENV) .coverage .coverage.* .mypy_cache .pytest_cache .ruff_cache build dist
