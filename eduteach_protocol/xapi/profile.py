"""The EduTeach profile's own rules, beyond xAPI's data rules (validate.check runs both):
a statement's top-level properties and id, the school code every record carries, and the
classroom extensions (how a lesson was taught: modes and tracks). Every refusal names its
path, as the data rules' do."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, NoReturn

from ..catalog import TRACK_ROLES
from .errors import PathError
from .nulls import key_path
from .patterns import SCHOOL_CODE_RE

PROFILE_BASE = "https://w3id.org/eduteach/xapi"
EXT_SCHOOL = f"{PROFILE_BASE}/ext/school-code"  # 10-digit 学校标识码
# How a play was taught (docs/records.md, "Classroom modes and tracks"): context extensions,
# each a sorted list of distinct allowed values, left out (never empty) when there is none.
EXT_MODES = f"{PROFILE_BASE}/ext/modes"
EXT_TRACKS = f"{PROFILE_BASE}/ext/tracks"
CLASSROOM_MODES = ("sing-along", "repeat-after-me", "presenter")
CLASSROOM_VALUES = {EXT_MODES: frozenset(CLASSROOM_MODES), EXT_TRACKS: frozenset(TRACK_ROLES)}

_STATEMENT_KEYS = frozenset({
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
    "authority", "version", "attachments",
})


def _fail(msg: str, path: str) -> NoReturn:
    raise PathError(msg, path)


def school_of(statement: Mapping[str, Any]) -> str | None:
    """The school code a statement carries in its context extensions, if any."""
    ctx = statement.get("context")
    ext = ctx.get("extensions") if isinstance(ctx, dict) else None
    school = ext.get(EXT_SCHOOL) if isinstance(ext, dict) else None
    return school if isinstance(school, str) else None


def check_statement_keys(stmt: Any) -> None:
    """A JSON object with only the statement properties xAPI defines, and a UUID id (in any
    form uuid.UUID reads; the hub stores the canonical one)."""
    if not isinstance(stmt, dict):
        _fail("statement must be a JSON object", "")
    unknown = sorted(k for k in stmt if k not in _STATEMENT_KEYS)
    if unknown:
        _fail(f"unknown statement properties: {', '.join(unknown)}", key_path("", unknown[0]))
    if "id" in stmt:
        sid = stmt["id"]
        try:
            uuid.UUID(sid if isinstance(sid, str) else "")
        except ValueError:
            _fail("id must be a UUID", "id")


def check_school(stmt: Mapping[str, Any]) -> None:
    """Every record names its school: the hub files it there (and refuses another school's)."""
    school = school_of(stmt)
    if school is None or not SCHOOL_CODE_RE.match(school):
        _fail("context.extensions school-code must be a 10-digit 学校标识码", key_path("context.extensions", EXT_SCHOOL))


def classroom_ok(ext: Mapping[str, Any]) -> bool:
    """The classroom extensions in `ext` (a context's extensions), if any, follow the
    profile: for the fast path, which must never accept what check_classroom refuses."""
    for key, allowed in CLASSROOM_VALUES.items():
        if key in ext and _classroom_problem(ext[key], allowed) is not None:
            return False
    return True


def _classroom_problem(value: Any, allowed: frozenset[str]) -> tuple[str, int | None] | None:
    """What is wrong with one classroom extension value, and at which item (None: nothing)."""
    # A list of at most every allowed value, each once and in order: one spelling per set of
    # modes, so the hub counts it without normalising and a batch template stays shared.
    if type(value) is not list or not 0 < len(value) <= len(allowed):
        return f"must be a list of 1 to {len(allowed)} of: {', '.join(sorted(allowed))}", None
    for i, item in enumerate(value):
        if type(item) is not str or item not in allowed:
            return f"must be one of: {', '.join(sorted(allowed))}", i
        if i and not value[i - 1] < item:
            return "must be sorted, each value once", i
    return None


def check_classroom(stmt: Mapping[str, Any]) -> None:
    """Modes and tracks, where a statement carries them, hold allowed values only, sorted
    and without repeats (a bounded list)."""
    ctx = stmt.get("context")
    ext = ctx.get("extensions") if isinstance(ctx, dict) else None
    if not isinstance(ext, dict):
        return
    for key, allowed in CLASSROOM_VALUES.items():
        if key not in ext:
            continue
        problem = _classroom_problem(ext[key], allowed)
        if problem is not None:
            msg, index = problem
            where = key_path("context.extensions", key)
            _fail(f"context.extensions {key.rsplit('/', 1)[-1]} {msg}",
                  where if index is None else f"{where}[{index}]")
