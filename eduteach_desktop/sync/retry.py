"""How long one sync run may wait, in total, for sources that fail transiently."""

from __future__ import annotations

import threading
from collections.abc import Callable

from eduteach_protocol.cli_i18n import L_

from .downloader import Cancelled
from .progress import ProgressBoard
from .report import SyncReport
from .sources import Source


class RetryBudget:
    """The waits between retries of all blobs and sources of one run, together: a dead
    server costs minutes, not hours. Waiting is cancellable (a pause never waits it out)."""

    def __init__(self, budget: float, sleep: Callable[[float], object], cancel: threading.Event,
                 progress: ProgressBoard):
        self.budget = budget
        self.sleep = sleep
        self.cancel = cancel
        self.progress = progress
        self.waited = 0.0

    def wait(self, delay: float, exc: Exception, source: Source, report: SyncReport, kind: str) -> bool:
        """Sleep before a retry if the budget allows it; else report and say no."""
        if self.waited + delay > self.budget:
            report.add(
                "retry_budget",
                L_("gave up: this sync has waited {waited} for failing sources and would wait {delay} more (its budget is {budget}); last error: {exc}", waited=duration(self.waited), delay=duration(delay), budget=duration(self.budget), exc=exc),
                source.label, kind,
            )
            return False
        self.waited += delay
        self.progress.update(message=f"retrying in {delay:.0f} s: {exc}")
        self.sleep(delay)
        if self.cancel.is_set():
            raise Cancelled("cancelled")
        return True


def duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
