"""Timetable logic (core) and its store (migration 3): next lesson, overrides, priority."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.core.timetable import (
    LessonKey,
    Slot,
    candidates,
    day_plan,
    next_lesson,
    term_volume,
    week_priority,
)
from eduteach_desktop.store.db import Database
from eduteach_desktop.store.migrations import migrate
from eduteach_desktop.store.timetable import TimetableStore

AUTUMN = date(2026, 10, 12)  # a Monday


def _music() -> list[LessonKey]:
    out = []
    for grade in (1, 2):
        for volume in ("上册", "下册"):
            for unit in (1, 2):
                for order in (1, 2):
                    out.append(LessonKey(f"m{grade}-{volume == '上册' and 'a' or 'b'}-{unit}-{order}",
                                         grade, "music", "人音版", volume, unit, order))
    return out


def test_term_volume():
    assert term_volume(date(2026, 9, 1)) == "上册"
    assert term_volume(date(2027, 1, 10)) == "上册"
    assert term_volume(date(2027, 3, 1)) == "下册"


def test_lessons_advance_through_the_unit_then_the_next_unit():
    ordered = candidates(_music(), "music", [1], AUTUMN)
    assert [ls.id for ls in ordered[:4]] == ["m1-a-1-1", "m1-a-1-2", "m1-a-2-1", "m1-a-2-2"]
    assert next_lesson(ordered, set()).id == "m1-a-1-1"
    assert next_lesson(ordered, {"m1-a-1-1"}).id == "m1-a-1-2"
    assert next_lesson(ordered, {"m1-a-1-1", "m1-a-1-2"}).id == "m1-a-2-1"
    assert next_lesson(ordered, {ls.id for ls in ordered}).id == "m1-a-1-1"  # all done: again


def test_combined_grades_start_with_the_younger_book_and_override_wins():
    lessons = _music()
    slot = Slot(1, 3, "music", (2, 1))
    assert slot.grades == (1, 2)
    plan = day_plan([slot, Slot(1, 5, "music", (1, 2))], 1, lessons, set(), AUTUMN)
    # two music periods the same day plan two different lessons
    assert [ls.id for _, ls in plan.entries] == ["m1-a-1-1", "m1-a-1-2"]
    override = Slot(1, 3, "music", (1, 2), lesson_id="m2-a-2-1")
    plan = day_plan([override], 1, lessons, set(), AUTUMN)
    assert plan.entries[0][1].id == "m2-a-2-1"
    plan = day_plan([override], 1, lessons, {"m2-a-2-1"}, AUTUMN)  # played: advance
    assert plan.entries[0][1].id == "m1-a-1-1"


def test_week_priority_puts_planned_then_taught_first():
    prio = week_priority([Slot(2, 1, "music", (1,))], ["m1-a-1-1"])
    lessons = {ls.id: ls for ls in _music()}
    assert prio(lessons["m1-a-1-1"]) == 0
    assert prio(lessons["m1-a-2-2"]) == 1
    assert prio(lessons["m2-a-1-1"]) == 2


def test_slot_validation():
    with pytest.raises(ValueError):
        Slot(8, 1, "music", (1,))
    with pytest.raises(ValueError):
        Slot(1, 1, "music", ())


def test_timetable_store_round_trip_and_resume_positions(tmp_path: Path):
    db = Database(tmp_path / "t.sqlite3")
    store = TimetableStore(db, ManualClock())
    store.put(Slot(1, 1, "chinese", (1,), starts="08:00"))
    store.put(Slot(1, 3, "music", (1, 2)))
    store.set_override(1, 3, "m1-a-2-1")
    assert store.slots() == [Slot(1, 1, "chinese", (1,), None, "08:00"),
                             Slot(1, 3, "music", (1, 2), "m1-a-2-1")]
    store.remove(1, 1)
    assert [s.period for s in store.slots()] == [3]
    store.set_resume_position("x", 12_345)
    assert store.resume_position("x") == 12_345
    store.set_resume_position("x", 0)
    assert store.resume_position("x") == 0
    db.close()


def test_migration_3_from_v2_with_data_fills_the_new_columns(tmp_path: Path):
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, target=2)
    body = ('{"id":"a","unit_title":"可爱的星星","duration":61.5,"files":['
            '{"role":"media","sha256":"' + "1" * 64 + '","index":"' + "2" * 64 + '"},'
            '{"role":"cover","sha256":"' + "3" * 64 + '"}]}')
    conn.execute("INSERT INTO catalogs VALUES (1, 'x', x'00', 'demo', 'now', 'active', NULL)")
    conn.execute("INSERT INTO lessons VALUES (1, 'a', 1, 'music', '人音版', '上册', 2, 1, '小星星',"
                 " 'audio', 10, ?)", (body,))
    conn.execute("INSERT INTO blobs VALUES (?, 1, 'now')", ("1" * 64,))
    conn.execute("INSERT INTO sessions (id, subject, grades, started_at) VALUES ('s', 'music', '[1]', 'now')")
    conn.execute("COMMIT")
    conn.close()
    db = Database(path)
    row = db.query_one("SELECT unit_title, duration FROM lessons WHERE id = 'a'")
    assert (row["unit_title"], row["duration"]) == ("可爱的星星", 61.5)
    shas = {r[0] for r in db.query("SELECT sha256 FROM lesson_blobs WHERE lesson_id = 'a'")}
    assert shas == {"1" * 64, "2" * 64, "3" * 64}
    store = TimetableStore(db, ManualClock())
    [lesson] = store.lesson_rows()
    assert lesson.title == "小星星" and not lesson.installed  # index and cover are missing
    with db.transaction() as c:
        c.executemany("INSERT INTO blobs VALUES (?, 1, 'now')", [("2" * 64,), ("3" * 64,)])
    assert store.lesson_rows()[0].installed
    # new catalogs inserted the v1 way get the columns from the trigger
    with db.transaction() as c:
        c.execute("INSERT INTO catalogs VALUES (2, 'y', x'00', 'demo', 'now', 'pending', NULL)")
        c.execute("INSERT INTO lessons (catalog_version, id, grade, subject, edition, volume, unit,"
                  " ord, title, kind, size, body) VALUES (2, 'a', 1, 'music', '人音版', '上册', 2, 1,"
                  " '小星星', 'audio', 10, ?)", (body,))
    row = db.query_one("SELECT unit_title, duration FROM lessons WHERE catalog_version = 2")
    assert (row["unit_title"], row["duration"]) == ("可爱的星星", 61.5)
    assert db.query_one("SELECT COUNT(*) FROM lesson_blobs WHERE catalog_version = 2")[0] == 3
    assert store.open_session() == "s"
    db.close()
