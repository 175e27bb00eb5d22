# Two commands matter: `make figures` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS := corpus/la-ice-raids-2025
LAB_ARGS ?=

.PHONY: figures test setup lab bench clean help

help:
	@echo "make figures  - set up .venv, analyse the bundled corpus, regenerate figures/"
	@echo "make test     - set up .venv and run the whole test suite (notebooks included)"
	@echo "make lab      - start JupyterLab on notebooks/ (extra options: make lab LAB_ARGS=\"--no-browser\")"
	@echo "make bench    - run the speed benchmarks in benchmarks/ (prints numbers)"

setup: $(STAMP)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "framing needs Python 3.11 or newer; set PYTHON=python3.11 (or newer) and run make again")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (framing)" >/dev/null
	@touch $(STAMP)

figures: $(STAMP)
	$(PY) tools/make_figures.py --corpus $(CORPUS) --results results --figures figures

test: $(STAMP)
	$(PY) -m pytest

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/ $(LAB_ARGS)

bench: $(STAMP)
	$(PY) benchmarks/segment.py

clean:
	rm -rf $(VENV) results .pytest_cache .hypothesis build
