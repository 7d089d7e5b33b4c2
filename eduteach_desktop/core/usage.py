"""How long a lesson really played, and the one usage record each play becomes.

The player reports what happens (playing, held, a jump, the end, a failure); this module
turns it into plays. A play runs from the first start to the end of the media or the
window's close, whichever comes first; played seconds are real time spent playing (a
monotonic clock), not media position, so a 10-second skip or a faster speed never counts as
class time. The parts of the timeline that really played are kept as segments (xAPI Video
Profile 'played-segments'). Kept free of Qt so the rules are tested without a window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .clock import Clock

COMPLETED_FRACTION = 0.9
# How a lesson was taught, as the record tells the county (docs/records.md): sung along with
# the accompaniment, repeated line by line, shown on a second screen with the teacher's notes.
MODES = ("sing-along", "repeat-after-me", "presenter")
# A file that could not be played for even a second was never a lesson in class.
FAILED_NOISE_S = 1.0


class PlayTime:
    """Seconds of real playback, from a monotonic clock: pauses, seeks and skips do not
    count as played (the position would say a 10-second skip is 10 seconds of class)."""

    def __init__(self, monotonic: Callable[[], float]):
        self._mono = monotonic
        self._total = 0.0
        self._since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    def run(self) -> None:
        if self._since is None:
            self._since = self._mono()

    def hold(self) -> None:
        if self._since is not None:
            self._total += max(0.0, self._mono() - self._since)
            self._since = None

    def seconds(self) -> float:
        extra = max(0.0, self._mono() - self._since) if self._since is not None else 0.0
        return self._total + extra


def is_completed(reached_end: bool, seconds_played: float, duration: float) -> bool:
    """Reached the end, or played at least 90 % of the lesson's length."""
    return reached_end or (duration > 0 and seconds_played >= COMPLETED_FRACTION * duration)


class Segments:
    """The parts of the media timeline that really played, in seconds: [(start, end), …].
    A seek or an A-B loop jump closes one segment and opens the next."""

    def __init__(self) -> None:
        self._spans: list[tuple[float, float]] = []
        self._start: float | None = None

    @property
    def running(self) -> bool:
        return self._start is not None

    def start(self, position: float) -> None:
        if self._start is None:
            self._start = max(0.0, position)

    def stop(self, position: float) -> None:
        if self._start is not None:
            if position > self._start + 0.05:
                self._spans.append((round(self._start, 3), round(position, 3)))
            self._start = None

    def jump(self, from_position: float, to_position: float) -> None:
        if self._start is not None:
            self.stop(from_position)
            self.start(to_position)

    def spans(self) -> list[tuple[float, float]]:
        return list(self._spans)


@dataclass(frozen=True)
class PlayRecord:
    """What `UsageRecorder.record_play` is given for one play."""

    started_at: datetime
    seconds_played: float
    completed: bool
    segments: list[tuple[float, float]]
    # The ways the lesson was taught during this play (MODES) and the recordings that
    # really played (catalog track roles), each sorted; empty for a plain play.
    modes: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()


class _Play:
    def __init__(self, clock: Clock):
        self.started_at = clock.now()
        self.time = PlayTime(clock.monotonic)
        self.segments = Segments()
        self.reached_end = False
        self.modes: set[str] = set()
        self.tracks: set[str] = set()


class UsageAccount:
    """The plays of one lesson in one player window. `duration` (seconds) decides
    completion by time; 0 means only reaching the end counts (pictures, PDF pages)."""

    def __init__(self, clock: Clock, duration: float = 0.0):
        self._clock = clock
        self.duration = duration
        self._play: _Play | None = None
        self._failed = False
        self.records_taken = 0
        self._pending_modes: set[str] = set()
        self._track: str | None = None

    def set_duration(self, seconds: float) -> None:
        """The file's own length, once known, replaces the catalog's figure."""
        self.duration = seconds

    @property
    def has_play(self) -> bool:
        """A play is open (started and not yet turned into a record)."""
        return self._play is not None

    @property
    def ever_started(self) -> bool:
        return self._play is not None or self.records_taken > 0

    def seconds(self) -> float:
        return self._play.time.seconds() if self._play is not None else 0.0

    def start(self, position: float = 0.0) -> None:
        """Playback runs from `position` (s); the first start after a record opens a new play."""
        if self._play is None:
            self._play = _Play(self._clock)
            self._play.modes.update(self._pending_modes)
            if self._track is not None:
                self._play.tracks.add(self._track)
        self._play.time.run()
        self._play.segments.start(position)

    def hold(self, position: float) -> None:
        """Paused, stopped or closing with the media at `position` (s)."""
        if self._play is not None:
            self._play.time.hold()
            self._play.segments.stop(position)

    def jump(self, from_position: float, to_position: float) -> None:
        """A seek, skip, repeat or A-B loop jump: one played segment ends, the next begins."""
        if self._play is not None:
            self._play.segments.jump(from_position, to_position)

    def use_mode(self, mode: str) -> None:
        """The lesson is being taught in `mode` (one of MODES) while it plays; noted on the
        open play, or on the next one to start."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self._pending_modes.add(mode)
        if self._play is not None:
            self._play.modes.add(mode)

    def end_mode(self, mode: str) -> None:
        """`mode` was turned off: later plays no longer carry it (this one keeps it)."""
        self._pending_modes.discard(mode)

    def use_track(self, role: str) -> None:
        """The recording `role` (a catalog track role) is the one being heard."""
        self._track = role
        if self._play is not None:
            self._play.tracks.add(role)

    def reach_end(self) -> None:
        """The end was reached (the media's end, or the last page was shown)."""
        if self._play is not None:
            self._play.reached_end = True

    def fail(self) -> None:
        """The file turned out unplayable: time stops counting."""
        self._failed = True
        if self._play is not None:
            self._play.time.hold()

    def take(self) -> PlayRecord | None:
        """The open play as a record, once (None when nothing worth recording played)."""
        play = self._play
        if play is None:
            return None
        seconds = play.time.seconds()
        if self._failed and seconds < FAILED_NOISE_S:
            return None  # the file never played: there is no lesson to record
        self._play = None
        self.records_taken += 1
        return PlayRecord(
            started_at=play.started_at,
            seconds_played=seconds,
            completed=is_completed(play.reached_end, seconds, self.duration),
            segments=play.segments.spans(),
            modes=tuple(sorted(play.modes)),
            tracks=tuple(sorted(play.tracks)),
        )
