"""Transfer policy: a bandwidth cap, schedule windows, backoff. Plain Python, clock injected."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

from eduteach_desktop.core.clock import Clock

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
# A server may ask us to wait longer than our own cap, but not for more than an hour.
MAX_RETRY_AFTER = 3600.0


class RateLimiter:
    """Token bucket. Over any window of W seconds at most rate*W + burst bytes pass, so the
    cap holds over a 30 s window to within burst/(30*rate) (1 % with the default burst)."""

    def __init__(self, rate_bytes_per_s: float | None, clock: Clock,
                 sleep: Callable[[float], None] | None = None, burst_seconds: float = 0.3):
        self.rate = rate_bytes_per_s if rate_bytes_per_s and rate_bytes_per_s > 0 else None
        self.clock = clock
        self._sleep = sleep or (lambda s: threading.Event().wait(s))
        self.burst = (self.rate or 0) * burst_seconds
        self._tokens = self.burst
        self._last = clock.monotonic()
        self._lock = threading.Lock()

    def consume(self, nbytes: int) -> float:
        """Account for nbytes just received; sleep as long as needed. Returns seconds slept."""
        with self._lock:
            if self.rate is None:
                return 0.0
            now = self.clock.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= nbytes
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait > 0:
            self._sleep(wait)
        return wait


@dataclass(frozen=True)
class Window:
    """A daily window in local time; start > end means it crosses midnight (18:00–07:00)."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> Window:
        try:
            a, b = text.replace("–", "-").split("-")
            return cls(time.fromisoformat(a.strip()), time.fromisoformat(b.strip()))
        except ValueError as exc:
            raise ValueError(f"a window looks like 18:00-07:00, not {text!r}") from exc

    def contains(self, t: time) -> bool:
        if self.start == self.end:
            return True
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


class Schedule:
    """When transfers may move bytes. No windows: always."""

    def __init__(self, windows: list[Window], clock: Clock, tz: tzinfo = CHINA_TZ):
        self.windows = windows
        self.clock = clock
        self.tz = tz

    def _local(self, when: datetime | None = None) -> datetime:
        return (when or self.clock.now()).astimezone(self.tz)

    def is_open(self, when: datetime | None = None) -> bool:
        if not self.windows:
            return True
        t = self._local(when).time()
        return any(w.contains(t) for w in self.windows)

    def seconds_until_open(self, when: datetime | None = None) -> float:
        """0 when open now; else seconds until the next window opens (minute resolution)."""
        now = self._local(when)
        if self.is_open(now):
            return 0.0
        best = None
        for w in self.windows:
            candidate = now.replace(hour=w.start.hour, minute=w.start.minute, second=0, microsecond=0)
            if candidate <= now:
                candidate += timedelta(days=1)
            delta = (candidate - now).total_seconds()
            best = delta if best is None else min(best, delta)
        return best or 0.0

    def seconds_until_close(self, when: datetime | None = None) -> float | None:
        """Seconds the current window stays open; None when there are no windows."""
        if not self.windows:
            return None
        now = self._local(when)
        best = None
        for w in self.windows:
            if not w.contains(now.time()):
                continue
            end = now.replace(hour=w.end.hour, minute=w.end.minute, second=0, microsecond=0)
            if end <= now:
                end += timedelta(days=1)
            delta = (end - now).total_seconds()
            best = delta if best is None else max(best, delta)
        return best if best is not None else 0.0


class Backoff:
    """Exponential backoff with full jitter; honours Retry-After; reset when the link is back."""

    def __init__(self, base: float = 2.0, cap: float = 900.0, rng: random.Random | None = None):
        self.base = base
        self.cap = cap
        self.failures = 0
        self.rng = rng or random.Random()

    def next_delay(self, retry_after: str | float | None = None, now: datetime | None = None) -> float:
        self.failures += 1
        ceiling = min(self.cap, self.base * (2 ** (self.failures - 1)))
        delay = self.rng.uniform(ceiling / 2, ceiling)
        server = parse_retry_after(retry_after, now)
        if server is not None:
            delay = max(delay, min(server, MAX_RETRY_AFTER))
        return delay

    def reset(self) -> None:
        self.failures = 0


def parse_retry_after(value: str | float | None, now: datetime | None = None) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return max(0.0, float(value))
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if now is None or when is None:
        return None
    return max(0.0, (when - now).total_seconds())
