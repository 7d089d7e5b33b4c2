"""The library as the screens share it: the active catalog's lessons as a packed table
and a pinyin search index, both built on workers. The GUI thread only swaps in finished
objects."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from eduteach_desktop.core.search import Keys, SearchIndex, SearchIndexBuilder, pinyin_keys
from eduteach_desktop.store.lesson_table import LessonRow, LessonTable, empty_table
from eduteach_desktop.store.timetable import TimetableStore

from .tasks import TaskRunner

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

log = logging.getLogger(__name__)


def _pypinyin() -> Callable[[str], list[str]] | None:
    # pypinyin copies its dictionaries unless told not to; we never add words of our own.
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "true")
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # search still works on Chinese titles
        return None
    return lazy_pinyin


def _unload_pypinyin() -> None:
    """pypinyin's dictionaries take about 55 MB and are needed only for titles never seen
    before (their keys are then cached in the database). Dropping the modules returns that
    memory; a later new catalog imports them again."""
    for name in [m for m in sys.modules if m == "pypinyin" or m.startswith("pypinyin.")]:
        del sys.modules[name]
    gc.collect()


def fresh_keys(store: TimetableStore, version: int) -> list[tuple[str, Keys]]:
    """Pinyin for the catalog's titles that the cache does not hold yet (worker)."""
    titles = store.titles_without_pinyin(version)
    if not titles:
        return []
    pinyin = _pypinyin()
    try:
        return [(title, pinyin_keys(title, pinyin)) for title in titles]
    finally:
        del pinyin
        _unload_pypinyin()


def build_index(table: LessonTable, store: TimetableStore) -> tuple[SearchIndex, list[tuple[str, Keys]]]:
    """Runs on a worker. Returns the index and the title keys that were not cached yet
    (pypinyin is loaded only for those: a catalog seen before needs none). The index's
    entries are the table's row numbers."""
    builder = SearchIndexBuilder(table.titles_text())
    if table.version is None:
        return SearchIndex.from_builder(builder, range(0)), []
    fresh = fresh_keys(store, table.version)
    extra = {title: keys for title, keys in fresh}
    for page in store.pinyin_pages(table.version):
        for title, full, initials in page:
            if full is None:
                keys = extra.get(title) or Keys("", "")
                full, initials = keys.full, keys.initials
            builder.add(title, full, initials)
        del page
    del extra
    return SearchIndex.from_builder(builder, range(len(table))), fresh


class LibraryData(QObject):
    rows_changed = Signal()
    index_ready = Signal()

    def __init__(self, services: Services, store: TimetableStore, tasks: TaskRunner,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._store = store
        self._tasks = tasks
        self.rows: LessonTable = empty_table()
        self.index: SearchIndex | None = None
        self.loaded = False
        self._seq = 0

    def refresh(self) -> None:
        if self._tasks.closed:
            return
        self._seq += 1
        seq = self._seq
        self._tasks.run_read(self._store.lesson_table, lambda rows: self._on_rows(seq, rows))

    def _on_rows(self, seq: int, rows: LessonTable) -> None:
        if seq != self._seq:
            return  # an older, slower read must not undo a newer one
        self.rows = rows
        self.index = None
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
        return self.rows.get(lesson_id)

    def search(self, text: str, limit: int = 300) -> list[LessonRow] | None:
        """Matching rows, or None while the index is still being built."""
        rows = self.rows
        if self.index is None:
            q = text.strip()
            if not q:
                return []
            # Before the pinyin index is ready, Chinese titles still match.
            return [rows[i] for i in rows.with_title(q, limit)] if self.loaded else None
        return [rows[i] for i in self.index.search(text, limit) if i < len(rows)]
