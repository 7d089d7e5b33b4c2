"""The library as the screens share it: compact rows of the active catalog and a pinyin
search index, both built on workers. The GUI thread only swaps in finished objects."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from eduteach_desktop.core.search import Keys, SearchIndex, pinyin_keys
from eduteach_desktop.store.timetable import LessonRow, TimetableStore

from .tasks import TaskRunner

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

log = logging.getLogger(__name__)


def _pypinyin() -> Callable[[str], list[str]] | None:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # search still works on Chinese titles
        return None
    return lazy_pinyin


def build_index(rows: list[LessonRow], store: TimetableStore) -> tuple[SearchIndex, list[tuple[str, Keys]]]:
    """Runs on a worker. Returns the index and the title keys that were not cached yet
    (pypinyin is loaded only for those: a catalog seen before needs none). Ids and titles
    are the rows' own strings; pinyin comes from the cache as plain columns."""
    cache = store.pinyin_columns()
    fresh: list[tuple[str, Keys]] = []
    pinyin = None
    fulls: list[str] = []
    initials: list[str] = []
    for row in rows:
        got = cache.get(row.title)
        if got is None:
            if pinyin is None:
                pinyin = _pypinyin()
            keys = pinyin_keys(row.title, pinyin)
            got = cache[row.title] = (keys.full, keys.initials)
            fresh.append((row.title, keys))
        fulls.append(got[0])
        initials.append(got[1])
    del cache
    index = SearchIndex.from_columns([r.id for r in rows], [r.title for r in rows], fulls, initials)
    return index, fresh


class LibraryData(QObject):
    rows_changed = Signal()
    index_ready = Signal()

    def __init__(self, services: Services, store: TimetableStore, tasks: TaskRunner,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._store = store
        self._tasks = tasks
        self.rows: list[LessonRow] = []
        self._by_id: dict[str, LessonRow] = {}
        self.index: SearchIndex | None = None
        self.loaded = False
        self._seq = 0

    def refresh(self) -> None:
        if self._tasks.closed:
            return
        self._seq += 1
        seq = self._seq
        self._tasks.run_read(self._store.lesson_rows, lambda rows: self._on_rows(seq, rows))

    def _on_rows(self, seq: int, rows: list[LessonRow]) -> None:
        if seq != self._seq:
            return  # an older, slower read must not undo a newer one
        self.rows = rows
        self._by_id = {r.id: r for r in rows}
        self.loaded = True
        self.rows_changed.emit()
        if self._tasks.closed:
            return
        store = self._store
        self._tasks.run_read(lambda: build_index(rows, store), lambda result: self._on_index(seq, result))

    def _on_index(self, seq: int, result: tuple[SearchIndex, list[tuple[str, Keys]]]) -> None:
        index, fresh = result
        if seq == self._seq:
            self.index = index
            self.index_ready.emit()
        if fresh and not self._tasks.closed:
            store = self._store
            self._tasks.run_write(lambda: store.save_pinyin(fresh), on_error=lambda exc: log.warning(
                "pinyin cache not saved: %s", exc))

    def row(self, lesson_id: str) -> LessonRow | None:
        return self._by_id.get(lesson_id)

    def search(self, text: str, limit: int = 300) -> list[LessonRow] | None:
        """Matching rows, or None while the index is still being built."""
        if self.index is None:
            q = text.strip()
            if not q:
                return []
            # Before the pinyin index is ready, Chinese titles still match.
            return [r for r in self.rows if q in r.title][:limit] if self.loaded else None
        return [self._by_id[i] for i in self.index.search(text, limit) if i in self._by_id]
