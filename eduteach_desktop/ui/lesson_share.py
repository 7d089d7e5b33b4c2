"""The app's side of `eduteach share`: the setting "share my lessons with PCs nearby" turns
the read-only share server (sync/share.py) and its mDNS announcement on and off."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from eduteach_desktop.store import settings as keys

from .tasks import TaskRunner

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

log = logging.getLogger(__name__)


class ShareSwitch(QObject):
    """Starts and stops the share on the network pool (binding and announcing can take a
    second); `changed` says whether it is serving, for the settings page."""

    changed = Signal(bool)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.share: Any = None
        self.problem = ""
        # How the share is made (tests bind 127.0.0.1 without an announcement).
        self.factory: Callable[[], Any] = services.lesson_share

    @property
    def serving(self) -> bool:
        return self.share is not None

    def apply(self) -> None:
        """Follow the setting (at start, and after Settings were saved)."""
        self.tasks.run_read(lambda: bool(self.services.settings.get(keys.SHARE_LESSONS)), self.set_enabled)

    def set_enabled(self, on: bool) -> None:
        if on and self.share is None:
            def start() -> Any:
                share = self.factory()
                share.start()
                return share

            self.tasks.run_network(start, self._started, self._failed)
        elif not on and self.share is not None:
            share, self.share = self.share, None
            self.tasks.run_network(share.stop)
            self.changed.emit(False)

    def _started(self, share: Any) -> None:
        self.share, self.problem = share, ""
        self.changed.emit(True)

    def _failed(self, exc: BaseException) -> None:
        log.warning("lesson share did not start: %s", exc)
        self.problem = self.tr("Sharing could not start: another program may use port 8765. "
                               "Restart this computer, or ask the technician.")
        self.changed.emit(False)

    def stop(self) -> None:
        if self.share is not None:
            share, self.share = self.share, None
            share.stop()
