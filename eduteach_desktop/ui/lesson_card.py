"""The library's card for the selected lesson: cover, title, where it belongs in the
books, its state (ready, downloading with progress, waiting, not subscribed), and Play."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.store.lesson_table import LessonRow
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
    DOWNLOADING,
    INSTALLED,
    NOT_SUBSCRIBED,
    QUEUED,
)
from .player.views import ScaledImage, load_pixmap
from .widgets import label, repolish, scrolling

if TYPE_CHECKING:
    pass


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
