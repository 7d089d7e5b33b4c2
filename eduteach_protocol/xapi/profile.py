"""The EduTeach profile's own rules, beyond xAPI's data rules (validate.check runs both):
a statement's top-level properties and id, and the school code every record carries.
Every refusal names its path, as the data rules' do."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, NoReturn

from .errors import PathError
from .nulls import key_path
from .patterns import SCHOOL_CODE_RE

PROFILE_BASE = "https://w3id.org/eduteach/xapi"
EXT_SCHOOL = f"{PROFILE_BASE}/ext/school-code"  # 10-digit 学校标识码

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
