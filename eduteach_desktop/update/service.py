"""The updater as the rest of the app sees it: one object per data folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduteach_desktop.core.clock import Clock
from eduteach_desktop.store.fileio import FileIO
from eduteach_protocol.app_release import MAX_ERROR_CHARS

from .boot import Supervisor, describe
from .fetch import UpdateFetcher
from .identity import AppIdentity
from .state import UpdateState

if TYPE_CHECKING:
    from eduteach_desktop.sync.trust import TrustStore

UPDATES_DIR = "updates"


class AppUpdates:
    def __init__(self, data_root: Path, identity: AppIdentity, trust: Callable[[], TrustStore], fileio: FileIO,
                 clock: Clock, channel: Callable[[], str], timeout: float | None = None):
        self.folder = data_root / UPDATES_DIR
        self.identity = identity
        self._trust = trust
        self.fileio = fileio
        self.clock = clock
        self.channel = channel
        self._timeout = timeout

    @property
    def fetcher(self) -> UpdateFetcher:
        return UpdateFetcher(self.folder, self.identity, self._trust(), self.fileio, self.clock, self.channel)

    @property
    def supervisor(self) -> Supervisor:
        from .packages import PackageStore

        packages = PackageStore(self.folder, self.fileio, self.clock)
        if self._timeout is None:
            return Supervisor(self.folder, self.identity, packages)
        return Supervisor(self.folder, self.identity, packages, timeout=self._timeout)

    def state(self) -> UpdateState:
        return self.supervisor.states.load()

    def describe(self) -> str:
        return describe(self.state(), self.identity.version)

    def waiting_version(self) -> str | None:
        """The staged version the app may offer to install on close (None: nothing)."""
        staged = self.supervisor.staged()
        return staged.version if staged is not None else None

    def inventory_fields(self) -> dict[str, Any]:
        """The PC's app status for the county (eduteach_protocol.app_release.STATUS_FIELDS)."""
        state = self.state()
        error = state.last_error[:MAX_ERROR_CHARS] if state.last_error else None
        return {
            "app_version": self.identity.version,
            "app_platform": self.identity.platform,
            "update_state": state.state,
            "update_version": state.update_version,
            "last_update_error": error,
        }
