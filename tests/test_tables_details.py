"""Long notes in reader tables behind an expandable "details" (issue 16)."""

from __future__ import annotations

import pandas as pd
import pytest

from ailead import tables


def test_a_short_note_stays_plain_and_escaped():
    assert tables.details("a <b> note") == "a &lt;b&gt; note"


def test_a_long_note_folds_behind_its_first_words_and_keeps_all_of_its_text():
    note = "The smuggling case " + "word " * 40 + "& the end"
    folded = tables.details(note)
    assert folded.startswith("<details><summary>The smuggling case")
    summary = folded.split("<summary>", 1)[1].split("<span", 1)[0]
    assert len(summary) <= tables.SUMMARY_CHARACTERS and not summary.endswith(" ")
    assert "&amp; the end</details>" in folded


def test_render_folds_only_the_named_columns_and_shows_missing_as_a_dash():
    frame = pd.DataFrame({"case": ["x" * 200, "y"], "note": ["z" * 200, None]})
    body = tables.render(frame, folded=["note"]).data
    assert body.count("<details>") == 1
    assert tables.MISSING in body


def test_render_refuses_details_for_a_column_the_table_lacks():
    with pytest.raises(KeyError, match="details name columns"):
        tables.render(pd.DataFrame({"a": [1]}), folded=["b"])


def test_a_spec_column_with_details_true_is_folded(monkeypatch):
    spec = {"t.demo": {"columns": {"note": {"label": "Note", "details": True}, "n": {"label": "N"}}}}
    monkeypatch.setattr(tables, "specs", lambda: spec)
    assert tables.folded_columns("t.demo") == ["Note"]
    body = tables.show("t.demo", pd.DataFrame({"note": ["long " * 50], "n": [3]})).data
    assert "<details><summary>" in body and "<th>Note</th>" in body
