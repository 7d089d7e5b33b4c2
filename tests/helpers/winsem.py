"""A "Windows semantics" test double: Windows' file rules, enforced on Linux.

No Windows machine runs our tests, yet most school PCs run Windows. Inside a test marked
`windows_semantics`, every file operation under the test's tmp_path follows Windows' rules:

- fsync on a handle opened read-only fails (FlushFileBuffers needs write access);
- replacing, renaming or deleting a file that is open fails (Python opens files without
  FILE_SHARE_DELETE), and so does renaming or deleting a folder with an open file inside;
- names that differ only in case are the same file: creating one beside the other fails
  loudly here (Windows would silently open the other one);
- reserved device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension), the
  characters < > : " | ? * and names ending in a dot or a space are refused;
- folders cannot be opened for fsync (the filesystem layer must skip that on Windows);
- `hold(path, seconds)` plays antivirus or the search indexer: the file cannot be replaced
  or deleted until the double's clock passes (WinError 32), which the layer must retry.

It wraps builtins.open/io.open, os.open, os.fsync, os.replace, os.rename, os.unlink,
os.remove, os.rmdir and os.mkdir through monkeypatch, so it ends with the test. Open
handles are tracked by file descriptor and inode, so a handle closed by any route (a file
object's close, os.close, garbage collection) is no longer counted.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import re
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from eduteach_protocol import durable, safefs

RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$", re.IGNORECASE)
BAD_CHARS = re.compile(r'[<>:"|?*\x00-\x1f]')
ERROR_ACCESS_DENIED = 5
ERROR_SHARING_VIOLATION = 32
ERROR_INVALID_NAME = 123


class WindowsRuleError(OSError):
    """What Windows would have refused (the message names the rule)."""


def _win_error(errno_: int, winerror: int, message: str, path: object) -> OSError:
    exc = PermissionError(errno_, message, str(path)) if errno_ == errno.EACCES else \
        WindowsRuleError(errno_, message, str(path))
    exc.winerror = winerror  # type: ignore[attr-defined]  # as Windows' OSError carries it
    return exc


@dataclass
class FakeClock:
    """Time for `hold` and for the layer's retry, so a 2-second lock takes no real time."""

    now: float = 0.0
    slept: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@dataclass
class _Handle:
    fd: int
    dev: int
    ino: int
    writable: bool


