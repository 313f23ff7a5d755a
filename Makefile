# Two commands do everything on a fresh machine:
#   make book   create .venv if needed, then build the book into _build/html
#   make test   unit tests, nbval over every chapter, strict book build, offline check
# and one for maintainers:
#   make refresh  re-execute every chapter notebook in place (after data or code changes)

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(wildcard chapters/*.ipynb)

.PHONY: book test unit refresh clean

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11+ needed, found " + sys.version'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

book: $(STAMP)
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

# The strict build comes first (the checks of built pages need it); then one
# pytest run: unit and data tests, checks of the built HTML, and nbval's
# cell-by-cell comparison of every stored notebook with a fresh execution.
test: book
	$(BIN)/python -m pytest tests chapters --nbval --nbval-current-env -q

unit: $(STAMP)
	$(BIN)/python -m pytest tests -m "not slow" -q --ignore=tests/test_built_html.py

refresh: $(STAMP)
	for nb in $(NOTEBOOKS); do \
	  $(BIN)/jupyter execute --inplace "$$nb"; \
	done

clean:
	rm -rf _build
