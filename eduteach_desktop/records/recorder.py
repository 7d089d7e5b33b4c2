"""Everything that creates records: ids made on the PC, the record committed in the same
transaction as the app's own rows, before the teacher is told "saved"."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eduteach_desktop import __version__
from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.core.errors import EduTeachError
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.db import Database
from eduteach_desktop.store.settings import Settings
from eduteach_protocol.catalog import Lesson
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.records import (
    ATTENDANCE_VERBS,
    LessonRef,
    Origin,
    attendance_statement,
    playback_event_count,
    playback_events,
    record_uuid,
    session_statement,
    voiding_statement,
)

from .outbox import Outbox

UNENROLLED_SCHOOL = "0000000000"
UNENROLLED_COUNTY = "000000"
LOCAL_DEVICE = "local-device"
SKEW_LIMIT_S = 300
# A clock outside these years is surely wrong (flagged, never dropped). The upper bound is
# generous for an app released in 2026; past it, records are merely flagged.
SANE_YEARS = (2020, 2035)


class RecordError(EduTeachError):
    code = "record"


@dataclass(frozen=True)
class SavedPlay:
    play_id: str
    record_id: str  # the statement that closes the playback (terminated)
    record_ids: tuple[str, ...]
    seq: int


class RecordWriter:
    def __init__(self, db: Database, outbox: Outbox, settings: Settings, clock: Clock,
                 key_digest: Callable[[], bytes]):
        self.db = db
        self.outbox = outbox
        self.settings = settings
        self.clock = clock
        self._key_digest = key_digest
        self._digest: bytes | None = None

    @property
    def key_digest(self) -> bytes:
        if self._digest is None:
            self._digest = self._key_digest()
        return self._digest

    def origin(self) -> Origin:
        offset = self.settings.get(keys.HUB_CLOCK_OFFSET)
        return Origin(
            device_id=self.settings.get(keys.DEVICE_ID) or LOCAL_DEVICE,
            school_code=self.settings.get(keys.SCHOOL_CODE) or UNENROLLED_SCHOOL,
            county_code=self.settings.get(keys.COUNTY_CODE) or UNENROLLED_COUNTY,
            app_version=__version__,
            clock_offset=float(offset) if offset is not None else None,
        )

    def ids(self, conn: sqlite3.Connection, n: int) -> list[tuple[str, int]]:
        start = Outbox.next_seq(conn)
        return [(record_uuid(self.key_digest, start + i), start + i) for i in range(n)]

    def skewed(self, origin: Origin) -> bool:
        year = self.clock.now().year
        if not SANE_YEARS[0] <= year < SANE_YEARS[1]:
            return True
        return origin.clock_offset is not None and abs(origin.clock_offset) > SKEW_LIMIT_S

    def add(self, conn: sqlite3.Connection, kind: str, statements: Sequence[dict[str, Any]], origin: Origin) -> None:
        skewed = self.skewed(origin)
        for st in statements:
            self.outbox.add_in(conn, kind, st, skewed=skewed)


class UsageRecorder:
    def __init__(self, writer: RecordWriter):
        self.writer = writer
        self.db = writer.db
        self.clock = writer.clock

    def record_play(
        self,
        lesson: Lesson,
        started_at: datetime,
        seconds_played: float,
        completed: bool,
        registration: str | None = None,
        segments: Sequence[tuple[float, float]] = (),
        ended_at: datetime | None = None,
        modes: Sequence[str] = (),
        tracks: Sequence[str] = (),
    ) -> SavedPlay:
        """Commit the play and its statements together; return only once durable.

        modes (usage.MODES) and tracks (catalog track roles) say how the lesson was taught;
        callers that know nothing of them record a plain play, the statements of before."""
        ended = ended_at or self.clock.now()
        origin = self.writer.origin()
        ref = LessonRef(lesson.id, lesson.title, lesson.kind, lesson.grade, lesson.subject,
                        lesson.edition, lesson.duration)
        with self.db.transaction() as conn:
            if registration and not conn.execute(
                "SELECT 1 FROM sessions WHERE id = ? AND ended_at IS NULL", (registration,)
            ).fetchone():
                registration = None  # the session ended meanwhile: record the play on its own
            ids = self.writer.ids(conn, playback_event_count(completed))
            statements = playback_events(
                origin, ref, ids, iso_utc(started_at), iso_utc(ended), max(0.0, seconds_played),
                completed, segments, registration, modes=modes, tracks=tracks,
            )
            self.writer.add(conn, "playback", statements, origin)
            closing = statements[-1]["id"]
            conn.execute(
                "INSERT INTO plays (id, lesson_id, started_at, seconds_played, completed, record_id, session_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (closing, lesson.id, iso_utc(started_at), seconds_played, int(completed), closing, registration),
            )
        return SavedPlay(play_id=closing, record_id=closing, record_ids=tuple(s["id"] for s in statements),
                         seq=ids[-1][1])


@dataclass(frozen=True)
class Session:
    id: str
    subject: str
    grades: tuple[int, ...]
    started_at: str
    ended_at: str | None


class SessionRecorder:
    """Class sessions and attendance. Attendance is editable until the session ends; after
    that a change is a correction: a voiding statement plus a new one."""

    def __init__(self, writer: RecordWriter):
        self.writer = writer
        self.db = writer.db
        self.clock = writer.clock

    def start(self, subject: str, grades: Sequence[int]) -> Session:
        if not grades:
            raise RecordError(L_("a session needs at least one grade"))
        session = Session(str(uuid.uuid4()), subject, tuple(sorted(set(grades))), iso_utc(self.clock.now()), None)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO sessions (id, subject, grades, started_at) VALUES (?, ?, ?, ?)",
                (session.id, subject, json.dumps(list(session.grades)), session.started_at),
            )
            pupils = conn.execute(
                f"SELECT id FROM pupils WHERE active = 1 AND grade IN ({','.join('?' * len(session.grades))})",
                session.grades,
            ).fetchall()
            conn.executemany(
                "INSERT INTO attendance (session_id, pupil_id, status) VALUES (?, ?, 'present')",
                [(session.id, p["id"]) for p in pupils],
            )
        return session

    def get(self, session_id: str) -> Session:
        row = self.db.query_one("SELECT * FROM sessions WHERE id = ?", (session_id,))
        if row is None:
            raise RecordError(L_("no session {session_id}", session_id=session_id))
        return Session(row["id"], row["subject"], tuple(json.loads(row["grades"])), row["started_at"], row["ended_at"])

    def attendance(self, session_id: str) -> dict[str, str]:
        return {r["pupil_id"]: r["status"] for r in self.db.query(
            "SELECT pupil_id, status FROM attendance WHERE session_id = ?", (session_id,))}

    def set_status(self, session_id: str, pupil_id: str, status: str) -> str | None:
        """Mark a pupil. Returns the id of a correction record when the session had ended."""
        if status not in ATTENDANCE_VERBS:
            raise RecordError(L_("unknown attendance status {status!r}", status=status))
        session = self.get(session_id)
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT a.status, a.record_id, p.grade, COALESCE(p.registry_no, p.id) AS pid"
                " FROM attendance a JOIN pupils p ON p.id = a.pupil_id"
                " WHERE a.session_id = ? AND a.pupil_id = ?", (session_id, pupil_id)).fetchone()
            if row is None:
                raise RecordError(L_("this pupil is not in this session"))
            if row["status"] == status:
                return None
            if session.ended_at is None:
                conn.execute("UPDATE attendance SET status = ? WHERE session_id = ? AND pupil_id = ?",
                             (status, session_id, pupil_id))
                return None
            origin = self.writer.origin()
            (void_id, void_seq), (new_id, new_seq) = self.writer.ids(conn, 2)
            now = iso_utc(self.clock.now())
            statements = [
                voiding_statement(origin, void_id, void_seq, row["record_id"], now),
                attendance_statement(origin, new_id, new_seq, session_id, session.subject, row["pid"],
                                     row["grade"], status, session.started_at),
            ]
            self.writer.add(conn, "correction", statements, origin)
            conn.execute("UPDATE outbox SET voided_by = ? WHERE id = ?", (void_id, row["record_id"]))
            conn.execute("UPDATE attendance SET status = ?, record_id = ? WHERE session_id = ? AND pupil_id = ?",
                         (status, new_id, session_id, pupil_id))
            return new_id

    def end(self, session_id: str, lessons_played: int | None = None) -> list[str]:
        """Close the session: one 'taught' record plus one attendance record per pupil,
        all in one transaction. Returns the record ids."""
        session = self.get(session_id)
        if session.ended_at is not None:
            raise RecordError(L_("this session has already ended"))
        now = self.clock.now()
        with self.db.transaction() as conn:
            if lessons_played is None:
                lessons_played = conn.execute(
                    "SELECT COUNT(*) FROM plays WHERE session_id = ?", (session_id,)).fetchone()[0]
            marks = conn.execute(
                "SELECT a.pupil_id, a.status, p.grade, COALESCE(p.registry_no, p.id) AS pid"
                " FROM attendance a JOIN pupils p ON p.id = a.pupil_id WHERE a.session_id = ?"
                " ORDER BY p.grade, p.position, p.id", (session_id,)).fetchall()
            origin = self.writer.origin()
            ids = self.writer.ids(conn, 1 + len(marks))
            started = datetime.fromisoformat(session.started_at.replace("Z", "+00:00"))
            statements = [session_statement(
                origin, ids[0][0], ids[0][1], session_id, session.subject, session.grades,
                session.started_at, max(0.0, (now - started).total_seconds()), int(lessons_played or 0))]
            for (sid, seq), mark in zip(ids[1:], marks, strict=True):
                statements.append(attendance_statement(
                    origin, sid, seq, session_id, session.subject, mark["pid"], mark["grade"],
                    mark["status"], session.started_at))
            self.writer.add(conn, "session", statements[:1], origin)
            self.writer.add(conn, "attendance", statements[1:], origin)
            for (sid, _), mark in zip(ids[1:], marks, strict=True):
                conn.execute("UPDATE attendance SET record_id = ? WHERE session_id = ? AND pupil_id = ?",
                             (sid, session_id, mark["pupil_id"]))
            conn.execute("UPDATE sessions SET ended_at = ?, record_id = ? WHERE id = ?",
                         (iso_utc(now), ids[0][0], session_id))
        return [s["id"] for s in statements]
