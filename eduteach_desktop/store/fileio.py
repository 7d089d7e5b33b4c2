"""Every durable file write goes through here, so tests can inject faults (ENOSPC, power
loss that drops unsynced writes) in one place."""

from __future__ import annotations

import os
from pathlib import Path


class FileIO:
    def write_at(self, path: Path, offset: int, data: bytes) -> None:
        flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags, 0o644)
        try:
            os.lseek(fd, offset, os.SEEK_SET)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        finally:
            os.close(fd)

    def fsync(self, path: Path) -> None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def truncate(self, path: Path, size: int) -> None:
        with open(path, "r+b") as fh:
            fh.truncate(size)

    def replace(self, src: Path, dst: Path) -> None:
        os.replace(src, dst)
        self.fsync_dir(dst.parent)

    def fsync_dir(self, path: Path) -> None:
        if os.name == "nt":  # directories cannot be opened for fsync on Windows
            return
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def write_file(self, path: Path, data: bytes) -> None:
        """Write a whole small file atomically and durably."""
        tmp = path.with_name(path.name + ".tmp")
        if tmp.exists():
            tmp.unlink()
        self.write_at(tmp, 0, data)
        self.fsync(tmp)
        self.replace(tmp, path)
