"""ailead.data: valid tables load typed; every malformed file is named precisely."""

from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pytest
from conftest import FIXTURES, REPO

from ailead import data

# fixture file -> (row, column, rule) a person would point at. Rows count the
# header as row 1, as a spreadsheet does.
MALFORMED = {
    "missing_column.csv": (1, "note", "missing-column"),
    "extra_column.csv": (1, "extra", "extra-column"),
    "bad_date.csv": (3, "date", "type-error"),
    "impossible_date.csv": (3, "date", "type-error"),
    "duplicate_key.csv": (3, "id", "primary-key"),
    "empty_source_url.csv": (3, "source_url", "constraint:required"),
    "non_http_source_url.csv": (3, "source_url", "constraint:pattern"),
    "javascript_url.csv": (3, "source_url", "constraint:pattern"),
    "number_out_of_range.csv": (3, "share", "constraint:maximum"),
    "unknown_category.csv": (3, "direction", "constraint:enum"),
    "byte_order_mark.csv": (1, "id", "byte-order-mark"),
    "wrong_delimiter.csv": (1, "id", "delimiter"),
    "blank_line.csv": (3, "(whole row)", "blank-row"),
    "spreadsheet_formula.csv": (3, "note", "unsafe-text"),
    "formula_after_minus.csv": (3, "note", "unsafe-text"),
    "script_tag.csv": (3, "note", "unsafe-text"),
    "empty_file.csv": (1, "id", "empty-file"),
    "unknown_foreign_key.csv": (3, "country", "foreign-key"),
    "not_an_integer.csv": (3, "count", "type-error"),
    "not_utf8.csv": (3, "note", "encoding"),
    "bad_id_pattern.csv": (3, "id", "constraint:pattern"),
    "short_row.csv": (3, "flag", "missing-cell"),
    # Numbers: finite, plain ASCII digits, no padding.
    "huge_number.csv": (3, "share", "non-finite"),
    "infinite_number.csv": (3, "share", "non-finite"),
    "nan_number.csv": (3, "share", "non-finite"),
    "fullwidth_digits.csv": (3, "count", "number-format"),
    "arabic_indic_digits.csv": (3, "count", "number-format"),
    "devanagari_digits.csv": (3, "count", "number-format"),
    "underscore_integer.csv": (3, "count", "number-format"),
    "underscore_number.csv": (3, "share", "number-format"),
    "padded_number.csv": (3, "count", "whitespace"),
    # Keys: no surrounding whitespace or control characters.
    "padded_key.csv": (3, "id", "whitespace"),
    "padded_foreign_key.csv": (3, "country", "whitespace"),
    "key_trailing_newline.csv": (3, "id", "control-character"),
    "url_trailing_newline.csv": (3, "source_url", "control-character"),
    # Text: no control or bidi characters, no placeholders, no formulas.
    "nul_character.csv": (3, "note", "control-character"),
    "bidi_override.csv": (3, "note", "control-character"),
    "line_break_in_cell.csv": (3, "note", "control-character"),
    "placeholder_text.csv": (3, "note", "placeholder"),
    "plus_formula.csv": (3, "note", "unsafe-text"),
    # Source addresses: public http(s) only.
    "localhost_url.csv": (3, "source_url", "public-url"),
    "loopback_ip_url.csv": (3, "source_url", "public-url"),
    "private_ip_url.csv": (3, "source_url", "public-url"),
    "link_local_url.csv": (3, "source_url", "public-url"),
    "ipv6_loopback_url.csv": (3, "source_url", "public-url"),
    "credentials_url.csv": (3, "source_url", "public-url"),
    "single_label_host_url.csv": (3, "source_url", "public-url"),
    "numeric_host_url.csv": (3, "source_url", "public-url"),
    # Structure.
    "header_only.csv": (2, "id", "no-rows"),
    "cr_line_endings.csv": (1, "source_url", "line-ending"),
    "unterminated_quote.csv": (3, "note", "quoting"),
    "stray_quote.csv": (3, "note", "quoting"),
    "utf16_without_bom.csv": (1, "id", "encoding"),
}

# Replacements for countries.csv, whose 'name' is required text.
MALFORMED_COUNTRIES = {
    "whitespace_only_name.csv": (3, "name", "no-visible-text"),
    "invisible_name.csv": (3, "name", "no-visible-text"),
    "placeholder_name.csv": (3, "name", "placeholder"),
}

# Replacements for datapackage.json: (file, rule); no row or column applies,
# except a JSON syntax error, which names its line.
MALFORMED_DESCRIPTORS = {
    "empty.json": ("data/datapackage.json", "descriptor-empty"),
    "syntax_error.json": ("data/datapackage.json", "descriptor-json"),
    "not_an_object.json": ("data/datapackage.json", "descriptor"),
    "path_outside.json": ("data/datapackage.json", "resource-path"),
    "absolute_path.json": ("data/datapackage.json", "resource-path"),
    "remote_path.json": ("data/datapackage.json", "resource-path"),
    "missing_fk_target.json": ("data/datapackage.json", "foreign-key-target"),
}