class WindowsSemantics:
    def __init__(self, scope: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock | None = None):
        self.scope = os.path.realpath(scope)
        self.clock = clock or FakeClock()
        self._handles: list[_Handle] = []
        self._holds: dict[tuple[int, int], float] = {}
        self.refused: list[str] = []  # what the double refused, for tests to inspect
        self._scanner: tuple[str, float] | None = None
        self._real_open = builtins.open
        self._real_os_open = os.open
        self._real_fsync = os.fsync
        self._real_replace = os.replace
        self._real_rename = os.rename
        self._real_unlink = os.unlink
        self._real_rmdir = os.rmdir
        self._real_mkdir = os.mkdir
        mp = monkeypatch
        mp.setattr(builtins, "open", self._open)
        mp.setattr(io, "open", self._open)
        mp.setattr(os, "open", self._os_open)
        mp.setattr(os, "fsync", self._fsync)
        mp.setattr(os, "replace", self._wrap_move(self._real_replace))
        mp.setattr(os, "rename", self._wrap_move(self._real_rename))
        mp.setattr(os, "unlink", self._unlink)
        mp.setattr(os, "remove", self._unlink)
        mp.setattr(os, "rmdir", self._rmdir)
        mp.setattr(os, "mkdir", self._mkdir)
        mp.setattr(durable, "CAN_FSYNC_DIR", False)
        # Windows has no dir_fd/O_NOFOLLOW: safefs checks each folder with lstat() instead.
        mp.setattr(safefs, "_DIR_FD", False)
        # Windows' shutil.rmtree works by path (it has no fd-based variant): so does ours here.
        mp.setattr(shutil, "_use_fd_functions", False)

    def retry(self) -> durable.Retry:
        """The layer's retry on this double's clock."""
        return durable.Retry(sleep=self.clock.sleep, monotonic=self.clock.monotonic)

    # --- antivirus --------------------------------------------------------------------
    def hold(self, path: Path, seconds: float) -> None:
        st = os.stat(path)
        self._holds[(st.st_dev, st.st_ino)] = self.clock.now + seconds

    def antivirus(self, seconds: float, under: Path) -> None:
        """From now on, every new file under `under` is held for `seconds` after it is made
        (a scanner opening each new file), on this double's clock."""
        self._scanner = (os.path.realpath(under), seconds)

    def _scan_if_new(self, full: str, existed: bool, fd: int) -> None:
        if self._scanner is None or existed:
            return
        root, seconds = self._scanner
        if full.startswith(root + os.sep):
            st = os.fstat(fd)
            self._holds[(st.st_dev, st.st_ino)] = self.clock.now + seconds

    # --- helpers ----------------------------------------------------------------------
    def _in_scope(self, path: object) -> str | None:
        if isinstance(path, int):
            return None
        try:
            full = os.path.realpath(os.fsdecode(path))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return full if full == self.scope or full.startswith(self.scope + os.sep) else None

    def _check_name(self, full: str, creating: bool) -> None:
        rel = os.path.relpath(full, self.scope)
        for part in rel.split(os.sep):
            if part in (".", ".."):
                continue
            if RESERVED.match(part) or BAD_CHARS.search(part) or part.endswith((".", " ")):
                self.refused.append(f"name {part!r}")
                raise _win_error(errno.EINVAL, ERROR_INVALID_NAME,
                                 f"Windows refuses the name {part!r}", full)
        if creating and not os.path.lexists(full):
            parent, name = os.path.split(full)
            try:
                siblings = os.listdir(parent)
            except OSError:
                return
            for other in siblings:
                if other != name and other.casefold() == name.casefold():
                    self.refused.append(f"case {name!r}~{other!r}")
                    raise _win_error(errno.EEXIST, 80, f"{name!r} is the same name as {other!r} on Windows",
                                     full)

    def _track(self, fd: int, writable: bool) -> None:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode):
            self._handles.append(_Handle(fd, st.st_dev, st.st_ino, writable))

    def _live(self) -> list[_Handle]:
        alive = []
        for h in self._handles:
            try:
                st = os.fstat(h.fd)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) == (h.dev, h.ino):
                alive.append(h)
        self._handles = alive
        return alive

    def _open_inodes(self, full: str) -> set[tuple[int, int]]:
        """Inodes of `full` (a file, or every file under a folder)."""
        out: set[tuple[int, int]] = set()
        try:
            st = os.lstat(full)
        except OSError:
            return out
        if stat.S_ISDIR(st.st_mode):
            for dirpath, _dirs, files in os.walk(full):
                for name in files:
                    try:
                        s = os.lstat(os.path.join(dirpath, name))
                    except OSError:
                        continue
                    out.add((s.st_dev, s.st_ino))
        else:
            out.add((st.st_dev, st.st_ino))
        return out

    def _check_not_open(self, full: str, action: str) -> None:
        inodes = self._open_inodes(full)
        if any((h.dev, h.ino) in inodes for h in self._live()):
            self.refused.append(f"{action} open {os.path.basename(full)}")
            raise _win_error(errno.EACCES, ERROR_SHARING_VIOLATION,
                             f"cannot {action}: the file is open (Windows)", full)
        for inode in inodes:
            until = self._holds.get(inode)
            if until is not None and self.clock.now < until:
                self.refused.append(f"{action} held {os.path.basename(full)}")
                raise _win_error(errno.EACCES, ERROR_SHARING_VIOLATION,
                                 f"cannot {action}: another program holds the file", full)

    def _dir_fd_path(self, name: Any, dir_fd: int | None) -> Any:
        if dir_fd is None or isinstance(name, int) or os.path.isabs(os.fsdecode(name)):
            return name
        return os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), os.fsdecode(name))

    # --- wrapped calls ----------------------------------------------------------------
    def _open(self, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        full = self._in_scope(file)
        existed = True
        if full is not None:
            self._check_name(full, creating=any(c in mode for c in "wax"))
            existed = os.path.lexists(full)
        fh = self._real_open(file, mode, *args, **kwargs)
        if full is not None:
            self._track(fh.fileno(), writable=any(c in mode for c in "wax+"))
            self._scan_if_new(full, existed, fh.fileno())
        return fh

    def _os_open(self, path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        full = self._in_scope(self._dir_fd_path(path, dir_fd))
        if full is not None:
            self._check_name(full, creating=bool(flags & os.O_CREAT))
            if os.path.isdir(full):
                self.refused.append(f"open folder {os.path.basename(full)}")
                raise _win_error(errno.EACCES, ERROR_ACCESS_DENIED, "Windows cannot open a folder as a file",
                                 full)
        existed = full is None or os.path.lexists(full)
        fd = self._real_os_open(path, flags, mode, dir_fd=dir_fd)
        if full is not None:
            self._track(fd, writable=(flags & os.O_ACCMODE) != os.O_RDONLY)
            self._scan_if_new(full, existed, fd)
        return fd

    def _fsync(self, fd: Any) -> None:
        num = fd if isinstance(fd, int) else fd.fileno()
        import fcntl

        if (fcntl.fcntl(num, fcntl.F_GETFL) & os.O_ACCMODE) == os.O_RDONLY:
            self.refused.append("fsync read-only")
            raise _win_error(errno.EBADF, 6, "Windows cannot flush a read-only handle", f"<fd {num}>")
        self._real_fsync(num)

    def _wrap_move(self, real: Callable[..., None]) -> Callable[..., None]:
        def move(src: Any, dst: Any, *, src_dir_fd: int | None = None, dst_dir_fd: int | None = None) -> None:
            s = self._in_scope(self._dir_fd_path(src, src_dir_fd))
            d = self._in_scope(self._dir_fd_path(dst, dst_dir_fd))
            if s is not None:
                self._check_not_open(s, "move")
            if d is not None:
                self._check_name(d, creating=True)
                self._check_not_open(d, "replace")
            real(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)

        return move

    def _unlink(self, path: Any, *, dir_fd: int | None = None) -> None:
        full = self._in_scope(self._dir_fd_path(path, dir_fd))
        if full is not None:
            self._check_not_open(full, "delete")
        self._real_unlink(path, dir_fd=dir_fd)

    def _rmdir(self, path: Any, *, dir_fd: int | None = None) -> None:
        full = self._in_scope(self._dir_fd_path(path, dir_fd))
        if full is not None:
            self._check_not_open(full, "delete")
        self._real_rmdir(path, dir_fd=dir_fd)

    def _mkdir(self, path: Any, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        full = self._in_scope(self._dir_fd_path(path, dir_fd))
        if full is not None:
            self._check_name(full, creating=True)
        self._real_mkdir(path, mode, dir_fd=dir_fd)
