"""The classroom app's own tables (migration 3): timetable, which period a session came
from, resume positions, the pinyin cache; and the read queries its screens need (the
library as compact rows, session history) so no screen parses 100,000 lessons' JSON.

Reads may run on any worker; writes go through db.transaction() (the app runs them on
its single write worker).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.core.search import Keys
from eduteach_desktop.core.timetable import Slot
from eduteach_protocol.subjects import SUBJECTS

from .db import Database
from .lesson_table import LessonRow, LessonTable
from .library import active_catalog_version

SUBJECT_RANK = {code: i for i, code in enumerate(SUBJECTS)}  # 语文, 数学, 英语, 音乐 …


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
    def _lesson_pages(self, version: int, columns: str, subject: str | None = None,
                      grades: Sequence[int] = (), join: str = "") -> Iterator[list[Any]]:
        """The lessons of a catalog in curriculum order (subjects as in the national
        timetable), one page per book (grade, subject, edition, volume): each page reads a
        contiguous run of the covering index, already in order, so the peak memory stays
        near one book's rows (100,000 lessons: a few hundred KB, not tens of MB)."""
        books = self.db.query(
            "SELECT DISTINCT grade, subject, edition, volume FROM lessons WHERE catalog_version = ?",
            (version,))
        order = sorted((tuple(b) for b in books),
                       key=lambda b: (b[0], SUBJECT_RANK.get(b[1], len(SUBJECT_RANK)), b[1], b[2], b[3]))
        for grade, subj, edition, volume in order:
            if (subject is not None and subj != subject) or (grades and grade not in grades):
                continue
            yield self.db.query(
                f"SELECT {columns} FROM lessons l {join} WHERE l.catalog_version = ? AND l.grade = ?"
                " AND l.subject = ? AND l.edition = ? AND l.volume = ? ORDER BY l.unit, l.ord, l.id",
                (version, grade, subj, edition, volume))

    # A lesson is installed when every blob it names passed verification and is stored.
    _ROW_COLUMNS = (
        "l.id, l.grade, l.subject, l.edition, l.volume, l.unit, l.unit_title, l.ord, l.title,"
        " l.kind, l.duration, l.size, NOT EXISTS (SELECT 1 FROM lesson_blobs lb"
        " WHERE lb.catalog_version = l.catalog_version AND lb.lesson_id = l.id"
        " AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = lb.sha256))")

    def lesson_rows(self, subject: str | None = None,
                    grades: Sequence[int] = ()) -> list[LessonRow]:
        """The lessons of the active catalog (or one subject's in some grades) in
        curriculum order, with their install state. For a few subjects and grades; the
        whole library is read as a packed lesson_table()."""
        version = active_catalog_version(self.db)
        if version is None:
            return []
        intern = sys.intern
        return [LessonRow(r[0], r[1], intern(r[2]), intern(r[3]), intern(r[4]), r[5], intern(r[6]),
                          r[7], r[8], intern(r[9]), r[10], r[11], bool(r[12]))
                for page in self._lesson_pages(version, self._ROW_COLUMNS, subject, grades)
                for r in page]

    def lesson_table(self) -> LessonTable:
        """Every lesson of the active catalog, packed (100,000 lessons in a few MB)."""
        version = active_catalog_version(self.db)
        table = LessonTable(version)
        if version is not None:
            for page in self._lesson_pages(version, self._ROW_COLUMNS):
                for r in page:
                    table.add(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                              r[11], bool(r[12]))
                del page
        return table.finish()

    def titles_without_pinyin(self, version: int) -> list[str]:
        return [r[0] for r in self.db.query(
            "SELECT DISTINCT l.title FROM lessons l WHERE l.catalog_version = ? AND NOT EXISTS"
            " (SELECT 1 FROM pinyin_cache p WHERE p.title = l.title)", (version,))]

    def pinyin_pages(self, version: int) -> Iterator[list[Any]]:
        """(title, full pinyin, initials) of a catalog's lessons in lesson_table() order;
        pinyin is NULL for titles not in the cache."""
        return self._lesson_pages(version, "l.title, p.full, p.initials",
                                  join="LEFT JOIN pinyin_cache p ON p.title = l.title")

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

    def save_pinyin(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """(title, full pinyin, initials) rows; an iterator is consumed as it goes."""
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO pinyin_cache (title, full, initials) VALUES (?, ?, ?)", rows)

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
