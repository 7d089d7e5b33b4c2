"""What every screen shares, built once by the app and passed in (no globals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eduteach_desktop.store.timetable import TimetableStore

from .classroom import Classroom
from .dialogs import Dialogs
from .lesson_share import ShareSwitch
from .library_data import LibraryData
from .never_online import WATCH_FOLDER, SatelliteWatch
from .sync_controller import NetworkMonitor, SyncController
from .tasks import TaskRunner
from .threadcheck import guard_gui_thread

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
    satellite: SatelliteWatch | None = None  # the watched satellite receive folder (never_online.py)
    share: ShareSwitch | None = None  # "share my lessons with PCs nearby" (lesson_share.py)

    @classmethod
    def build(cls, services: Services, tasks: TaskRunner, dialogs: Dialogs,
              network: NetworkMonitor | None = None, auto_sync: bool = True) -> AppContext:
        guard_gui_thread(services.db)
        store = TimetableStore(services.db, services.clock)
        library = LibraryData(services, store, tasks)
        classroom = Classroom(services, store, tasks, dialogs)
        sync = SyncController(services, store, tasks, network=network, auto=auto_sync)
        classroom.sync_lesson = lambda lesson_id: sync.start(first=lesson_id)
        sync.sync_finished.connect(lambda _report: library.refresh())
        classroom.play_recorded.connect(lambda _rid: sync.upload_soon())
        satellite = SatelliteWatch(services, tasks, sync)
        tasks.run_read(lambda: services.settings.get(WATCH_FOLDER),
                       lambda folder: satellite.set_folder(Path(folder), save=False) if folder else None)
        share = ShareSwitch(services, tasks)
        share.apply()
        return cls(services, tasks, dialogs, store, library, classroom, sync, satellite, share)

    def shutdown(self) -> None:
        if self.satellite is not None:
            self.satellite.timer.stop()
        if self.share is not None:
            self.share.stop()
        self.library.shutdown()
        self.sync.stop()
        self.classroom.close_players()
