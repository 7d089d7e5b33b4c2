"""Time, injected. Core code never calls datetime.now() itself, so tests can set any date."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware UTC wall-clock time (may be wrong: school PCs lose their CMOS battery)."""
        ...

    def monotonic(self) -> float:
        """Seconds that only go forward; for durations and rate limits."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime | None = None):
        self._now = start or datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def set(self, when: datetime) -> None:
        self._now = when


def iso_utc(when: datetime) -> str:
    """ISO 8601 with 'Z', millisecond precision: the form records carry."""
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
