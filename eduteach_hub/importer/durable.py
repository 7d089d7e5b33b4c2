"""Durable file writes for the importer: temp file in the same folder, fsync, replace, fsync
the folder. The only place in the importer that calls os.replace/os.fsync."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def write_bytes(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def copy_file(src: Path, dst: Path) -> str:
    """Copy and fsync; returns the sha256 of the bytes written."""
    import hashlib

    digest = hashlib.sha256()
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(1 << 20):
            digest.update(chunk)
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    return digest.hexdigest()


def move(src: Path, dst: Path) -> None:
    """Rename within one filesystem, then make the rename itself durable."""
    os.replace(src, dst)
    fsync_dir(dst.parent)
    if src.parent != dst.parent:
        fsync_dir(src.parent)


class Busy(Exception):
    """Another process holds the lock."""


class ExclusiveLock:
    """A lock file held for as long as the object lives (closing the descriptor releases it):
    two imports into one SOURCES_DIR would install each other's half-finished lessons."""

    def __init__(self, path: Path):
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":  # pragma: no cover - the hub is deployed on Linux
                import msvcrt

                msvcrt.locking(self._fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            raise Busy(str(path)) from None

    def release(self) -> None:
        os.close(self._fd)
