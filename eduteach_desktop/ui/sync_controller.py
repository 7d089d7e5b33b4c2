"""Background sync and upload for the app: never on the GUI thread, the county link paused
on metered networks (PCs nearby still serve), uploads whenever a connection appears (with backoff between failures).

The engine is plain Python; here it runs on the TaskRunner's network pool and publishes
SyncProgress snapshots into a ProgressBoard that the sync panel polls every 150 ms.
Pause sets the cancel event; resume runs the engine again, which continues each blob
from the byte where it stopped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from eduteach_desktop.core.errors import NotEnrolledError, UploadError
from eduteach_desktop.core.timetable import day_plan, week_priority
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.blobs import free_bytes
from eduteach_desktop.store.timetable import TimetableStore
from eduteach_desktop.sync.policy import Backoff
from eduteach_desktop.sync.progress import ProgressBoard, SyncProgress

from .tasks import TaskRunner

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

log = logging.getLogger(__name__)

UPLOAD_EVERY_MS = 15 * 60 * 1000
SYNC_EVERY_TICKS = 4  # look for new lessons every hour (4 × 15 min)


class NetworkMonitor(QObject):
    """QNetworkInformation, reduced to what we need. When the platform has no backend
    (some Linux desktops without NetworkManager), available is False and the app neither
    pauses for metered links nor waits for reachability: it simply tries."""

    online_changed = Signal(bool)
    metered_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, load: bool = True):
        super().__init__(parent)
        self.available = False
        self.metered_known = False
        self.online = True
        self.metered = False
        if load:
            self._load()

    def _load(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:
            return
        feature = QNetworkInformation.Feature
        if not QNetworkInformation.loadBackendByFeatures(feature.Reachability):
            QNetworkInformation.loadDefaultBackend()
        info = QNetworkInformation.instance()
        if info is None:
            return
        self.available = info.supports(feature.Reachability)
        self.metered_known = info.supports(feature.Metered)
        if self.available:
            self.online = info.reachability() in (
                QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site,
                QNetworkInformation.Reachability.Local)
            info.reachabilityChanged.connect(self._on_reachability)
        if self.metered_known:
            self.metered = bool(info.isMetered())
            info.isMeteredChanged.connect(self._on_metered)

    def _on_reachability(self, value: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        online = value in (QNetworkInformation.Reachability.Online,
                           QNetworkInformation.Reachability.Site)
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def _on_metered(self, metered: bool) -> None:
        if metered != self.metered:
            self.metered = metered
            self.metered_changed.emit(metered)

    # for tests and the fake network
    def set_state(self, online: bool | None = None, metered: bool | None = None) -> None:
        if online is not None and online != self.online:
            self.online = online
            self.online_changed.emit(online)
        if metered is not None and metered != self.metered:
            self.metered = metered
            self.metered_changed.emit(metered)


@dataclass(frozen=True)
class RecordStatus:
    enrolled: bool
    hub_url: str | None
    repo_url: str | None
    waiting: int
    failed_tries: int  # failed uploads of the record waiting longest (Outbox.note_attempt)
    quarantined: list[tuple[str, str]]
    last_upload: str | None
    last_sync: str | None
    last_sync_result: str | None
    sync_windows: list[str]  # the download hours set in Settings
    free_bytes: int
    stored_bytes: int
    data_dir: str


def record_status(services: Services) -> RecordStatus:
    """What the sync panel shows, without the whole library (runs on a worker)."""
    settings = services.settings
    counts = services.outbox.counts()
    return RecordStatus(
        enrolled=settings.enrolled(),
        hub_url=settings.get(keys.HUB_URL),
        repo_url=settings.get(keys.REPO_URL),
        waiting=counts.pending,
        failed_tries=counts.attempts,
        quarantined=services.outbox.quarantined(),
        last_upload=settings.get(keys.LAST_UPLOAD),
        last_sync=settings.get(keys.LAST_SYNC),
        last_sync_result=settings.get(keys.LAST_SYNC_RESULT),
        sync_windows=list(settings.get(keys.SYNC_WINDOWS) or []),
        free_bytes=free_bytes(services.datadir.root),
        stored_bytes=services.blobs.total_bytes(),
        data_dir=str(services.datadir.root),
    )


def timetable_priority(store: TimetableStore, today: Any,
                       first: str | None = None) -> Callable[[Any], int]:
    """This week's planned lessons first, then the subjects taught this week (worker)."""
    slots = store.slots()
    # Only the subjects and grades on the timetable: never all 100,000 lessons at once.
    taught: dict[str, set[int]] = {}
    for slot in slots:
        taught.setdefault(slot.subject, set()).update(slot.grades)
    lessons = [row for subject, grades in sorted(taught.items())
               for row in store.lesson_rows(subject, sorted(grades))]
    played = store.played_lesson_ids()
    planned: list[str] = []
    for weekday in range(1, 8):
        plan = day_plan(slots, weekday, lessons, played, today)
        planned.extend(ls.id for _, ls in plan.entries if ls is not None)
    base = week_priority(slots, planned)
    if first is None:
        return base
    return lambda lesson: -1 if lesson.id == first else base(lesson)


