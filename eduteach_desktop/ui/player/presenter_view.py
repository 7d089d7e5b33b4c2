"""The teacher's screen in presenter view: the notes, what comes next, the times, and big
controls. The lesson itself is on the projector (the PlayerWindow); this window only shows
and asks, and `presenter.Presenter` fills it in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..widgets import label
from .controls import big_button
from .notes_view import NotesView
from .views import ScaledImage

# Touch targets on a classroom all-in-one: at least 48 px (issue #15), a little more to spare.
BUTTON_MIN_PX = 56


class PresenterView(QWidget):
    """A separate top-level window on the teacher's screen."""

    leave_requested = Signal()  # the teacher closed this window or pressed "back to one screen"

    def __init__(self, title: str, on_key: Callable[[QKeyEvent], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PresenterWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("%1 — presenter view").replace("%1", title))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._on_key = on_key
        self._closing_by_code = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 20, 16)
        outer.setSpacing(12)

        header = QHBoxLayout()
        self.title_label = label(title, "WindowTitle", wrap=True)
        header.addWidget(self.title_label, 1)
        self.class_timer = label("", "PresenterClock")
        header.addWidget(self.class_timer, 0, Qt.AlignmentFlag.AlignVCenter)
        self.leave_button = self._button(self.tr("One screen"), "")
        self.leave_button.setToolTip(self.tr("Show the lesson on this screen only (P)"))
        self.leave_button.clicked.connect(self.leave_requested)
        self.close_button = self._button(self.tr("Close lesson"), "close")
        header.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(header)

        body = QHBoxLayout()
        body.setSpacing(20)
        notes_column = QVBoxLayout()
        notes_column.addWidget(label(self.tr("Teaching notes"), "SectionTitle"))
        self.notes = NotesView()
        notes_column.addWidget(self.notes, 1)
        body.addLayout(notes_column, 3)

        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(label(self.tr("Next"), "SectionTitle"))
        self.next_image = ScaledImage()
        self.next_image.setMinimumHeight(160)
        self.next_image.hide()
        side.addWidget(self.next_image, 2)
        self.next_text = label("", "PresenterNext", wrap=True)
        side.addWidget(self.next_text)
        side.addStretch(1)
        self.elapsed_label = label("", "PresenterTime")
        self.remaining_label = label("", "PresenterTime")
        side.addWidget(self.elapsed_label)
        side.addWidget(self.remaining_label)
        body.addLayout(side, 2)
        outer.addLayout(body, 1)

        controls = QHBoxLayout()
        controls.setSpacing(12)
        self.previous_button = self._button(self.tr("Previous"), "prev")
        self.play_button = self._button(self.tr("Play"), "", primary=True)
        self.next_button = self._button(self.tr("Next"), "next")
        self.blank_button = self._button(self.tr("Blank screen"), "")
        for button in (self.previous_button, self.play_button, self.next_button, self.blank_button):
            controls.addWidget(button, 1)
        outer.addLayout(controls)

    def _button(self, text: str, icon_name: str, primary: bool = False) -> QPushButton:
        button = big_button(text, icon_name, primary)
        button.setMinimumHeight(BUTTON_MIN_PX)
        button.setMinimumWidth(BUTTON_MIN_PX)
        return button

    # --- what Presenter shows --------------------------------------------------------------
    def show_next_line(self, text: str) -> None:
        self.next_image.hide()
        self.next_image.set_pixmap(None)
        self.next_text.setText(text)

    def show_next_picture(self, pixmap: QPixmap | None, caption: str) -> None:
        self.next_image.set_pixmap(pixmap)
        self.next_image.setVisible(pixmap is not None)
        self.next_text.setText(caption)

    def show_playing(self, playing: bool, timed: bool) -> None:
        self.play_button.setVisible(timed)
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    # --- the teacher's keys drive the lesson, whichever window has the focus ---------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        self._on_key(event)

    def close_quietly(self) -> None:
        """Closed by the presenter (the lesson ended, or back to one screen)."""
        self._closing_by_code = True
        self.close()
        self._closing_by_code = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        super().closeEvent(event)
        if not self._closing_by_code:
            self.leave_requested.emit()
