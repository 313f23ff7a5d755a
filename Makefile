# Two commands do everything on a fresh machine:
#   make book   create .venv if needed, then build the book into _build/html
#               and its PDF into _build/html/book.pdf
#   make test   unit tests, nbval over every chapter, strict book build, offline check
# and for maintainers:
#   make unit     fast tests only: unit, data, chapter values against tests/golden, lint
#   make refresh  re-execute chapter notebooks in place (after data or code changes);
#                 NB=chapters/04_two_outcomes_2028.ipynb refreshes one
#   make golden   rewrite tests/golden/*.json from the current data and code
#   make lock     regenerate requirements.txt from pyproject.toml
#   make format   apply ruff's formatting and safe lint fixes

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
# Empty: tools/find_python.sh picks python3.13/3.12/3.11 that every pin supports.
PYTHON ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := intro.ipynb $(wildcard chapters/*.ipynb)

# Tests run on every core (pytest-xdist); each test file, and so each
# notebook's cells, stays in one worker, in order. WORKERS=0 runs serially.
WORKERS ?= auto
PARALLEL := -n $(WORKERS) --dist loadscope

.PHONY: book pdf test unit lint refresh golden lock format clean

# A fresh .venv whenever the pins change; the stamp is written last, so a
# failed install is never reused. Concurrent make runs take turns (flock).
$(STAMP): requirements.txt pyproject.toml
	PYTHON="$(PYTHON)" tools/locked.sh tools/make_venv.sh $(VENV)

# ailead.book makes incremental builds equal clean ones (static edits,
# stale images and downloads); the lock keeps two builds out of _build.
# Then the PDF of the whole book (skipped, with a note, without Chromium).
book: $(STAMP)
	tools/locked.sh $(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	tools/locked.sh tools/build_pdf.sh $(VENV)

# Only the PDF (after `make book` has built the HTML once).
pdf: $(STAMP)
	tools/locked.sh tools/build_pdf.sh $(VENV)

# The strict build comes first (the checks of built pages need it); then one
# pytest run: unit and data tests, checks of the built HTML, and nbval's
# cell-by-cell comparison of every stored notebook with a fresh execution.
# The book is built from the outputs stored in the notebooks (no execution);
# nbval then executes each notebook once and fails unless every stored output
# equals the fresh one, so what was built is what a fresh execution gives.
test: $(STAMP) lint
	AILEAD_EXECUTE=stored $(MAKE) --no-print-directory book
	$(BIN)/python -m pytest tests chapters intro.ipynb --nbval --nbval-current-env -q $(PARALLEL)

unit: $(STAMP) lint
	$(BIN)/python -m pytest tests -m "not slow" -q --ignore=tests/test_built_html.py $(PARALLEL)

lint: $(STAMP)
	$(BIN)/ruff check ailead tests tools
	$(BIN)/ruff format --check ailead tests tools

format: $(STAMP)
	$(BIN)/ruff format ailead tests tools
	$(BIN)/ruff check --fix ailead tests tools

NB ?= $(NOTEBOOKS)
refresh: $(STAMP)
	$(BIN)/python tools/refresh_notebooks.py $(NB)

golden: $(STAMP)
	$(BIN)/python -m ailead.chapters.golden

# Pins come from pyproject.toml; uv keeps every version already in
# requirements.txt unless a new constraint forces a change.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	grep -v '^#\|^-e' requirements.txt > requirements.lock.tmp
	$(BIN)/uv pip compile pyproject.toml --extra book --extra test --extra lint \
	  --python-version 3.11 --no-header --annotation-style line -q -o requirements.lock.tmp
	{ sed -n '1,3p' requirements.txt; cat requirements.lock.tmp; \
	  echo "# The book's own package, editable so notebooks import the working tree."; echo "-e ."; } > requirements.txt.new
	rm requirements.lock.tmp && mv requirements.txt.new requirements.txt

clean:
	rm -rf _build

# Re-derive data/frontier_models.csv from a newer (or older) Epoch AI export:
#   make data-update ECI=path/to/epoch_capabilities_index.csv
# validates it in a temporary copy of data/ first and prints what changes;
# on failure data/ is left untouched.
.PHONY: data-update
data-update: $(STAMP)
	@test -n "$(ECI)" || { echo "usage: make data-update ECI=path/to/export.csv" >&2; exit 2; }
	$(BIN)/python tools/data_update.py "$(ECI)"
