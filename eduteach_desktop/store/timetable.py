"""The classroom app's own tables (migration 3): timetable, which period a session came
from, resume positions, the pinyin cache; and the read queries its screens need (the
library as compact rows, session history) so no screen parses 100,000 lessons' JSON.

Reads may run on any worker; writes go through db.transaction() (the app runs them on
its single write worker).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.core.search import Keys
from eduteach_desktop.core.timetable import Slot
from eduteach_protocol.subjects import SUBJECTS

from .db import Database

SUBJECT_RANK = {code: i for i, code in enumerate(SUBJECTS)}  # 语文, 数学, 英语, 音乐 …


class LessonRow(NamedTuple):
    """One lesson as the library lists it: the columns, never the JSON body. A tuple:
    100,000 of them must stay small."""

    id: str
    grade: int
    subject: str
    edition: str
    volume: str
    unit: int
    unit_title: str
    order: int
    title: str
    kind: str
    duration: float
    size: int
    installed: bool


@dataclass(frozen=True)
class SessionSummary:
    id: str
    subject: str
    grades: tuple[int, ...]
    started_at: str
    ended_at: str | None
    lessons: tuple[str, ...]  # titles played, in order
    present: int
    absent: int
    late: int
    leave: int
    period: int | None


class TimetableStore:
    def __init__(self, db: Database, clock: Clock):
        self.db = db
        self.clock = clock

    # --- timetable ---------------------------------------------------------------------
    def slots(self) -> list[Slot]:
        return [
            Slot(r["weekday"], r["period"], r["subject"], tuple(json.loads(r["grades"])),
                 r["lesson_id"], r["starts"])
            for r in self.db.query("SELECT * FROM timetable ORDER BY weekday, period")
        ]

    def put(self, slot: Slot) -> None:
        """Add or replace the period (keeps no override when the subject or grades change)."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO timetable (weekday, period, subject, grades, lesson_id, starts)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(weekday, period) DO UPDATE SET"
                " subject = excluded.subject, grades = excluded.grades,"
                " lesson_id = excluded.lesson_id, starts = excluded.starts",
                (slot.weekday, slot.period, slot.subject, json.dumps(list(slot.grades)),
                 slot.lesson_id, slot.starts),
            )

    def remove(self, weekday: int, period: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM timetable WHERE weekday = ? AND period = ?", (weekday, period))

    def set_override(self, weekday: int, period: int, lesson_id: str | None) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE timetable SET lesson_id = ? WHERE weekday = ? AND period = ?",
                         (lesson_id, weekday, period))

    def replace_all(self, slots: Iterable[Slot]) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM timetable")
            conn.executemany(
                "INSERT INTO timetable (weekday, period, subject, grades, lesson_id, starts)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(s.weekday, s.period, s.subject, json.dumps(list(s.grades)), s.lesson_id, s.starts)
                 for s in slots],
            )

    # --- sessions started from the timetable --------------------------------------------
    def link_session(self, session_id: str, day: date, weekday: int, period: int) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO session_slots (session_id, day, weekday, period)"
                " VALUES (?, ?, ?, ?)", (session_id, day.isoformat(), weekday, period))

    def sessions_on(self, day: date) -> dict[int, tuple[str, bool]]:
        """period -> (session id, ended) for sessions started from today's timetable."""
        rows = self.db.query(
            "SELECT ss.period, s.id, s.ended_at FROM session_slots ss JOIN sessions s"
            " ON s.id = ss.session_id WHERE ss.day = ? ORDER BY s.started_at", (day.isoformat(),))
        return {r["period"]: (r["id"], r["ended_at"] is not None) for r in rows}

    def open_session(self) -> str | None:
        """A session left open (the app was closed mid-class): offer to continue it."""
        row = self.db.query_one(
            "SELECT id FROM sessions WHERE ended_at IS NULL ORDER BY started_at DESC LIMIT 1")
        return row["id"] if row else None

    # --- the library as rows ------------------------------------------------------------
    def lesson_rows(self, subject: str | None = None,
                    grades: Sequence[int] = ()) -> list[LessonRow]:
        """Every lesson of the active catalog (or one subject's in some grades) in
        curriculum order (subjects as in the national timetable), with its install state
        (all its blobs verified in the store). Reads the covering index only, in pages
        per grade and subject so the peak memory stays near what the rows need."""
        active = "(SELECT version FROM catalogs WHERE state = 'active')"
        where = ""
        params: list[object] = []
        if subject is not None:
            where += " AND l.subject = ?"
            params.append(subject)
        if grades:
            where += f" AND l.grade IN ({','.join('?' * len(grades))})"
            params.extend(grades)
        missing = {r[0] for r in self.db.query(
            "SELECT DISTINCT lb.lesson_id FROM lesson_blobs lb"
            + (" JOIN lessons l ON l.catalog_version = lb.catalog_version AND l.id = lb.lesson_id"
               if where else "")
            + f" WHERE lb.catalog_version = {active}{where}"
            " AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = lb.sha256)", tuple(params))}
        intern = sys.intern
        version_row = self.db.query_one("SELECT version FROM catalogs WHERE state = 'active'")
        if version_row is None:
            return []
        version = version_row[0]
        present = {(r[0], r[1]) for r in self.db.query(
            "SELECT DISTINCT grade, subject FROM lessons WHERE catalog_version = ?", (version,))}
        order = sorted(present, key=lambda gs: (gs[0], SUBJECT_RANK.get(gs[1], len(SUBJECT_RANK)), gs[1]))
        out: list[LessonRow] = []
        # One query per grade and subject: each reads a contiguous run of the covering
        # index, already in order, and the peak memory stays small.
        for grade, subj in order:
            if (subject is not None and subj != subject) or (grades and grade not in grades):
                continue
            for r in self.db.query(
                "SELECT id, grade, subject, edition, volume, unit, unit_title, ord, title, kind,"
                " duration, size FROM lessons WHERE catalog_version = ? AND grade = ? AND subject = ?"
                " ORDER BY edition, volume, unit, ord, id", (version, grade, subj)):
                out.append(LessonRow(r[0], r[1], intern(r[2]), intern(r[3]), intern(r[4]), r[5],
                                     intern(r[6]), r[7], r[8], intern(r[9]), r[10], r[11],
                                     r[0] not in missing))
        return out

    def played_lesson_ids(self) -> set[str]:
        return {r["lesson_id"] for r in self.db.query("SELECT DISTINCT lesson_id FROM plays")}

    # --- resume positions ---------------------------------------------------------------
    def resume_position(self, lesson_id: str) -> int:
        row = self.db.query_one("SELECT position_ms FROM resume_positions WHERE lesson_id = ?",
                                (lesson_id,))
        return int(row["position_ms"]) if row else 0

    def set_resume_position(self, lesson_id: str, position_ms: int) -> None:
        with self.db.transaction() as conn:
            if position_ms <= 0:
                conn.execute("DELETE FROM resume_positions WHERE lesson_id = ?", (lesson_id,))
            else:
                conn.execute(
                    "INSERT INTO resume_positions (lesson_id, position_ms, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT(lesson_id) DO UPDATE SET position_ms = excluded.position_ms,"
                    " updated_at = excluded.updated_at",
                    (lesson_id, int(position_ms), iso_utc(self.clock.now())))

    # --- pinyin cache -------------------------------------------------------------------
    def pinyin_cache(self) -> dict[str, Keys]:
        return {r["title"]: Keys(r["full"], r["initials"])
                for r in self.db.query("SELECT title, full, initials FROM pinyin_cache")}

    def pinyin_columns(self) -> dict[str, tuple[str, str]]:
        """title -> (full pinyin, initials), as light as the cache can be held."""
        return {r[0]: (r[1], r[2]) for r in self.db.query(
            "SELECT title, full, initials FROM pinyin_cache")}

    def save_pinyin(self, items: Sequence[tuple[str, Keys]]) -> None:
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO pinyin_cache (title, full, initials) VALUES (?, ?, ?)",
                [(title, k.full, k.initials) for title, k in items])

    # --- history ------------------------------------------------------------------------
    def history(self, limit: int = 200) -> list[SessionSummary]:
        sessions = self.db.query(
            "SELECT s.*, ss.period FROM sessions s LEFT JOIN session_slots ss ON ss.session_id = s.id"
            " ORDER BY s.started_at DESC LIMIT ?", (limit,))
        out = []
        for s in sessions:
            titles = [
                r["title"] for r in self.db.query(
                    "SELECT COALESCE((SELECT l.title FROM lessons l JOIN catalogs c ON"
                    " c.version = l.catalog_version AND c.state = 'active' WHERE l.id = p.lesson_id),"
                    " p.lesson_id) AS title FROM plays p WHERE p.session_id = ? ORDER BY p.started_at",
                    (s["id"],))
            ]
            counts = {r["status"]: r["n"] for r in self.db.query(
                "SELECT status, COUNT(*) AS n FROM attendance WHERE session_id = ? GROUP BY status",
                (s["id"],))}
            out.append(SessionSummary(
                s["id"], s["subject"], tuple(json.loads(s["grades"])), s["started_at"], s["ended_at"],
                tuple(titles), counts.get("present", 0), counts.get("absent", 0),
                counts.get("late", 0), counts.get("leave", 0), s["period"]))
        return out
