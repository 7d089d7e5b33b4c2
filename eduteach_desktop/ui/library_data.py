"""The library as the screens share it: the active catalog's lessons as a packed table
and a pinyin search index, both built on workers. The GUI thread only swaps in finished
objects."""

from __future__ import annotations

import gc
import logging
import subprocess
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from eduteach_desktop.core.search import SearchIndex, SearchIndexBuilder
from eduteach_desktop.search.pinyin_process import (
    PinyinBatch,
    PinyinCancelled,
    PinyinChild,
    keys_here,
    load_pypinyin,
)
from eduteach_desktop.store.lesson_table import LessonRow, LessonTable, empty_table
from eduteach_desktop.store.timetable import TimetableStore

from .tasks import TaskRunner

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

log = logging.getLogger(__name__)


def fresh_pinyin(store: TimetableStore, version: int | None,
                 child: PinyinChild | None = None) -> PinyinBatch:
    """Pinyin for the catalog's titles that the cache does not hold yet (worker). Computed
    in a child process so pypinyin's dictionaries never enter the app; in this process
    only if the child cannot run (then the modules are dropped again afterwards). A child
    that was cancelled (the app is closing) or timed out gives no keys: search works on
    the Chinese titles, and the next start tries again."""
    titles = store.titles_without_pinyin(version) if version is not None else []
    if not titles:
        return PinyinBatch([], "")
    try:
        return (child or PinyinChild()).keys(titles)
    except PinyinCancelled:
        return PinyinBatch([], "")
    except subprocess.TimeoutExpired as exc:
        log.warning("pinyin child gave no answer in time (%s); pinyin search waits for the next start", exc)
        return PinyinBatch([], "")
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        log.warning("pinyin child failed (%s); computing pinyin in the app", exc)
        pinyin = load_pypinyin()
        try:
            return keys_here(titles, pinyin)
        finally:
            del pinyin
            _unload_pypinyin()


def _unload_pypinyin() -> None:
    """Dropping the modules returns most of their ~55 MB (a later catalog imports them
    again)."""
    for name in [m for m in sys.modules if m == "pypinyin" or m.startswith("pypinyin.")]:
        del sys.modules[name]
    gc.collect()


def build_index(table: LessonTable, store: TimetableStore,
                unsaved: PinyinBatch | None = None) -> SearchIndex:
    """Runs on a worker, after fresh pinyin was saved to the cache: the keys come from
    the cache, joined to the lessons in table order. unsaved: fresh keys the cache could
    not take (disk full), looked up here instead. Entries are the table's row numbers."""
    builder = SearchIndexBuilder(table.titles_text())
    if table.version is None:
        return SearchIndex.from_builder(builder, range(0))
    extra = {title: (full, initials) for title, full, initials in unsaved.rows()} if unsaved else {}
    for page in store.pinyin_pages(table.version):
        for title, full, initials in page:
            if full is None:
                full, initials = extra.get(title, ("", ""))
            builder.add(title, full, initials)
        del page
    return SearchIndex.from_builder(builder, range(len(table)))


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
        self._pinyin = PinyinChild()

    def shutdown(self) -> None:
        """Kill a pinyin child still at work, so closing the app never waits for it."""
        self._pinyin.cancel()

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
        # pinyin for new titles (read), into the cache (write), then the index (read)
        child = self._pinyin
        self._tasks.run_read(lambda: fresh_pinyin(store, rows.version, child),
                             lambda batch: self._on_fresh(seq, rows, batch))

    def _on_fresh(self, seq: int, rows: LessonTable, batch: PinyinBatch) -> None:
        if seq != self._seq or self._tasks.closed:
            return
        if not batch:
            self._build_index(seq, rows, None)
            return
        store = self._store

        def not_saved(exc: BaseException) -> None:
            log.warning("pinyin cache not saved: %s", exc)
            self._build_index(seq, rows, batch)

        self._tasks.run_write(lambda: store.save_pinyin(batch.rows()),
                              lambda _: self._build_index(seq, rows, None), not_saved)

    def _build_index(self, seq: int, rows: LessonTable, unsaved: PinyinBatch | None) -> None:
        if seq != self._seq or self._tasks.closed:
            return
        store = self._store
        self._tasks.run_read(lambda: build_index(rows, store, unsaved),
                             lambda index: self._on_index(seq, index))

    def _on_index(self, seq: int, index: SearchIndex) -> None:
        if seq == self._seq:
            self.index = index
            self.index_ready.emit()

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
