"""Background work for the GUI: one writer thread for the store, a small pool for the rest.

Why one writer: SQLite has one writer at a time anyway, and running every store write on
the same thread gives them a simple order (a usage record saved before the app closes is
committed before the database is). Network and slow reads go to a separate small pool, so
a stalled download never delays saving a record.

Results come back to the GUI thread through a queued signal: callbacks run on the GUI
thread and may touch widgets; work functions run on a worker and must not.

The thread rule (docs/architecture.md): the store may be used from any worker, one
statement or transaction at a time under the connection's lock; what the teacher's actions
save goes through the write worker so it keeps its order and is finished before the app
closes; sync, upload and enrollment write from the network pool, through the same lock.
The GUI thread never uses the database (store/db.py checks it in debug mode).

Shutting down: signals keep arriving for a moment after shutdown() (a selection change
while the window is torn down, a download finishing). Reads and network work asked for
then are dropped quietly (a cancelled future) and results of the pool's work are no longer
delivered; a write asked for then still raises, since it would be lost data.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
Callbacks = tuple[DoneCallback | None, ErrorCallback | None, bool]  # on_done, on_error, write?


class TaskRunner(QObject):
    """Runs work off the GUI thread and hands results back to it."""

    # An error that no caller handled: the app shows it to the teacher.
    task_failed = Signal(object)
    # Internal: a finished future, queued to the GUI thread (its callbacks stay there).
    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None, pool_workers: int = 3):
        super().__init__(parent)
        self._write = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eduteach-write")
        self._pool = ThreadPoolExecutor(
            max_workers=pool_workers, thread_name_prefix="eduteach-pool"
        )
        self._lock = threading.Lock()
        self._pending = 0
        self._closed = False
        # The callbacks are bound methods and lambdas of windows. Only the GUI thread may
        # hold them: a worker dropping the last reference to a window (the test or the app
        # let go of it meanwhile) would finalize a Python-owned QWidget on that thread, and
        # Shiboken then deletes it later from a pending call on the GUI thread, at whatever
        # bytecode happens to run (a segfault in an unrelated slot).
        self._callbacks: dict[Future[Any], Callbacks] = {}
        self._latest: dict[tuple[int, str], int] = {}  # run_latest: the newest ticket per view
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # --- submitting ----------------------------------------------------------------------
    def run_write(
        self,
        fn: Callable[[], Any],
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> Future[Any]:
        """Everything that writes the store goes here, one at a time, in submission order."""
        return self._submit(self._write, fn, on_done, on_error, write=True)

    def run_network(
        self,
        fn: Callable[[], Any],
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> Future[Any]:
        """Network transfers (sync, upload, enrollment); they may write what they fetched
        (each write a transaction under the connection lock)."""
        return self._submit(self._pool, fn, on_done, on_error)

    def run_read(
        self,
        fn: Callable[[], Any],
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> Future[Any]:
        """Slow reads (library listing, file checks) that would stall the GUI thread."""
        return self._submit(self._pool, fn, on_done, on_error)

    def run_latest(
        self,
        owner: object,
        name: str,
        fn: Callable[[], Any],
        on_done: DoneCallback,
        on_error: ErrorCallback | None = None,
    ) -> Future[Any]:
        """A read whose answer replaces the view's earlier one (a page's refresh). Reads run
        on a pool, so on a busy PC an older read can answer after a newer one: its answer
        (the timetable before an edit, the lesson selected before) is then dropped, and only
        the newest read asked for by `owner` under `name` reaches `on_done`."""
        key = (id(owner), name)
        with self._lock:
            ticket = self._latest.get(key, 0) + 1
            self._latest[key] = ticket

        def newest_only(result: Any) -> None:
            with self._lock:
                newest = self._latest.get(key) == ticket
            if newest:
                on_done(result)

        return self.run_read(fn, newest_only, on_error)

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        fn: Callable[[], Any],
        on_done: DoneCallback | None,
        on_error: ErrorCallback | None,
        write: bool = False,
    ) -> Future[Any]:
        with self._lock:
            if self._closed:
                if write:
                    raise RuntimeError("TaskRunner is shut down")
                log.debug("dropped work asked for after shutdown: %r", fn)
                dropped: Future[Any] = Future()
                dropped.cancel()
                return dropped
            self._pending += 1
            future = executor.submit(fn)
            self._callbacks[future] = (on_done, on_error, write)
        future.add_done_callback(self._finished.emit)
        return future

    # --- delivering (GUI thread) ---------------------------------------------------------
    @Slot(object)
    def _deliver(self, future: Future[Any]) -> None:
        with self._lock:
            self._pending -= 1
            closed = self._closed
            on_done, on_error, write = self._callbacks.pop(future)
        if future.cancelled():
            return
        if closed and not write:
            # The windows these results were for are closing; a record's write still
            # reports back (its callback tells the player the record is safe).
            if future.exception() is not None:
                log.info("background task failed during shutdown", exc_info=future.exception())
            return
        exc = future.exception()
        try:
            if exc is None:
                if on_done is not None:
                    on_done(future.result())
                return
            log.error("background task failed", exc_info=exc)
            if on_error is not None:
                on_error(exc)
            else:
                self.task_failed.emit(exc)
        except Exception as callback_exc:  # a bug in a callback must still reach the teacher
            log.exception("task callback failed")
            self.task_failed.emit(callback_exc)

    @property
    def closed(self) -> bool:
        """Shut down: callbacks that would start more work should stop here."""
        with self._lock:
            return self._closed

    def pending(self) -> int:
        """Tasks submitted whose callbacks have not run yet (for tests and shutdown)."""
        with self._lock:
            return self._pending

    # --- shutting down -------------------------------------------------------------------
    def shutdown(self, wait: bool = True) -> None:
        """Stop taking work; finish queued writes (records must be saved), drop the rest."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=True)
        self._write.shutdown(wait=wait, cancel_futures=False)
