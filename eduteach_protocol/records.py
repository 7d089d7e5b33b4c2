"""The EduTeach record profile: xAPI 2.0 statements the app emits and the hub accepts.

docs/records.md documents every field. Statements are built here, by the app, and
checked here, by the hub, so both sides agree on one definition.
"""

from __future__ import annotations

import gzip
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

XAPI_VERSION = "2.0.0"
PROFILE_BASE = "https://w3id.org/eduteach/xapi"
LESSON_BASE = "https://w3id.org/eduteach/lesson/"
DEVICE_HOMEPAGE = "https://w3id.org/eduteach/device"

# Verbs: the xAPI Video Profile where it fits, ADL otherwise.
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_TERMINATED = "https://w3id.org/xapi/video/verbs/terminated"
VERB_DISPLAY = {
    VERB_COMPLETED: {"en-US": "completed", "zh-CN": "完成"},
    VERB_TERMINATED: {"en-US": "terminated", "zh-CN": "结束"},
}

ACTIVITY_TYPE_BY_KIND = {
    "video": "https://w3id.org/xapi/video/activity-type/video",
    "audio": "https://w3id.org/xapi/audio/activity-type/audio",
    "slides": f"{PROFILE_BASE}/activity-type/slideshow",
    "pdf": f"{PROFILE_BASE}/activity-type/document",
}

# Context extensions (keys are IRIs, as xAPI requires).
EXT_SCHOOL = f"{PROFILE_BASE}/ext/school-code"  # 10-digit 学校标识码
EXT_COUNTY = f"{PROFILE_BASE}/ext/county-code"  # 6-digit GB/T 2260 code
EXT_GRADE = f"{PROFILE_BASE}/ext/grade"
EXT_SUBJECT = f"{PROFILE_BASE}/ext/subject"
EXT_EDITION = f"{PROFILE_BASE}/ext/edition"
EXT_LESSON = f"{PROFILE_BASE}/ext/lesson-id"
EXT_APP_VERSION = f"{PROFILE_BASE}/ext/app-version"
EXT_DEVICE_SEQ = f"{PROFILE_BASE}/ext/device-seq"
EXT_PROGRESS = "https://w3id.org/xapi/video/extensions/progress"
EXT_LENGTH = "https://w3id.org/xapi/video/extensions/length"

SCHOOL_CODE_RE = re.compile(r"^\d{10}$")
COUNTY_CODE_RE = re.compile(r"^\d{6}$")
_DURATION_RE = re.compile(r"^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$")
_TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


class StatementError(ValueError):
    """A statement does not conform to xAPI or to the EduTeach profile."""


@dataclass(frozen=True)
class PlaybackFacts:
    """What the app knows about one playback of a lesson."""

    statement_id: str
    device_id: str
    school_code: str
    county_code: str
    lesson_id: str
    lesson_title: str
    kind: str
    grade: int
    subject: str
    edition: str
    started_at: str  # ISO 8601 UTC, device clock
    seconds_played: float
    length: float
    completed: bool
    device_seq: int
    app_version: str
    registration: str | None = None


def iso_duration(seconds: float) -> str:
    """Seconds as an ISO 8601 duration with 0.01 s precision (xAPI rounds to that)."""
    centis = max(0, round(seconds * 100))
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    secs = rest / 100
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    out += f"{secs:g}S"
    return out


def device_agent(device_id: str) -> dict[str, Any]:
    return {
        "objectType": "Agent",
        "account": {"homePage": DEVICE_HOMEPAGE, "name": device_id},
    }


def playback_statement(f: PlaybackFacts) -> dict[str, Any]:
    """The statement that says a lesson was played in class."""
    verb = VERB_COMPLETED if f.completed else VERB_TERMINATED
    progress = 1.0 if f.completed else (min(1.0, f.seconds_played / f.length) if f.length > 0 else 0.0)
    context: dict[str, Any] = {
        "platform": "EduTeach",
        "language": "zh-CN",
        "extensions": {
            EXT_SCHOOL: f.school_code,
            EXT_COUNTY: f.county_code,
            EXT_GRADE: f.grade,
            EXT_SUBJECT: f.subject,
            EXT_EDITION: f.edition,
            EXT_LESSON: f.lesson_id,
            EXT_APP_VERSION: f.app_version,
            EXT_DEVICE_SEQ: f.device_seq,
        },
    }
    if f.registration:
        context["registration"] = f.registration
    return {
        "id": f.statement_id,
        "actor": device_agent(f.device_id),
        "verb": {"id": verb, "display": VERB_DISPLAY[verb]},
        "object": {
            "objectType": "Activity",
            "id": LESSON_BASE + f.lesson_id,
            "definition": {
                "type": ACTIVITY_TYPE_BY_KIND[f.kind],
                "name": {"zh-CN": f.lesson_title},
            },
        },
        "result": {
            "completion": f.completed,
            "duration": iso_duration(f.seconds_played),
            "extensions": {EXT_PROGRESS: round(progress, 3), EXT_LENGTH: round(f.length, 2)},
        },
        "context": context,
        "timestamp": f.started_at,
    }