class SyncController(QObject):
    changed = Signal()  # state or status changed (not progress: poll progress())
    sync_finished = Signal(object)  # SyncReport
    upload_finished = Signal(object)  # UploadReport or the exception
    status_changed = Signal(object)  # RecordStatus

    def __init__(self, services: Services, store: TimetableStore, tasks: TaskRunner,
                 network: NetworkMonitor | None = None, parent: QObject | None = None,
                 auto: bool = True):
        super().__init__(parent)
        self._services = services
        self._store = store
        self._tasks = tasks
        self.network = network if network is not None else NetworkMonitor(self)
        self.board = ProgressBoard(services.clock.monotonic)
        self._cancel = threading.Event()
        # Set while the connection is metered: the running sync stops using the county link
        # at its next block, and PCs nearby (free, on the LAN) go on serving this PC.
        self._wan_paused = threading.Event()
        self.running = False
        self.user_paused = False
        self.metered_paused = False
        self.uploading = False
        self.last_report: Any = None
        self.last_error: BaseException | None = None
        self.last_upload_error: BaseException | None = None
        self.next_upload_in: float | None = None
        self.status: RecordStatus | None = None
        self._locations: list[str] | None = None
        # The GUI thread never reads the database: the repository URL (local-only or not)
        # comes with each RecordStatus; unknown until the first one, then treated as remote.
        self._repo_url: str | None = None
        self._first: str | None = None
        self._again = False
        self._ticks = 0
        self.upload_backoff = Backoff(base=30.0, cap=3600.0)
        self._upload_timer = QTimer(self)
        self._upload_timer.setSingleShot(True)
        self._upload_timer.timeout.connect(self.upload_now)
        self._periodic = QTimer(self)
        self._periodic.timeout.connect(self._tick)
        self.network.online_changed.connect(self._on_online)
        self.network.metered_changed.connect(self._on_metered)
        self.metered_paused = self.network.metered
        if self.metered_paused:
            self._wan_paused.set()
        if auto:
            self._periodic.start(UPLOAD_EVERY_MS)
        self.refresh_status()

    # --- state for the panel --------------------------------------------------------------
    def progress(self) -> SyncProgress:
        return self.board.latest()

    def paused(self) -> bool:
        """Paused by the teacher. A metered connection pauses the county link only
        (`metered_paused`): PCs nearby and folders still serve this PC."""
        return self.user_paused

    def refresh_status(self) -> None:
        if self._tasks.closed:
            return
        services = self._services
        self._tasks.run_latest(self, "status", lambda: record_status(services), self._on_status,
                             lambda exc: log.warning("status: %s", exc))

    def _on_status(self, status: RecordStatus) -> None:
        self.status = status
        self._repo_url = status.repo_url
        self.status_changed.emit(status)

    # --- downloading ----------------------------------------------------------------------
    def set_locations(self, locations: list[str] | None) -> None:
        """Where to sync from (a USB folder, a mirror); None: the configured hub."""
        self._locations = locations

    def start(self, locations: list[str] | None = None, first: str | None = None) -> bool:
        """Run a sync in the background. False if paused or nothing to sync from."""
        if locations is not None:
            self._locations = locations
        if first is not None:
            self._first = first
        if self._tasks.closed:
            return False
        if self.running:
            self._again = True  # one more pass when this one ends (a lesson was re-requested)
            return True
        if self.user_paused:
            self.changed.emit()
            return False
        # On a metered connection the sync still runs, for PCs nearby and folders only.
        self._cancel = threading.Event()
        cancel, board, services, store = self._cancel, self.board, self._services, self._store
        wan_paused = self._wan_paused.is_set
        locations, first = self._locations, self._first
        today = services.clock.now().date()

        def work() -> Any:
            priority = timetable_priority(store, today, first)
            return services.sync(locations, progress=board, cancel=cancel, priority=priority,
                                 wan_paused=wan_paused)

        self.running = True
        self.last_error = None
        try:
            self._tasks.run_network(work, self._on_synced, self._on_sync_error)
        except RuntimeError:  # shutting down
            self.running = False
            return False
        self.changed.emit()
        return True

    def _on_synced(self, report: Any) -> None:
        self.running = False
        self.last_report = report
        if report is not None and report.ok:
            self._first = None
        self.sync_finished.emit(report)
        self.changed.emit()
        self.refresh_status()
        if self._again and not self.paused():
            self._again = False
            self.start()

    def _on_sync_error(self, exc: BaseException) -> None:
        self.running = False
        self.last_error = exc
        self.sync_finished.emit(None)
        self.changed.emit()

    def pause(self) -> None:
        self.user_paused = True
        self._again = False
        self._cancel.set()
        self.changed.emit()

    def resume(self) -> None:
        self.user_paused = False
        self.changed.emit()
        self.start()

    # --- uploading ------------------------------------------------------------------------
    def _if_enrolled(self, action: Callable[[], Any]) -> None:
        """Run `action` on the GUI thread if this PC is enrolled (asked on a worker)."""
        if self._tasks.closed:
            return
        settings = self._services.settings

        def then(enrolled: bool) -> None:
            if enrolled and not self._tasks.closed:
                action()

        self._tasks.run_read(settings.enrolled, then, lambda exc: log.warning("enrolled: %s", exc))

    def upload_now(self) -> None:
        if self.uploading or self._tasks.closed:
            return
        self._if_enrolled(self._upload)

    def _upload(self) -> None:
        if self.uploading or self._tasks.closed:
            return
        self.uploading = True
        self._upload_timer.stop()
        self.next_upload_in = None
        try:
            self._tasks.run_network(self._services.upload, self._on_uploaded, self._on_upload_error)
        except RuntimeError:
            self.uploading = False
            return
        self.changed.emit()

    def upload_soon(self, delay_ms: int = 10_000) -> None:
        """After a record is saved: upload in a little while if a link is there."""
        if not self.network.online or self.uploading:
            return  # not enrolled: upload_now finds out on a worker and does nothing
        if not self._upload_timer.isActive() or self._upload_timer.remainingTime() > delay_ms:
            self._upload_timer.start(delay_ms)

    def _on_uploaded(self, report: Any) -> None:
        self.uploading = False
        self.last_upload_error = None
        self.upload_backoff.reset()
        self.upload_finished.emit(report)
        if report is not None and getattr(report, "remaining", 0):
            self._upload_timer.start(1000)  # more batches wait
        self.refresh_status()
        self.changed.emit()

    def _on_upload_error(self, exc: BaseException) -> None:
        self.uploading = False
        self.last_upload_error = exc
        self.upload_finished.emit(exc)
        # sync/transient.py decided whether asking again can help: a refused credential or a
        # 4xx waits for the teacher or technician (or the next time the network comes back).
        permanent = isinstance(exc, UploadError) and exc.details.get("transient") is False
        if not isinstance(exc, NotEnrolledError) and not permanent:
            retry_after = exc.details.get("retry_after") if isinstance(exc, UploadError) else None
            delay = self.upload_backoff.next_delay(retry_after)
            self.next_upload_in = delay
            self._upload_timer.start(int(delay * 1000))
        self.refresh_status()
        self.changed.emit()

    # --- the network comes and goes -------------------------------------------------------
    def _on_online(self, online: bool) -> None:
        if online:
            self.upload_backoff.reset()  # a new link: try at once
            self.upload_now()
            self._if_enrolled(self.start)
        self.changed.emit()

    def _on_metered(self, metered: bool) -> None:
        self.metered_paused = metered
        if metered:
            # Not a cancel: the running sync drops the county link at its next block and
            # goes on with PCs nearby and folders.
            self._wan_paused.set()
        else:
            self._wan_paused.clear()
            if not self.user_paused:
                self.start()  # while one runs: one more pass, now with the county link
        self.changed.emit()

    def _tick(self) -> None:
        self._ticks += 1
        if not self.network.online:
            return
        self.upload_now()
        if self._ticks % SYNC_EVERY_TICKS == 0:
            self._if_enrolled(self.start)  # start is a no-op while paused or metered

    def stop(self) -> None:
        """App closing: stop transfers quickly (they resume next time)."""
        self._cancel.set()
        self._upload_timer.stop()
        self._periodic.stop()
