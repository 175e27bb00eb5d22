# Two commands matter: `make figures` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS := corpus/la-ice-raids-2025
LAB_ARGS ?=
VENV_MIN := .venv-min
PY_MIN   := $(VENV_MIN)/bin/python

.PHONY: figures test test-min setup lab bench clean help

help:
	@echo "make figures  - set up .venv, analyse the bundled corpus, regenerate figures/"
	@echo "make test     - set up .venv, lint (ruff) and run the whole test suite (notebooks included)"
	@echo "make lab      - start JupyterLab on notebooks/ (extra options: make lab LAB_ARGS=\"--no-browser\")"
	@echo "make bench    - run the speed benchmarks in benchmarks/ (prints numbers)"
	@echo "make test-min - fresh .venv-min with every dependency at its declared minimum; run the fast tests"

setup: $(STAMP)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "framing needs Python 3.11 or newer; set PYTHON=python3.11 (or newer) and run make again")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[notebooks,dask,test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (framing)" >/dev/null
	@touch $(STAMP)

figures: $(STAMP)
	$(PY) tools/make_figures.py --corpus $(CORPUS) --results results --figures figures

test: $(STAMP)
	$(VENV)/bin/ruff check framing tests benchmarks tools
	$(VENV)/bin/ruff format --check framing tests benchmarks tools
	$(PY) -m pytest

# Proves the lower bounds of pyproject.toml: every dependency (core and extras) pinned to
# its declared minimum by tools/min_constraints.py, binary wheels only, then the fast tests.
# Always a fresh environment, so a cached newer version cannot hide a wrong minimum.
test-min:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "framing needs Python 3.11 or newer; set PYTHON=python3.11 (or newer) and run make again")'
	rm -rf $(VENV_MIN)
	$(PYTHON) -m venv $(VENV_MIN)
	$(PY_MIN) -m pip install --quiet --upgrade pip
	$(PY_MIN) tools/min_constraints.py > $(VENV_MIN)/constraints.txt
	$(PY_MIN) -m pip install --quiet --only-binary=:all: -c $(VENV_MIN)/constraints.txt -e ".[notebooks,dask,test]"
	$(PY_MIN) -m pip list --format=freeze > $(VENV_MIN)/installed.txt
	$(PY_MIN) -m pytest -m "not slow" -p no:cacheprovider

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/ $(LAB_ARGS)

bench: $(STAMP)
	$(PY) benchmarks/segment.py

clean:
	rm -rf $(VENV) $(VENV_MIN) results .pytest_cache .hypothesis build
