"""The thread rule (docs/architecture.md, "Threads"): any worker may use the database,
serialised by its connection lock; the GUI's code never does so on the GUI thread, so a
worker holding the connection (a 100,000-lesson catalog arriving) never freezes the window."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from eduteach_desktop.services import Services
from eduteach_desktop.store.db import WrongThreadError
from eduteach_protocol.catalog import Catalog, Lesson, LessonFile
from eduteach_protocol.subjects import SUBJECTS

LESSONS = 100_000
# Far above a frame (16 ms) and the 20 ms tick, far below "the window froze": a busy
# 2-core machine stretches gaps, but a GUI thread waiting for the whole insert would stall
# for seconds.
LONGEST_GAP_S = 0.5


def big_catalog(n: int, version: int) -> Catalog:
    """A county's catalog in its real shape: 192 books, units of 12 lessons."""
    books = [(grade, subject, edition, volume) for grade in range(1, 7) for subject in SUBJECTS
             for edition in ("人教版", "北师大版") for volume in ("上册", "下册")]
    per_book = -(-n // len(books))
    lessons = []
    for i in range(n):
        grade, subject, edition, volume = books[i // per_book]
        k = i % per_book
        sha = hashlib.sha256(str(i).encode()).hexdigest()
        lessons.append(Lesson(
            id=f"big-{i:06d}", title=f"Lesson {i}", grade=grade, subject=subject, edition=edition,
            volume=volume, unit=k // 12 + 1, order=k % 12 + 1, kind="audio", duration=60.0,
            files=(LessonFile("media", "m.mp3", sha, 1000),)))
    return Catalog(version=version, published="2026-09-01T00:00:00Z", lessons=tuple(lessons))


def test_gui_code_using_the_database_on_the_gui_thread_is_caught(tmp_path: Path):
    services = Services.open(tmp_path / "data")
    try:
        services.db.forbid_thread(threading.get_ident(), "eduteach_desktop.ui")
        services.settings.get("language")  # a test preparing data on this thread: allowed
        gui_code = {"__name__": "eduteach_desktop.ui.some_page", "settings": services.settings}
        with pytest.raises(WrongThreadError, match="GUI thread"):
            exec("settings.get('language')", gui_code)  # noqa: S102 - code "in" the ui package
    finally:
        services.close()


def test_a_100000_lesson_catalog_arriving_during_class_never_freezes_the_window(
    qtbot, edu, services: Services, tasks
):
    catalog = big_catalog(LESSONS, version=10**6)
    body = catalog.to_bytes()
    sha = hashlib.sha256(body).hexdigest()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    library = services.library

    def store_catalog() -> None:  # what a sync does with a new catalog, on a worker
        assert library.add_catalog(catalog, sha, body, "test")
        library.activate(catalog.version)

    timer.start()
    ticks.append(time.monotonic())
    landed = []
    tasks.run_network(store_catalog, lambda _: (landed.append(True), edu.ctx.library.refresh()))
    # Meanwhile the teacher keeps using the window: the library listing is re-read too.
    edu.ctx.library.refresh()
    qtbot.waitUntil(lambda: bool(landed) and len(edu.ctx.library.rows) == LESSONS, timeout=120_000)
    after = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= after + 3)  # the ticks after the rows were shown
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 10
    assert max(gaps) < LONGEST_GAP_S, f"the event loop stalled for {max(gaps):.2f} s"
    assert edu.ctx.library.row("big-099999") is not None


def test_closing_while_a_result_and_a_selection_change_are_in_flight_is_quiet(
    qtbot, zh_app, services: Services, dialogs, network, caplog: pytest.LogCaptureFixture
):
    from eduteach_desktop.ui.app import EduTeachApp
    from eduteach_desktop.ui.tasks import TaskRunner

    tasks = TaskRunner()
    edu = EduTeachApp(services, tasks, dialogs, network=network, auto_sync=False)
    qtbot.addWidget(edu.main_window)
    edu.main_window.show()
    with qtbot.waitSignal(edu.ctx.library.rows_changed, timeout=10_000):
        edu.ctx.library.refresh()
    page = edu.main_window.library
    ids = [edu.ctx.library.rows.id_at(i) for i in range(len(edu.ctx.library.rows))]
    assert len(ids) >= 3
    refreshed: list[object] = []
    caplog.set_level("WARNING")
    # A result finished on a worker, its delivery still queued for the GUI thread ...
    finished = tasks.run_network(lambda: "catalog", lambda _: refreshed.append(edu.ctx.library.refresh()))
    finished.result(timeout=10)
    # ... a selection change whose card read is queued too ...
    page.select_lesson(ids[1])
    edu.shutdown()
    # ... and selection signals arriving after the runner stopped (the model being torn down).
    page.select_lesson(ids[2])
    edu.ctx.library.refresh()
    edu.ctx.sync.refresh_status()
    qtbot.waitUntil(lambda: tasks.pending() == 0, timeout=10_000)
    assert refreshed == []  # the late result was not delivered to a closing window
    assert dialogs.shown == []
    assert [r for r in caplog.records if r.levelno >= 30] == []


def test_the_downloads_page_waiting_for_download_hours_reads_no_database(qtbot, edu, services):
    """The page redraws every 150 ms: its text comes from the status a worker read."""
    from eduteach_desktop.store import settings as keys

    services.settings.set(keys.SYNC_WINDOWS, ["18:00-07:00"])
    window, sync = edu.main_window, edu.ctx.sync
    window.show_page("sync")
    sync.refresh_status()
    qtbot.waitUntil(lambda: sync.status is not None and sync.status.sync_windows == ["18:00-07:00"],
                    timeout=5000)
    sync.board.update(phase="waiting")
    window.sync.update_view()  # would raise WrongThreadError if it read the settings itself
    assert "18:00-07:00" in window.sync.phase.text()
