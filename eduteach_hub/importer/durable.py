"""The importer's file operations, on top of the shared filesystem layer
(eduteach_protocol.durable: temp file, fsync, replace, fsync the folder; retries on Windows)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from eduteach_protocol import durable, filelock

fsync_dir = durable.fsync_dir
fsync_file = durable.fsync_file


def write_bytes(path: Path, data: bytes) -> None:
    durable.write_atomic(path, data)


def copy_file(src: Path, dst: Path) -> str:
    """Copy into a folder being staged, fsync; returns the sha256 of the bytes written."""
    digest = hashlib.sha256()
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(1 << 20):
            digest.update(chunk)
            fout.write(chunk)
    durable.fsync_file(dst)
    return digest.hexdigest()


def move(src: Path, dst: Path) -> None:
    """Rename within one filesystem, then make the rename itself durable."""
    durable.replace(src, dst)


class Busy(Exception):
    """Another process holds the lock."""


class ExclusiveLock:
    """A lock file held for as long as the object lives (closing the descriptor releases it):
    two imports into one SOURCES_DIR would install each other's half-finished lessons."""

    def __init__(self, path: Path):
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            taken = filelock.lock(self._fd, wait=False)
        except OSError:
            os.close(self._fd)
            raise
        if not taken:
            os.close(self._fd)
            raise Busy(str(path))

    def release(self) -> None:
        os.close(self._fd)
