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
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.store.lesson_table import LessonRow
from eduteach_desktop.store.library import BookSet, Subscription
from eduteach_desktop.store.timetable import SUBJECT_RANK
from eduteach_protocol.catalog import Lesson

from .icons import icon
from .labels import (
    duration_label,
    grade_label,
    kind_label,
    lesson_place,
    size_label,
    subject_label,
    volume_label,
)
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
from .player.views import ScaledImage, load_pixmap
from .widgets import label, repolish, scrolling

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


class LessonCard(QFrame):
    """The selected lesson: cover, title, where it belongs, state, and Play."""

    play_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 12)
        outer.setSpacing(8)
        inner = QWidget()
        inner.setObjectName("CardInner")
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(10, 10, 10, 0)
        layout.setSpacing(8)
        area = scrolling(inner)
        area.setObjectName("CardScroll")
        outer.addWidget(area, 1)
        self.cover = ScaledImage()
        self.cover.setMinimumSize(160, 90)
        self.cover.setMaximumHeight(150)
        self.title = label("", "CardTitle", wrap=True)
        self.place = label("", "CardPlace", wrap=True)
        self.facts = label("", "CardPlace", wrap=True)
        self.summary = label("", "CardSummary", wrap=True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.state = label("", "StateOk", wrap=True)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setObjectName("Primary")
        self.play_button.setIcon(icon("play", "#ffffff"))
        self.play_button.setIconSize(QSize(28, 28))
        self.play_button.setMinimumHeight(60)
        self.play_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.play_button.clicked.connect(self.play_clicked)
        for widget in (self.cover, self.title, self.place, self.facts, self.summary):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.state)
        play_row = QHBoxLayout()
        play_row.setContentsMargins(10, 0, 10, 0)
        play_row.addWidget(self.play_button)
        outer.addLayout(play_row)
        self.lesson_id: str | None = None
        self.show_row(None, "")

    def show_row(self, row: LessonRow | None, state: str, percent: int | None = None) -> None:
        self.lesson_id = row.id if row else None
        if row is None:
            self.cover.set_pixmap(None)
            self.cover.hide()
            self.title.setText(self.tr("Choose a lesson"))
            self.place.setText(
                self.tr("Open a grade and a unit on the left, click a lesson, then press Play.")
            )
            for widget in (self.facts, self.summary, self.state):
                widget.clear()
            self.play_button.setEnabled(False)
            return
        self.title.setText(row.title)
        self.place.setText(
            f"{grade_label(row.grade)} · {subject_label(row.subject)}\n"
            f"{row.edition} · {volume_label(row.volume)}"
        )
        self.facts.setText(
            f"{kind_label(row.kind)} · {duration_label(row.duration)} · {size_label(row.size)}"
        )
        self.summary.clear()
        self.set_state(state, percent)

    def set_state(self, state: str, percent: int | None = None) -> None:
        texts = {
            INSTALLED: self.tr("On this computer, ready to play."),
            DOWNLOADING: self.tr("Downloading now: %1 %").replace("%1", str(percent or 0)),
            QUEUED: self.tr("Not downloaded yet. It will be downloaded at the next sync."),
            NOT_SUBSCRIBED: self.tr(
                "Not subscribed: choose its grade and subject under “Choose lessons to download”."
            ),
        }
        self.state.setObjectName("StateOk" if state == INSTALLED else "StateWarn")
        self.state.setText(texts.get(state, ""))
        repolish(self.state)
        self.play_button.setEnabled(state == INSTALLED)

    def show_lesson(self, lesson: Lesson, cover_path: Path | None) -> None:
        """Details that need the full lesson (read on a worker): cover and summary."""
        if lesson.id != self.lesson_id:
            return
        pixmap = load_pixmap(cover_path)
        self.cover.set_pixmap(pixmap)
        self.cover.setVisible(pixmap is not None)
        self.place.setText(lesson_place(lesson) + f"\n{lesson.edition} · {volume_label(lesson.volume)}")
        self.summary.setText(lesson.summary)


