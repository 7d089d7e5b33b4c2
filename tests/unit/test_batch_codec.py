from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduteach_protocol import batch

leaf = st.one_of(st.text(max_size=8), st.integers(-5, 5), st.booleans(), st.lists(st.integers(0, 3), max_size=3))
key = st.sampled_from(["id", "actor", "verb", "object", "context", "result", "a", "b", "名"])
obj = st.recursive(leaf, lambda inner: st.dictionaries(key, inner, min_size=1, max_size=4), max_leaves=12)
statement = st.dictionaries(key, obj, min_size=1, max_size=5)


@given(st.lists(statement, min_size=1, max_size=20))
@settings(max_examples=200, deadline=None)
def test_round_trip_is_exact(statements):
    assert batch.decode(batch.encode(statements)) == statements


def test_nulls_are_refused_so_the_caller_falls_back_to_plain_json():
    with pytest.raises(batch.BatchError):
        batch.encode([{"id": "x", "result": None}])


@pytest.mark.parametrize(
    "doc",
    [b"[]", b'{"v": 2}', b'{"v":1,"template":[],"columns":[["a"]],"rows":[[1,2]]}',
     b'{"v":1,"template":[[[], 1]],"columns":[],"rows":[[]]}', b"\xff\xfe"],
)
def test_malformed_batches_are_refused(doc):
    with pytest.raises(batch.BatchError):
        batch.decode(doc)


def test_plain_encoding_is_a_json_array():
    import gzip

    assert json.loads(gzip.decompress(batch.encode_plain([{"id": "1"}]))) == [{"id": "1"}]


def _decode_reference(doc: dict) -> list:
    """decode() as first written: the template set again for every statement."""
    out = []
    for row in doc["rows"]:
        st: dict = {}
        for path, value in doc["template"]:
            batch._set(st, path, value)
        for path, value in zip(doc["columns"], row, strict=True):
            if value is not None:
                batch._set(st, path, value)
        out.append(st)
    return out


def _shape(x):  # key order and sharing of template values, not just equality
    if isinstance(x, dict):
        return [(k, _shape(v)) for k, v in x.items()]
    if isinstance(x, list):
        return [_shape(v) for v in x]
    return x


paths = st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=3)
small = st.one_of(st.integers(0, 3), st.just({}), st.lists(st.integers(0, 2), max_size=2))


@given(
    st.lists(st.tuples(paths, small), max_size=5),
    st.lists(paths, max_size=4).flatmap(
        lambda cols: st.tuples(st.just(cols), st.lists(st.lists(st.one_of(st.none(), small), min_size=len(cols), max_size=len(cols)), max_size=4))
    ),
)
@settings(max_examples=500, deadline=None)
def test_decode_matches_the_reference_even_on_odd_batches(template, cols_rows):
    columns, rows = cols_rows
    doc = {"v": 1, "template": [[p, v] for p, v in template], "columns": columns, "rows": rows}
    raw = json.dumps(doc).encode()
    try:
        expected = _decode_reference(json.loads(raw))
    except batch.BatchError as exc:
        with pytest.raises(batch.BatchError, match=str(exc)):
            batch.decode(raw)
        return
    got = batch.decode(raw)
    assert got == expected and _shape(got) == _shape(expected)
    # template values are shared between statements exactly as before
    for i in range(1, len(got)):
        for k in got[0]:
            if k in got[i]:
                assert (got[0][k] is got[i][k]) == (expected[0][k] is expected[i][k])
