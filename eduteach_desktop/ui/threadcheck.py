"""Debug check of the thread rule: the GUI's code never uses the database on the GUI thread.

On in the test suite (tests/conftest.py sets EDUTEACH_THREAD_CHECKS=1) and for a developer
who sets it; off for teachers, where a slip would only cost a moment's freeze, not data."""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eduteach_desktop.store.db import Database

ENV = "EDUTEACH_THREAD_CHECKS"


def guard_gui_thread(db: Database) -> None:
    """Call on the GUI thread once the GUI starts using `db`."""
    if os.environ.get(ENV) == "1":
        db.forbid_thread(threading.get_ident(), "eduteach_desktop.ui")
