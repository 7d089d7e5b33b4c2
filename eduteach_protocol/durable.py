"""The one filesystem layer for durable writes, shared by the app and the hub (stdlib only).

Rules it keeps, because the OSes differ and a school PC loses power:
- a file is replaced atomically: a temp file in the same folder, written, fsynced through a
  WRITABLE handle (Windows' FlushFileBuffers refuses a read-only one), then renamed over the
  target, then the folder is fsynced where the OS allows it (not on Windows);
- on Windows, antivirus and the search indexer briefly open new files, so a rename or delete
  can fail with a sharing violation (WinError 5, 32 or 33): those are retried for a few
  seconds, then reported as FileBusyError;
- a folder is swapped by rename (new beside old), and `recover_dir_swap` repairs a swap a
  power cut interrupted, so the folder is always either the old one or the new one.

Nothing else in the code base calls os.replace or os.fsync (HACKING.md).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")

# ERROR_ACCESS_DENIED (also what a delete-pending file gives), ERROR_SHARING_VIOLATION,
# ERROR_LOCK_VIOLATION.
SHARING_VIOLATION_WINERRORS = frozenset({5, 32, 33})
_BINARY = getattr(os, "O_BINARY", 0)
TEMP_SUFFIX = ".tmp"
# Windows cannot open a folder to fsync it (NTFS journals a rename itself). A module
# attribute, so the Windows-semantics test double can switch it off on Linux.
CAN_FSYNC_DIR = os.name != "nt"


class FileBusyError(PermissionError):
    """Another program (often antivirus or the search indexer) kept the file open too long."""


def is_sharing_violation(exc: OSError) -> bool:
    return getattr(exc, "winerror", None) in SHARING_VIOLATION_WINERRORS


@dataclass(frozen=True)
class Retry:
    """Bounded retry of one file operation while another program holds the file.

    sleep and monotonic are injectable so tests can play a 2-second lock without waiting.
    """

    budget: float = 3.0
    first_pause: float = 0.05
    max_pause: float = 0.5
    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic

    def run(self, op: Callable[[], T]) -> T:
        start = self.monotonic()
        pause = self.first_pause
        while True:
            try:
                return op()
            except OSError as exc:
                if not is_sharing_violation(exc):
                    raise
                if self.monotonic() - start + pause > self.budget:
                    busy = FileBusyError(exc.errno, "another program keeps the file open", exc.filename)
                    busy.winerror = getattr(exc, "winerror", None)  # type: ignore[attr-defined]
                    raise busy from exc
            self.sleep(pause)
            pause = min(pause * 2, self.max_pause)


DEFAULT_RETRY = Retry()


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable (skipped where the OS cannot)."""
    if not CAN_FSYNC_DIR:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """fsync an existing file through a read-write handle (Windows needs write access)."""
    fd = os.open(path, os.O_RDWR | _BINARY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_at(path: Path, offset: int, data: bytes) -> None:
    """Write without fsync (callers batch chunks, then call fsync_file once)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | _BINARY, 0o644)
    try:
        os.lseek(fd, offset, os.SEEK_SET)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def truncate(path: Path, size: int) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(size)


def replace(src: Path, dst: Path, retry: Retry = DEFAULT_RETRY) -> None:
    """Rename src over dst atomically, then make the rename durable."""
    retry.run(lambda: os.replace(src, dst))
    fsync_dir(dst.parent)
    if src.parent != dst.parent:
        fsync_dir(src.parent)


def delete(path: Path, missing_ok: bool = True, retry: Retry = DEFAULT_RETRY) -> None:
    """Unlink a file. On Windows an open file cannot be unlinked: after the retries this
    raises FileBusyError and the caller must keep track of the file."""

    def unlink() -> None:
        try:
            os.unlink(path)
        except FileNotFoundError:
            if not missing_ok:
                raise

    retry.run(unlink)


@contextmanager
def atomic_writer(path: Path, mode: int | None = None, retry: Retry = DEFAULT_RETRY) -> Iterator[BinaryIO]:
    """Stream a new version of `path`; it replaces the old one only if the block finishes.

    `mode` (e.g. 0o600 for secrets) is set on the temp file before any byte is written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + TEMP_SUFFIX)
    delete(tmp, retry=retry)  # a leftover from a crash may have other permissions
    # Retried too: a temp file a scanner still holds is "delete pending" and cannot be made again.
    fd = retry.run(lambda: os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY,
                                   0o644 if mode is None else mode))
    try:
        if mode is not None and os.name != "nt":
            os.fchmod(fd, mode)  # the umask must not widen or narrow what was asked
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            yield fh
            fh.flush()
            os.fsync(fh.fileno())  # the handle is writable: Windows accepts this fsync
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with suppress(OSError):  # the original error matters more; the leftover goes next time
            delete(tmp, retry=retry)
        raise
    try:
        replace(tmp, path, retry=retry)
    except BaseException:
        with suppress(OSError):
            delete(tmp, retry=retry)
        raise


def write_atomic(path: Path, data: bytes, mode: int | None = None, retry: Retry = DEFAULT_RETRY) -> None:
    with atomic_writer(path, mode=mode, retry=retry) as fh:
        fh.write(data)


def append_durable(path: Path, data: bytes) -> None:
    """Append and fsync; a new file also gets its folder fsynced."""
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | _BINARY, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_dir(path.parent)


# --- folders ----------------------------------------------------------------------------
def _staged(target: Path) -> Path:
    return target.with_name(target.name + ".new")


def _retired(target: Path) -> Path:
    return target.with_name(target.name + ".old")


def staging_dir(target: Path) -> Path:
    """An empty folder beside `target` to build its replacement in (see swap_dir)."""
    staged = _staged(target)
    if staged.exists():
        shutil.rmtree(staged)
    staged.mkdir(parents=True)
    return staged


def swap_dir(target: Path, retry: Retry = DEFAULT_RETRY,
             step: Callable[[str], None] | None = None) -> None:
    """Put the folder built in staging_dir(target) in place of target.

    Every file in the staged folder must already be fsynced. Two renames: target → .old,
    .new → target. A power cut between them leaves no target; recover_dir_swap then puts
    the old one back, so the folder is always complete. `step` is a test hook called
    between the steps (it may raise to simulate the cut).
    """
    staged, retired = _staged(target), _retired(target)
    fsync_dir(staged)
    fsync_dir(target.parent)
    if step:
        step("staged")
    if retired.exists():
        shutil.rmtree(retired)
    if target.exists():
        retry.run(lambda: os.replace(target, retired))
        fsync_dir(target.parent)
    if step:
        step("retired")
    retry.run(lambda: os.replace(staged, target))
    fsync_dir(target.parent)
    if step:
        step("swapped")
    shutil.rmtree(retired, ignore_errors=True)


def recover_dir_swap(target: Path, retry: Retry = DEFAULT_RETRY) -> None:
    """Undo what a power cut left of swap_dir: no target → the old one comes back; a
    half-built or unused .new and a finished swap's .old are removed."""
    staged, retired = _staged(target), _retired(target)
    if not target.exists() and retired.exists():
        retry.run(lambda: os.replace(retired, target))
        fsync_dir(target.parent)
    for leftover in (staged, retired):
        if leftover.exists():
            shutil.rmtree(leftover, ignore_errors=True)
