"""The player: one lesson on the projector, with big controls, and one usage record.

Every play of a lesson becomes exactly one usage record, saved by the TaskRunner's write
worker when the window closes or the lesson reaches its end (whichever comes first). It
carries the class session (registration) and the parts of the timeline that really
played (segments). Played seconds are real time spent playing, not the media position.

Keys (also for presenter clickers, which send PageUp/PageDown, F5, Esc and B):
PageUp/PageDown previous/next (slides, PDF pages) or ∓10 s (video, songs), Space
play/pause, B blank screen, F5 projector mode, Esc leave projector mode / close,
A set the A-B loop, R repeat the sentence, +/- speed, Home from the start, F1 help.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeyEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
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
from ..widgets import label
from .media import (
    LessonMedia,
    PlayTime,
    Segments,
    is_completed,
    next_speed,
    read_small,
    readable,
    resume_worth_it,
)
from .views import LyricsView, MessageView, ScaledImage, SlidesView, SubtitleView, load_pixmap

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

log = logging.getLogger(__name__)

SKIP_MS = 10_000
SLIDE_TIMER_CHOICES = (0, 5, 10, 20, 30)  # seconds per picture; 0: off
# record_play(lesson, started_at, seconds_played, completed, registration=, segments=)
RecordPlay = Callable[..., Any]


def _media_classes() -> tuple[Any, Any]:
    # Imported when a player opens, not at start-up: QtMultimedia loads FFmpeg (~100 ms).
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    return QMediaPlayer, QAudioOutput


class _Session:
    """One play of the lesson, from first start to end or close."""

    def __init__(self, started_at: datetime, monotonic: Callable[[], float]):
        self.started_at = started_at
        self.time = PlayTime(monotonic)
        self.segments = Segments()
        self.recorded = False


class HelpPanel(QFrame):
    """The keys, large, over the lesson (F1). Any key or click closes it."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("HelpPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        title = QLabel(self.tr("Keys and presenter clicker"))
        title.setObjectName("SectionTitle")
        layout.addWidget(title)
        rows = [
            ("PageDown / →", self.tr("Next picture or page; forward 10 seconds")),
            ("PageUp / ←", self.tr("Previous picture or page; back 10 seconds")),
            (self.tr("Space"), self.tr("Play or pause")),
            ("B", self.tr("Blank screen (any key brings the lesson back)")),
            ("F5", self.tr("Projector mode (full screen, large)")),
            ("Esc", self.tr("Leave projector mode; press again to close")),
            ("A", self.tr("A-B loop: press at A, again at B, a third time to stop")),
            ("R", self.tr("Repeat the current sentence or line")),
            ("+ / −", self.tr("Faster or slower (0.5× to 1.5×)")),
            ("Home", self.tr("Back to the beginning")),
            ("T", self.tr("Slides: turn pages by themselves (timer)")),
            ("F1", self.tr("Show or hide this help")),
        ]
        self.text = QLabel()
        self.text.setObjectName("HelpText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setText(
            "<table cellspacing='6'>"
            + "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
            + "</table>"
        )
        layout.addWidget(self.text)
        self.keys = [k for k, _ in rows]
        self.hide()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        w = min(self.sizeHint().width(), parent.width() - 20)
        h = min(self.sizeHint().height(), parent.height() - 20)
        self.setGeometry((parent.width() - w) // 2, (parent.height() - h) // 2, w, h)


class PlayerWindow(QWidget):
    """Plays one lesson. Audio: cover and lyrics. Video: picture and subtitles. Slides:
    pictures with captions (optional timer). PDF: pages as pictures."""

    closed = Signal()
    play_recorded = Signal(str)  # record id, once it is durable
    record_failed = Signal(str)  # a sentence for the teacher
    finished = Signal()  # closed, and its record saved or failed: safe to delete
    playback_failed = Signal(str)
    refetch_requested = Signal(object)  # the Lesson
    loop_changed = Signal()
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
    ):
        super().__init__(parent)
        self.setObjectName("PlayerWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.lesson = lesson
        self.media = media
        self.registration = registration
        self._tasks = tasks
        self._record_play = record_play
        self._clock = clock
        self._dialogs = dialogs
        self._save_resume = save_resume
        self._resume_ms = resume_ms
        self._resume_pending = False
        self._can_refetch = can_refetch
        self._session: _Session | None = None
        self._records_in_flight = 0
        self._closing = False
        self._failed = False
        self._reached_end = False
        self._loop_a: int | None = None
        self._loop_b: int | None = None
        self._speed = 1.0
        self._last_position = 0
        self._player: QMediaPlayer | None = None
        self._audio: QAudioOutput | None = None
        self.lyrics_view: LyricsView | None = None
        self.cover_view: ScaledImage | None = None
        self.video_widget: QWidget | None = None
        self.subtitle_view: SubtitleView | None = None
        self.slides_view: SlidesView | None = None
        self.pdf_view: ScaledImage | None = None
        self._pdf_pages = 0
        self._pdf_index = -1
        self._pdf_seen_last = False
        self._pdf_seq = 0
        self._slide_seconds = 0
        self.slide_timer = QTimer(self)
        self.slide_timer.timeout.connect(self._slide_tick)

        self.setWindowTitle(self.tr("%1 — EduTeach").replace("%1", lesson.title))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(1024, 720)

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
        self.controls = self._build_controls()
        outer.addWidget(self.controls)
        self.slide_controls = self._build_slide_controls()
        outer.addWidget(self.slide_controls)
        self.slide_controls.hide()

        self.blank = QWidget(self)
        self.blank.setObjectName("Blank")
        self.blank.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank.hide()
        self.help_panel = HelpPanel(self)
        for overlay in (self.blank, self.help_panel):
            overlay.installEventFilter(self)

        self._build_content()

    # --- building ------------------------------------------------------------------------
    def _button(self, text: str, icon_name: str = "", primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        if icon_name:
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
        row.setContentsMargins(24, 10, 16, 10)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = label(self.lesson.title, "WindowTitle", wrap=True)
        self.place_label = label(lesson_place(self.lesson), "WindowSubtitle", wrap=True)
        texts.addWidget(self.title_label)
        texts.addWidget(self.place_label)
        row.addLayout(texts, 1)
        self.help_button = self._button(self.tr("Help"))
        self.help_button.setToolTip(self.tr("Keys and clicker (F1)"))
        self.help_button.clicked.connect(self.toggle_help)
        self.projector_button = self._button(self.tr("Projector"))
        self.projector_button.setToolTip(self.tr("Full screen, large text (F5)"))
        self.projector_button.clicked.connect(self.toggle_projector)
        self.close_button = self._button(self.tr("Close"), "close")
        self.close_button.setToolTip(self.tr("Close the lesson (Esc)"))
        self.close_button.clicked.connect(self.close)
        for button in (self.help_button, self.projector_button, self.close_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        return header

    def _build_controls(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("ControlBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(bar)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(10)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.setPageStep(SKIP_MS)
        self.slider.setMinimumHeight(32)
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setObjectName("TimeLabel")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.slider, 1)
        top.addWidget(self.time_label)
        column.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.back_button = self._button(self.tr("10 s"), "back10")
        self.back_button.setToolTip(self.tr("Back 10 seconds (Left arrow, Page Up)"))
        self.play_button = self._button(self.tr("Play"), "play", primary=True)
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))
        self.forward_button = self._button(self.tr("10 s"), "forward10")
        self.forward_button.setToolTip(self.tr("Forward 10 seconds (Right arrow, Page Down)"))
        self.speed_button = self._button("1.0×")
        self.speed_button.setToolTip(self.tr("Speed: click for the next one (+ and − keys)"))
        self.loop_button = self._button(self.tr("A-B loop"))
        self.loop_button.setToolTip(self.tr("Press at A, again at B; the part between repeats (A key)"))
        self.repeat_button = self._button(self.tr("Repeat sentence"), "replay")
        self.repeat_button.setToolTip(self.tr("Play the current sentence again (R key)"))
        self.note_label = QLabel()
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setObjectName("PlayerNote")
        self.note_label.setWordWrap(True)
        self.note_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for widget in (self.back_button, self.play_button, self.forward_button):
            row.addWidget(widget)
        row.addWidget(self.note_label, 1)
        self._compact = False
        self._full_texts = {
            self.back_button: self.back_button.text(),
            self.forward_button: self.forward_button.text(),
            self.repeat_button: self.repeat_button.text(),
        }
        for widget in (self.repeat_button, self.loop_button, self.speed_button):
            row.addWidget(widget)
        column.addLayout(row)
        self.back_button.clicked.connect(lambda: self.skip(-SKIP_MS))
        self.forward_button.clicked.connect(lambda: self.skip(SKIP_MS))
        self.play_button.clicked.connect(self.toggle_play)
        self.speed_button.clicked.connect(self._cycle_speed)
        self.loop_button.clicked.connect(self.mark_loop)
        self.repeat_button.clicked.connect(self.repeat_sentence)
        self.slider.sliderReleased.connect(lambda: self._seek(self.slider.value()))
        self.slider.sliderMoved.connect(self._show_time)
        self.slider.actionTriggered.connect(self._slider_action)
        return bar

    def _build_slide_controls(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("ControlBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(20, 10, 20, 10)
        self.prev_button = self._button(self.tr("Previous"), "prev")
        self.prev_button.setToolTip(self.tr("Previous picture (Page Up)"))
        self.next_button = self._button(self.tr("Next"), "next", primary=True)
        self.next_button.setToolTip(self.tr("Next picture (Page Down)"))
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # icon after text
        self.counter_label = label("", "SlideCounter", wrap=True)
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_button = self._button(self.tr("Timer: off"))
        self.timer_button.setToolTip(self.tr("Turn pictures by themselves (T key)"))
        self.timer_button.clicked.connect(self.cycle_slide_timer)
        row.addWidget(self.prev_button)
        row.addWidget(self.counter_label, 1)
        row.addWidget(self.timer_button)
        row.addWidget(self.next_button)
        self.prev_button.clicked.connect(self.previous_slide)
        self.next_button.clicked.connect(self.next_slide)
        return bar

    def _build_content(self) -> None:
        kind = self.lesson.kind
        missing = self.media.missing_media()
        if (
            not self.media.media
            or (missing and kind not in ("slides",))
            or len(missing) == len(self.media.media)
        ):
            self._fail(detail=", ".join(p.name[:12] for p in missing))
            return
        if kind == "slides":
            self._build_slides()
        elif kind == "pdf":
            self._build_pdf()
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

    def _build_pdf(self) -> None:
        from .pdf import PdfUnreadable, page_count

        self.controls.hide()
        self.slide_controls.show()
        self.timer_button.hide()
        try:
            # Opening a document only reads its cross-reference table: fast enough here.
            self._pdf_pages = page_count(self.media.media[0])
        except PdfUnreadable as exc:
            self._fail(detail=str(exc))
            return
        if self._pdf_pages <= 0:
            self._fail()
            return
        self.pdf_view = ScaledImage()
        self.pages.addWidget(self.pdf_view)
        self.pages.setCurrentWidget(self.pdf_view)
        self.go_pdf_page(0)

    def _build_media(self, kind: str) -> None:
        media_player, audio_output = _media_classes()
        player = media_player(self)
        audio = audio_output(self)
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
        self.repeat_button.setVisible(self._has_sentences())

        player.positionChanged.connect(self._on_position)
        player.durationChanged.connect(self._on_duration)
        player.playbackStateChanged.connect(self._on_state)
        player.mediaStatusChanged.connect(self._on_status)
        player.errorOccurred.connect(self._on_error)
        player.setSource(QUrl.fromLocalFile(str(self.media.media[0])))
        self._on_duration(int(self.lesson.duration * 1000))
        if resume_worth_it(self._resume_ms, int(self.lesson.duration * 1000)):
            self._resume_pending = True
            self.note_label.setText(
                self.tr("Continuing where you stopped (%1). Home: from the start.").replace(
                    "%1", duration_label(self._resume_ms / 1000.0)
                )
            )

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

    def _has_sentences(self) -> bool:
        if self.subtitle_view is not None and self.subtitle_view.cue_count():
            return True
        return self.lyrics_view is not None and self.lyrics_view.line_count() > 0

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
        self.slide_timer.stop()
        if self._player is not None:
            self._player.pause()  # not stop(): see the WORKAROUND in closeEvent
        if self._session is not None:
            self._session.time.hold()
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
        self._show_message(self.tr("This lesson cannot be played"), text, detail)
        self.playback_failed.emit(text)

    def request_refetch(self) -> None:
        self.refetch_button.setEnabled(False)
        if self._player is not None:
            # Let go of the damaged file first: Windows cannot delete or replace a file that
            # is open, so the repair could not remove it nor the sync install the new copy.
            self._player.setSource(QUrl())
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
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def position_ms(self) -> int:
        return self._player.position() if self._player is not None else 0

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
        if self._session is not None:
            self._session.segments.jump(self._player.position() / 1000.0, position_ms / 1000.0)
        self._player.setPosition(position_ms)

    def restart(self) -> None:
        self._resume_pending = False
        self.note_label.clear()
        self._seek(0)

    def _slider_action(self, action: int) -> None:
        # Clicks on the groove (page steps) seek at once; dragging seeks on release.
        if action != QSlider.SliderAction.SliderMove.value and not self.slider.isSliderDown():
            QTimer.singleShot(0, lambda: self._seek(self.slider.value()))

    def is_playing(self) -> bool:
        if self._player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer

        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    # speed
    @property
    def speed(self) -> float:
        return self._speed

    def set_speed(self, rate: float) -> None:
        self._speed = max(0.5, min(1.5, rate))
        if self._player is not None:
            self._player.setPlaybackRate(self._speed)
        self.speed_button.setText(f"{self._speed:.2g}×" if self._speed != 1 else "1.0×")

    def _cycle_speed(self) -> None:
        faster = next_speed(self._speed, 1)
        self.set_speed(faster if faster != self._speed else 0.5)

    # A-B loop
    @property
    def loop_range(self) -> tuple[int | None, int | None]:
        return self._loop_a, self._loop_b

    def mark_loop(self) -> None:
        """First press: A here. Second: B here, loop on. Third: loop off."""
        if self._player is None or self._failed:
            return
        position = self._player.position()
        if self._loop_a is None:
            self._loop_a = position
            self.loop_button.setText(self.tr("A set; press for B"))
        elif self._loop_b is None and position > self._loop_a + 500:
            self._loop_b = position
            self.loop_button.setText(
                self.tr("Loop %1–%2").replace("%1", duration_label(self._loop_a / 1000.0))
                .replace("%2", duration_label(position / 1000.0))
            )
            self._seek(self._loop_a)
        else:
            self.clear_loop()
            return
        self.loop_button.setChecked(True)
        self.loop_changed.emit()

    def set_loop(self, a_ms: int, b_ms: int) -> None:
        self._loop_a, self._loop_b = a_ms, b_ms
        self.loop_button.setText(
            self.tr("Loop %1–%2").replace("%1", duration_label(a_ms / 1000.0))
            .replace("%2", duration_label(b_ms / 1000.0))
        )
        self.loop_changed.emit()

    def clear_loop(self) -> None:
        self._loop_a = self._loop_b = None
        self.loop_button.setText("A-B" if self._compact else self.tr("A-B loop"))
        self.loop_changed.emit()

    def repeat_sentence(self) -> None:
        """Back to the start of the subtitle cue or lyric line being played."""
        if self._player is None or self._failed:
            return
        start: float | None = None
        if self.subtitle_view is not None and self.subtitle_view.cue_count():
            start = self.subtitle_view.sentence_start(self._player.position() / 1000.0)
        elif self.lyrics_view is not None:
            start = self.lyrics_view.line_start(self._player.position() / 1000.0)
        if start is not None:
            self._seek(int(start * 1000))
            if not self.is_playing():
                self.play()

    def _on_position(self, position_ms: int) -> None:
        if self._loop_b is not None and self._loop_a is not None and position_ms >= self._loop_b:
            self._seek(self._loop_a)
            return
        self._last_position = position_ms
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

    def _on_state(self, state: Any) -> None:
        playing = self.is_playing()
        position = (self._player.position() if self._player else 0) / 1000.0
        if playing:
            if self._session is None or self._session.recorded:
                self._session = _Session(self._clock.now(), self._clock.monotonic)
            self._session.time.run()
            self._session.segments.start(position)
        elif self._session is not None:
            self._session.time.hold()
            self._session.segments.stop(max(position, self._last_position / 1000.0))
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

    def _on_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        loaded = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
        if status in loaded and self._resume_pending and self._player is not None:
            self._resume_pending = False
            self._player.setPosition(self._resume_ms)
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._reached_end = True
            if self._session is not None:
                self._session.time.hold()
                self._session.segments.stop(
                    (self._player.duration() if self._player else 0) / 1000.0
                )
            self._record_session(completed=True)
            self._update_play_button(False)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail()

    def _on_error(self, error: Any, message: str) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if error != QMediaPlayer.Error.NoError:
            log.warning("cannot play %s: %s (%s)", self.lesson.id, message, error)
            self._fail(detail=message)

    # --- slides and PDF pages ------------------------------------------------------------
    def next_slide(self) -> None:
        if self._failed:
            return
        if self.slides_view is not None:
            self.slides_view.next()
        elif self.pdf_view is not None:
            self.go_pdf_page(self._pdf_index + 1)

    def previous_slide(self) -> None:
        if self._failed:
            return
        if self.slides_view is not None:
            self.slides_view.previous()
        elif self.pdf_view is not None:
            self.go_pdf_page(self._pdf_index - 1)

    @property
    def pdf_page(self) -> int:
        return self._pdf_index

    def go_pdf_page(self, index: int) -> None:
        if self.pdf_view is None:
            return
        index = max(0, min(index, self._pdf_pages - 1))
        if index == self._pdf_index:
            return
        self._pdf_index = index
        if index == self._pdf_pages - 1:
            self._pdf_seen_last = True
        self._on_page_changed(index, self._pdf_pages)
        from .pdf import render_page

        self._pdf_seq += 1
        seq, path = self._pdf_seq, self.media.media[0]
        width = max(800, self.width())
        self._tasks.run_read(
            lambda: render_page(path, index, width),
            lambda image: self._show_pdf_image(seq, image),
            lambda exc: self._fail(detail=str(exc)),
        )

    def _show_pdf_image(self, seq: int, image: QImage) -> None:
        if seq == self._pdf_seq and self.pdf_view is not None:
            self.pdf_view.set_pixmap(QPixmap.fromImage(image))

    def _on_slide_changed(self, index: int) -> None:
        assert self.slides_view is not None
        self._on_page_changed(index, self.slides_view.count)

    def _on_page_changed(self, index: int, count: int) -> None:
        if self.pdf_view is not None:
            text = self.tr("Page %1 of %2")
        else:
            text = self.tr("Picture %1 of %2")
        self.counter_label.setText(text.replace("%1", str(index + 1)).replace("%2", str(count)))
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < count - 1)

    def cycle_slide_timer(self) -> None:
        if self.slides_view is None:
            return
        i = SLIDE_TIMER_CHOICES.index(self._slide_seconds)
        self.set_slide_timer(SLIDE_TIMER_CHOICES[(i + 1) % len(SLIDE_TIMER_CHOICES)])

    def set_slide_timer(self, seconds: int) -> None:
        self._slide_seconds = seconds
        if seconds:
            self.timer_button.setText(self.tr("Timer: %1 s").replace("%1", str(seconds)))
            self.slide_timer.start(seconds * 1000)
        else:
            self.timer_button.setText(self.tr("Timer: off"))
            self.slide_timer.stop()

    def _slide_tick(self) -> None:
        if self.slides_view is None or self.blank.isVisible():
            return
        if self.slides_view.index >= self.slides_view.count - 1:
            self.set_slide_timer(0)  # the last picture stays
            return
        self.slides_view.next()

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

    def is_blank(self) -> bool:
        return self.blank.isVisible()

    def set_blank(self, on: bool) -> None:
        if on:
            self.blank.setGeometry(self.rect())
            self.blank.show()
            self.blank.raise_()
        else:
            self.blank.hide()
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
        """Narrow screen or big projector text: buttons show only their icons (their
        tooltips and keys stay), so the bar never pushes past the window."""
        if not self.controls.isVisible():
            return
        buttons = [self.back_button, self.play_button, self.forward_button, self.repeat_button,
                   self.loop_button, self.speed_button]
        for button, text in self._full_texts.items():
            button.setText(text)
        if self._loop_a is None:
            self.loop_button.setText(self.tr("A-B loop"))
        need = sum(b.sizeHint().width() for b in buttons if b.isVisibleTo(self)) + 10 * 8 + 120
        compact = need > self.width() - 32
        if compact:
            for button in self._full_texts:
                button.setText("")
            if self._loop_a is None:
                self.loop_button.setText("A-B")
        self._compact = compact

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_controls()
        self.blank.setGeometry(self.rect())
        if self.help_panel.isVisible():
            self.help_panel.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.MouseButtonPress and watched in (self.blank, self.help_panel):
            watched.hide()  # type: ignore[attr-defined]
            return True
        return super().eventFilter(watched, event)

    # --- keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if self.blank.isVisible():
            self.set_blank(False)  # any key (or clicker button) brings the lesson back
            event.accept()
            return
        if self.help_panel.isVisible() and key not in (Qt.Key.Key_F5,):
            self.help_panel.hide()
            event.accept()
            return
        paged = self.slides_view is not None or self.pdf_view is not None
        handled = True
        if key == Qt.Key.Key_Escape:
            if self.is_projector():
                self.set_projector(False)
            else:
                self.close()
        elif key == Qt.Key.Key_F5:
            self.toggle_projector()
        elif key in (Qt.Key.Key_B, Qt.Key.Key_Period):
            self.set_blank(True)
        elif key in (Qt.Key.Key_F1, Qt.Key.Key_H, Qt.Key.Key_Question):
            self.toggle_help()
        elif paged and key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Down,
                               Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_slide()
        elif paged and key in (Qt.Key.Key_PageUp, Qt.Key.Key_Up, Qt.Key.Key_Left,
                               Qt.Key.Key_Backspace):
            self.previous_slide()
        elif paged and key == Qt.Key.Key_T:
            self.cycle_slide_timer()
        elif key == Qt.Key.Key_Space:
            self.toggle_play()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.skip(SKIP_MS)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.skip(-SKIP_MS)
        elif key == Qt.Key.Key_A:
            self.mark_loop()
        elif key == Qt.Key.Key_R:
            self.repeat_sentence()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_speed(next_speed(self._speed, 1))
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.set_speed(next_speed(self._speed, -1))
        elif key == Qt.Key.Key_Home:
            self.restart()
        else:
            handled = False
        if handled:
            event.accept()
        else:
            super().keyPressEvent(event)

    # --- lifecycle and the usage record -------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._failed:
            return
        if (self.slides_view is not None or self.pdf_view is not None) and self._session is None:
            # Pictures and pages "play" while they are on screen.
            self._session = _Session(self._clock.now(), self._clock.monotonic)
            self._session.time.run()
        elif self._player is not None and self._session is None:
            self.play()  # the teacher already pressed Play

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._closing:
            self._closing = True
            self.slide_timer.stop()
            position = self._player.position() if self._player is not None else 0
            if self._player is not None:
                self._player.pause()
            if self._session is not None:
                self._session.time.hold()
                self._session.segments.stop(max(position, self._last_position) / 1000.0)
            self._record_session(completed=False)
            self._remember_position(position)
            if self._player is not None:
                # WORKAROUND (Qt 6.12 FFmpeg backend): stop() right after the media started
                # loading can deadlock the GUI thread; clearing the source stops playback
                # and lets go of the file as well.
                self._player.setSource(QUrl())
            self.closed.emit()
            self._maybe_finished()
        event.accept()

    def _remember_position(self, position_ms: int) -> None:
        if self._save_resume is None or self._player is None or self._failed:
            return
        duration = self._player.duration() or int(self.lesson.duration * 1000)
        keep = 0 if self._reached_end or not resume_worth_it(position_ms, duration) else position_ms
        save, lesson_id = self._save_resume, self.lesson.id
        with contextlib.suppress(RuntimeError):  # shutting down: a lost position is harmless
            self._tasks.run_write(lambda: save(lesson_id, keep), on_error=lambda exc: None)

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
        elif self.pdf_view is not None:
            done = self._pdf_seen_last
        else:
            duration = (
                (self._player.duration() / 1000.0)
                if self._player and self._player.duration() > 0
                else self.lesson.duration
            )
            done = is_completed(completed or self._reached_end, seconds, duration)
        lesson, started_at, record = self.lesson, session.started_at, self._record_play
        segments, registration = session.segments.spans(), self.registration
        self._records_in_flight += 1
        try:
            self._tasks.run_write(
                lambda: record(lesson, started_at, seconds, done,
                               registration=registration, segments=segments),
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


__all__ = ["PlayerWindow", "readable"]
