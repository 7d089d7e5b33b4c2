"""TaskRunner: writes on one worker in order, results back on the GUI thread, errors
reach someone (a callback or the task_failed signal), shutdown finishes queued writes."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from eduteach_desktop.ui.tasks import TaskRunner


def test_writes_run_on_one_worker_in_order_and_results_come_back_on_the_gui_thread(qtbot, runner):
    gui = threading.get_ident()
    seen: list[tuple[int, int]] = []
    delivered: list[tuple[int, int]] = []

    def work(i: int):  # noqa: ANN202
        def run() -> int:
            seen.append((i, threading.get_ident()))
            return i

        return run

    for i in range(5):
        runner.run_write(work(i), on_done=lambda v: delivered.append((v, threading.get_ident())))
    qtbot.waitUntil(lambda: len(delivered) == 5, timeout=5000)
    assert [i for i, _ in seen] == [0, 1, 2, 3, 4]
    assert len({t for _, t in seen}) == 1 and seen[0][1] != gui
    assert delivered == [(i, gui) for i in range(5)]
    assert runner.pending() == 0


def test_network_work_does_not_wait_for_writes(qtbot, runner):
    release = threading.Event()
    done: list[str] = []
    runner.run_write(lambda: release.wait(5), on_done=lambda _: done.append("write"))
    runner.run_network(lambda: "net", on_done=done.append)
    qtbot.waitUntil(lambda: done == ["net"], timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: done == ["net", "write"], timeout=5000)


def test_errors_go_to_on_error_on_the_gui_thread(qtbot, runner):
    errors: list[tuple[BaseException, int]] = []

    def boom() -> None:
        raise ValueError("disk on fire")

    runner.run_write(boom, on_error=lambda exc: errors.append((exc, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0][0], ValueError) and errors[0][1] == threading.get_ident()


def test_unhandled_errors_are_signalled_never_silent(qtbot, runner):
    def boom() -> None:
        raise OSError(28, "No space left on device")

    with qtbot.waitSignal(runner.task_failed, timeout=5000) as failed:
        runner.run_read(boom)
    assert isinstance(failed.args[0], OSError)
    with qtbot.waitSignal(runner.task_failed, timeout=5000) as failed:
        runner.run_write(lambda: 1, on_done=lambda _: 1 / 0)  # a bug in a callback
    assert isinstance(failed.args[0], ZeroDivisionError)


def test_shutdown_finishes_queued_writes_and_refuses_new_work(qapp: QApplication):
    runner = TaskRunner()
    gate = threading.Event()
    written: list[int] = []
    runner.run_write(lambda: gate.wait(5))
    for i in range(3):
        runner.run_write(lambda i=i: written.append(i))
    gate.set()
    runner.shutdown(wait=True)
    assert written == [0, 1, 2]
    with pytest.raises(RuntimeError):  # a write asked for now would be lost: say so
        runner.run_write(lambda: None)
    ran: list[str] = []
    # a late signal's read or download is dropped quietly, its callbacks never run
    assert runner.run_read(lambda: ran.append("read"), lambda _: ran.append("done")).cancelled()
    assert runner.run_network(lambda: ran.append("net")).cancelled()
    QApplication.processEvents()
    assert ran == []


class _Finalized:
    """A callback that records on which thread its last reference went (a window's bound
    method stands behind it in the app: finalizing a Python-owned QWidget off the GUI
    thread makes Shiboken delete it later from a pending call, a segfault)."""

    def __init__(self, threads: list[int]):
        self.threads = threads

    def __call__(self, result: object) -> None:
        pass

    def __del__(self) -> None:
        self.threads.append(threading.get_ident())


def test_a_worker_never_holds_the_last_reference_to_a_callback(qtbot, runner):
    gui = threading.get_ident()
    released_on: list[int] = []
    go, gate = threading.Event(), threading.Event()
    future = runner.run_read(lambda: go.wait(5), _Finalized(released_on))
    # Keeps the worker inside this work item until the GUI side has delivered and let go.
    future.add_done_callback(lambda _: gate.wait(5))
    del future
    go.set()
    qtbot.waitUntil(lambda: runner.pending() == 0, timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: bool(released_on), timeout=5000)
    assert released_on == [gui]


def test_a_views_older_read_answering_last_is_dropped_and_other_views_keep_theirs(qtbot, runner):
    page, other = object(), object()
    held = threading.Event()
    shown: list[tuple[str, str]] = []
    runner.run_latest(page, "refresh", lambda: held.wait(5) and "old", lambda v: shown.append(("page", v)))
    runner.run_latest(page, "refresh", lambda: "new", lambda v: shown.append(("page", v)))
    runner.run_latest(other, "refresh", lambda: "other", lambda v: shown.append(("other", v)))
    runner.run_latest(page, "card", lambda: "card", lambda v: shown.append(("page", v)))
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=5000)
    held.set()  # the older read of the page's refresh answers last
    qtbot.waitUntil(lambda: runner.pending() == 0, timeout=5000)
    assert sorted(shown) == [("other", "other"), ("page", "card"), ("page", "new")]
