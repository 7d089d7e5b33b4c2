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
