"""The EduTeach profile's own rules, checked before xAPI's data rules (validate.check):
what the app and the hub rely on, with the wording the app's tests and the hub's 400s use.
Every refusal names its path, as the data rules' do."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, NoReturn

from .errors import PathError
from .nulls import key_path
from .patterns import DURATION_RE, IRI_RE, SCHOOL_CODE_RE, TIMESTAMP_RE

PROFILE_BASE = "https://w3id.org/eduteach/xapi"
EXT_SCHOOL = f"{PROFILE_BASE}/ext/school-code"  # 10-digit 学校标识码

_STATEMENT_KEYS = frozenset({
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
    "authority", "version", "attachments",
})
_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def _fail(msg: str, path: str) -> NoReturn:
    raise PathError(msg, path)


def school_of(statement: Mapping[str, Any]) -> str | None:
    """The school code a statement carries in its context extensions, if any."""
    ctx = statement.get("context")
    ext = ctx.get("extensions") if isinstance(ctx, dict) else None
    school = ext.get(EXT_SCHOOL) if isinstance(ext, dict) else None
    return school if isinstance(school, str) else None


def _is_iri(value: Any) -> bool:
    return isinstance(value, str) and IRI_RE.match(value) is not None


def _is_language_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _check_uuid(value: Any, where: str) -> None:
    if not isinstance(value, str):
        _fail(f"{where} must be a UUID string", where)
    try:
        uuid.UUID(value)
    except ValueError:
        _fail(f"{where} must be a UUID", where)


def _check_agent(agent: Any, where: str) -> None:
    if not isinstance(agent, dict):
        _fail(f"{where} must be an Agent or Group", where)
    ifis = [k for k in _IFIS if k in agent]
    if agent.get("objectType") == "Group" and not ifis:
        if not isinstance(agent.get("member"), list):
            _fail(f"{where}: an anonymous Group needs members", f"{where}.member")
        return
    if len(ifis) != 1:
        _fail(f"{where} must have exactly one inverse functional identifier", where)
    if "account" in agent:
        acc = agent["account"]
        if not (isinstance(acc, dict) and _is_iri(acc.get("homePage")) and isinstance(acc.get("name"), str)):
            _fail(f"{where}.account needs homePage (IRI) and name", f"{where}.account")


def _check_result(result: Any) -> None:
    if not isinstance(result, dict):
        _fail("result must be an object", "result")
    if "duration" in result and not (isinstance(result["duration"], str) and DURATION_RE.match(result["duration"])):
        _fail("result.duration must be an ISO 8601 duration", "result.duration")
    if "completion" in result and not isinstance(result["completion"], bool):
        _fail("result.completion must be a boolean", "result.completion")


def _check_context(ctx: Any, object_type: str) -> None:
    if not isinstance(ctx, dict):
        _fail("context must be an object", "context")
    if "registration" in ctx:
        _check_uuid(ctx["registration"], "context.registration")
    if object_type != "Activity":
        for key in ("platform", "revision"):
            if key in ctx:
                _fail("context.platform and context.revision are only for Activity objects", f"context.{key}")
    ext = ctx.get("extensions", {})
    if not isinstance(ext, dict):
        _fail("context.extensions keys must be IRIs", "context.extensions")
    for k in ext:
        if not _is_iri(k):
            _fail("context.extensions keys must be IRIs", key_path("context.extensions", k))


def check_profile(stmt: Any) -> None:
    """The profile's rules; raise PathError naming the first bad value."""
    if not isinstance(stmt, dict):
        _fail("statement must be a JSON object", "")
    unknown = sorted(set(stmt) - _STATEMENT_KEYS)
    if unknown:
        _fail(f"unknown statement properties: {', '.join(unknown)}", unknown[0])
    if stmt.get("id") is not None:
        _check_uuid(stmt["id"], "id")
    _check_agent(stmt.get("actor"), "actor")
    verb = stmt.get("verb")
    if not isinstance(verb, dict) or not _is_iri(verb.get("id")):
        _fail("verb.id must be an IRI", "verb.id" if isinstance(verb, dict) else "verb")
    if "display" in verb and not _is_language_map(verb["display"]):
        _fail("verb.display must be a language map", "verb.display")
    obj = stmt.get("object")
    if not isinstance(obj, dict):
        _fail("object is required", "object")
    otype = obj.get("objectType", "Activity")
    if otype == "Activity":
        if not _is_iri(obj.get("id")):
            _fail("object.id must be an IRI", "object.id")
    elif otype == "StatementRef":
        _check_uuid(obj.get("id"), "object.id")
    elif otype in ("Agent", "Group"):
        _check_agent(obj, "object")
    elif otype != "SubStatement":
        _fail(f"object.objectType {otype!r} is not valid", "object.objectType")
    if "result" in stmt:
        _check_result(stmt["result"])
    if "context" in stmt:
        _check_context(stmt["context"], otype)
    # Optional, but when present a timestamp: "timestamp": null is not a missing one.
    if "timestamp" in stmt:
        ts = stmt["timestamp"]
        if not (isinstance(ts, str) and TIMESTAMP_RE.match(ts)):
            _fail("timestamp must be an ISO 8601 date-time with a time zone", "timestamp")
    school = school_of(stmt)
    if school is None or not SCHOOL_CODE_RE.match(school):
        _fail("context.extensions school-code must be a 10-digit 学校标识码", key_path("context.extensions", EXT_SCHOOL))
