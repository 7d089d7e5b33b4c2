"""Plain helpers for the player: where a lesson's files are, and how long it really played."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eduteach_protocol.catalog import Lesson

COMPLETED_FRACTION = 0.9


@dataclass(frozen=True)
class LessonMedia:
    """Blob paths of one lesson's files, by role. Blobs are named by hash, no extension:
    QMediaPlayer's FFmpeg backend and QImageReader both recognise files by content."""

    media: tuple[Path, ...]
    lyrics: Path | None = None
    subtitles: Path | None = None
    cover: Path | None = None

    @classmethod
    def for_lesson(cls, lesson: Lesson, blob_path: Callable[[str], Path]) -> LessonMedia:
        def first(role: str) -> Path | None:
            found = lesson.first_file(role)
            return blob_path(found.sha256) if found else None

        return cls(
            media=tuple(blob_path(f.sha256) for f in lesson.files_with_role("media")),
            lyrics=first("lyrics"),
            subtitles=first("subtitles"),
            cover=first("cover"),
        )

    def missing_media(self) -> list[Path]:
        return [p for p in self.media if not readable(p)]


def readable(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        return path.is_file() and os.access(path, os.R_OK)
    except OSError:
        return False


def read_small(path: Path | None, limit: int = 2 * 1024 * 1024) -> bytes | None:
    """Read a lyrics/subtitle file; None (not an exception) when it cannot be read."""
    if not readable(path):
        return None
    try:
        with open(path, "rb") as fh:  # type: ignore[arg-type]
            return fh.read(limit)
    except OSError:
        return None


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
    A seek or an A-B loop jump closes one segment and opens the next (xAPI Video Profile
    'played-segments')."""

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


SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5)


def next_speed(current: float, step: int) -> float:
    """The next speed up (step=1) or down (-1), staying within 0.5–1.5×."""
    nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - current))
    return SPEEDS[max(0, min(len(SPEEDS) - 1, nearest + step))]


def resume_worth_it(position_ms: int, duration_ms: int) -> bool:
    """Resume only from a real place: not the first seconds, not the last ones."""
    if position_ms < 3000:
        return False
    return duration_ms <= 0 or position_ms < duration_ms - 5000
