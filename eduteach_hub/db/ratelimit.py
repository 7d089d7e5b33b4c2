"""Fixed-window request counting in the database: every worker counts into the same row.

hit() adds one request to the key's current window and says whether it is still within
the limit. Old windows are deleted now and then by the same call.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import Connection, delete, select

from . import upsert
from .schema import rate_windows
from .times import iso_ms


def window_start(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def hit(conn: Connection, key: str, now: datetime, limit: int, seconds: int = 60) -> tuple[bool, int]:
    """(allowed, seconds until the window ends)."""
    start = window_start(now, seconds)
    start_text = iso_ms(start)
    upsert.add_counts(
        conn, rate_windows, ("key", "window_start"),
        [{"key": key[:80], "window_start": start_text, "count": 1}], ("count",),
    )
    count = conn.execute(
        select(rate_windows.c.count).where(
            rate_windows.c.key == key[:80], rate_windows.c.window_start == start_text
        )
    ).scalar_one()
    if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
        conn.execute(delete(rate_windows).where(rate_windows.c.window_start < start_text))
    retry = max(1, int(seconds - (now - start).total_seconds()))
    return count <= limit, retry


def current(conn: Connection, key: str, now: datetime, seconds: int = 60) -> int:
    """Requests counted so far in the key's current window."""
    start_text = iso_ms(window_start(now, seconds))
    value = conn.execute(
        select(rate_windows.c.count).where(
            rate_windows.c.key == key[:80], rate_windows.c.window_start == start_text
        )
    ).scalar()
    return int(value or 0)


def seconds_left(now: datetime, seconds: int = 60) -> int:
    return max(1, int(seconds - (now - window_start(now, seconds)).total_seconds()))


def count(conn: Connection, key: str, now: datetime, seconds: int = 60) -> None:
    """Add one request to the key's window (inside the caller's transaction)."""
    upsert.add_counts(
        conn, rate_windows, ("key", "window_start"),
        [{"key": key[:80], "window_start": iso_ms(window_start(now, seconds)), "count": 1}], ("count",),
    )