class SubscriptionPanel(QWidget):
    """Which grade/subject/edition sets this PC downloads, with sizes shown first."""

    saved = Signal()
    closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._boxes: dict[tuple[int, str, str], QCheckBox] = {}
        self._sets: dict[tuple[int, str, str], tuple[int, int, int]] = {}  # count, bytes, missing
        self._free = 0
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        intro = label(
            self.tr(
                "Tick the books this school uses. Only those lessons are downloaded; "
                "lessons of books you untick are removed at the next sync to free space."
            ),
            "Muted",
            wrap=True,
        )
        column.addWidget(intro)
        self.pending_note = label(
            self.tr("A new list of lessons is arriving from the county: these are its books."),
            "Muted", wrap=True)
        self.pending_note.hide()
        column.addWidget(self.pending_note)
        source_row = QHBoxLayout()
        self.source_note = label("", "Muted", wrap=True)
        self.source_note.hide()
        self.county_button = QPushButton(self.tr("Use the county's choice"))
        self.county_button.hide()
        self.county_button.clicked.connect(self.use_county_choice)
        source_row.addWidget(self.source_note, 1)
        source_row.addWidget(self.county_button)
        column.addLayout(source_row)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(8, 8, 8, 8)
        self.grid.setHorizontalSpacing(18)
        column.addWidget(scrolling(self.grid_host), 1)
        self.summary = label("", "Big", wrap=True)
        column.addWidget(self.summary)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save and download"))
        self.save_button.setObjectName("Primary")
        self.save_button.clicked.connect(self.save)
        self.back_button = QPushButton(self.tr("Back to the lessons"))
        self.back_button.clicked.connect(self.closed)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        column.addLayout(row)

    def load(self) -> None:
        ctx = self._ctx

        def read() -> tuple[list[Subscription], tuple[list[BookSet], bool], int, str, bool]:
            from eduteach_desktop.store.blobs import free_bytes

            library = ctx.services.library
            return (library.subscriptions(), library.book_sets(), free_bytes(ctx.services.datadir.root),
                    library.subscription_source(), bool(library.county_editions()))

        ctx.tasks.run_read(read, self._show)

    def _show(self, result: tuple[list[Subscription], tuple[list[BookSet], bool], int, str, bool]) -> None:
        subs, (sets, pending), self._free, source, county_set = result
        # Whose choice the ticks are: the county's editions until the teacher saves her own.
        if source == "county":
            self.source_note.setText(self.tr(
                "The county education centre chose the textbook editions of this school: they "
                "are ticked. If you tick others and save, your choice is kept instead."))
        elif source == "teacher" and county_set:
            self.source_note.setText(self.tr(
                "These are the books you chose. The county education centre has also chosen "
                "editions for this school."))
        self.source_note.setVisible(source == "county" or (source == "teacher" and county_set))
        self.county_button.setVisible(source == "teacher" and county_set)
        self._sets = {(b.grade, b.subject, b.edition): (b.lessons, b.size, b.missing) for b in sets}
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._boxes.clear()
        self.pending_note.setVisible(pending)
        everything = not subs
        for i, key in enumerate(sorted(self._sets, key=lambda k: (k[0], SUBJECT_RANK.get(k[1], len(SUBJECT_RANK)), k[1], k[2]))):
            grade, subject, edition = key
            count, size, _ = self._sets[key]
            box = QCheckBox(
                f"{grade_label(grade)} · {subject_label(subject)} · {edition}"
            )
            box.setChecked(everything or any(
                s.grade == grade and s.subject == subject and s.edition in ("*", edition)
                for s in subs))
            box.toggled.connect(self._update_summary)
            info = QLabel(self.tr("%1 lessons, %2").replace("%1", str(count)).replace("%2", size_label(size)))
            info.setObjectName("Muted")
            self.grid.addWidget(box, i, 0)
            self.grid.addWidget(info, i, 1)
            self._boxes[key] = box
        self.grid.setRowStretch(len(self._sets), 1)
        self._update_summary()

    def chosen(self) -> list[tuple[int, str, str]]:
        return [k for k, box in self._boxes.items() if box.isChecked()]

    def to_download(self) -> int:
        return sum(self._sets[k][2] for k in self.chosen())

    def _update_summary(self) -> None:
        need = self.to_download()
        text = self.tr("To download: %1. Free space on this computer: %2.").replace(
            "%1", size_label(need)).replace("%2", size_label(self._free))
        if need > self._free:
            text += "\n" + self.tr("There is not enough space: untick some books.")
        self.summary.setText(text)
        self.save_button.setEnabled(bool(self.chosen()) and need <= self._free)

    def set_checked(self, key: tuple[int, str, str], checked: bool) -> None:
        self._boxes[key].setChecked(checked)

    def save(self) -> None:
        chosen = self.chosen()
        all_chosen = len(chosen) == len(self._boxes)
        subs = [] if all_chosen else [Subscription(g, s, e) for g, s, e in chosen]
        library = self._ctx.services.library

        def done(_: object) -> None:
            self.saved.emit()
            self._ctx.sync.start()

        self._ctx.tasks.run_write(lambda: library.set_subscriptions(subs), done)

    def use_county_choice(self) -> None:
        """Forget the teacher's own choice: the county's editions decide again."""
        library = self._ctx.services.library

        def done(_: object) -> None:
            self.load()
            self.saved.emit()
            self._ctx.sync.start()

        self._ctx.tasks.run_write(library.forget_teacher_choice, done)


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
        self._ctx.tasks.run_read(library.subscriptions, self._on_subscriptions)

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
        self._ctx.tasks.run_read(load, lambda got: got and self.card.show_lesson(*got))

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