#: A message names the start of a cell, never all of it.
MESSAGE_LIMIT = 700


def test_every_fixture_in_the_corpus_has_an_expectation():
    on_disk = {p.name for p in (FIXTURES / "bad").glob("*.csv")}
    assert on_disk == set(MALFORMED)
    assert len(on_disk) >= 50
    assert {p.name for p in (FIXTURES / "bad" / "countries").glob("*.csv")} == set(MALFORMED_COUNTRIES)
    assert {p.name for p in (FIXTURES / "bad" / "descriptor").glob("*.json")} == set(MALFORMED_DESCRIPTORS)


@pytest.mark.parametrize("fixture", sorted(MALFORMED))
def test_malformed_file_is_named_by_file_row_column_and_rule(fixture, fixture_data):
    row, column, rule = MALFORMED[fixture]
    shutil.copy(FIXTURES / "bad" / fixture, fixture_data / "events.csv")
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    first = caught.value.problems[0]
    assert (first.file, first.row, first.column, first.rule) == ("data/events.csv", row, column, rule)
    message = str(caught.value)
    assert "data/events.csv" in message and f"row {row}" in message and f"'{column}'" in message
    assert f"[{rule}]" in message
    assert len(message) <= MESSAGE_LIMIT
    assert caught.value.dataset == "events"


@pytest.mark.parametrize("fixture", sorted(MALFORMED_COUNTRIES))
def test_required_text_must_hold_a_visible_value(fixture, fixture_data):
    row, column, rule = MALFORMED_COUNTRIES[fixture]
    shutil.copy(FIXTURES / "bad" / "countries" / fixture, fixture_data / "countries.csv")
    with pytest.raises(data.DataValidationError) as caught:
        data.load("countries")
    first = caught.value.problems[0]
    assert (first.file, first.row, first.column, first.rule) == ("data/countries.csv", row, column, rule)
    assert f"row {row}" in str(caught.value) and f"[{rule}]" in str(caught.value)


@pytest.mark.parametrize("fixture", sorted(MALFORMED_DESCRIPTORS))
def test_malformed_descriptor_is_named(fixture, fixture_data):
    file, rule = MALFORMED_DESCRIPTORS[fixture]
    shutil.copy(FIXTURES / "bad" / "descriptor" / fixture, fixture_data / "datapackage.json")
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    first = caught.value.problems[0]
    assert (first.file, first.rule) == (file, rule)
    message = str(caught.value)
    assert file in message and f"[{rule}]" in message and len(message) <= MESSAGE_LIMIT
    # Nothing outside the data folder is read, so nothing of it is quoted.
    assert "root:" not in message


def test_descriptor_syntax_error_names_its_line(fixture_data):
    shutil.copy(FIXTURES / "bad" / "descriptor" / "syntax_error.json", fixture_data / "datapackage.json")
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    broken = (FIXTURES / "bad" / "descriptor" / "syntax_error.json").read_text().splitlines()
    # The parser stops at the first line after the missing comma.
    line = next(i for i, text in enumerate(broken, start=1) if text.strip() == '"path": "events.csv"') + 1
    assert caught.value.problems[0].row == line
    assert f"line {line}" in str(caught.value)


def test_symlink_out_of_the_data_folder_is_not_read(fixture_data, tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_text("TOP-SECRET-FIRST-LINE\n")
    (fixture_data / "events.csv").unlink()
    (fixture_data / "events.csv").symlink_to(outside)
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    assert caught.value.problems[0].rule == "resource-path"
    assert "data/events.csv" in str(caught.value)
    assert "TOP-SECRET" not in str(caught.value) and "secret.csv" not in str(caught.value)


def test_symlink_inside_the_data_folder_is_allowed(fixture_data):
    (fixture_data / "events.csv").rename(fixture_data / "events-real.csv")
    (fixture_data / "events.csv").symlink_to(fixture_data / "events-real.csv")
    assert len(data.load("events")) == 3


@pytest.mark.parametrize("name", ["", "   ", "../../etc/passwd", "/etc/passwd", "events.csv/..", None])
def test_a_name_that_is_no_dataset_gets_a_clear_error(name, fixture_data):
    with pytest.raises(data.DataValidationError) as caught:
        data.load(name)
    assert isinstance(caught.value, KeyError)
    assert caught.value.problems[0].rule == "unknown-dataset"
    message = str(caught.value)
    assert "known: countries, events" in message and len(message) <= MESSAGE_LIMIT
    assert "root:" not in message


def test_a_missing_foreign_key_table_is_named(fixture_data):
    (fixture_data / "countries.csv").unlink()
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    first = caught.value.problems[0]
    assert (first.file, first.column, first.rule) == ("data/countries.csv", "country", "foreign-key-target")


def test_a_broken_foreign_key_table_is_named(fixture_data):
    countries = fixture_data / "countries.csv"
    countries.write_bytes(countries.read_bytes().replace(b"\n", b"\r"))
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    first = caught.value.problems[0]
    assert (first.file, first.row, first.rule) == ("data/countries.csv", 1, "line-ending")


def test_crlf_line_endings_load(fixture_data):
    events = fixture_data / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"\n", b"\r\n"))
    assert data.load("events")["note"].tolist()[0] == "A rule, with a comma"


