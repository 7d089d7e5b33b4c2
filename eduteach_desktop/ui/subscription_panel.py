"""The library's subscription sets: which books this computer downloads, with the size
to download shown before anything is fetched, and the county's choice to start from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.store.library import BookSet, Subscription
from eduteach_desktop.store.timetable import SUBJECT_RANK

from .labels import (
    grade_label,
    size_label,
    subject_label,
)
from .widgets import label, scrolling

if TYPE_CHECKING:
    from .context import AppContext


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

        ctx.tasks.run_latest(self, "subscriptions", read, self._show)

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
