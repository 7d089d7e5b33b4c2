"""The library on its own in a window (the app's main window embeds the same page).

Kept for scripts and tests that drive just the library: it builds its own AppContext
with no background sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from . import theme
from .context import AppContext
from .dialogs import Dialogs
from .icons import icon
from .library_page import LessonCard, LibraryPage
from .sync_controller import NetworkMonitor
from .tasks import TaskRunner

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

    from .player import PlayerWindow


class LibraryWindow(QMainWindow):
    refreshed = Signal()
    player_opened = Signal(object)  # the PlayerWindow

    def __init__(self, services: Services, tasks: TaskRunner, dialogs: Dialogs,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = AppContext.build(services, tasks, dialogs,
                                    network=NetworkMonitor(load=False), auto_sync=False)
        self.setWindowTitle(self.tr("EduTeach — Lessons"))
        self.setWindowIcon(icon("app", theme.PRIMARY))
        self.resize(1024, 720)
        self.page = LibraryPage(self.ctx)
        self.setCentralWidget(self.page)
        self.page.refreshed.connect(self.refreshed)
        self.ctx.classroom.player_opened.connect(self.player_opened)
        self.ctx.classroom.parent_widget = self

    @property
    def card(self) -> LessonCard:
        return self.page.card

    def refresh(self) -> None:
        self.page.refresh()

    def select_lesson(self, lesson_id: str) -> bool:
        return self.page.select_lesson(lesson_id)

    def lesson_ids_in_tree(self) -> list[str]:
        return [r.id for r in self.page.model.rows()]

    def open_lesson(self, lesson_id: str) -> None:
        self.page.play(lesson_id)

    def current_player(self) -> PlayerWindow | None:
        return self.ctx.classroom.current_player()

    def close_players(self) -> None:
        self.ctx.classroom.close_players()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.ctx.shutdown()
        super().closeEvent(event)
