"""Immutable progress snapshots. The engine publishes; the CLI and the UI only read."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class SyncProgress:
    phase: str = "idle"  # idle, metadata, downloading, activating, done, failed, cancelled
    items_done: int = 0
    items_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    rate: float = 0.0  # bytes per second over the last few seconds
    eta: float | None = None  # seconds
    lesson_id: str = ""
    lesson_title: str = ""
    message: str = ""
    # Bytes received this run by source: (label, kind "wan"/"lan"/"local", bytes), in the
    # order the sources were first used: the sync panel shows where the bytes came from.
    by_source: tuple[tuple[str, str, int], ...] = ()


class ProgressBoard:
    """Thread-safe holder of the latest snapshot, with a rate estimate over a short window."""

    def __init__(self, clock_monotonic: Callable[[], float], listener: Callable[[SyncProgress], None] | None = None):
        self._mono = clock_monotonic
        self._lock = threading.Lock()
        self._snap = SyncProgress()
        self._samples: deque[tuple[float, int]] = deque(maxlen=64)
        self._listener = listener

    def latest(self) -> SyncProgress:
        with self._lock:
            return self._snap

    def update(self, **changes: object) -> SyncProgress:
        with self._lock:
            snap = replace(self._snap, **changes)  # type: ignore[arg-type]
            if "bytes_done" in changes:
                now = self._mono()
                self._samples.append((now, snap.bytes_done))
                while len(self._samples) > 2 and now - self._samples[0][0] > 10:
                    self._samples.popleft()
                t0, b0 = self._samples[0]
                rate = (snap.bytes_done - b0) / (now - t0) if now > t0 else snap.rate
                left = max(0, snap.bytes_total - snap.bytes_done)
                snap = replace(snap, rate=rate, eta=(left / rate) if rate > 0 else None)
            self._snap = snap
        if self._listener:
            self._listener(snap)
        return snap
