"""Work that follows the lessons (the app-update check, update/fetch.py) runs beside them.

Its first step is a few small signed-metadata reads: round trips that on a satellite link
cost more than a second of idle link after the last lesson byte. They go out at once,
beside the lessons' transfer. Anything bigger (the update package itself) waits until the
lessons are done, so this week's lessons never share the link with an app update.
docs/sync.md, "Keeping the link full".
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from eduteach_desktop.core.errors import SourceUnavailableError
from eduteach_protocol.cli_i18n import L_

from .downloader import Cancelled
from .report import SyncReport
from .sources import RangeResponse, Source

if TYPE_CHECKING:
    from .engine import SyncEngine


class LessonsFirst(Source):
    """A source whose small reads (signed metadata) pass at once and whose downloads wait
    until the lessons are done; if the lessons stop (pause, quit, outside the window), the
    waiting download is cancelled; if the connection became metered meanwhile, a download
    from the county link is refused (PCs nearby and folders are not affected)."""

    def __init__(self, inner: Source, lessons_done: threading.Event, stopped: threading.Event,
                 wan_paused: Callable[[], bool] = lambda: False):
        self.inner = inner
        self._wan_paused = wan_paused
        self.label = inner.label
        self.kind = inner.kind
        self.retry_transient = inner.retry_transient
        self._done = lessons_done
        self._stopped = stopped

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def read_small(self, relpath: str, max_length: int) -> bytes:
        return self.inner.read_small(relpath, max_length)

    def open_range(self, relpath: str, offset: int, length: int, validator: str | None) -> RangeResponse:
        while not self._done.wait(0.2):
            if self._stopped.is_set():
                raise Cancelled("the lessons stopped; the app update waits for the next sync")
        if self._stopped.is_set():
            raise Cancelled("the lessons stopped; the app update waits for the next sync")
        if self.kind == "wan" and self._wan_paused():
            # Metered since the check began (mobile data): no package over the county link.
            raise SourceUnavailableError(L_("the connection is metered (mobile data); the app update waits for a "
                                            "normal network"))
        return self.inner.open_range(relpath, offset, length, validator)


class Beside:
    """Runs `after_lessons(engine, report)` on its own thread while the lessons transfer."""

    def __init__(self, engine: SyncEngine, report: SyncReport,
                 after_lessons: Callable[[SyncEngine, SyncReport], None]):
        self.lessons_done = threading.Event()
        self.stopped = threading.Event()
        view = copy.copy(engine)
        view.sources = [LessonsFirst(s, self.lessons_done, self.stopped, engine.wan_paused)
                        for s in engine.sources]
        # Its own report, seeded with what the metadata phase found (it skips the sources
        # refused there); its problems join the run's report once it is done.
        self._report = SyncReport(problems=list(report.problems))
        self._seen = len(report.problems)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(after_lessons, view), name="sync-after-lessons",
                                        daemon=True)
        self._thread.start()

    def _run(self, after_lessons: Callable[[SyncEngine, SyncReport], None], view: SyncEngine) -> None:
        try:
            after_lessons(view, self._report)
        except BaseException as exc:  # noqa: BLE001 - handed to the sync's thread in finish()
            self._error = exc

    def finish(self, report: SyncReport) -> None:
        """The lessons are done: let the downloads go, wait for the work, take its problems
        and raise what it raised (Cancelled, OutsideWindow stop the run as before)."""
        self.lessons_done.set()
        self._thread.join()
        report.problems.extend(self._report.problems[self._seen:])
        if self._error is not None:
            raise self._error

    def abandon(self) -> None:
        """The lessons stopped: a download waiting for them is cancelled. Not waited for (a
        pause is immediate); the next run waits for it before it starts (wait())."""
        self.stopped.set()
        self.lessons_done.set()

    def wait(self) -> None:
        self._thread.join()
