"""The main window: every lesson on this PC, by grade, subject and unit, and a Play button."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from eduteach_protocol.catalog import Lesson

from . import theme
from .dialogs import Dialogs
from .errors import describe_error
from .icons import icon
from .labels import book_label, duration_label, kind_label, lesson_place
from .library_model import (
    COL_KIND,
    COL_LENGTH,
    COL_STATE,
    COL_TITLE,
    LESSON_ID_ROLE,
    LEVEL_ROLE,
    LibrarySnapshot,
    build_model,
    load_snapshot,
)
from .player import LessonMedia, PlayerWindow
from .player.views import ScaledImage, load_pixmap
from .tasks import TaskRunner

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

log = logging.getLogger(__name__)


class _TallRows(QStyledItemDelegate):
    """Rows tall enough to hit with a mouse on an old PC, and to read from the back."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        lesson = index.siblingAtColumn(COL_TITLE).data(LEVEL_ROLE) == "lesson"
        return QSize(hint.width(), max(hint.height(), 46 if lesson else 40))


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


class LessonCard(QFrame):
    """The selected lesson: cover, title, where it belongs, summary, and Play."""

    play_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(10)
        self.cover = ScaledImage()
        self.cover.setMinimumSize(200, 120)
        self.cover.setMaximumHeight(220)
        self.title = QLabel()
        self.title.setObjectName("CardTitle")
        self.title.setWordWrap(True)
        self.place = QLabel()
        self.place.setObjectName("CardPlace")
        self.place.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("CardPlace")
        self.summary = QLabel()
        self.summary.setObjectName("CardSummary")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setObjectName("Primary")
        self.play_button.setIcon(icon("play", "#ffffff"))
        self.play_button.setIconSize(QSize(28, 28))
        self.play_button.setMinimumHeight(64)
        self.play_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.play_button.clicked.connect(self.play_clicked)
        for widget in (self.cover, self.title, self.place, self.facts, self.summary):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.state)
        layout.addWidget(self.play_button)
        self.show_lesson(None, False)

    def show_lesson(
        self, lesson: Lesson | None, installed: bool, cover_path: Path | None = None
    ) -> None:
        if lesson is None:
            self.cover.set_pixmap(None)
            self.cover.hide()
            self.title.setText(self.tr("Choose a lesson"))
            self.place.setText(
                self.tr("Open a grade and a unit on the left, click a lesson, then press Play.")
            )
            for label in (self.facts, self.summary, self.state):
                label.clear()
            self.play_button.setEnabled(False)
            return
        pixmap = load_pixmap(cover_path)
        self.cover.set_pixmap(pixmap)
        self.cover.setVisible(pixmap is not None)
        self.title.setText(lesson.title)
        self.place.setText(f"{lesson_place(lesson)}\n{book_label(lesson)}")
        self.facts.setText(f"{kind_label(lesson.kind)} · {duration_label(lesson.duration)}")
        self.summary.setText(lesson.summary)
        if installed:
            self.state.setObjectName("StateOk")
            self.state.setText(self.tr("On this computer, ready to play."))
        else:
            self.state.setObjectName("StateWarn")
            self.state.setText(
                self.tr("Not downloaded yet. It will be downloaded at the next sync.")
            )
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        self.play_button.setEnabled(installed)


