"""The one advisory lock on a file, for the PC's data dir (one writer) and the hub's
repository (publish and refresh never race): flock on POSIX, msvcrt.locking on Windows.

Closing the descriptor releases the lock, also when the process dies, so a crash never
leaves a data dir locked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def lock(fd: int, *, wait: bool) -> bool:
    """Take the exclusive lock on `fd`. With wait=False, False if another process holds it."""
    if sys.platform == "win32":  # pragma: no cover - exercised by the Windows CI job
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks bytes from the current position
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
        except OSError:
            if wait:
                raise
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised by the Windows CI job
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def held_elsewhere(path: Path) -> bool | None:
    """Does another process hold the lock on `path`? False if the file does not exist;
    None if it cannot be told (the file cannot be opened). Never creates the file."""
    try:
        fd = os.open(path, os.O_RDONLY if sys.platform != "win32" else os.O_RDWR)
    except FileNotFoundError:
        return False
    except OSError:
        return None
    try:
        if not lock(fd, wait=False):
            return True
        unlock(fd)
        return False
    except OSError:
        return None
    finally:
        os.close(fd)
