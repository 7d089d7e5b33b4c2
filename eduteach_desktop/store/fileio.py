"""The app's handle on the filesystem layer (eduteach_protocol.durable).

Every durable file write of the app goes through one FileIO object, passed into the
stores, so tests can inject faults (ENOSPC, EIO on fsync, power loss that drops unsynced
writes, a file another program holds open) in one place.
"""

from __future__ import annotations

from pathlib import Path

from eduteach_protocol import durable


class FileIO:
    # A class default too, so a test's subclass need not call __init__.
    retry: durable.Retry = durable.DEFAULT_RETRY

    def __init__(self, retry: durable.Retry = durable.DEFAULT_RETRY):
        self.retry = retry

    def write_at(self, path: Path, offset: int, data: bytes) -> None:
        durable.write_at(path, offset, data)

    def fsync(self, path: Path) -> None:
        durable.fsync_file(path)

    def truncate(self, path: Path, size: int) -> None:
        durable.truncate(path, size)

    def replace(self, src: Path, dst: Path) -> None:
        durable.replace(src, dst, retry=self.retry)

    def fsync_dir(self, path: Path) -> None:
        durable.fsync_dir(path)

    def delete(self, path: Path) -> None:
        """Unlink (missing is fine); raises FileBusyError if another program holds it."""
        durable.delete(path, retry=self.retry)

    def append(self, path: Path, data: bytes) -> None:
        durable.append_durable(path, data)

    def write_file(self, path: Path, data: bytes) -> None:
        """Write a whole small file atomically and durably.

        Built from write_at/fsync/replace (not durable.write_atomic) so a test's FileIO
        sees and can fault every step."""
        tmp = path.with_name(path.name + durable.TEMP_SUFFIX)
        self.delete(tmp)
        self.write_at(tmp, 0, data)
        self.fsync(tmp)
        self.replace(tmp, path)