class LibraryWindow(QMainWindow):
    """Lessons by grade → subject → unit. Double-click, Enter or Play opens the player."""

    refreshed = Signal()
    player_opened = Signal(object)  # the PlayerWindow

    def __init__(
        self, services: Services, tasks: TaskRunner, dialogs: Dialogs, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._dialogs = dialogs
        self._snapshot = LibrarySnapshot()
        self._refresh_seq = 0
        self._busy_reasons: dict[str, str] = {}
        self._players: list[PlayerWindow] = []
        self.setWindowTitle(self.tr("EduTeach — Lessons"))
        self.setWindowIcon(icon("app", theme.PRIMARY))
        self.resize(1024, 720)
        self.setMinimumSize(800, 560)

        page = QWidget()
        page.setObjectName("LibraryPage")
        self.setCentralWidget(page)
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 18, 24, 12)
        column.setSpacing(12)
        heading = QLabel(self.tr("Lessons"))
        heading.setObjectName("WindowTitle")
        hint = QLabel(
            self.tr("Choose a lesson, then press Play. Lessons play without the internet.")
        )
        hint.setObjectName("WindowSubtitle")
        hint.setWordWrap(True)
        column.addWidget(heading)
        column.addWidget(hint)

        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)

        # Page 1: the tree and the card.
        browse = QWidget()
        row = QHBoxLayout(browse)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.model = QStandardItemModel(self)
        self.tree = LessonTree()
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(_TallRows(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIconSize(QSize(26, 26))
        self.tree.setIndentation(22)
        self.tree.setAnimated(False)
        self.tree.setExpandsOnDoubleClick(True)
        self.tree.doubleClicked.connect(self._on_double_clicked)
        self.tree.play_requested.connect(self.open_lesson)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.card = LessonCard()
        self.card.setMinimumWidth(300)
        self.card.setMaximumWidth(440)
        self.card.play_clicked.connect(self._play_selected)
        row.addWidget(self.tree, 3)
        row.addWidget(self.card, 2)
        self.stack.addWidget(browse)

        # Page 2: nothing here yet, and how to get lessons.
        empty = QWidget()
        empty_col = QVBoxLayout(empty)
        empty_col.setContentsMargins(40, 30, 40, 30)
        empty_col.addStretch(1)
        self.empty_title = QLabel(self.tr("No lessons on this computer yet"))
        self.empty_title.setObjectName("EmptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel(
            self.tr(
                "Lessons come from the county education centre.\n\n"
                "• If this computer is connected to the county lesson service, lessons download "
                "by themselves and appear here.\n"
                "• Lessons can also be copied from a USB stick or the satellite receiver folder.\n\n"
                "If you are not sure how, ask the technician of the education centre to set it up once."
            )
        )
        self.empty_text.setObjectName("EmptyText")
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setMaximumWidth(760)
        empty_col.addWidget(self.empty_title)
        empty_col.addSpacing(12)
        empty_col.addWidget(self.empty_text, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_col.addStretch(2)
        self.stack.addWidget(empty)
        self.empty_page = empty

        # Status bar: lessons ready, records waiting, and what is happening in the background.
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setMaximumHeight(16)
        self.busy_bar.setTextVisible(False)
        self.installed_label = QLabel()
        self.records_label = QLabel()
        status.addWidget(self.busy_label)
        status.addWidget(self.busy_bar)
        status.addPermanentWidget(self.installed_label)
        status.addPermanentWidget(self.records_label)
        self._update_busy()
        self._show_snapshot(self._snapshot)

    # --- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the library again (on a worker) and redraw when it arrives."""
        self._refresh_seq += 1
        seq = self._refresh_seq
        self._tasks.run_read(
            lambda: load_snapshot(self._services),
            lambda snapshot: self._on_snapshot(seq, snapshot),
            self._on_load_error,
        )

    def _on_snapshot(self, seq: int, snapshot: LibrarySnapshot) -> None:
        if seq != self._refresh_seq:
            return  # reads run in a pool: an older, slower read must not undo a newer one
        self._show_snapshot(snapshot)
        self.refreshed.emit()

    def _on_load_error(self, exc: BaseException) -> None:
        self._dialogs.error(self, self.tr("Cannot read the lessons"), describe_error(exc))

    def snapshot(self) -> LibrarySnapshot:
        return self._snapshot

    def _show_snapshot(self, snapshot: LibrarySnapshot) -> None:
        selected = self.selected_lesson_id()
        self._snapshot = snapshot
        build_model(self.model, snapshot)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_KIND, COL_LENGTH, COL_STATE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._span_group_rows()
        self.tree.expandAll()
        self.stack.setCurrentIndex(0 if snapshot.lessons else 1)
        self.installed_label.setText(
            self.tr("Lessons ready: %1").replace("%1", str(len(snapshot.installed)))
        )
        self._show_records_waiting(snapshot.records_waiting)
        if selected and snapshot.lesson(selected):
            self.select_lesson(selected)
        else:
            self._select_first_lesson()

    def _show_records_waiting(self, count: int) -> None:
        self.records_label.setText(
            self.tr("Records waiting to upload: %1").replace("%1", str(count))
        )

    def _span_group_rows(self) -> None:
        def walk(parent: QModelIndex) -> None:
            for r in range(self.model.rowCount(parent)):
                index = self.model.index(r, 0, parent)
                if index.data(LEVEL_ROLE) != "lesson":
                    self.tree.setFirstColumnSpanned(r, parent, True)
                    walk(index)

        walk(QModelIndex())

    # --- busy indicator -------------------------------------------------------------------
    def set_busy(self, key: str, text: str | None) -> None:
        """Show (text) or clear (None) a background activity in the status bar."""
        if text is None:
            self._busy_reasons.pop(key, None)
        else:
            self._busy_reasons[key] = text
        self._update_busy()

    def busy_text(self) -> str:
        return self.busy_label.text()

    def _update_busy(self) -> None:
        text = "  ".join(self._busy_reasons.values())
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))
        self.busy_bar.setVisible(bool(text))
        if text and not self._snapshot.lessons:
            self.empty_title.setText(text)
        else:
            self.empty_title.setText(self.tr("No lessons on this computer yet"))

    # --- selection ---------------------------------------------------------------------------
    def _lesson_indexes(self) -> list[QModelIndex]:
        found: list[QModelIndex] = []

        def walk(parent: QModelIndex) -> None:
            for r in range(self.model.rowCount(parent)):
                index = self.model.index(r, 0, parent)
                if index.data(LEVEL_ROLE) == "lesson":
                    found.append(index)
                else:
                    walk(index)

        walk(QModelIndex())
        return found

    def lesson_ids_in_tree(self) -> list[str]:
        return [i.data(LESSON_ID_ROLE) for i in self._lesson_indexes()]

    def select_lesson(self, lesson_id: str) -> bool:
        for index in self._lesson_indexes():
            if index.data(LESSON_ID_ROLE) == lesson_id:
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
                return True
        return False

    def _select_first_lesson(self) -> None:
        indexes = self._lesson_indexes()
        if indexes:
            self.tree.setCurrentIndex(indexes[0])
        else:
            self.card.show_lesson(None, False)

    def selected_lesson_id(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return index.siblingAtColumn(COL_TITLE).data(LESSON_ID_ROLE)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        lesson_id = (
            current.siblingAtColumn(COL_TITLE).data(LESSON_ID_ROLE) if current.isValid() else None
        )
        lesson = self._snapshot.lesson(lesson_id) if lesson_id else None
        if lesson is None:
            self.card.show_lesson(None, False)
            return
        cover = lesson.first_file("cover")
        self.card.show_lesson(
            lesson,
            self._snapshot.is_installed(lesson.id),
            self._services.blobs.path(cover.sha256) if cover else None,
        )

    def _on_double_clicked(self, index: QModelIndex) -> None:
        lesson_id = index.siblingAtColumn(COL_TITLE).data(LESSON_ID_ROLE)
        if lesson_id:
            self.open_lesson(lesson_id)

    def _play_selected(self) -> None:
        lesson_id = self.selected_lesson_id()
        if lesson_id:
            self.open_lesson(lesson_id)

    # --- playing -----------------------------------------------------------------------------
    def open_lesson(self, lesson_id: str) -> PlayerWindow | None:
        lesson = self._snapshot.lesson(lesson_id)
        if lesson is None:
            return None
        if not self._snapshot.is_installed(lesson_id):
            self._dialogs.info(
                self,
                self.tr("Not downloaded yet"),
                self.tr(
                    "This lesson is not on this computer yet. It will be downloaded at the next sync."
                ),
            )
            return None
        for old in list(self._players):
            if old.isVisible():
                old.close()  # one lesson on the projector at a time
        media = LessonMedia.for_lesson(lesson, self._services.blobs.path)
        player = PlayerWindow(
            lesson,
            media,
            self._tasks,
            self._services.usage.record_play,
            self._services.clock,
            self._dialogs,
        )
        self._players.append(player)
        player.play_recorded.connect(self._on_play_recorded)
        player.finished.connect(lambda p=player: self._forget_player(p))
        self.player_opened.emit(player)
        player.showMaximized()
        player.raise_()
        player.activateWindow()
        return player

    def current_player(self) -> PlayerWindow | None:
        visible = [p for p in self._players if p.isVisible()]
        return visible[-1] if visible else None

    def _forget_player(self, player: PlayerWindow) -> None:
        if player in self._players:
            self._players.remove(player)
        player.deleteLater()

    def _on_play_recorded(self, _record_id: str) -> None:
        # A cheap count query; the full snapshot (which stats every file) is not needed.
        self._tasks.run_read(
            lambda: self._services.outbox.counts().pending, self._show_records_waiting
        )

    def close_players(self) -> None:
        for player in list(self._players):
            if player.isVisible():
                player.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.close_players()
        super().closeEvent(event)
