"""Plain helpers for the player: where a lesson's files are, speeds, resuming.

How long a lesson really played is `eduteach_desktop.core.usage` (no Qt)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eduteach_protocol.catalog import Lesson


@dataclass(frozen=True)
class LessonMedia:
    """Blob paths of one lesson's files, by role. Blobs are named by hash, no extension:
    QMediaPlayer's FFmpeg backend and QImageReader both recognise files by content."""

    media: tuple[Path, ...]
    lyrics: Path | None = None
    subtitles: Path | None = None
    cover: Path | None = None
    # Several recordings of one song or text, by track role (demo 范唱, accompaniment 伴奏,
    # speech), in the catalog's order; empty for a lesson with one recording.
    tracks: tuple[tuple[str, Path], ...] = ()
    # The teacher's notes file (eduteach_protocol.notes), shown only on the teacher's screen.
    notes: Path | None = None

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
            tracks=tuple((f.track, blob_path(f.sha256)) for f in lesson.tracks() if f.track),
            notes=first("notes"),
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
