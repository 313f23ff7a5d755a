# Two commands do everything on a fresh machine:
#   make book   create .venv if needed, then build the book into _build/html
#   make test   unit tests, nbval over every chapter, strict book build, offline check
# and one for maintainers:
#   make refresh  re-execute every chapter notebook in place (after data or code changes)

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
# Empty: tools/find_python.sh picks python3.13/3.12/3.11 that every pin supports.
PYTHON ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(wildcard chapters/*.ipynb)

.PHONY: book test unit refresh clean

# A fresh .venv whenever the pins change; the stamp is written last, so a
# failed install is never reused. Concurrent make runs take turns (flock).
$(STAMP): requirements.txt pyproject.toml
	PYTHON="$(PYTHON)" tools/locked.sh tools/make_venv.sh $(VENV)

# ailead.book makes incremental builds equal clean ones (static edits,
# stale images and downloads); the lock keeps two builds out of _build.
book: $(STAMP)
	tools/locked.sh $(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

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
