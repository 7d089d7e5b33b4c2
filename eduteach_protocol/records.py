"""The EduTeach record profile: xAPI 2.0 statements the app emits and the hub accepts.

docs/records.md documents every field. Statements are built here, by the app, and
checked by eduteach_protocol.xapi, by the app before it saves one and by the hub when it
receives one, so both sides agree on one definition.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eduteach_protocol.xapi.errors import StatementError as StatementError
from eduteach_protocol.xapi.patterns import COUNTY_CODE_RE as COUNTY_CODE_RE
from eduteach_protocol.xapi.patterns import SCHOOL_CODE_RE as SCHOOL_CODE_RE
from eduteach_protocol.xapi.profile import CLASSROOM_MODES as CLASSROOM_MODES
from eduteach_protocol.xapi.profile import EXT_MODES as EXT_MODES
from eduteach_protocol.xapi.profile import EXT_SCHOOL as EXT_SCHOOL
from eduteach_protocol.xapi.profile import EXT_TRACKS as EXT_TRACKS
from eduteach_protocol.xapi.profile import PROFILE_BASE as PROFILE_BASE
from eduteach_protocol.xapi.profile import school_of as school_of

XAPI_VERSION = "2.0.0"
LESSON_BASE = "https://w3id.org/eduteach/lesson/"
DEVICE_HOMEPAGE = "https://w3id.org/eduteach/device"

# Verbs: the xAPI Video Profile where it fits, ADL otherwise, ours where neither has one.
VERB_INITIALIZED = "http://adlnet.gov/expapi/verbs/initialized"
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_TERMINATED = "https://w3id.org/xapi/video/verbs/terminated"
VERB_PLAYED = "https://w3id.org/xapi/video/verbs/played"
VERB_PAUSED = "https://w3id.org/xapi/video/verbs/paused"
VERB_SEEKED = "https://w3id.org/xapi/video/verbs/seeked"
VERB_VOIDED = "http://adlnet.gov/expapi/verbs/voided"
VERB_ATTENDED = "http://adlnet.gov/expapi/verbs/attended"  # present (ADL)
VERB_ABSENT = f"{PROFILE_BASE}/verbs/absent"
VERB_LATE = f"{PROFILE_BASE}/verbs/late"
VERB_ON_LEAVE = f"{PROFILE_BASE}/verbs/on-leave"
VERB_TAUGHT = f"{PROFILE_BASE}/verbs/taught"  # a class session took place
VERB_DISPLAY = {
    VERB_INITIALIZED: {"en-US": "initialized", "zh-CN": "打开"},
    VERB_COMPLETED: {"en-US": "completed", "zh-CN": "完成"},
    VERB_TERMINATED: {"en-US": "terminated", "zh-CN": "结束"},
    VERB_PLAYED: {"en-US": "played", "zh-CN": "播放"},
    VERB_PAUSED: {"en-US": "paused", "zh-CN": "暂停"},
    VERB_SEEKED: {"en-US": "seeked", "zh-CN": "跳转"},
    VERB_VOIDED: {"en-US": "voided", "zh-CN": "作废"},
    VERB_ATTENDED: {"en-US": "attended", "zh-CN": "出勤"},
    VERB_ABSENT: {"en-US": "was absent from", "zh-CN": "缺勤"},
    VERB_LATE: {"en-US": "was late for", "zh-CN": "迟到"},
    VERB_ON_LEAVE: {"en-US": "was on leave from", "zh-CN": "请假"},
    VERB_TAUGHT: {"en-US": "taught", "zh-CN": "上课"},
}
ATTENDANCE_VERBS = {
    "present": VERB_ATTENDED,
    "absent": VERB_ABSENT,
    "late": VERB_LATE,
    "leave": VERB_ON_LEAVE,
}
SESSION_BASE = "https://w3id.org/eduteach/session/"
PUPIL_HOMEPAGE = "https://w3id.org/eduteach/pupil"
TEACHER_HOMEPAGE = "https://w3id.org/eduteach/teacher"
ACTIVITY_TYPE_SESSION = "http://adlnet.gov/expapi/activities/meeting"

ACTIVITY_TYPE_BY_KIND = {
    "video": "https://w3id.org/xapi/video/activity-type/video",
    "audio": "https://w3id.org/xapi/audio/activity-type/audio",
    "slides": f"{PROFILE_BASE}/activity-type/slideshow",
    "pdf": f"{PROFILE_BASE}/activity-type/document",
}

# Context extensions (keys are IRIs, as xAPI requires).
EXT_COUNTY = f"{PROFILE_BASE}/ext/county-code"  # 6-digit GB/T 2260 code
EXT_GRADE = f"{PROFILE_BASE}/ext/grade"
EXT_SUBJECT = f"{PROFILE_BASE}/ext/subject"
EXT_EDITION = f"{PROFILE_BASE}/ext/edition"
EXT_LESSON = f"{PROFILE_BASE}/ext/lesson-id"
EXT_APP_VERSION = f"{PROFILE_BASE}/ext/app-version"
EXT_DEVICE_SEQ = f"{PROFILE_BASE}/ext/device-seq"
EXT_GRADES = f"{PROFILE_BASE}/ext/grades"  # a session may combine grades (复式教学)
EXT_CLOCK_OFFSET = f"{PROFILE_BASE}/ext/clock-offset"  # hub minus device clock, seconds, when known
EXT_LESSONS_PLAYED = f"{PROFILE_BASE}/ext/lessons-played"
EXT_PROGRESS = "https://w3id.org/xapi/video/extensions/progress"
EXT_LENGTH = "https://w3id.org/xapi/video/extensions/length"
EXT_PLAYED_SEGMENTS = "https://w3id.org/xapi/video/extensions/played-segments"
EXT_TIME = "https://w3id.org/xapi/video/extensions/time"


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
        "verb": {"id": verb, "display": dict(VERB_DISPLAY[verb])},
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


def record_uuid(device_key_digest: bytes, seq: int) -> str:
    """A UUIDv8 made on the PC from its own key and the record's sequence number.

    Unique per PC (the key is made on the PC at first start, before any enrollment) and per
    record, and compressible in batches (consecutive records differ only at the end).
    """
    if seq < 0 or seq >= 1 << 62:
        raise ValueError("seq out of range")
    raw = bytearray(device_key_digest[:6] + b"\x00" * 10)
    raw[6] = 0x80  # version 8 (custom), high nibble
    raw[8] = 0x80 | ((seq >> 56) & 0x3F)  # RFC 9562 variant, then the top bits of seq
    raw[9:16] = (seq & ((1 << 56) - 1)).to_bytes(7, "big")
    return str(uuid.UUID(bytes=bytes(raw)))


@dataclass(frozen=True)
class Origin:
    """Where records come from: this PC, its school, and the teacher using it."""

    device_id: str
    school_code: str
    county_code: str
    app_version: str
    teacher_id: str = "1"
    clock_offset: float | None = None  # hub minus device, seconds, learned from the hub


@dataclass(frozen=True)
class LessonRef:
    id: str
    title: str
    kind: str
    grade: int
    subject: str
    edition: str
    length: float


def teacher_agent(origin: Origin) -> dict[str, Any]:
    return {
        "objectType": "Agent",
        "account": {"homePage": TEACHER_HOMEPAGE, "name": f"{origin.device_id}/{origin.teacher_id}"},
    }


def pupil_agent(pupil_id: str) -> dict[str, Any]:
    """A pupil by the registry number (学籍号) the school entered, or an opaque id. No names."""
    return {"objectType": "Agent", "account": {"homePage": PUPIL_HOMEPAGE, "name": pupil_id}}


def _verb(verb: str) -> dict[str, Any]:
    return {"id": verb, "display": dict(VERB_DISPLAY[verb])}


def _context(origin: Origin, seq: int, registration: str | None, extra: dict[str, Any],
             activity: bool = True) -> dict[str, Any]:
    ext: dict[str, Any] = {
        EXT_SCHOOL: origin.school_code,
        EXT_COUNTY: origin.county_code,
        EXT_APP_VERSION: origin.app_version,
        EXT_DEVICE_SEQ: seq,
    }
    if origin.clock_offset is not None:
        ext[EXT_CLOCK_OFFSET] = round(origin.clock_offset, 1)
    ext.update(extra)
    ctx: dict[str, Any] = {
        "platform": "EduTeach",
        "language": "zh-CN",
        "instructor": teacher_agent(origin),
        "extensions": ext,
    }
    if not activity:
        del ctx["platform"]  # xAPI: platform is only for statements about an Activity
    if registration:
        ctx["registration"] = registration
    return ctx


def lesson_activity(lesson: LessonRef) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": LESSON_BASE + lesson.id,
        "definition": {"type": ACTIVITY_TYPE_BY_KIND[lesson.kind], "name": {"zh-CN": lesson.title}},
    }


def session_activity(session_id: str, subject: str) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": SESSION_BASE + session_id,
        "definition": {"type": ACTIVITY_TYPE_SESSION, "name": {"zh-CN": f"{subject} 课"}},
    }


def segments_text(segments: Sequence[tuple[float, float]]) -> str:
    """xAPI Video Profile played-segments: "0[.]12.5[,]20[.]45"."""
    return "[,]".join(f"{a:.3f}".rstrip("0").rstrip(".") + "[.]" + f"{b:.3f}".rstrip("0").rstrip(".")
                      for a, b in segments)


def playback_events(
    origin: Origin,
    lesson: LessonRef,
    ids: Sequence[tuple[str, int]],
    started_at: str,
    ended_at: str,
    seconds_played: float,
    completed: bool,
    segments: Sequence[tuple[float, float]] = (),
    registration: str | None = None,
    modes: Sequence[str] = (),
    tracks: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """One playback as Video Profile statements: initialized, completed (if), terminated.

    ids gives (statement id, device seq) for each statement, in that order. modes (of
    CLASSROOM_MODES) and tracks (catalog track roles) say how the lesson was taught; every
    statement of the play carries them in its context, and a play with neither is the
    statement it always was (no key, not an empty list).
    """
    lesson_ext: dict[str, Any] = {
        EXT_GRADE: lesson.grade,
        EXT_SUBJECT: lesson.subject,
        EXT_EDITION: lesson.edition,
        EXT_LESSON: lesson.id,
    }
    if modes:
        lesson_ext[EXT_MODES] = sorted(set(modes))
    if tracks:
        lesson_ext[EXT_TRACKS] = sorted(set(tracks))
    progress = 1.0 if completed else (min(1.0, seconds_played / lesson.length) if lesson.length > 0 else 0.0)
    played = segments_text(segments) if segments else ""
    events: list[tuple[str, str, dict[str, Any] | None]] = [(VERB_INITIALIZED, started_at, None)]
    result_ext: dict[str, Any] = {EXT_PROGRESS: round(progress, 3), EXT_LENGTH: round(lesson.length, 2)}
    if played:
        result_ext[EXT_PLAYED_SEGMENTS] = played
    if completed:
        events.append((VERB_COMPLETED, ended_at, {
            "completion": True, "duration": iso_duration(seconds_played), "extensions": dict(result_ext)}))
    events.append((VERB_TERMINATED, ended_at, {
        "completion": completed, "duration": iso_duration(seconds_played), "extensions": dict(result_ext)}))
    if len(ids) < len(events):
        raise ValueError(f"need {len(events)} ids")
    out = []
    for (verb, when, result), (sid, seq) in zip(events, ids, strict=False):
        st: dict[str, Any] = {
            "id": sid,
            "actor": device_agent(origin.device_id),
            "verb": _verb(verb),
            "object": lesson_activity(lesson),
            # Each statement its own lists: one statement's dict never aliases another's.
            "context": _context(origin, seq, registration,
                                {k: list(v) if isinstance(v, list) else v for k, v in lesson_ext.items()}),
            "timestamp": when,
        }
        if result is not None:
            st["result"] = result
        out.append(st)
    return out


def playback_event_count(completed: bool) -> int:
    return 3 if completed else 2


def session_statement(
    origin: Origin,
    statement_id: str,
    seq: int,
    session_id: str,
    subject: str,
    grades: Sequence[int],
    started_at: str,
    seconds: float,
    lessons_played: int,
) -> dict[str, Any]:
    """A class session took place: the teacher taught SUBJECT to GRADES for SECONDS."""
    return {
        "id": statement_id,
        "actor": teacher_agent(origin),
        "verb": _verb(VERB_TAUGHT),
        "object": session_activity(session_id, subject),
        "result": {"duration": iso_duration(seconds)},
        "context": _context(origin, seq, session_id, {
            EXT_SUBJECT: subject,
            EXT_GRADES: sorted(set(grades)),
            EXT_GRADE: min(grades),
            EXT_LESSONS_PLAYED: lessons_played,
        }),
        "timestamp": started_at,
    }


def attendance_statement(
    origin: Origin,
    statement_id: str,
    seq: int,
    session_id: str,
    subject: str,
    pupil_id: str,
    grade: int,
    status: str,
    at: str,
) -> dict[str, Any]:
    """One pupil's attendance in one session: present, absent, late or leave."""
    verb = ATTENDANCE_VERBS[status]
    return {
        "id": statement_id,
        "actor": pupil_agent(pupil_id),
        "verb": _verb(verb),
        "object": session_activity(session_id, subject),
        "context": _context(origin, seq, session_id, {EXT_GRADE: grade, EXT_SUBJECT: subject}),
        "timestamp": at,
    }


def voiding_statement(origin: Origin, statement_id: str, seq: int, target_id: str, at: str) -> dict[str, Any]:
    """A correction: void TARGET (the replacement is a new statement of its own)."""
    return {
        "id": statement_id,
        "actor": teacher_agent(origin),
        "verb": _verb(VERB_VOIDED),
        "object": {"objectType": "StatementRef", "id": target_id},
        "context": _context(origin, seq, None, {}, activity=False),
        "timestamp": at,
    }
