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
