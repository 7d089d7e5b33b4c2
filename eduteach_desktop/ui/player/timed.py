"""Timed lessons: audio (cover and lyrics) and video (picture and subtitles) on a
QMediaPlayer, with the A-B loop, "repeat the sentence", speed and resume."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSlider, QVBoxLayout, QWidget

from eduteach_desktop.core.lyrics import parse_lrc_bytes
from eduteach_desktop.core.subtitles import parse_subtitles_bytes
from eduteach_protocol.catalog import Lesson

from ..labels import duration_label
from .controls import SKIP_MS, TimedBar
from .media import LessonMedia, next_speed, read_small, resume_worth_it
from .modes import add_modes
from .playback import Playback
from .repeat import RepeatAfterMe
from .tracks import TrackPlayers, TrackSwitch, open_player, usable_tracks
from .views import LyricsView, ScaledImage, SubtitleView, load_pixmap

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QMediaPlayer

log = logging.getLogger(__name__)
LOOP_MIN_MS = 500  # B closer than this to A is a double press: it clears the loop


class TimedPlayback(Playback):
    """Audio or video. The current item is the lyric line or subtitle cue being shown."""

    kind = "timed"

    def __init__(self, lesson: Lesson, media: LessonMedia, parent: QObject | None = None,
                 *, resume_ms: int = 0, monotonic: Callable[[], float] = time.monotonic):
        super().__init__(lesson, media, parent)
        self.bar = TimedBar()
        self.controls = self.bar
        # A QMediaPlayer, or TrackPlayers (tracks.py) standing in for one when the lesson
        # has several recordings; imported when a player opens (QtMultimedia loads FFmpeg).
        self.player: QMediaPlayer | TrackPlayers | None = None
        self.track_switch: TrackSwitch | None = None
        self.repeat: RepeatAfterMe | None = None
        self.monotonic = monotonic  # the repeat-after-me countdown's clock
        self.lyrics_view: LyricsView | None = None
        self.cover_view: ScaledImage | None = None
        self.video_widget: QWidget | None = None
        self.subtitle_view: SubtitleView | None = None
        self._resume_ms = resume_ms
        self._resume_pending = False
        self._reached_end = False
        self._loop_a: int | None = None
        self._loop_b: int | None = None
        self._speed = 1.0
        self._last_position = 0
        bar = self.bar
        bar.back_button.clicked.connect(lambda: self.step(-1))
        bar.forward_button.clicked.connect(lambda: self.step(1))
        bar.play_button.clicked.connect(self.toggle_play)
        bar.speed_button.clicked.connect(self._cycle_speed)
        bar.loop_button.clicked.connect(self.mark_loop)
        bar.repeat_button.clicked.connect(self.repeat_sentence)
        bar.slider.sliderReleased.connect(lambda: self.seek(bar.slider.value()))
        bar.slider.sliderMoved.connect(bar.show_time)
        bar.slider.actionTriggered.connect(self._slider_action)

    # --- loading -----------------------------------------------------------------------
    def missing(self) -> list[Path]:
        if self.media.tracks and usable_tracks(self.media)[0]:
            return []  # one recording left is enough: the lesson plays on it
        return super().missing()

    def load(self) -> None:
        if not self.media.media or self.missing():
            self.failed.emit(", ".join(p.name[:12] for p in self.missing()))
            return
        player, source, unreadable = open_player(self.media, self)
        self.player = player
        self.view = self._video_page(player) if self.lesson.kind == "video" else self._audio_page()
        self.bar.repeat_button.setVisible(self._has_sentences())
        add_modes(self, player, unreadable)
        player.positionChanged.connect(self._on_position)
        player.durationChanged.connect(self._on_duration)
        player.playbackStateChanged.connect(self._on_state)
        player.mediaStatusChanged.connect(self._on_status)
        player.errorOccurred.connect(self._on_error)
        player.setSource(QUrl.fromLocalFile(str(source)))
        self._on_duration(int(self.lesson.duration * 1000))
        if resume_worth_it(self._resume_ms, int(self.lesson.duration * 1000)):
            self._resume_pending = True
            self.bar.note_label.setText(
                self.tr("Continuing where you stopped (%1). Home: from the start.").replace(
                    "%1", duration_label(self._resume_ms / 1000.0)
                )
            )

    def _video_page(self, player: Any) -> QWidget:
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
        return page

    def _audio_page(self) -> QWidget:
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
            self.lyrics_view.current_changed.connect(self.current_changed)
            row.addWidget(self.lyrics_view, 3)
        return page

    def _has_sentences(self) -> bool:
        return self.item_count() > 0

    def on_track(self, role: str) -> None:
        self.track_changed.emit(role)
        self.mode_changed.emit("sing-along", role == "accompaniment")

    def switch_track(self) -> None:
        if self.track_switch is not None:
            self.track_switch.switch()

    def toggle_repeat(self) -> None:
        if self.repeat is not None:
            self.repeat.toggle()

    def change_pause(self, step: int) -> None:
        if self.repeat is not None and self.repeat.on:
            self.repeat.change_pause(step)

    # --- playing -----------------------------------------------------------------------
    def begin(self) -> None:
        self.play()  # the teacher already pressed Play

    def play(self) -> None:
        if self.player is None:
            return
        if self._reached_end:
            self._reached_end = False
            self.player.setPosition(0)
        if self.repeat is not None:
            self.repeat.resumed()
        self.player.play()

    def pause(self) -> None:
        if self.player is not None:
            self.player.pause()

    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def is_playing(self) -> bool:
        if self.player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer

        return bool(self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)

    def position_ms(self) -> int:
        return self.player.position() if self.player is not None else 0

    def step(self, direction: int) -> None:
        if self.player is None or (self.repeat is not None and self.repeat.step(direction)):
            return
        target = max(0, self.player.position() + direction * SKIP_MS)
        duration = self.player.duration()
        if duration > 0:
            target = min(target, max(0, duration - 200))
        self.seek(target)

    def seek(self, position_ms: int) -> None:
        if self.player is None:
            return
        if self._reached_end:
            # The teacher picked a place after the end: Play continues from there.
            self._reached_end = False
            self.bar.show_playing(False, False)
        self.jumped.emit(self.player.position() / 1000.0, position_ms / 1000.0)
        self.player.setPosition(position_ms)
        if self.repeat is not None:
            self.repeat.seeked()

    def restart(self) -> None:
        self._resume_pending = False
        self.bar.note_label.clear()
        self.seek(0)

    def _slider_action(self, action: int) -> None:
        # Clicks on the groove (page steps) seek at once; dragging seeks on release.
        slider = self.bar.slider
        if action != QSlider.SliderAction.SliderMove.value and not slider.isSliderDown():
            QTimer.singleShot(0, lambda: self.seek(slider.value()))

    @property
    def speed(self) -> float:
        return self._speed

    def set_speed(self, rate: float) -> None:
        self._speed = max(0.5, min(1.5, rate))
        if self.player is not None:
            self.player.setPlaybackRate(self._speed)
        self.bar.show_speed(self._speed)

    def change_speed(self, step: int) -> None:
        self.set_speed(next_speed(self._speed, step))

    def _cycle_speed(self) -> None:
        faster = next_speed(self._speed, 1)
        self.set_speed(faster if faster != self._speed else 0.5)

    # --- A-B loop and repeat -------------------------------------------------------------
    @property
    def loop_range(self) -> tuple[int | None, int | None]:
        return self._loop_a, self._loop_b

    def mark_loop(self) -> None:
        """First press: A here. Second: B here, loop on. Third: loop off."""
        if self.player is None:
            return
        position = self.player.position()
        if self._loop_a is None:
            self._loop_a = position
        elif self._loop_b is None and position > self._loop_a + LOOP_MIN_MS:
            self._loop_b = position
            self.seek(self._loop_a)
        else:
            self.clear_loop()
            return
        self.bar.show_loop(self._loop_a, self._loop_b)

    def set_loop(self, a_ms: int, b_ms: int) -> None:
        self._loop_a, self._loop_b = a_ms, b_ms
        self.bar.show_loop(a_ms, b_ms)

    def clear_loop(self) -> None:
        self._loop_a = self._loop_b = None
        self.bar.show_loop(None, None)

    def repeat_sentence(self) -> None:
        """Back to the start of the subtitle cue or lyric line being played."""
        if self.player is None or (self.repeat is not None and self.repeat.pausing and self.repeat.step(-1)):
            return  # in a repeat-after-me pause: the line on screen, even if it stopped a bit late
        seconds = self.player.position() / 1000.0
        start: float | None = None
        if self.subtitle_view is not None and self.subtitle_view.cue_count():
            start = self.subtitle_view.sentence_start(seconds)
        elif self.lyrics_view is not None:
            start = self.lyrics_view.line_start(seconds)
        if start is not None:
            self.seek(int(start * 1000))
            if not self.is_playing():
                self.play()

    # --- where the lesson is -------------------------------------------------------------
    def current_index(self) -> int:
        if self.subtitle_view is not None and self.subtitle_view.cue_count():
            return self.subtitle_view.current_index
        return self.lyrics_view.current_index if self.lyrics_view is not None else -1

    def item_count(self) -> int:
        if self.subtitle_view is not None and self.subtitle_view.cue_count():
            return self.subtitle_view.cue_count()
        return self.lyrics_view.line_count() if self.lyrics_view is not None else 0

    def at_end(self) -> bool:
        return self._reached_end

    def duration_s(self) -> float:
        if self.player is not None and self.player.duration() > 0:
            return self.player.duration() / 1000.0
        return self.lesson.duration

    def resume_position_ms(self, position_ms: int) -> int | None:
        if self.player is None:
            return None
        duration = self.player.duration() or int(self.lesson.duration * 1000)
        worth = not self._reached_end and resume_worth_it(position_ms, duration)
        return position_ms if worth else 0

    # --- the media player's reports ------------------------------------------------------
    def _on_position(self, position_ms: int) -> None:
        if self._loop_b is not None and self._loop_a is not None and position_ms >= self._loop_b:
            self.seek(self._loop_a)
            return
        self._last_position = position_ms
        seconds = position_ms / 1000.0
        if self.repeat is not None:  # pauses at a line's end, and keeps that line on screen
            seconds = self.repeat.on_position(position_ms, self.is_playing())
        if not self.bar.slider.isSliderDown():
            self.bar.slider.setValue(position_ms)
            self.bar.show_time(position_ms)
        if self.lyrics_view is not None:
            self.lyrics_view.set_position(seconds)
        if self.subtitle_view is not None:
            before = self.subtitle_view.current_index
            self.subtitle_view.set_position(seconds)
            if self.subtitle_view.current_index != before:
                self.current_changed.emit(self.subtitle_view.current_index)

    def _on_duration(self, duration_ms: int) -> None:
        if duration_ms > 0:
            self.bar.slider.setRange(0, duration_ms)
            self.bar.show_time(self.bar.slider.value())
            self.duration_changed.emit(duration_ms / 1000.0)

    def _on_state(self, state: Any) -> None:
        playing = self.is_playing()
        position = self.position_ms() / 1000.0
        self.playing_changed.emit(playing, position if playing else max(position, self._last_position / 1000.0))
        self.bar.show_playing(playing, self._reached_end)

    def _on_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        loaded = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
        if status in loaded and self._resume_pending and self.player is not None:
            self._resume_pending = False
            self.player.setPosition(self._resume_ms)
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._reached_end = True
            self.ended.emit((self.player.duration() if self.player else 0) / 1000.0)
            self.bar.show_playing(False, True)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.failed.emit("")

    def _on_error(self, error: Any, message: str) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if error != QMediaPlayer.Error.NoError:
            log.warning("cannot play %s: %s (%s)", self.lesson.id, message, error)
            self.failed.emit(message)

    # --- stopping ----------------------------------------------------------------------
    def halt(self) -> float:
        position = self.position_ms()
        if self.repeat is not None:
            self.repeat.cancel()
        self.pause()  # not stop(): see release()
        return max(position, self._last_position) / 1000.0

    def release(self) -> None:
        if self.player is not None:
            # WORKAROUND (Qt 6.12 FFmpeg backend): stop() right after the media started
            # loading can deadlock the GUI thread; clearing the source stops playback
            # and lets go of the file as well.
            self.player.setSource(QUrl())

    def fit(self, width: int) -> None:
        self.bar.fit(width)
