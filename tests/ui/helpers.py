"""Small helpers shared by the UI tests."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from eduteach_desktop.services import Services
from eduteach_desktop.ui.dialogs import Dialogs
from eduteach_desktop.ui.library_window import LibraryWindow
from eduteach_desktop.ui.player import LessonMedia, PlayerWindow
from eduteach_desktop.ui.tasks import TaskRunner


def open_library(qtbot, services: Services, tasks: TaskRunner, dialogs: Dialogs) -> LibraryWindow:  # noqa: ANN001
    window = LibraryWindow(services, tasks, dialogs)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.refresh()
    return window


def open_lesson(qtbot, window: LibraryWindow, lesson_id: str) -> PlayerWindow:  # noqa: ANN001
    with qtbot.waitSignal(window.player_opened, timeout=10_000) as opened:
        window.open_lesson(lesson_id)
    return opened.args[0]


def make_player(
    qtbot, services: Services, tasks: TaskRunner, dialogs: Dialogs, lesson_id: str, **kwargs
) -> PlayerWindow:  # noqa: ANN001
    lesson = services.library.lesson(lesson_id)
    assert lesson is not None
    player = PlayerWindow(
        lesson,
        LessonMedia.for_lesson(lesson, services.blobs.path),
        tasks,
        services.usage.record_play,
        services.clock,
        dialogs,
        **kwargs,
    )
    qtbot.addWidget(player)
    return player


def statements_for(services: Services, lesson_id: str) -> list[dict]:
    return [
        item.statement
        for item in services.outbox.pending()
        if item.statement["object"]["id"].endswith(lesson_id)
    ]


def verbs(statements: list[dict]) -> list[str]:
    return [st["verb"]["id"].rsplit("/", 1)[-1] for st in statements]


def plays(services: Services, lesson_id: str) -> int:
    row = services.db.query_one("SELECT COUNT(*) AS n FROM plays WHERE lesson_id = ?", (lesson_id,))
    return int(row["n"])


def wait_idle(qtbot, tasks: TaskRunner, timeout: int = 10_000) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: tasks.pending() == 0, timeout=timeout)


def wait_laid_out(qtbot, top: QWidget, timeout: int = 5000) -> None:  # noqa: ANN001
    """Until `top` is on screen and its layouts have settled: every child's geometry is the
    same on two turns of the event loop in a row (layouts run from posted events, so one
    unchanged turn means none is pending). What a test waits for before it measures."""
    qtbot.waitExposed(top, timeout=timeout)
    last: list[object] = [None]

    def settled() -> bool:
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        now = [(w, w.geometry().getRect(), w.isVisible()) for w in top.findChildren(QWidget)]
        same, last[0] = now == last[0], now
        return same

    qtbot.waitUntil(settled, timeout=timeout)