def new_statement_id() -> str:
    return str(uuid.uuid4())


def school_of(statement: Mapping[str, Any]) -> str | None:
    ctx = statement.get("context")
    if not isinstance(ctx, dict):
        return None
    ext = ctx.get("extensions")
    if not isinstance(ext, dict):
        return None
    value = ext.get(EXT_SCHOOL)
    return value if isinstance(value, str) else None


def validate_statement(stmt: Any) -> None:
    """Check the xAPI rules the hub relies on; raise StatementError naming the field."""
    if not isinstance(stmt, dict):
        raise StatementError("statement must be a JSON object")
    allowed = {
        "id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
        "authority", "version", "attachments",
    }
    unknown = set(stmt) - allowed
    if unknown:
        raise StatementError(f"unknown statement properties: {', '.join(sorted(unknown))}")
    sid = stmt.get("id")
    if sid is not None:
        _check_uuid(sid, "id")
    _check_agent(stmt.get("actor"), "actor")
    verb = stmt.get("verb")
    if not isinstance(verb, dict) or not _is_iri(verb.get("id")):
        raise StatementError("verb.id must be an IRI")
    if "display" in verb and not _is_language_map(verb["display"]):
        raise StatementError("verb.display must be a language map")
    obj = stmt.get("object")
    if not isinstance(obj, dict):
        raise StatementError("object is required")
    otype = obj.get("objectType", "Activity")
    if otype == "Activity":
        if not _is_iri(obj.get("id")):
            raise StatementError("object.id must be an IRI")
    elif otype == "StatementRef":
        _check_uuid(obj.get("id"), "object.id")
    elif otype in ("Agent", "Group"):
        _check_agent(obj, "object")
    elif otype != "SubStatement":
        raise StatementError(f"object.objectType {otype!r} is not valid")
    if "result" in stmt:
        result = stmt["result"]
        if not isinstance(result, dict):
            raise StatementError("result must be an object")
        if "duration" in result and not (
            isinstance(result["duration"], str) and _DURATION_RE.match(result["duration"])
        ):
            raise StatementError("result.duration must be an ISO 8601 duration")
        if "completion" in result and not isinstance(result["completion"], bool):
            raise StatementError("result.completion must be a boolean")
    if "context" in stmt:
        ctx = stmt["context"]
        if not isinstance(ctx, dict):
            raise StatementError("context must be an object")
        if "registration" in ctx:
            _check_uuid(ctx["registration"], "context.registration")
        ext = ctx.get("extensions", {})
        if not isinstance(ext, dict) or not all(_is_iri(k) for k in ext):
            raise StatementError("context.extensions keys must be IRIs")
    ts = stmt.get("timestamp")
    if ts is not None and not (isinstance(ts, str) and _TIMESTAMP_RE.match(ts)):
        raise StatementError("timestamp must be an ISO 8601 date-time with a time zone")


def validate_profile_statement(stmt: Any) -> None:
    """xAPI validity plus the EduTeach profile's required context."""
    validate_statement(stmt)
    school = school_of(stmt)
    if school is None or not SCHOOL_CODE_RE.match(school):
        raise StatementError("context.extensions school-code must be a 10-digit 学校标识码")


def encode_batch(statements: Sequence[Mapping[str, Any]], compress: bool = True) -> bytes:
    body = json.dumps(list(statements), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return gzip.compress(body, compresslevel=6, mtime=0) if compress else body


def _is_iri(value: Any) -> bool:
    return isinstance(value, str) and re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", value) is not None


def _is_language_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _check_uuid(value: Any, where: str) -> None:
    try:
        uuid.UUID(str(value))
    except ValueError as exc:
        raise StatementError(f"{where} must be a UUID") from exc
    if not isinstance(value, str):
        raise StatementError(f"{where} must be a UUID string")


def _check_agent(agent: Any, where: str) -> None:
    if not isinstance(agent, dict):
        raise StatementError(f"{where} must be an Agent or Group")
    ifis = [k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in agent]
    if agent.get("objectType") == "Group" and not ifis:
        members = agent.get("member")
        if not isinstance(members, list):
            raise StatementError(f"{where}: an anonymous Group needs members")
        return
    if len(ifis) != 1:
        raise StatementError(f"{where} must have exactly one inverse functional identifier")
    if "account" in agent:
        acc = agent["account"]
        if not (isinstance(acc, dict) and _is_iri(acc.get("homePage")) and isinstance(acc.get("name"), str)):
            raise StatementError(f"{where}.account needs homePage (IRI) and name")
