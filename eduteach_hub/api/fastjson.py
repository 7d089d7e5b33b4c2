"""JSON on the ingest path: orjson where it gives exactly what the json module gives, the
json module itself otherwise.

canonical_bytes(v) is always byte for byte json.dumps(v, ensure_ascii=False,
sort_keys=True, separators=(",", ":")) in UTF-8, the form every stored content hash was
made with (~13 us per statement with the json module, ~1 us with orjson). orjson writes
floats below 1e-4 differently (0.00001 / 1e-7 where Python writes 1e-05 / 1e-07) and
refuses integers beyond 64 bits (and non-string keys, lone surrogates): such output is
made by the json module instead.

loads(data, reference) is reference(data) (the json module, strict), ~3 us per
statement sooner. orjson reads integers beyond 64 bits as floats, so a body that may hold
one (a number token of 19 digits or more) goes to the reference parser; so does anything
orjson refuses (lone surrogate escapes, 1e400, bad UTF-8, errors of every kind), and the
reference parser decides and words the error. Floats parse to the same doubles.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson

# data.translate(_NUMBERS, _BLANKS): digits -> "0", the bytes a JSON value follows
# ("[", ":", ",") -> ":", anything else -> "x"; whitespace and "-" dropped. A number token
# of 19+ digits then reads ":" followed by 19 "0"s (false alarms, e.g. "a:1234..." in a
# string, only cost the slower parser).
_NUMBERS = bytes(
    ord("0") if b in b"0123456789" else ord(":") if b in b"[:," else ord("x") for b in range(256)
)
_BLANKS = b" \t\n\r-"
_LONG_NUMBER = b"0" * 19


def loads(data: bytes, reference: Callable[[bytes], Any]) -> Any:
    """reference(data), the strict json-module parser, faster where that is safe."""
    shape = data.translate(_NUMBERS, _BLANKS)
    if b":" + _LONG_NUMBER not in shape and not shape.startswith(_LONG_NUMBER):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # the reference parser decides, and words the error
    return reference(data)


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
