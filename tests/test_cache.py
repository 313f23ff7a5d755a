"""The disk cache returns what the code would compute, and recomputes when
the code or the data change."""

from __future__ import annotations

import numpy as np
import pytest

from ailead import cache


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setenv(cache.CACHE_ENV, "1")
    return tmp_path / "cache"


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


def test_a_stored_value_is_returned_without_computing_again(store):
    compute, calls = counting({"x": np.arange(3)})
    first = cache.fetch("demo", compute, 1)
    second = cache.fetch("demo", compute, 1)
    assert len(calls) == 1
    assert np.array_equal(first["x"], second["x"])
    assert len(list(store.glob("demo-*.pickle"))) == 1


def test_other_arguments_are_other_entries(store):
    compute, calls = counting(5)
    cache.fetch("demo", compute, 1)
    cache.fetch("demo", compute, 2)
    assert len(calls) == 2


def test_a_change_of_code_or_data_computes_afresh_and_drops_the_old_generation(store, monkeypatch):
    compute, calls = counting(5)
    cache.fetch("demo", compute, 1)
    monkeypatch.setattr(cache, "code_digest", lambda: "edited code")
    cache.fetch("demo", compute, 1)
    assert len(calls) == 2
    assert len(list(store.glob("demo-*.pickle"))) == 1
    monkeypatch.setattr(cache, "data_digest", lambda folder=None: "edited data")
    cache.fetch("demo", compute, 1)
    assert len(calls) == 3


def test_an_edit_to_a_data_file_changes_the_key(tmp_path, monkeypatch):
    from ailead import data

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "t.csv").write_text("a\n1\n", encoding="utf-8")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(folder))
    before = cache.inputs_key()
    (folder / "t.csv").write_text("a\n2\n", encoding="utf-8")
    assert cache.inputs_key() != before


def test_a_corrupt_file_is_recomputed_and_replaced(store):
    compute, calls = counting([1, 2])
    cache.fetch("demo", compute, 1)
    path = cache.path_of("demo", 1)
    path.write_bytes(b"not a pickle")
    assert cache.fetch("demo", compute, 1) == [1, 2]
    assert len(calls) == 2
    assert cache.fetch("demo", compute, 1) == [1, 2] and len(calls) == 2


def test_switched_off_it_always_computes_and_stores_nothing(store, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "0")
    compute, calls = counting(1)
    cache.fetch("demo", compute)
    cache.fetch("demo", compute)
    assert len(calls) == 2
    assert not store.exists()


def test_the_decorator_keys_on_arguments_and_refuses_unhashable_ones(store):
    calls = []

    @cache.disk_cached
    def square(x, *, plus=0):
        calls.append(x)
        return x * x + plus

    assert square(3) == 9 and square(3) == 9 and square(3, plus=1) == 10
    assert calls == [3, 3]
    with pytest.raises(TypeError):
        square(np.arange(2))  # an array's repr is not a faithful key


def test_project_tables_from_the_cache_equal_a_fresh_validation():
    import pandas as pd

    from ailead import data

    for name in ("frontier_models", "claims", "export_controls"):
        data.load(name)  # stores it if it was not stored
        pd.testing.assert_frame_equal(data.load(name), data._load_uncached(name))


def test_test_copies_of_the_data_are_never_stored(fixture_data, store):
    from ailead import data

    data.load("events")
    assert not store.exists() or not list(store.glob("data.load-*"))
