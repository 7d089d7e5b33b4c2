"""The library: every lesson by grade → subject → edition → volume → unit, a search box
(Chinese title, full pinyin, initials: `xxx` finds 小星星), each lesson's state (ready,
downloading with progress, waiting, not subscribed), and the subscription sets with the
size to download shown before anything is fetched."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.store.lesson_table import LessonRow
from eduteach_desktop.store.library import Subscription
from eduteach_protocol.catalog import Lesson

from .lesson_card import LessonCard
from .library_model import (
    COL_KIND,
    COL_LENGTH,
    COL_STATE,
    COL_TITLE,
    DOWNLOADING,
    INSTALLED,
    LESSON_ID_ROLE,
    NOT_SUBSCRIBED,
    QUEUED,
    LibraryTreeModel,
    ResultsModel,
    state_text,
)
from .subscription_panel import SubscriptionPanel
from .widgets import label

if TYPE_CHECKING:
    from .context import AppContext


class LessonTree(QTreeView):
    """Enter plays the selected lesson (QTreeView only expands/collapses on Enter)."""

    play_requested = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            lesson_id = self.currentIndex().siblingAtColumn(COL_TITLE).data(LESSON_ID_ROLE)
            if lesson_id:
                self.play_requested.emit(lesson_id)
                event.accept()
                return
        super().keyPressEvent(event)


def _tree(model: object) -> LessonTree:
    view = LessonTree()
    view.setModel(model)  # type: ignore[arg-type]
    view.setUniformRowHeights(True)  # 100,000 rows: no per-row size hints
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setIconSize(QSize(24, 24))
    view.setIndentation(18)
    view.setAnimated(False)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
    for col in (COL_KIND, COL_LENGTH, COL_STATE):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    return view


SEARCH_SHOWN = 300  # results listed at once: a teacher narrows the search, never scrolls 1,000


class LibraryPage(QWidget):
    """Browse and search; the card plays the selected lesson."""

    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LibraryPage")
        self._ctx = ctx
        self._subs: list[Subscription] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 14, 20, 10)
        column.setSpacing(10)
        top = QHBoxLayout()
        self.heading = label(self.tr("Lessons"), "WindowTitle")
        self.search = QLineEdit()
        self.search.setObjectName("Search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: title or pinyin, e.g. xxx for 小星星"))
        self.search.setMinimumWidth(180)
        self.subscribe_button = QPushButton(self.tr("Choose lessons to download"))
        top.addWidget(self.heading, 1)
        top.addWidget(self.subscribe_button)
        column.addLayout(top)
        column.addWidget(self.search)
        self.hint = label("", "Muted", wrap=True)
        column.addWidget(self.hint)

        self.outer = QStackedWidget()
        column.addWidget(self.outer, 1)
        browse = QWidget()
        row = QHBoxLayout(browse)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.model = LibraryTreeModel(self)
        self.results_model = ResultsModel(self)
        self.tree = _tree(self.model)
        self.results = _tree(self.results_model)
        self.results.setRootIsDecorated(False)
        self.views = QStackedWidget()
        self.views.addWidget(self.tree)
        self.views.addWidget(self.results)
        self.empty = label(
            self.tr(
                "No lessons on this computer yet. Lessons come from the county education "
                "centre over the network, from a USB stick or from the satellite receiver. "
                "Open “Downloads” to see what is happening."
            ),
            "EmptyText",
            wrap=True,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.views.addWidget(self.empty)
        self.card = LessonCard()
        self.card.setMinimumWidth(240)
        self.card.setMaximumWidth(400)
        row.addWidget(self.views, 3)
        row.addWidget(self.card, 2)
        self.outer.addWidget(browse)
        self.subscriptions = SubscriptionPanel(ctx)
        self.outer.addWidget(self.subscriptions)

        for view in (self.tree, self.results):
            view.selectionModel().currentChanged.connect(self._on_current_changed)
            view.doubleClicked.connect(self._on_double_clicked)
            view.play_requested.connect(self.play)
        self.card.play_clicked.connect(self._play_selected)
        self.search.textChanged.connect(self._schedule_search)
        self.search.returnPressed.connect(self._run_search)
        self.subscribe_button.clicked.connect(self.show_subscriptions)
        self.subscriptions.closed.connect(lambda: self.outer.setCurrentIndex(0))
        self.subscriptions.saved.connect(self._on_subscriptions_saved)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self._run_search)
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(1000)
        self._progress_timer.timeout.connect(self._on_progress)
        self._downloading: tuple[str, int | None] = ("", None)

        ctx.library.rows_changed.connect(self._on_rows)
        ctx.library.index_ready.connect(self._on_index_ready)
        self.model.set_state_fn(self._state)
        self.results_model.set_state_fn(self._state)
        self._load_subscriptions()
        if ctx.library.loaded:
            self._on_rows()

    # --- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._ctx.library.refresh()
        self._load_subscriptions()

    def _load_subscriptions(self) -> None:
        library = self._ctx.services.library
        self._ctx.tasks.run_latest(self, "subscriptions", library.subscriptions, self._on_subscriptions)

    def _on_subscriptions(self, subs: list[Subscription]) -> None:
        self._subs = subs
        self.model.refresh_states()

    def _on_subscriptions_saved(self) -> None:
        self.outer.setCurrentIndex(0)
        self._load_subscriptions()

    def _on_rows(self) -> None:
        selected = self.card.lesson_id
        rows = self._ctx.library.rows
        self.model.set_rows(rows)
        self.views.setCurrentWidget(self.tree if rows else self.empty)
        self._show_counts()
        # Open the grades (a handful of rows); units stay closed until clicked.
        for r in range(self.model.rowCount()):
            self.tree.expand(self.model.index(r, 0))
        if self.search.text().strip():
            self._run_search()
        if selected and self.select_lesson(selected):
            pass
        elif rows:
            self.select_lesson(rows.id_at(0))
        else:
            self.card.show_row(None, "")
        self.refreshed.emit()

    def _show_counts(self) -> None:
        rows = self._ctx.library.rows
        ready = rows.installed_count
        self.hint.setText(
            self.tr("%1 lessons, %2 ready on this computer.")
            .replace("%1", QLocale().toString(len(rows))).replace("%2", QLocale().toString(ready))
        )

    def _on_index_ready(self) -> None:
        if self.search.text().strip():
            self._run_search()

    def _state(self, row: LessonRow) -> tuple[str, int | None]:
        if row.installed:
            return INSTALLED, None
        lesson_id, percent = self._downloading
        if row.id == lesson_id:
            return DOWNLOADING, percent
        if self._subs and not any(
            s.grade == row.grade and s.subject == row.subject and s.edition in ("*", row.edition)
            for s in self._subs
        ):
            return NOT_SUBSCRIBED, None
        return QUEUED, None

    def _on_progress(self) -> None:
        snap = self._ctx.sync.progress()
        if snap.phase == "downloading" and snap.lesson_id:
            percent = int(100 * snap.bytes_done / snap.bytes_total) if snap.bytes_total else None
            current = (snap.lesson_id, percent)
        else:
            current = ("", None)
        if current != self._downloading:
            self._downloading = current
            self.model.refresh_states()
            self.results_model.set_state_fn(self._state)
            self._update_card_state()
        if snap.phase in ("done",) and not self._ctx.sync.running:
            self._progress_timer.stop()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self._progress_timer.start()

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().hideEvent(event)
        self._progress_timer.stop()

    # --- search ----------------------------------------------------------------------------
    def _schedule_search(self) -> None:
        self._search_timer.start()

    def _run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            rows = self._ctx.library.rows
            self.views.setCurrentWidget(self.tree if rows else self.empty)
            self._show_counts()
            return
        # One more than is shown: to tell "exactly 300" from "300 and more".
        found = self._ctx.library.search(text, SEARCH_SHOWN + 1)
        if found is None:
            self.hint.setText(self.tr("Preparing the search…"))
            return
        more = len(found) > SEARCH_SHOWN
        found = found[:SEARCH_SHOWN]
        self.results_model.set_rows(found)
        self.views.setCurrentWidget(self.results)
        if more:
            hint = self.tr("The first %1 lessons for “%2”. Type more letters to find fewer.")
        elif found:
            hint = self.tr("%1 lessons found for “%2”.")
        else:
            hint = self.tr("No lesson found for “%1”. Try fewer letters.").replace("%1", "%2")
        self.hint.setText(hint.replace("%1", str(len(found))).replace("%2", text))
        if found:
            self.results.setCurrentIndex(self.results_model.index(0, 0))

    def result_ids(self) -> list[str]:
        return [r.id for r in self.results_model.rows()]

    # --- selection -------------------------------------------------------------------------
    def select_lesson(self, lesson_id: str) -> bool:
        if self.views.currentWidget() is self.results:
            for i, r in enumerate(self.results_model.rows()):
                if r.id == lesson_id:
                    self.results.setCurrentIndex(self.results_model.index(i, 0))
                    return True
        index = self.model.index_of(lesson_id)
        if not index.isValid():
            return False
        self.views.setCurrentWidget(self.tree)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model = current.model()
        row = model.lesson_row(current) if model is not None else None  # type: ignore[attr-defined]
        if row is None:
            self.card.show_row(None, "")
            return
        state, percent = self._state(row)
        self.card.show_row(row, state, percent)
        services = self._ctx.services

        def load() -> tuple[Lesson, Path | None] | None:
            lesson = services.library.lesson(row.id)
            if lesson is None:
                return None
            cover = lesson.first_file("cover")
            return lesson, services.blobs.path(cover.sha256) if cover else None

        # The selection can change while the app shuts down (a sync refreshes the model):
        # the runner then drops the read quietly (tasks.py, "Shutting down").
        self._ctx.tasks.run_latest(self, "card", load, lambda got: got and self.card.show_lesson(*got))

    def _update_card_state(self) -> None:
        row = self._ctx.library.row(self.card.lesson_id) if self.card.lesson_id else None
        if row is not None:
            self.card.set_state(*self._state(row))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        lesson_id = index.siblingAtColumn(COL_TITLE).data(LESSON_ID_ROLE)
        if lesson_id:
            self.play(lesson_id)

    def _play_selected(self) -> None:
        if self.card.lesson_id:
            self.play(self.card.lesson_id)

    def play(self, lesson_id: str) -> None:
        row = self._ctx.library.row(lesson_id)
        if row is not None and not row.installed:
            self._ctx.dialogs.info(
                self,
                self.tr("Not downloaded yet"),
                self.tr("This lesson is not on this computer yet. It will be downloaded at the next sync."),
            )
            return
        self._ctx.classroom.play(lesson_id)

    def show_subscriptions(self) -> None:
        self.outer.setCurrentWidget(self.subscriptions)
        self.subscriptions.load()


__all__ = ["LessonCard", "LibraryPage", "SubscriptionPanel", "state_text"]
