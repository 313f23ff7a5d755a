"""Reader words for codes (ailead/tables/labels.yaml): every code the data and
the analysis code can put in a reader table has words, and a spec column's
``labels:`` option shows them (issue 16, item 4)."""

from __future__ import annotations

import csv
import dataclasses
import re

import pandas as pd
import pytest
from conftest import REPO

from ailead import claims as cl
from ailead import tables

#: The pattern tests/test_built_html.py uses to find codes in built tables.
INTERNAL_ID = re.compile(r"^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+){2,}$|^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


def _column(name: str, column: str) -> list[str]:
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle) if row[column]]


@pytest.mark.parametrize(
    ("group", "codes"),
    [
        ("claims", _column("claims", "id")),
        ("directions", list(cl.DIRECTIONS) + _column("claims", "direction")),
        ("metrics", list(cl.METRICS) + [m for ms in cl.COMPONENTS.values() for m in ms] + _column("claims", "metric")),
        ("rule_constants", [f.name for f in dataclasses.fields(cl.Rules)] + list(cl.SENSITIVITY)),
        ("distillation_parameters", _column("distillation_parameters", "parameter")),
    ],
)
def test_every_code_the_data_or_the_code_can_produce_has_words(group, codes):
    words = tables.labels(group)
    assert codes
    missing = sorted(set(codes) - set(words))
    assert not missing, f"labels.yaml group {group!r} lacks {missing}"


def test_labels_are_words_and_tell_codes_apart():
    for group, words in tables._labels().items():
        codes = [code for code, text in words.items() if INTERNAL_ID.match(text) or text == code and "_" in code]
        assert not codes, f"{group}: labels that are codes: {codes}"
        if group in ("claims", "rule_constants", "distillation_parameters"):
            assert len(set(words.values())) == len(words), f"{group}: two codes share a label"


def test_an_unknown_code_or_group_is_an_error_naming_it():
    with pytest.raises(KeyError, match=r"'claims' has no label for 'nobody-2030-x'"):
        tables.label("claims", "nobody-2030-x")
    with pytest.raises(KeyError, match="no group 'colours'"):
        tables.labels("colours")


def test_every_labels_option_of_a_spec_names_a_group():
    for name, spec in tables.specs().items():
        for column, options in spec["columns"].items():
            if options and "labels" in options:
                assert options["labels"] in tables._labels(), f"{name}.{column}: unknown group {options['labels']!r}"


def test_a_labelled_column_shows_words_and_keeps_missing_cells(monkeypatch):
    spec = {"t": {"columns": {"direction": {"label": "Direction", "labels": "directions"}, "n": {"label": "N"}}}}
    monkeypatch.setattr(tables, "specs", lambda: spec)
    frame = pd.DataFrame({"direction": ["us_lead", None, "china_lead"], "n": [1, 2, 3], "extra": ["x", "y", "z"]})
    shown, _ = tables.reader_frame("t", frame)
    assert list(shown.columns) == ["Direction", "N"]
    assert shown["Direction"].iloc[0] == tables.label("directions", "us_lead") != "us_lead"
    assert shown["Direction"].iloc[1] is None
    assert frame["direction"].iloc[0] == "us_lead", "the caller's frame is not changed"
    html = tables.show("t", frame).data
    assert "us_lead" not in html and "china_lead" not in html
    frame.loc[0, "direction"] = "sideways"
    with pytest.raises(KeyError, match="'sideways'"):
        tables.show("t", frame)


def test_the_chapter_tables_that_showed_codes_now_label_them():
    # The columns issue 16 found showing codes (claim ids, directions, metrics,
    # rule constants, parameter names) each carry a `labels:` option.
    wanted = {
        ("claims.scorecard", "claim"), ("claims.scorecard", "direction"), ("claims.scorecard", "metric"),
        ("claims.robustness", "claim"), ("claims.context", "claim"), ("claims.sensitivity", "constant"),
        ("claims.claims", "id"), ("claims.claims", "direction"), ("claims.claims", "metric"),
        ("distillation.parameters", "parameter"),
    }  # fmt: skip
    specs = tables.specs()
    unlabelled = sorted(w for w in wanted if not (specs[w[0]]["columns"][w[1]] or {}).get("labels"))
    assert not unlabelled
