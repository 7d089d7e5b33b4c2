"""The player: one lesson on the projector, with big controls, and one usage record.

Every play of a lesson becomes exactly one usage record, saved by the TaskRunner's write
worker when the window closes or the lesson reaches its end (whichever comes first).
Played seconds are real time spent playing, not the media position.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.core.clock import Clock
from eduteach_desktop.core.lyrics import parse_lrc_bytes
from eduteach_desktop.core.subtitles import parse_subtitles_bytes
from eduteach_protocol.catalog import Lesson

from .. import theme
from ..dialogs import Dialogs
from ..errors import describe_error
from ..icons import icon
from ..labels import duration_label, lesson_place
from ..tasks import TaskRunner
from .media import LessonMedia, PlayTime, is_completed, read_small
from .views import LyricsView, MessageView, ScaledImage, SlidesView, SubtitleView, load_pixmap

log = logging.getLogger(__name__)

SKIP_MS = 10_000
# record_play(lesson, started_at, seconds_played, completed) -> SavedPlay (has .record_id)
RecordPlay = Callable[[Lesson, datetime, float, bool], Any]


class _Session:
    """One play of the lesson, from first start to end or close."""

    def __init__(self, started_at: datetime, monotonic: Callable[[], float]):
        self.started_at = started_at
        self.time = PlayTime(monotonic)
        self.recorded = False


class PlayerWindow(QWidget):
    """Plays one lesson. Audio: cover and lyrics. Video: picture and subtitles. Slides:
    pictures with captions. PDF: a message that it comes later."""

    closed = Signal()
    play_recorded = Signal(str)  # record id, once it is durable
    record_failed = Signal(str)  # a sentence for the teacher
    finished = Signal()  # closed, and its record saved or failed: safe to delete
    playback_failed = Signal(str)

    def __init__(
        self,
        lesson: Lesson,
        media: LessonMedia,
        tasks: TaskRunner,
        record_play: RecordPlay,
        clock: Clock,
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("PlayerWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.lesson = lesson
        self.media = media
        self._tasks = tasks
        self._record_play = record_play
        self._clock = clock
        self._dialogs = dialogs
        self._session: _Session | None = None
        self._records_in_flight = 0
        self._closing = False
        self._failed = False
        self._reached_end = False
        self._player: QMediaPlayer | None = None
        self._audio: QAudioOutput | None = None
        self.lyrics_view: LyricsView | None = None
        self.cover_view: ScaledImage | None = None
        self.video_widget: QWidget | None = None
        self.subtitle_view: SubtitleView | None = None
        self.slides_view: SlidesView | None = None

        self.setWindowTitle(self.tr("%1 — EduTeach").replace("%1", lesson.title))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(1024, 720)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.message_view = MessageView()
        self.pages.addWidget(self.message_view)
        self.controls = self._build_controls()
        outer.addWidget(self.controls)
        self.slide_controls = self._build_slide_controls()
        outer.addWidget(self.slide_controls)
        self.slide_controls.hide()

        self._build_content()

    # --- building ------------------------------------------------------------------------
    def _button(self, text: str, icon_name: str, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setIcon(icon(icon_name, "#ffffff" if primary else theme.INK))
        button.setIconSize(button.iconSize() * 1.6)
        # Keys belong to the window (Space, Esc, PageDown …), not to whichever button was
        # last clicked; a focused button would swallow Space.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        if primary:
            button.setObjectName("Primary")
        return button

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("PlayerHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(header)
        row.setContentsMargins(24, 12, 16, 12)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = QLabel(self.lesson.title)
        self.title_label.setObjectName("WindowTitle")
        self.place_label = QLabel(lesson_place(self.lesson))
        self.place_label.setObjectName("WindowSubtitle")
        texts.addWidget(self.title_label)
        texts.addWidget(self.place_label)
        row.addLayout(texts, 1)
        self.close_button = self._button(self.tr("Close"), "close")
        self.close_button.setToolTip(self.tr("Close the lesson (Esc)"))
        self.close_button.clicked.connect(self.close)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _build_controls(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("ControlBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(20, 12, 20, 12)
        row.setSpacing(12)
        self.back_button = self._button(self.tr("10 s"), "back10")
        self.back_button.setToolTip(self.tr("Back 10 seconds (Left arrow)"))
        self.play_button = self._button(self.tr("Play"), "play", primary=True)
        self.play_button.setMinimumWidth(170)
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))
        self.forward_button = self._button(self.tr("10 s"), "forward10")
        self.forward_button.setToolTip(self.tr("Forward 10 seconds (Right arrow)"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.setPageStep(SKIP_MS)
        self.slider.setMinimumHeight(36)
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setObjectName("TimeLabel")
        self.time_label.setMinimumWidth(
            self.time_label.fontMetrics().horizontalAdvance("00:00 / 00:00") + 24
        )
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for widget in (self.back_button, self.play_button, self.forward_button):
            row.addWidget(widget)
        row.addSpacing(8)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time_label)
        self.back_button.clicked.connect(lambda: self.skip(-SKIP_MS))
        self.forward_button.clicked.connect(lambda: self.skip(SKIP_MS))
        self.play_button.clicked.connect(self.toggle_play)
        self.slider.sliderReleased.connect(lambda: self._seek(self.slider.value()))
        self.slider.sliderMoved.connect(self._show_time)
        self.slider.actionTriggered.connect(self._slider_action)
        return bar

    def _build_slide_controls(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("ControlBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(20, 12, 20, 12)
        self.prev_button = self._button(self.tr("Previous"), "prev")
        self.prev_button.setToolTip(self.tr("Previous picture (Page Up)"))
        self.next_button = self._button(self.tr("Next"), "next", primary=True)
        self.next_button.setToolTip(self.tr("Next picture (Page Down)"))
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # icon after text
        self.next_button.setMinimumWidth(170)
        self.counter_label = QLabel()
        self.counter_label.setObjectName("SlideCounter")
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.prev_button)
        row.addWidget(self.counter_label, 1)
        row.addWidget(self.next_button)
        self.prev_button.clicked.connect(self.previous_slide)
        self.next_button.clicked.connect(self.next_slide)
        return bar

    def _build_content(self) -> None:
        kind = self.lesson.kind
        if kind == "pdf":
            self.controls.hide()
            self._show_message(
                self.tr("PDF lessons come in a later version"),
                self.tr(
                    "This lesson is a PDF document. EduTeach cannot show PDF files yet; "
                    "this will come in a later update."
                ),
            )
            return
        missing = self.media.missing_media()
        if (
            not self.media.media
            or (missing and kind != "slides")
            or len(missing) == len(self.media.media)
        ):
            self._fail(detail=", ".join(p.name[:12] for p in missing))
            return
        if kind == "slides":
            self._build_slides()
        else:
            self._build_media(kind)

    def _build_slides(self) -> None:
        self.controls.hide()
        self.slide_controls.show()
        self.slides_view = SlidesView(
            list(self.media.media),
            list(self.lesson.captions),
            self.tr("This picture could not be opened. Download the lesson again."),
        )
        self.slides_view.slide_changed.connect(self._on_slide_changed)
        self.pages.addWidget(self.slides_view)
        self.pages.setCurrentWidget(self.slides_view)
        self.slides_view.go(0)

    def _build_media(self, kind: str) -> None:
        player = QMediaPlayer(self)
        audio = QAudioOutput(self)
        player.setAudioOutput(audio)
        self._player, self._audio = player, audio
        if kind == "video":
            from PySide6.QtMultimediaWidgets import QVideoWidget

            page = QWidget()
            page.setObjectName("VideoPage")  # black around the picture, like a cinema
            page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            video = QVideoWidget()
            video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            video.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            column.addWidget(video, 1)
            player.setVideoOutput(video)
            self.video_widget = video
            cues = parse_subtitles_bytes(data) if (data := read_small(self.media.subtitles)) else []
            self.subtitle_view = SubtitleView()
            self.subtitle_view.set_cues(cues)
            self.subtitle_view.setVisible(bool(cues))
            column.addWidget(self.subtitle_view)
        else:
            page = self._build_audio_page()
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)

        player.positionChanged.connect(self._on_position)
        player.durationChanged.connect(self._on_duration)
        player.playbackStateChanged.connect(self._on_state)
        player.mediaStatusChanged.connect(self._on_status)
        player.errorOccurred.connect(self._on_error)
        player.setSource(QUrl.fromLocalFile(str(self.media.media[0])))
        self._on_duration(int(self.lesson.duration * 1000))

    def _build_audio_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(32, 24, 32, 24)
        row.setSpacing(32)
        cover = load_pixmap(self.media.cover)
        lines = parse_lrc_bytes(data) if (data := read_small(self.media.lyrics)) else []
        if cover is not None:
            self.cover_view = ScaledImage()
            self.cover_view.set_pixmap(cover)
            row.addWidget(self.cover_view, 2 if lines else 1)
        if lines or cover is None:
            self.lyrics_view = LyricsView()
            if not lines:
                self.lyrics_view.set_placeholder("♪  " + self.lesson.title)
            self.lyrics_view.set_lines(lines)
            row.addWidget(self.lyrics_view, 3)
        return page

    # --- showing problems ----------------------------------------------------------------
    def _show_message(self, title: str, text: str, detail: str = "") -> None:
        self.message_view.show_message(title, text, detail)
        self.pages.setCurrentWidget(self.message_view)

    def _fail(self, detail: str = "") -> None:
        """The lesson's file is missing or unreadable: say so calmly, never crash."""
        if self._failed:
            return  # errorOccurred and InvalidMedia both report the same problem
        self._failed = True
        self.controls.hide()
        self.slide_controls.hide()
        if self._player is not None:
            self._player.stop()
        if self._session is not None:
            self._session.time.hold()
        text = self.tr(
            "The lesson file is missing or damaged, so it cannot be played. "
            "Download the lesson again, or ask the technician for help."
        )
        self._show_message(self.tr("This lesson cannot be played"), text, detail)
        self.playback_failed.emit(text)

    @property
    def failed(self) -> bool:
        return self._failed

    def message_text(self) -> str:
        return (
            self.message_view.text.text() if self.pages.currentWidget() is self.message_view else ""
        )

    # --- media playback ------------------------------------------------------------------
    def play(self) -> None:
        if self._player is None or self._failed:
            return
        if self._reached_end:
            self._reached_end = False
            self._player.setPosition(0)
        self._player.play()

    def pause(self) -> None:
        if self._player is not None:
            self._player.pause()

    def toggle_play(self) -> None:
        if self._player is None:
            return
        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.pause()
        else:
            self.play()

    def skip(self, delta_ms: int) -> None:
        if self._player is None or self._failed:
            return
        target = max(0, self._player.position() + delta_ms)
        duration = self._player.duration()
        if duration > 0:
            target = min(target, max(0, duration - 200))
        self._seek(target)

    def _seek(self, position_ms: int) -> None:
        if self._player is None:
            return
        if self._reached_end:
            # The teacher picked a place after the end: Play continues from there.
            self._reached_end = False
            self._update_play_button(False)
        self._player.setPosition(position_ms)

    def _slider_action(self, action: int) -> None:
        # Clicks on the groove (page steps) seek at once; dragging seeks on release.
        if action != QSlider.SliderAction.SliderMove.value and not self.slider.isSliderDown():
            QTimer.singleShot(0, lambda: self._seek(self.slider.value()))

    def is_playing(self) -> bool:
        return (
            self._player is not None
            and self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        )

    def _on_position(self, position_ms: int) -> None:
        seconds = position_ms / 1000.0
        if not self.slider.isSliderDown():
            self.slider.setValue(position_ms)
            self._show_time(position_ms)
        if self.lyrics_view is not None:
            self.lyrics_view.set_position(seconds)
        if self.subtitle_view is not None:
            self.subtitle_view.set_position(seconds)

    def _on_duration(self, duration_ms: int) -> None:
        if duration_ms > 0:
            self.slider.setRange(0, duration_ms)
            self._show_time(self.slider.value())

    def _show_time(self, position_ms: int) -> None:
        total = self.slider.maximum() / 1000.0
        self.time_label.setText(f"{duration_label(position_ms / 1000.0)} / {duration_label(total)}")

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        if playing:
            if self._session is None or self._session.recorded:
                self._session = _Session(self._clock.now(), self._clock.monotonic)
            self._session.time.run()
        elif self._session is not None:
            self._session.time.hold()
        self._update_play_button(playing)

    def _update_play_button(self, playing: bool) -> None:
        if playing:
            self.play_button.setText(self.tr("Pause"))
            self.play_button.setIcon(icon("pause", "#ffffff"))
        elif self._reached_end:
            self.play_button.setText(self.tr("Play again"))
            self.play_button.setIcon(icon("replay", "#ffffff"))
        else:
            self.play_button.setText(self.tr("Play"))
            self.play_button.setIcon(icon("play", "#ffffff"))

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._reached_end = True
            if self._session is not None:
                self._session.time.hold()
            self._record_session(completed=True)
            self._update_play_button(False)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail()

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            log.warning("cannot play %s: %s (%s)", self.lesson.id, message, error)
            self._fail(detail=message)

    # --- slides --------------------------------------------------------------------------
    def next_slide(self) -> None:
        if self.slides_view is not None and not self._failed:
            self.slides_view.next()

    def previous_slide(self) -> None:
        if self.slides_view is not None and not self._failed:
            self.slides_view.previous()

    def _on_slide_changed(self, index: int) -> None:
        assert self.slides_view is not None
        count = self.slides_view.count
        self.counter_label.setText(
            self.tr("Picture %1 of %2").replace("%1", str(index + 1)).replace("%2", str(count))
        )
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < count - 1)

    # --- keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        slides = self.slides_view is not None
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key == Qt.Key.Key_Space and not slides:
            self.toggle_play()
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Down) and slides:
            self.next_slide()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Up) and slides:
            self.previous_slide()
        elif key == Qt.Key.Key_Right and slides:
            self.next_slide()
        elif key == Qt.Key.Key_Left and slides:
            self.previous_slide()
        elif key == Qt.Key.Key_Right:
            self.skip(SKIP_MS)
        elif key == Qt.Key.Key_Left:
            self.skip(-SKIP_MS)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- lifecycle and the usage record -------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._failed:
            return
        if self.slides_view is not None and self._session is None:
            # Slides "play" while they are on screen.
            self._session = _Session(self._clock.now(), self._clock.monotonic)
            self._session.time.run()
        elif self._player is not None and self._session is None:
            self.play()  # the teacher already pressed Play in the library

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._closing:
            self._closing = True
            if self._player is not None:
                self._player.pause()
            if self._session is not None:
                self._session.time.hold()
            self._record_session(completed=False)
            if self._player is not None:
                self._player.stop()
                self._player.setSource(QUrl())  # let go of the file
            self.closed.emit()
            self._maybe_finished()
        event.accept()

    def _record_session(self, completed: bool) -> None:
        """Queue this play's one usage record on the write worker (at most once)."""
        session = self._session
        if session is None or session.recorded:
            return
        seconds = session.time.seconds()
        if self._failed and seconds < 1.0:
            return  # the file never played: there is no lesson to record
        session.recorded = True
        if self.slides_view is not None:
            done = self.slides_view.seen_last
        else:
            duration = (
                (self._player.duration() / 1000.0)
                if self._player and self._player.duration() > 0
                else self.lesson.duration
            )
            done = is_completed(completed or self._reached_end, seconds, duration)
        lesson, started_at, record = self.lesson, session.started_at, self._record_play
        self._records_in_flight += 1
        try:
            self._tasks.run_write(
                lambda: record(lesson, started_at, seconds, done),
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
