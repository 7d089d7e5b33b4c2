"""The player: one lesson on the projector, with big controls, and one usage record.

One `Playback` (timed: audio, video; paged: slides, PDF pages; playback.py), never a branch
on the kind: keys go through keys.py, usage through `core.usage.UsageAccount` (no Qt), two
screens through presenter.py. Each play is one usage record, saved by the write worker at
close or at the end (whichever first), with the class session and the segments played.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from eduteach_desktop.core.clock import Clock, SystemClock
from eduteach_desktop.core.usage import PlayRecord, UsageAccount
from eduteach_protocol.catalog import Lesson

from ..dialogs import Dialogs
from ..errors import describe_error
from ..labels import lesson_place
from ..tasks import TaskRunner
from ..widgets import label
from .controls import big_button
from .ink_tools import InkController
from .keys import HelpPanel, binding_for
from .media import LessonMedia, readable
from .paged import PdfPlayback, SlidesPlayback
from .playback import Playback
from .presenter import Presenter
from .timed import TimedPlayback
from .views import MessageView

# record_play(lesson, started_at, seconds_played, completed, registration=, segments=, modes=, tracks=)
RecordPlay = Callable[..., Any]


def make_playback(lesson: Lesson, media: LessonMedia, tasks: TaskRunner, parent: QObject,
                  resume_ms: int = 0, clock: Clock | None = None) -> Playback:
    """The one place that looks at the lesson's kind."""
    if lesson.kind == "slides":
        return SlidesPlayback(lesson, media, parent)
    if lesson.kind == "pdf":
        return PdfPlayback(lesson, media, tasks, parent)
    return TimedPlayback(lesson, media, parent, resume_ms=resume_ms, monotonic=(clock or SystemClock()).monotonic)