@pytest.mark.parametrize(
    "old, new, rule, start",
    [
        (",-5,", ",=" + "A" * 1_048_576 + ",", "unsafe-text", "starts like a spreadsheet formula: '=AAAA"),
        (",1,12,", ",1," + "9x" * 524_288 + ",", "type-error", "'9x9x9x"),
        ("case-three,", "Case " + "X" * 1_048_576 + ",", "constraint:pattern", "'Case XXXX"),
    ],
)
def test_a_megabyte_cell_gives_a_short_message(old, new, rule, start, fixture_data):
    text = (FIXTURES / "events.csv").read_text()
    (fixture_data / "events.csv").write_text(text.replace(old, new, 1))
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    message = str(caught.value)
    assert caught.value.problems[0].rule == rule
    assert len(message) <= MESSAGE_LIMIT
    assert start in message and "..." in message


@pytest.mark.parametrize(
    "fixture, start",
    [
        ("plus_formula.csv", "starts like a spreadsheet formula: '+cmd"),
        ("spreadsheet_formula.csv", "starts like a spreadsheet formula: '=HYPERLINK"),
        ("formula_after_minus.csv", "starts like a spreadsheet formula: '-2+3"),
        ("script_tag.csv", "contains HTML markup at character 1: '<script>"),
    ],
)
def test_unsafe_text_names_the_rule_and_shows_the_start_of_the_cell(fixture, start, fixture_data):
    shutil.copy(FIXTURES / "bad" / fixture, fixture_data / "events.csv")
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    assert start in str(caught.value)
    assert "Cell Error" not in str(caught.value)


@pytest.mark.parametrize("note", ["- a bullet", "- Rule (interim final) of 2023", "-5", "-0.25"])
def test_a_markdown_bullet_or_a_negative_number_is_text(note, fixture_data):
    text = (FIXTURES / "events.csv").read_text()
    (fixture_data / "events.csv").write_text(text.replace(",-5,", f",{note},"))
    assert data.load("events")["note"].iloc[2] == note


@pytest.mark.parametrize("note", ["- =1+1", "-cmd", "- a|b", "-A1"])
def test_a_minus_that_starts_a_formula_is_still_rejected(note, fixture_data):
    text = (FIXTURES / "events.csv").read_text()
    (fixture_data / "events.csv").write_text(text.replace(",-5,", f",{note},"))
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    assert caught.value.problems[0].rule == "unsafe-text"


def _edit_schema(folder, edit):
    import json

    descriptor = json.loads((folder / "datapackage.json").read_text())
    edit({r["name"]: r for r in descriptor["resources"]})
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    data._package_descriptor.cache_clear()


def test_a_schema_may_allow_an_empty_table(fixture_data):
    shutil.copy(FIXTURES / "bad" / "header_only.csv", fixture_data / "events.csv")
    _edit_schema(fixture_data, lambda r: r["events"]["schema"].update(allowEmpty=True))
    events = data.load("events")
    assert len(events) == 0 and "share" in events.columns


def test_a_schema_may_allow_infinity(fixture_data):
    shutil.copy(FIXTURES / "bad" / "infinite_number.csv", fixture_data / "events.csv")

    def allow(resources):
        share = next(f for f in resources["events"]["schema"]["fields"] if f["name"] == "share")
        share["allowNonFinite"] = True
        share["constraints"].pop("maximum")

    _edit_schema(fixture_data, allow)
    assert data.load("events")["share"].iloc[1] == float("inf")


