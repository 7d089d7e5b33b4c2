"""The canonical JSON form of a statement (content hash, stored body) on the ingest path.

canonical_bytes(v) is always byte for byte json.dumps(v, ensure_ascii=False,
sort_keys=True, separators=(",", ":")) in UTF-8, the form every stored content hash was
made with. With the json module it was about 13 us of the hub's time per statement;
orjson (OPT_SORT_KEYS) writes the same text in about 1 us, except that

- it writes floats below 1e-4 as 0.00001 / 1e-7 where Python writes 1e-05 / 1e-07, and
- it refuses integers beyond 64 bits (and non-string keys, lone surrogates...),

so output that has such a float, and anything orjson refuses, is made by json instead.
(Parsing stays with the json module: orjson reads integers beyond 64 bits as floats, and
spotting those in the body costs more than orjson saves.)
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_DIGITS = frozenset(b"0123456789")
_NUMBER_START = frozenset(b"[:,")  # what precedes a number token in compact JSON


def _token_start_ok(out: bytes, i: int) -> bool:
    """Does the number whose digits end just before out[i] begin a JSON value?"""
    j = i - 1
    while j >= 0 and (out[j] in _DIGITS or out[j] == 0x2E):  # digits and "."
        j -= 1
    if j >= 0 and out[j] == 0x2D:  # "-"
        j -= 1
    return j < 0 or out[j] in _NUMBER_START


def _float_differs(out: bytes) -> bool:
    """Might out hold a float that orjson and repr() write differently (|x| < 1e-4)?

    True for a number token with a negative exponent or starting 0.0000; also, harmlessly,
    for the rare string that contains such text after ":" or ",".
    """
    i = out.find(b"e-")
    while i != -1:
        if i > 0 and out[i - 1] in _DIGITS and _token_start_ok(out, i):
            return True
        i = out.find(b"e-", i + 2)
    i = out.find(b"0.0000")
    while i != -1:
        if _token_start_ok(out, i + 1) and (i == 0 or out[i - 1] not in _DIGITS):
            return True
        i = out.find(b"0.0000", i + 6)
    return False


def canonical_bytes(value: Any) -> bytes:
    """json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) in UTF-8."""
    try:
        out = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # an integer beyond 64 bits, a non-string key, a lone surrogate...
        out = None
    if out is None or _float_differs(out):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return out
