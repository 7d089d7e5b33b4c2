"""Installing a downloaded version after EduTeach closed, from a small detached process.

Windows keeps a running program's files locked, and an app that runs its installer at
exit keeps the teacher waiting. So at exit the app starts this helper detached from itself
(DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP, no inherited handles, no console, its
working folder the data folder so no program folder is held open) and quits. The helper:

1. waits for the app's process to end (up to WAIT_FOR_EXIT seconds; else it gives up and
   the next start installs the version instead, launch.py);
2. starts nothing if EduTeach was opened again meanwhile (the data folder's writer lock is
   held) or a class was left open (a session without an end: the app offers to continue
   it, and the teacher must find the same version);
3. runs the installer silently through Supervisor.apply_staged (apply.inno_setup_command:
   /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /TRIAL /DIR=<install folder>), which puts the
   version in its own slot and records the outcome, "applied" or "failed" with the reason,
   in DATA/updates/state.json through the durable layer. The new version starts on trial
   at the next start (boot.py). The data folder is never the installer's business.

It runs the same way on Linux (tests start it for real there); only the creation flags and
the process handle calls are Windows'. No Windows machine has run it yet.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

HELPER_FLAG = "--apply-update-after"  # a hidden hook of the eduteach program (launcher.py)
WAIT_FOR_EXIT = 600.0  # seconds: an app that takes longer to close is hung; try at next start
# Windows' process creation flags (winbase.h), spelled out so the command line can be
# tested on any system.
DETACHED_PROCESS = 0x00000008
CREATE_NEW_PROCESS_GROUP = 0x00000200
HELPER_FLAGS = DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP
# OpenProcess rights and WaitForSingleObject answers (winnt.h, winbase.h).
SYNCHRONIZE = 0x00100000
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
WAIT_TIMEOUT = 0x102

# What the helper did, for its log and the tests.
INSTALLED = "installed"
NOTHING_STAGED = "nothing-staged"
APP_STILL_RUNNING = "app-still-running"
APP_REOPENED = "app-reopened"
CLASS_OPEN = "class-open"
INSTALL_FAILED = "install-failed"


def helper_program(executable: Path | None, python: str = sys.executable) -> list[str]:
    """The program that runs the helper: the frozen program of the running version (its
    slot is not the one the installer writes), or this Python from source."""
    if executable is not None:
        return [str(executable)]
    return [python, "-m", "eduteach_desktop.update.win_helper"]


def helper_command(program: Sequence[str], pid: int, data_dir: Path) -> list[str]:
    return [*program, HELPER_FLAG, str(pid), "--data-dir", str(data_dir)]


def popen_options(data_dir: Path, windows: bool) -> dict[str, Any]:
    """How the helper is started: detached, without our handles, console or folders."""
    options: dict[str, Any] = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL,
                               "stderr": subprocess.DEVNULL, "close_fds": True, "cwd": str(data_dir)}
    if windows:
        options["creationflags"] = HELPER_FLAGS
    else:
        options["start_new_session"] = True  # the same on POSIX: not in the app's group
    return options


def start_helper(program: Sequence[str], pid: int, data_dir: Path, *, windows: bool | None = None) -> Any:
    windows = sys.platform == "win32" if windows is None else windows
    return subprocess.Popen(helper_command(program, pid, data_dir), **popen_options(data_dir, windows))


def pid_alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return False  # gone (or never ours to see)
        try:
            return bool(kernel32.WaitForSingleObject(handle, 0) == WAIT_TIMEOUT)
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True


def wait_for_exit(pid: int, timeout: float, *, alive: Callable[[int], bool] = pid_alive,
                  clock: Callable[[], float] = time.monotonic, poll: float = 0.2,
                  pause: Callable[[float], object] | None = None) -> bool:
    """True once `pid` has ended; False if it is still running after `timeout` seconds."""
    wait = pause or threading.Event().wait
    deadline = clock() + timeout
    while alive(pid):
        if clock() >= deadline:
            return False
        wait(poll)
    return True


def class_left_open(db_path: Path) -> bool:
    """A class session without an end (the app closed mid-class). Read-only: the helper
    never migrates or writes the teacher's database."""
    if not db_path.exists():
        return False
    try:
        con = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            row = con.execute("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False  # no sessions table yet (a fresh PC): no class either
    return bool(row and row[0])


@dataclass
class HelperDeps:
    """What the helper touches, passed in so the tests can watch each step."""

    wait: Callable[[int, float], bool]
    app_open: Callable[[Path], bool | None]
    class_open: Callable[[Path], bool]
    supervisor: Callable[[Path], Any]


def run(pid: int, data_dir: Path, deps: HelperDeps, timeout: float = WAIT_FOR_EXIT) -> str:
    from .apply import ApplyError

    if not deps.wait(pid, timeout):
        log.warning("EduTeach (process %s) did not close within %.0f s; the update waits for the next start",
                    pid, timeout)
        return APP_STILL_RUNNING
    if deps.app_open(data_dir):
        log.info("EduTeach was opened again; the update waits for the next start")
        return APP_REOPENED
    if deps.class_open(data_dir / "eduteach.sqlite3"):
        log.info("a class was left open; the update waits for the next start")
        return CLASS_OPEN
    sup = deps.supervisor(data_dir)
    if sup.staged() is None:
        return NOTHING_STAGED
    try:
        log.info("%s", sup.apply_staged())  # records "applied" in state.json
    except ApplyError as exc:  # recorded as "failed" with the reason by apply_staged
        log.warning("the downloaded update was not installed: %s", exc)
        return INSTALL_FAILED
    return INSTALLED


def real_deps() -> HelperDeps:
    from eduteach_desktop.store.datadir import DataDir

    from .launch import supervisor_for

    def supervisor(data_dir: Path) -> Any:
        from .identity import AppIdentity

        return supervisor_for(str(data_dir), AppIdentity.detect())

    return HelperDeps(wait=lambda pid, t: wait_for_exit(pid, t), app_open=lambda d: DataDir(d).writer_lock_held(),
                      class_open=class_left_open, supervisor=supervisor)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="eduteach " + HELPER_FLAG)
    p.add_argument(HELPER_FLAG, dest="pid", type=int, required=True)
    p.add_argument("--data-dir", type=Path, required=True)
    args = p.parse_args(list(sys.argv[1:] if argv is None else argv))
    logs = args.data_dir / "logs"
    try:
        logs.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(filename=str(logs / "update-helper.log"), encoding="utf-8", level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(message)s")
    except OSError:
        pass  # no log, but the outcome still goes to state.json
    outcome = run(args.pid, args.data_dir, real_deps())
    return 0 if outcome != INSTALL_FAILED else 1


if __name__ == "__main__":
    sys.exit(main())
