"""What every screen shares, built once by the app and passed in (no globals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eduteach_desktop.store.timetable import TimetableStore

from .classroom import Classroom
from .dialogs import Dialogs
from .library_data import LibraryData
from .sync_controller import NetworkMonitor, SyncController
from .tasks import TaskRunner

if TYPE_CHECKING:
    from eduteach_desktop.services import Services


@dataclass
class AppContext:
    services: Services
    tasks: TaskRunner
    dialogs: Dialogs
    timetable: TimetableStore
    library: LibraryData
    classroom: Classroom
    sync: SyncController

    @classmethod
    def build(cls, services: Services, tasks: TaskRunner, dialogs: Dialogs,
              network: NetworkMonitor | None = None, auto_sync: bool = True) -> AppContext:
        store = TimetableStore(services.db, services.clock)
        library = LibraryData(services, store, tasks)
        classroom = Classroom(services, store, tasks, dialogs)
        sync = SyncController(services, store, tasks, network=network, auto=auto_sync)
        classroom.sync_lesson = lambda lesson_id: sync.start(first=lesson_id)
        sync.sync_finished.connect(lambda _report: library.refresh())
        classroom.play_recorded.connect(lambda _rid: sync.upload_soon())
        return cls(services, tasks, dialogs, store, library, classroom, sync)

    def shutdown(self) -> None:
        self.library.shutdown()
        self.sync.stop()
        self.classroom.close_players()