class PlayerWindow(QWidget):
    """Plays one lesson. Audio: cover and lyrics. Video: picture and subtitles. Slides:
    pictures with captions (optional timer). PDF: pages as pictures."""

    closed = Signal()
    play_recorded = Signal(str)  # record id, once it is durable
    record_failed = Signal(str)  # a sentence for the teacher
    finished = Signal()  # closed, and its record saved or failed: safe to delete
    playback_failed = Signal(str)
    refetch_requested = Signal(object)  # the Lesson
    projector_changed = Signal(bool)

    def __init__(
        self,
        lesson: Lesson,
        media: LessonMedia,
        tasks: TaskRunner,
        record_play: RecordPlay,
        clock: Clock,
        dialogs: Dialogs,
        parent: QWidget | None = None,
        *,
        registration: str | None = None,
        resume_ms: int = 0,
        save_resume: Callable[[str, int], None] | None = None,
        can_refetch: bool = False,
        session_started: datetime | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("PlayerWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.lesson = lesson
        self.media = media
        self.registration = registration
        self._tasks = tasks
        self._record_play = record_play
        self._dialogs = dialogs
        self._save_resume = save_resume
        self._can_refetch = can_refetch
        self._records_in_flight = 0
        self._closing = False
        self._failed = False

        self.setWindowTitle(self.tr("%1 — EduTeach").replace("%1", lesson.title))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(1024, 720)

        self.playback = make_playback(lesson, media, tasks, self, resume_ms, clock)
        self.usage = UsageAccount(clock, self.playback.duration_s())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = self._build_header()
        outer.addWidget(self.header)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.message_view = MessageView()
        self.refetch_button = QPushButton(self.tr("Download this lesson again"))
        self.refetch_button.setObjectName("Primary")
        self.refetch_button.clicked.connect(self.request_refetch)
        self.refetch_button.hide()
        self.message_view.add_action(self.refetch_button)
        self.pages.addWidget(self.message_view)
        outer.addWidget(self.playback.controls)

        self.blank = QWidget(self)
        self.blank.setObjectName("Blank")
        self.blank.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank.hide()
        self.help_panel = HelpPanel(self)
        for overlay in (self.blank, self.help_panel):
            overlay.installEventFilter(self)
        self._connect_playback()
        self.playback.load()
        if not self._failed:
            self.pages.addWidget(self.playback.view)
            self.pages.setCurrentWidget(self.playback.view)
        self.presenter = Presenter(self, tasks, clock, dialogs, session_started)
        self.ink = InkController(self)  # pen, touch and saved drawings (ink_tools.py)

    def _connect_playback(self) -> None:
        p, usage = self.playback, self.usage
        p.failed.connect(self._fail)
        p.playing_changed.connect(lambda on, at: usage.start(at) if on else usage.hold(at))
        p.jumped.connect(usage.jump)
        p.duration_changed.connect(usage.set_duration)
        p.ended.connect(self._on_ended)
        p.report_modes(usage)

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("PlayerHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(header)
        row.setContentsMargins(24, 10, 16, 10)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = label(self.lesson.title, "WindowTitle", wrap=True)
        self.place_label = label(lesson_place(self.lesson), "WindowSubtitle", wrap=True)
        texts.addWidget(self.title_label)
        texts.addWidget(self.place_label)
        row.addLayout(texts, 1)
        self.help_button = big_button(self.tr("Help"))
        self.help_button.setToolTip(self.tr("Keys and clicker (F1)"))
        self.help_button.clicked.connect(self.toggle_help)
        self.projector_button = big_button(self.tr("Projector"))
        self.projector_button.setToolTip(self.tr("Full screen, large text (F5)"))
        self.projector_button.clicked.connect(self.toggle_projector)
        self.close_button = big_button(self.tr("Close"), "close")
        self.close_button.setToolTip(self.tr("Close the lesson (Esc)"))
        self.close_button.clicked.connect(self.close)
        for button in (self.help_button, self.projector_button, self.close_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        return header

    # --- the lesson's views, for tests, screenshots and the self-test ---------------------
    @property
    def lyrics_view(self) -> Any:
        return getattr(self.playback, "lyrics_view", None)

    @property
    def subtitle_view(self) -> Any:
        return getattr(self.playback, "subtitle_view", None)

    @property
    def slides_view(self) -> Any:
        return getattr(self.playback, "slides_view", None)

    def is_playing(self) -> bool:
        return self.playback.is_playing()

    def position_ms(self) -> int:
        return self.playback.position_ms()

    # --- showing problems ----------------------------------------------------------------
    def _fail(self, detail: str = "") -> None:
        """The lesson's file is missing or unreadable: say so calmly, never crash."""
        if self._failed:
            return  # errorOccurred and InvalidMedia both report the same problem
        self._failed = True
        self.playback.controls.hide()
        self.playback.halt()
        self.usage.fail()
        if self._can_refetch:
            text = self.tr(
                "The lesson file is missing or damaged, so it cannot be played. "
                "Press the button below to download it again; it is checked before use."
            )
        else:
            text = self.tr(
                "The lesson file is missing or damaged, so it cannot be played. "
                "Download the lesson again, or ask the technician for help."
            )
        self.refetch_button.setVisible(self._can_refetch)
        self.message_view.show_message(self.tr("This lesson cannot be played"), text, detail)
        self.pages.setCurrentWidget(self.message_view)
        self.playback_failed.emit(text)

    def request_refetch(self) -> None:
        self.refetch_button.setEnabled(False)
        # Let go of the damaged file first: Windows cannot delete or replace a file that
        # is open, so the repair could not remove it nor the sync install the new copy.
        self.playback.release()
        self.message_view.text.setText(
            self.tr(
                "Downloading the lesson again in the background. You can close this window; "
                "the lesson can be played as soon as it is ready."
            )
        )
        self.refetch_requested.emit(self.lesson)

    @property
    def failed(self) -> bool:
        return self._failed

    def message_text(self) -> str:
        return (
            self.message_view.text.text() if self.pages.currentWidget() is self.message_view else ""
        )

    # --- projector mode, blank screen, help ---------------------------------------------
    def is_projector(self) -> bool:
        return bool(self.property("projector"))

    def toggle_projector(self) -> None:
        self.set_projector(not self.is_projector())

    def set_projector(self, on: bool) -> None:
        self.setProperty("projector", on)
        for widget in [self, *self.findChildren(QWidget)]:
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        if on:
            self.showFullScreen()
        else:
            self.showMaximized()
        self._fit_controls()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.projector_changed.emit(on)

    def toggle_presenter(self) -> None:
        self.presenter.toggle()

    def escape(self) -> None:
        if self.is_projector():
            self.set_projector(False)
        else:
            self.close()

    def is_blank(self) -> bool:
        return self.blank.isVisible()

    def blank_screen(self) -> None:
        self.set_blank(True)

    def set_blank(self, on: bool) -> None:
        if on:
            self.blank.setGeometry(self.rect())
            self.blank.show()
            self.blank.raise_()
        else:
            self.blank.hide()
        self.playback.set_paused_by_blank(on)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_help(self) -> None:
        if self.help_panel.isVisible():
            self.help_panel.hide()
        else:
            self.help_panel.place()
            self.help_panel.show()
            self.help_panel.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_controls(self) -> None:
        self.playback.fit(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_controls()
        self.blank.setGeometry(self.rect())
        if self.help_panel.isVisible():
            self.help_panel.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.MouseButtonPress and watched in (self.blank, self.help_panel):
            if watched is self.blank:
                self.set_blank(False)
            else:
                self.help_panel.hide()
            return True
        return super().eventFilter(watched, event)

    # --- keys: the table in keys.py -------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if self.blank.isVisible():
            self.set_blank(False)  # any key (or clicker button) brings the lesson back
            event.accept()
            return
        if self.help_panel.isVisible() and key != Qt.Key.Key_F5:
            self.help_panel.hide()
            event.accept()
            return
        row = binding_for(key, paged=self.playback.takes_slide_keys)
        if row is None:
            super().keyPressEvent(event)
            return
        row.run(self, self.playback, failed=self._failed)
        event.accept()

    # --- lifecycle and the usage record -------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self._failed and not self.usage.ever_started:
            self.playback.begin()

    def _on_ended(self, position: float) -> None:
        self.usage.hold(position)
        self.usage.reach_end()
        self._save_record(self.usage.take())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._closing:
            self._closing = True
            position_ms = self.playback.position_ms()
            self.usage.hold(self.playback.halt())
            if self.playback.at_end():
                self.usage.reach_end()
            self._save_record(self.usage.take())
            self._remember_position(position_ms)
            self.playback.release()
            self.closed.emit()
            self._maybe_finished()
        event.accept()

    def _remember_position(self, position_ms: int) -> None:
        if self._save_resume is None or self._failed:
            return
        keep = self.playback.resume_position_ms(position_ms)
        if keep is None:
            return
        save, lesson_id = self._save_resume, self.lesson.id
        with contextlib.suppress(RuntimeError):  # shutting down: a lost position is harmless
            self._tasks.run_write(lambda: save(lesson_id, keep), on_error=lambda exc: None)

    def _save_record(self, play: PlayRecord | None) -> None:
        """Queue this play's one usage record on the write worker."""
        if play is None:
            return
        lesson, record, registration = self.lesson, self._record_play, self.registration
        self._records_in_flight += 1
        try:
            self._tasks.run_write(
                lambda: record(lesson, play.started_at, play.seconds_played, play.completed, registration=registration,
                               segments=play.segments, modes=play.modes, tracks=play.tracks),
                on_done=self._on_recorded,
                on_error=self._on_record_error,
            )
        except RuntimeError as exc:  # the runner is already shut down (a bug in shutdown order)
            self._on_record_error(exc)

    def _on_recorded(self, saved: Any) -> None:
        self._records_in_flight -= 1
        self.play_recorded.emit(str(getattr(saved, "record_id", saved)))
        self._maybe_finished()

    def _on_record_error(self, exc: BaseException) -> None:
        self._records_in_flight -= 1
        text = (
            self.tr("This lesson was played, but the record of it could not be saved.")
            + "\n"
            + describe_error(exc)
        )
        self.record_failed.emit(text)
        self._dialogs.error(self if self.isVisible() else None, self.tr("Record not saved"), text)
        self._maybe_finished()

    def _maybe_finished(self) -> None:
        if self._closing and self._records_in_flight == 0:
            self.finished.emit()

    def records_in_flight(self) -> int:
        return self._records_in_flight


__all__ = ["PlayerWindow", "make_playback", "readable"]