def test_an_infinite_number_fails_under_a_minimum_only_constraint(fixture_data):
    # The chapter 03 case: a schema with only a minimum let "inf" through.
    shutil.copy(FIXTURES / "bad" / "infinite_number.csv", fixture_data / "events.csv")
    _edit_schema(
        fixture_data,
        lambda r: next(f for f in r["events"]["schema"]["fields"] if f["name"] == "share")["constraints"].pop("maximum"),
    )
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    assert caught.value.problems[0].rule == "non-finite"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.federalregister.gov/documents/2023/10/25/2023-23055/x",
        "http://example.org/c",
        "https://8.8.8.8/page",
        "https://epoch.ai:443/data",
    ],
)
def test_public_addresses_pass(url):
    assert data.url_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/x",
        "http://api.localhost/x",
        "http://127.0.0.1/x",
        "http://10.1.2.3/x",
        "http://172.16.0.1/x",
        "http://192.168.0.1/x",
        "http://[::1]/x",
        "http://[fd00::1]/x",
        "http://0.0.0.0/x",
        "http://169.254.169.254/x",
        "https://a:b@example.org/",
        "https://user@example.org/",
        "http://printer.local/",
        "ftp://example.org/",
        "http:///x",
        "http://intranet/",
        "http://2130706433/",
        "https://example.org/a b",
    ],
)
def test_non_public_addresses_fail(url):
    assert data.url_problem(url) is not None


def test_malformed_file_is_left_untouched(fixture_data):
    shutil.copy(FIXTURES / "bad" / "script_tag.csv", fixture_data / "events.csv")
    before = (fixture_data / "events.csv").read_bytes()
    with pytest.raises(data.DataValidationError):
        data.load("events")
    assert (fixture_data / "events.csv").read_bytes() == before


def test_missing_file_names_file_and_dataset(fixture_data):
    (fixture_data / "events.csv").unlink()
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    assert "data/events.csv" in str(caught.value)
    assert "'events'" in str(caught.value)
    assert caught.value.problems[0].rule == "missing-file"


def test_unknown_dataset_lists_the_known_ones(fixture_data):
    with pytest.raises(KeyError, match="countries, events"):
        data.load("nope")


def test_every_csv_in_the_data_folder_is_described():
    folder = data.data_dir()
    described = {r["path"] for r in data.package()["resources"]}
    unknown = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.csv") if str(p.relative_to(folder)) not in described)
    assert not unknown, f"CSV files in data/ that datapackage.json does not describe: {', '.join(unknown)}"


def test_every_source_listed_in_the_descriptor_is_a_public_address():
    offenders = []
    for resource in data.package()["resources"]:
        for source in resource.get("sources", []):
            reason = data.url_problem(source.get("path", ""))
            if reason:
                offenders.append(f"{resource['name']}: {source.get('path')!r} {reason}")
    assert not offenders, "\n".join(offenders)


def test_valid_table_loads_with_typed_columns(fixture_data):
    events = data.load("events")
    assert list(events.columns) == ["id", "date", "country", "direction", "share", "count", "flag", "note", "source_url"]
    assert events["date"].dtype == "datetime64[ns]"
    assert events["date"].iloc[0] == pd.Timestamp("2022-10-07")
    assert events["share"].dtype == "float64" and pd.isna(events["share"].iloc[1])
    assert str(events["count"].dtype) == "Int64" and events["count"].tolist() == [3, 0, 12]
    assert str(events["flag"].dtype) == "boolean" and pd.isna(events["flag"].iloc[2])
    assert events["note"].iloc[0] == "A rule, with a comma"
    # A text cell that is a plain negative number is not a formula.
    assert events["note"].iloc[2] == "-5"


def test_every_boolean_spelling_the_schema_accepts_loads(fixture_data):
    text = (fixture_data / "events.csv").read_text()
    text = text.replace(",true,", ",TRUE,").replace(",false,", ",0,")
    (fixture_data / "events.csv").write_text(text)
    assert data.load("events")["flag"].tolist()[:2] == [True, False]


def _tree_digest(folder):
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_loading_every_project_table_writes_nothing():
    folder = data.data_dir()
    before = _tree_digest(folder)
    for resource in data.package()["resources"]:
        data.load(resource["name"])
    assert _tree_digest(folder) == before


@pytest.mark.parametrize("resource", [r["name"] for r in data.package()["resources"]])
def test_project_table_is_valid_and_fully_described(resource):
    descriptor = data.resource_descriptor(resource)
    for key in ("title", "description", "producer", "accessed", "licenses", "sources"):
        assert descriptor.get(key), f"{resource}: datapackage.json lacks '{key}'"
    fields = {f["name"]: f for f in descriptor["schema"]["fields"]}
    # Every table cites a source_url, the source registry included (its rows
    # were read on the page they describe); the registry is keyed by url.
    if resource == "sources":
        assert descriptor["schema"]["primaryKey"] == "url"
    url = fields.get("source_url")
    assert url is not None, f"{resource}: no source_url column"
    assert url["constraints"].get("required") is True
    assert url["constraints"]["pattern"].startswith("^https?://")
    table = data.load(resource)
    assert len(table) > 0
    assert table["source_url"].notna().all()


def test_project_data_folder_is_inside_the_repository(monkeypatch):
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    assert data.data_dir() == REPO / "data"
