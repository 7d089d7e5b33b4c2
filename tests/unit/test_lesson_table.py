"""The packed lesson table the library screens share: the same rows the store's query
gives, found by id, unpacked per unit, and small (the 120 MB budget at 100,000 lessons)."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eduteach_desktop.core.clock import ManualClock, iso_utc
from eduteach_desktop.services import Services
from eduteach_desktop.store.db import Database
from eduteach_desktop.store.lesson_table import LessonRow, LessonTable
from eduteach_desktop.store.library import BookSet, LibraryStore
from eduteach_desktop.store.timetable import TimetableStore
from eduteach_protocol.catalog import Catalog, Lesson, LessonFile

SUBJECT_BOOKS = {"music": ("人音版", "湘艺版"), "english": ("外研版",), "math": ("人教版",)}


def _lessons(version: int, per_unit: int = 3, titles: dict[str, str] | None = None) -> list[Lesson]:
    out = []
    n = 0
    for grade in (1, 2, 3):
        for subject, editions in SUBJECT_BOOKS.items():
            for edition in editions:
                for volume in ("上册", "下册"):
                    for unit in (1, 2):
                        for order in range(1, per_unit + 1):
                            n += 1
                            lesson_id = f"v{version}-g{grade}-{subject}-{edition}-{volume}-{unit}-{order}"
                            sha = hashlib.sha256(lesson_id.encode()).hexdigest()
                            title = (titles or {}).get(lesson_id, f"第{n}课 小星星")
                            out.append(Lesson(
                                id=lesson_id, title=title, grade=grade, subject=subject,
                                edition=edition, volume=volume, unit=unit, order=order,
                                kind="audio", duration=60.0 + n,
                                files=(LessonFile("media", "a.mp3", sha, 1000 + n),),
                                unit_title=f"单元 {unit}"))
    return out


def _add(library: LibraryStore, version: int, lessons: list[Lesson], activate: bool) -> None:
    catalog = Catalog(version=version, published="2026-09-01T00:00:00Z", lessons=tuple(lessons))
    body = catalog.to_bytes()
    library.add_catalog(catalog, hashlib.sha256(body).hexdigest(), body, "test")
    if activate:
        library.activate(version)


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Database, LibraryStore, TimetableStore]]:
    services = Services.open(tmp_path / "data")
    yield services.db, services.library, TimetableStore(services.db, services.clock)
    services.close()


def _install(db: Database, lessons: list[Lesson]) -> None:
    with db.transaction() as conn:
        conn.executemany("INSERT OR IGNORE INTO blobs (sha256, size, verified_at) VALUES (?, ?, ?)",
                         [(ls.files[0].sha256, ls.files[0].size, iso_utc(ManualClock().now()))
                          for ls in lessons])


def test_table_holds_what_the_query_gives_in_curriculum_order(stores):
    db, library, timetable = stores
    lessons = _lessons(1, titles={"v1-g1-music-人音版-上册-1-1": "两只\n老虎"})
    _add(library, 1, lessons, activate=True)
    _install(db, lessons[::4])
    table = timetable.lesson_table()
    rows = timetable.lesson_rows()
    assert len(table) == len(rows) == len(lessons)
    # same rows (a line break in a title is shown as a space), same order:
    # grades, then subjects in timetable order (math before English before music)
    expected = [r._replace(title=r.title.replace("\n", " ")) for r in rows]
    assert list(table) == expected
    assert [r.subject for r in table[:6]] == ["math"] * 6
    assert table.installed_count == len(lessons[::4]) == sum(r.installed for r in rows)
    assert table[-1] == expected[-1] and table[2:4] == expected[2:4]
    with pytest.raises(IndexError):
        table[len(table)]


def test_find_by_id_and_units(stores):
    _, library, timetable = stores
    lessons = _lessons(1)
    _add(library, 1, lessons, activate=True)
    table = timetable.lesson_table()
    for i in (0, 1, 17, len(table) - 1):
        assert table.find(table.id_at(i)) == i
        assert table.get(table.id_at(i)) == table[i]
    assert table.find("no-such-lesson") is None and table.get("") is None
    # units are contiguous runs of rows and say where they belong
    assert table.unit_count == 3 * 4 * 2 * 2
    for k in range(table.unit_count):
        unit = table.unit(k)
        members = table[unit.first:unit.last]
        assert len(members) == table.unit_size(k) == 3
        assert {(r.grade, r.subject, r.edition, r.volume, r.unit, r.unit_title) for r in members} == {
            (unit.grade, unit.subject, unit.edition, unit.volume, unit.unit, unit.unit_title)}
        assert all(table.unit_of(i) == k for i in range(unit.first, unit.last))
    music = table.rows_for("music", (1, 3))
    assert {r.grade for r in music} == {1, 3} and {r.subject for r in music} == {"music"}
    assert len(music) == 2 * 2 * 2 * 2 * 3


def test_empty_store_gives_an_empty_table(stores):
    _, _, timetable = stores
    table = timetable.lesson_table()
    assert len(table) == 0 and table.unit_count == 0 and table.find("x") is None
    assert list(table) == [] and table.titles_text() == ("", table.titles_text()[1])


def test_non_ascii_ids_and_titles_are_kept_exactly():
    table = LessonTable(1)
    table.add("课-一", 1, "music", "人音版", "上册", 1, "", 1, "Hello 小星星", "audio", 1.5, 10, True)
    table.add("b", 1, "music", "人音版", "上册", 1, "", 2, "两只老虎", "video", 2.0, 20, False)
    table.finish()
    assert table[0] == LessonRow("课-一", 1, "music", "人音版", "上册", 1, "", 1, "Hello 小星星", "audio",
                                 1.5, 10, True)
    assert table.find("b") == 1 and table.find("课-一") == 0 and table.title_at(1) == "两只老虎"
    text, ends = table.titles_text()
    assert text == "Hello 小星星\n两只老虎\n" and list(ends) == [10, 15]
    # the search before the index is ready: a substring of one title, never across two
    assert table.with_title("老虎", 10) == [1] and table.with_title("星", 10) == [0]
    assert table.with_title("星两", 10) == [] and table.with_title("", 10) == []
    assert table.with_title("只", 1) == [1] and table.with_title("l", 10) == [0]


def test_table_stays_small_per_lesson():
    """The budget: at 100,000 lessons the table must take a few MB, not tens (the rows as
    tuples took ~36 MB and broke the 120 MB idle target)."""
    n = 20_000
    table = LessonTable(1)
    for i in range(n):
        table.add(f"b{i:06d}-g1-music", 1 + i // 7000, "music", "人音版", "上册", 1 + i // 12, "单元",
                  i % 12 + 1, "小星星两只老虎", "audio", 90.0, 5_000_000, i % 10 == 0)
    table.finish()
    packed = sum(sys.getsizeof(v) for v in vars(table).values())
    packed += sum(sys.getsizeof(getattr(table, a).text) + sys.getsizeof(getattr(table, a).ends)
                  for a in ("_ids", "_titles", "_unit_titles"))
    as_tuples = sum(sys.getsizeof(r) + sys.getsizeof(r.id) + sys.getsizeof(r.title)
                    + sys.getsizeof(r.duration) + sys.getsizeof(r.size) for r in table)
    assert packed / n < 90, packed / n  # bytes a lesson, everything included
    assert packed * 4 < as_tuples


def test_book_sets_cover_the_catalog_being_downloaded(stores):
    db, library, _ = stores
    old = _lessons(1)
    _add(library, 1, old, activate=True)
    _install(db, old)
    sets, pending = library.book_sets()
    assert not pending
    assert BookSet(1, "music", "人音版", 12, sum(ls.size for ls in old if ls.grade == 1
                   and ls.subject == "music" and ls.edition == "人音版"), 0) in sets
    # A new catalog arrives with one more book; until it is active, the list shows it.
    new = _lessons(2) + [Lesson(
        id="v2-art", title="画太阳", grade=1, subject="art", edition="人美版", volume="上册", unit=1,
        order=1, kind="slides", duration=0.0, files=(LessonFile("media", "s.zip", "f" * 64, 777),))]
    _add(library, 2, new, activate=False)
    sets, pending = library.book_sets()
    assert pending
    by_key = {(b.grade, b.subject, b.edition): b for b in sets}
    assert by_key[(1, "art", "人美版")] == BookSet(1, "art", "人美版", 1, 777, 777)
    # the new catalog's lessons are new files: all of them still to download
    music = by_key[(1, "music", "人音版")]
    assert music.lessons == 12 and music.missing == music.size > 0
