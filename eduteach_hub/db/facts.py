"""What the LRS indexes and the dashboard counts, derived from each stored statement.

index_rows(): the agent and activity keys behind the xAPI `agent`, `activity` and
`related_*` filters (activities other than the statement's own object, which is
statements.activity_id). Facts: the dashboard's counters (usage_daily, class_sessions,
attendance, school_days), added when a statement is stored and taken back when it is
voided, so dashboard pages read small tables instead of scanning statements.

The record profile's vocabulary is read here (docs/hub.md, "What the dashboard counts"):
- a *play* is a statement whose verb is in PLAY_VERBS (the Video Profile's `terminated`,
  which ends every playback exactly once) and whose object is an Activity; it is complete
  when its result.completion is true; it was *sung* when its context says the
  accompaniment track played or sing-along mode was on, *repeated* in repeat-after-me
  mode, *presented* in presenter view (CLASSROOM_COUNTERS);
- a *class session* is the context registration. A session is a period of subject S when
  it played a lesson of S, or when its `taught` statement (subject S) says lessons-played
  is at least 1; a multi-grade session (复式教学) is a period for each of its grades;
- *attendance* is a statement whose verb is in ATTENDANCE_VERBS about a pupil (actor
  account on PUPIL_HOMEPAGE, name = 学籍号 or an opaque id).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, delete, tuple_

from eduteach_protocol.records import EXT_GRADE, EXT_MODES, EXT_SUBJECT, EXT_TRACKS, VERB_TERMINATED

from . import upsert
from .schema import attendance, class_sessions, school_days, usage_daily

VERB_VOIDED = "http://adlnet.gov/expapi/verbs/voided"
PLAY_VERBS = frozenset({VERB_TERMINATED})
# usage_daily's counts of how plays were taught (0011), in classroom_counts' order.
CLASSROOM_COUNTERS = ["sung", "repeated", "presented"]
VERB_TAUGHT = "https://w3id.org/eduteach/xapi/verbs/taught"
EXT_GRADES = "https://w3id.org/eduteach/xapi/ext/grades"
EXT_LESSONS_PLAYED = "https://w3id.org/eduteach/xapi/ext/lessons-played"
PUPIL_HOMEPAGE = "https://w3id.org/eduteach/pupil"
ATTENDANCE_VERBS = {
    "http://adlnet.gov/expapi/verbs/attended": "present",
    "https://w3id.org/eduteach/xapi/verbs/absent": "absent",
    "https://w3id.org/eduteach/xapi/verbs/late": "late",
    "https://w3id.org/eduteach/xapi/verbs/on-leave": "leave",
}
CHINA = timezone(timedelta(hours=8))
# A device clock can be years off (dead CMOS battery). A timestamp more than a day after
# the hub received the record, or more than this long before, counts on the day it arrived.
MAX_AGE = timedelta(days=400)
_DURATION_RE = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def classroom_counts(ext: Mapping[str, Any]) -> tuple[int, int, int]:
    """(sung, repeated, presented), each 0 or 1, for one play's context extensions.

    The statement was validated on ingest (allowed values only); a value that is not a list
    (a statement stored before the profile said so) counts as nothing."""
    modes = ext.get(EXT_MODES)
    tracks = ext.get(EXT_TRACKS)
    modes = modes if isinstance(modes, list) else ()
    tracks = tracks if isinstance(tracks, list) else ()
    return (
        int("sing-along" in modes or "accompaniment" in tracks),
        int("repeat-after-me" in modes),
        int("presenter" in modes),
    )


def duration_seconds(value: Any) -> float | None:
    m = _DURATION_RE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in m.groups())
    return round(((days * 24 + hours) * 60 + minutes) * 60 + seconds, 2)


def _parse(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC)


@functools.lru_cache(maxsize=4096)  # a batch repeats its timestamps (one stored time, sessions)
def effective_day(timestamp: str, stored: str) -> str:
    """The China-local date a record counts on: its timestamp, unless that is implausible."""
    st = _parse(stored)
    try:
        ts = _parse(timestamp)
    except ValueError:
        ts = st
    if ts > st + timedelta(days=1) or ts < st - MAX_AGE:
        ts = st
    return ts.astimezone(CHINA).date().isoformat()


# --- index keys ---------------------------------------------------------------------


def agent_key(agent: Mapping[str, Any]) -> str | None:
    """One string per inverse functional identifier (None for an anonymous Group)."""
    if "mbox" in agent:
        return "mbox:" + str(agent["mbox"])
    if "mbox_sha1sum" in agent:
        return "sha1:" + str(agent["mbox_sha1sum"]).lower()
    if "openid" in agent:
        return "openid:" + str(agent["openid"])
    acc = agent.get("account")
    if isinstance(acc, dict):
        return f"account:{acc.get('homePage')}|{acc.get('name')}"
    return None


def _agent_keys(agent: Any) -> list[str]:
    """The agent's own key plus, for a Group, its members' keys (they match too)."""
    if not isinstance(agent, dict):
        return []
    keys = []
    own = agent_key(agent)
    if own:
        keys.append(own)
    if agent.get("objectType") == "Group":
        for member in agent.get("member") or []:
            if isinstance(member, dict) and (k := agent_key(member)):
                keys.append(k)
    return keys


def _index_walk(
    s: Mapping[str, Any],
    top: bool,
    direct: set[tuple[str, str]],
    related: set[str],
    acts: set[tuple[str, str]],
) -> None:
    for k in _agent_keys(s.get("actor")):
        if top:
            direct.add((k, "actor"))
        else:
            related.add(k)
    obj = s.get("object") or {}
    otype = obj.get("objectType", "Activity")
    if otype in ("Agent", "Group"):
        for k in _agent_keys(obj):
            if top:
                direct.add((k, "object"))
            else:
                related.add(k)
    elif otype == "Activity" and isinstance(obj.get("id"), str):
        # The statement's own object is statements.activity_id; the filters read it there.
        # (Databases written before keep "object" rows too: harmless, the filter ORs both.)
        if not top:
            acts.add((obj["id"], "related"))
    elif otype == "SubStatement" and top:
        _index_walk(obj, False, direct, related, acts)
    if top:
        related.update(_agent_keys(s.get("authority")))
    ctx = s.get("context") or {}
    for who in ("instructor", "team"):
        if who in ctx:
            related.update(_agent_keys(ctx[who]))
    # xAPI 2.0 context agents and groups are related agents too (Communication 2.1.3,
    # related_agents: "... Context Agents, Context Group").
    for parties, member in (("contextAgents", "agent"), ("contextGroups", "group")):
        for party in ctx.get(parties) or ():
            if isinstance(party, dict):
                related.update(_agent_keys(party.get(member)))
    cas = ctx.get("contextActivities") or {}
    if isinstance(cas, dict):
        for value in cas.values():
            for act in value if isinstance(value, list) else [value]:
                if isinstance(act, dict) and isinstance(act.get("id"), str):
                    acts.add((act["id"], "related"))


def index_rows(
    sid: str, stmt: Mapping[str, Any], stored: str
) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str, str, str]]]:
    """(statement_agents rows, statement_activities rows) for one stored statement, as
    (statement_id, key, role, stored) tuples sorted by key and role (tuples: they go
    straight to the driver's executemany)."""
    direct: set[tuple[str, str]] = set()
    related: set[str] = set()
    acts: set[tuple[str, str]] = set()
    _index_walk(stmt, True, direct, related, acts)
    # One row per key: "actor"/"object" rows also answer related_agents queries, so a
    # "related" row for the same key (the device as actor and authority) is dropped.
    if related:
        direct_keys = {k for k, _ in direct}
        direct.update((k, "related") for k in related if k not in direct_keys)
    return (
        [(sid, k, r, stored) for k, r in sorted(direct)],
        [(sid, a, r, stored) for a, r in sorted(acts)],
    )


# --- dashboard facts ----------------------------------------------------------------


@dataclass
class Facts:
    """Counter deltas for a set of statements; apply() adds them (or takes them back)."""

    # plays, completed, seconds, sung, repeated, presented
    usage: dict[tuple[str, str, str, int], list[float]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0.0, 0, 0, 0])
    )
    sessions: dict[tuple[str, str, str, int], list[Any]] = field(default_factory=dict)
    days: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    attendance: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def add(self, sid: str, stmt: Mapping[str, Any], school: str, stored: str) -> None:
        verb = (stmt.get("verb") or {}).get("id")
        if verb == VERB_VOIDED:
            return
        day = effective_day(stmt.get("timestamp") or stored, stored)
        self.days[(school, day)] += 1
        ctx = stmt.get("context") or {}
        ext = ctx.get("extensions") or {}
        subject = ext.get(EXT_SUBJECT)
        subject = subject if isinstance(subject, str) and len(subject) <= 20 else ""
        grade = ext.get(EXT_GRADE)
        grade = grade if isinstance(grade, int) and not isinstance(grade, bool) else 0
        obj = stmt.get("object") or {}
        if verb in PLAY_VERBS and obj.get("objectType", "Activity") == "Activity":
            result = stmt.get("result") or {}
            seconds = duration_seconds(result.get("duration")) or 0.0
            u = self.usage[(school, day, subject, grade)]
            u[0] += 1
            u[1] += 1 if result.get("completion") is True else 0
            u[2] += seconds
            if EXT_MODES in ext or EXT_TRACKS in ext:
                sung, repeated, presented = classroom_counts(ext)
                u[3] += sung
                u[4] += repeated
                u[5] += presented
            reg = ctx.get("registration")
            if isinstance(reg, str):
                key = (school, reg.lower(), subject, grade)
                s = self.sessions.setdefault(key, [day, 0, 0.0])
                s[0] = min(s[0], day)
                s[1] += 1
                s[2] += seconds
        if verb == VERB_TAUGHT and isinstance(ctx.get("registration"), str):
            played = ext.get(EXT_LESSONS_PLAYED)
            grades = ext.get(EXT_GRADES)
            if not isinstance(grades, list):
                grades = [grade]
            if isinstance(played, int) and not isinstance(played, bool) and played > 0:
                for g in grades:
                    if isinstance(g, int) and not isinstance(g, bool):
                        key = (school, ctx["registration"].lower(), subject, g)
                        s = self.sessions.setdefault(key, [day, 0, 0.0])
                        s[0] = min(s[0], day)
                        s[1] += played
        status = ATTENDANCE_VERBS.get(verb or "")
        actor = stmt.get("actor") or {}
        acc = actor.get("account") if isinstance(actor, dict) else None
        if status and isinstance(acc, dict) and acc.get("homePage") == PUPIL_HOMEPAGE:
            pupil = acc.get("name")
            if isinstance(pupil, str) and 0 < len(pupil) <= 64:
                self.attendance[(school, day, pupil)] = {
                    "school_code": school,
                    "day": day,
                    "pupil": pupil,
                    "grade": grade,
                    "status": status,
                    "statement_id": sid,
                }

    def apply(self, conn: Connection, sign: int = 1, classroom: bool = True) -> None:
        """Add these counts (sign=1) or take them back (sign=-1, for voided statements).

        classroom=False leaves usage_daily's classroom counters out: migrations before 0011
        (which adds them, and counts what was stored before) run this on a table without them."""
        counters = ["plays", "completed", "seconds"]
        # Only when some play was taught in a mode: most batches then write what they
        # always wrote (the counters default to 0 on insert).
        if classroom and any(v[3] or v[4] or v[5] for v in self.usage.values()):
            counters += CLASSROOM_COUNTERS
        usage_rows = []
        for k, v in self.usage.items():
            row = {
                "school_code": k[0], "day": k[1], "subject": k[2], "grade": k[3],
                "plays": sign * int(v[0]), "completed": sign * int(v[1]), "seconds": sign * v[2],
            }
            if len(counters) > 3:
                row.update(zip(CLASSROOM_COUNTERS, (sign * int(v[3]), sign * int(v[4]), sign * int(v[5])), strict=True))
            usage_rows.append(row)
        upsert.add_counts(conn, usage_daily, ("school_code", "day", "subject", "grade"), usage_rows, counters)
        upsert.add_counts(
            conn,
            class_sessions,
            ("school_code", "registration", "subject", "grade"),
            [
                {
                    "school_code": k[0], "registration": k[1], "subject": k[2], "grade": k[3],
                    "day": v[0], "plays": sign * v[1], "seconds": sign * v[2],
                }
                for k, v in self.sessions.items()
            ],
            ("plays", "seconds"),
        )
        upsert.add_counts(
            conn,
            school_days,
            ("school_code", "day"),
            [
                {"school_code": k[0], "day": k[1], "records": sign * n}
                for k, n in self.days.items()
            ],
            ("records",),
        )
        if sign > 0:
            upsert.replace(conn, attendance, ("school_code", "day", "pupil"), list(self.attendance.values()))
        elif self.attendance:
            # Only the row this very statement wrote: a correction may have replaced it.
            conn.execute(
                delete(attendance).where(
                    tuple_(attendance.c.school_code, attendance.c.day, attendance.c.pupil, attendance.c.statement_id).in_(
                        [(r["school_code"], r["day"], r["pupil"], r["statement_id"]) for r in self.attendance.values()]
                    )
                )
            )


def facts_for(rows: Iterable[tuple[str, Mapping[str, Any], str, str]]) -> Facts:
    """Facts for (id, statement, school, stored) tuples."""
    facts = Facts()
    for sid, stmt, school, stored in rows:
        facts.add(sid, stmt, school, stored)
    return facts
