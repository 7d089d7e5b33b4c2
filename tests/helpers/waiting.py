"""Waiting for a condition outside Qt (qtbot.waitUntil's equivalent): poll briefly, fail
with a message at the deadline. A test waits for what it needs, never for a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_until(condition: Callable[[], object], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.01)  # a poll interval, not a wait for the event itself
