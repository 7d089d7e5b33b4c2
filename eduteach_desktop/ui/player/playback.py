"""The playback protocol: what the player window asks of a lesson, whatever its kind.

Two implementations: `TimedPlayback` (audio and video on a QMediaPlayer, with lyrics or
subtitles following, A-B loop, speed) and `PagedPlayback` (picture slides and PDF pages,
with an optional slideshow timer). The window holds one and never asks which it is: keys,
buttons and the usage record go through this interface. Actions a kind has no use for
(an A-B loop on pictures, a slideshow timer on a song) do nothing, as before the split.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from eduteach_desktop.core.usage import UsageAccount
from eduteach_protocol.catalog import Lesson

from .media import LessonMedia, readable


class Playback(QObject):
    """One lesson's content and its controls. Positions are in milliseconds (Qt's unit)
    except in the signals meant for the usage account, which speak seconds."""

    playing_changed = Signal(bool, float)  # playing?, position (s): the account starts/holds
    jumped = Signal(float, float)  # from, to (s): a seek closes one played segment
    ended = Signal(float)  # the media played to its end (s): this play is over
    duration_changed = Signal(float)  # seconds, once the file says
    current_changed = Signal(int)  # the line, cue or page now shown (-1: none)
    failed = Signal(str)  # the file cannot be played: a detail for the technician
    mode_changed = Signal(str, bool)  # a classroom mode (core.usage.MODES) on or off
    track_changed = Signal(str)  # the recording now heard (a catalog track role)

    kind = ""  # "timed" or "paged": for tests and logs, never for the window to branch on
    # Slide programs take Space, Down, Return … as "next"; a song keeps Space for play/pause.
    takes_slide_keys = False

    def __init__(self, lesson: Lesson, media: LessonMedia, parent: QObject | None = None):
        super().__init__(parent)
        self.lesson = lesson
        self.media = media
        self.view: QWidget = QWidget()  # the lesson itself, in the window's page stack
        self.controls: QWidget = QWidget()  # the bar under it

    def report_modes(self, usage: UsageAccount) -> None:
        """Classroom modes turned on or off and the recording heard reach the usage record."""
        self.mode_changed.connect(lambda mode, on: usage.use_mode(mode) if on else usage.end_mode(mode))
        self.track_changed.connect(usage.use_track)

    # --- loading -----------------------------------------------------------------------
    def missing(self) -> list[Path]:
        """Media files that cannot be read; the kind decides which absence is fatal."""
        return [p for p in self.media.media if not readable(p)]

    def load(self) -> None:
        """Build the view and controls and open the files; problems come as `failed`."""
        raise NotImplementedError

    def begin(self) -> None:
        """The window is shown for the first time: start (the teacher already pressed Play)."""

    # --- playing -----------------------------------------------------------------------
    def is_playing(self) -> bool:
        return False

    def toggle_play(self) -> None:
        """Space: play or pause."""

    def position_ms(self) -> int:
        return 0

    def seek(self, position_ms: int) -> None:
        """Go to a place in the lesson."""

    def step(self, direction: int) -> None:
        """Clicker next/previous: the next page, or ±10 seconds."""

    def restart(self) -> None:
        """Home: from the beginning."""

    @property
    def speed(self) -> float:
        return 1.0

    def set_speed(self, rate: float) -> None:
        """Faster or slower, within 0.5–1.5×."""

    def change_speed(self, step: int) -> None:
        """+ and − keys: one step faster (1) or slower (-1)."""

    def mark_loop(self) -> None:
        """A key: A here, then B here (loop on), then loop off."""

    def repeat_sentence(self) -> None:
        """R key: back to the start of the line or cue being played."""

    def cycle_timer(self) -> None:
        """T key on slides: the slideshow timer's next setting."""

    def switch_track(self) -> None:
        """T key on a song: the next recording (范唱 ↔ 伴奏) from the same place."""

    def toggle_repeat(self) -> None:
        """G key: repeat-after-me (跟读) on or off."""

    def change_pause(self, step: int) -> None:
        """[ and ] keys: in repeat-after-me, a shorter (-1) or longer (1) pause."""

    # --- where the lesson is -------------------------------------------------------------
    def current_index(self) -> int:
        """The lyric line, subtitle cue, picture or page now shown (-1: none)."""
        return -1

    def item_count(self) -> int:
        return 0

    def at_end(self) -> bool:
        """The lesson was seen to its end (the last page, or the media's end)."""
        return False

    def duration_s(self) -> float:
        """Seconds a play must last to count as complete by time; 0: only the end counts."""
        return 0.0

    def resume_position_ms(self, position_ms: int) -> int | None:
        """Where to continue next time (0: from the start); None: nothing to remember."""
        return None

    # --- stopping ----------------------------------------------------------------------
    def halt(self) -> float:
        """Stop everything moving (closing, or the file failed); the position in seconds
        where the last played segment ends."""
        return 0.0

    def release(self) -> None:
        """Let go of the files (Windows cannot replace a file that is open)."""

    def fit(self, width: int) -> None:
        """The window is `width` px wide: the controls shrink to icons if they must."""

    def set_paused_by_blank(self, blank: bool) -> None:
        """The screen is blanked (B) or back: a slideshow timer waits meanwhile."""
