# Two commands matter: `make figures` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
BUILT  := $(VENV)/.compiled
CORPUS := corpus/la-ice-raids-2025
LAB_ARGS ?=

.PHONY: figures test setup lab bench clean help

help:
	@echo "make figures  - set up .venv, analyse the bundled corpus, regenerate figures/"
	@echo "make test     - set up .venv and run the whole test suite (notebooks included)"
	@echo "make lab      - start JupyterLab on notebooks/ (extra options: make lab LAB_ARGS=\"--no-browser\")"
	@echo "make bench    - run the speed benchmarks in benchmarks/ (prints numbers)"

setup: $(BUILT)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "framing needs Python 3.11 or newer; set PYTHON=python3.11 (or newer) and run make again")'
	$(PYTHON) -m venv $(VENV)

# The build tools live in .venv, so that recompiling after an edit needs no network. pip installs
# the package as plain Python; $(BUILT) compiles it.
$(STAMP): pyproject.toml setup.py | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip "setuptools>=77" wheel "Cython>=3.0,<4"
	FRAMING_PURE_PYTHON=1 $(PY) -m pip install --quiet --no-build-isolation -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (framing)" >/dev/null
	@touch $(STAMP)

# Recompile the analysis modules whose source changed since the last build (setup.py; a module
# built from another version of its source runs from source, so this is about speed, not results).
$(BUILT): $(STAMP) $(wildcard framing/*.py)
	$(PY) setup.py --quiet build_ext --inplace
	@touch $(BUILT)

figures: $(BUILT)
	$(PY) -m framing.make_figures --corpus $(CORPUS) --results results --figures figures

test: $(BUILT)
	$(PY) -m pytest

lab: $(BUILT)
	$(VENV)/bin/jupyter lab notebooks/ $(LAB_ARGS)

bench: $(BUILT)
	$(PY) benchmarks/segment.py

clean:
	rm -rf $(VENV) results .pytest_cache .hypothesis build framing/*.c framing/*.so framing/_compiled.json
