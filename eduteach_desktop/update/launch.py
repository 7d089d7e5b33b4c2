"""What `eduteach` does about updates before the app opens (launcher.py calls it).

The version the teacher starts is the known-good one. If a downloaded version waits, it
is installed now (it was not, at the last close); if one was installed, it is started on
trial and, once healthy, keeps running while this process steps aside. If it fails twice,
this process goes on to open the app as before (boot.py)."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

from eduteach_desktop.core.clock import SystemClock
from eduteach_desktop.store.datadir import resolve_data_dir
from eduteach_desktop.store.fileio import FileIO

from .apply import ApplyError
from .boot import TRIAL_ENV, Supervisor
from .identity import SOURCE, AppIdentity
from .packages import PackageStore
from .service import UPDATES_DIR

log = logging.getLogger(__name__)


def supervisor_for(data_dir: str | None, identity: AppIdentity) -> Supervisor:
    folder = resolve_data_dir(data_dir) / UPDATES_DIR
    return Supervisor(folder, identity, PackageStore(folder, FileIO(), SystemClock()))


def before_app(data_dir: str | None, argv: Sequence[str], identity: AppIdentity | None = None) -> int | None:
    """None: open the app in this process. An exit code: the new version took over."""
    if os.environ.get(TRIAL_ENV):
        return None  # this process is itself a version on trial
    identity = identity or AppIdentity.detect()
    if identity.install_kind == SOURCE:
        return None
    try:
        sup = supervisor_for(data_dir, identity)
        if sup.staged() is not None:
            try:
                log.info("%s", sup.apply_staged())
            except ApplyError as exc:
                log.warning("the downloaded update was not installed: %s", exc)
        outcome = sup.run_trial(list(argv))
    except OSError as exc:  # a read-only data folder: the app says so itself
        log.warning("update check at start skipped: %s", exc)
        return None
    if outcome is not None and outcome.healthy:
        return 0
    return None
