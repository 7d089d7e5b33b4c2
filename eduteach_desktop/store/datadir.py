"""Where this PC keeps its data, and the lock that makes this process the only writer."""

from __future__ import annotations

import errno
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath
from typing import IO

from eduteach_desktop.core.errors import (
    AlreadyRunningError,
    DiskFullError,
    NetworkFolderError,
    PathTooLongError,
    ReadOnlyError,
    StoreError,
)
from eduteach_protocol import durable, filelock

ENV_VAR = "EDUTEACH_DATA_DIR"
PORTABLE_MARKER = "eduteach-portable.txt"
# Written by the Windows installer when the technician puts the data on another drive.
DATA_DIR_FILE = "data-dir.txt"


def program_dir() -> Path:
    """The folder the installed program lives in as a technician sees it: for a version in
    an A/B slot (<root>/slots/<name>/), the root, so every version shares one portable
    marker, one data-dir.txt and one portable data folder."""
    from eduteach_desktop.update.layout import program_folder

    return program_folder(Path(sys.executable).resolve().parent)


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, then $EDUTEACH_DATA_DIR, then portable mode, then a data-dir.txt beside
    the installed program, then the platform's place."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    exe_dir = program_dir()
    if getattr(sys, "frozen", False) and (exe_dir / PORTABLE_MARKER).exists():
        return exe_dir / "data"
    if getattr(sys, "frozen", False) and (exe_dir / DATA_DIR_FILE).is_file():
        try:
            text = (exe_dir / DATA_DIR_FILE).read_text(encoding="utf-8-sig").strip()
        except (OSError, UnicodeDecodeError):
            text = ""  # a garbled file must not stop the app: fall back to the usual place
        chosen = Path(text.splitlines()[0].strip()).expanduser() if text else None
        if chosen is not None and chosen.is_absolute():
            return chosen
    import platformdirs

    return Path(platformdirs.user_data_dir("EduTeach", appauthor=False))


class DataDir:
    def __init__(self, root: Path):
        self.root = root
        self._lock_file: IO[bytes] | None = None

    @property
    def db_path(self) -> Path:
        return self.root / "eduteach.sqlite3"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def partial(self) -> Path:
        return self.root / "partial"

    @property
    def trust(self) -> Path:
        """TUF's trusted metadata (root history, last seen timestamp/snapshot/targets)."""
        return self.root / "trust"

    @property
    def device_key(self) -> Path:
        return self.root / "device-key.pem"

    @property
    def annotations(self) -> Path:
        """Saved pen annotations (pictures of pupils' work): never exported or uploaded."""
        return self.root / "annotations"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def writer_lock(self) -> Path:
        return self.root / ".writer.lock"

    def writer_lock_held(self) -> bool | None:
        """Is a process (the app, a CLI command) writing to this data dir now? None: cannot tell."""
        return filelock.held_elsewhere(self.writer_lock)

    def ensure(self) -> None:
        for path in (self.root, self.blobs, self.partial, self.trust, self.logs):
            path.mkdir(parents=True, exist_ok=True)

    def acquire_writer_lock(self) -> None:
        """Refuse to be a second writer on this data dir (a second app window, a cron job …).

        Refuses a network folder or a too long path first (a typed error the app and doctor
        explain), and says so clearly if the folder is read-only or full. Holding the lock,
        it repairs what a power cut left of a trust-root swap."""
        problem = folder_problem(self.root)
        if problem is not None:
            raise problem
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fh = open(self.writer_lock, "a+b")  # noqa: SIM115 - held for the process life
        except OSError as exc:
            raise _explain(exc, self.root) from exc
        try:
            taken = filelock.lock(fh.fileno(), wait=False)
        except OSError as exc:
            fh.close()
            raise _explain(exc, self.root) from exc
        if not taken:
            fh.close()
            raise AlreadyRunningError(f"another EduTeach is already using {self.root}", path=str(self.root))
        self._lock_file = fh
        try:
            durable.recover_dir_swap(self.trust)
            self.ensure()
        except OSError as exc:
            self.release_writer_lock()
            raise _explain(exc, self.root) from exc

    def release_writer_lock(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None


def _explain(exc: OSError, root: Path) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return DiskFullError(f"{root} is full", path=str(root))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyError(f"{root} is read-only", path=str(root))
    return StoreError(f"{root}: {exc.strerror or exc}", path=str(root))


# --- is this folder fit to hold the data? ------------------------------------------------
# Filesystems reached over the network: SQLite's WAL needs shared memory and byte-range
# locks that these do not give reliably, so a database there can be damaged.
NETWORK_FSTYPES = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs",
                             "9p", "afs", "ceph", "glusterfs", "fuse.glusterfs"})
DRIVE_REMOTE = 4  # GetDriveTypeW
WINDOWS_MAX_PATH = 260  # MAX_PATH, counting the terminating NUL
# The longest name the app makes inside the data folder: blobs/ab/<64 hex>.tmp, and a margin
# for the trust folder swap and SQLite's -journal files.
LONGEST_INNER_PATH = len("partial/") + 64 + len(".part.tmp") + 8
# Below this, choosing the folder is refused: lessons would not fit.
MIN_FREE_BYTES = 300 * 2**20


def is_unc(text: str) -> bool:
    """\\\\server\\share, //server/share or \\\\?\\UNC\\server\\share (\\\\?\\C:\\ is a local long path)."""
    t = text.replace("/", "\\")
    if t.upper().startswith("\\\\?\\UNC\\"):
        return True
    return t.startswith("\\\\") and not t.startswith(("\\\\?\\", "\\\\.\\"))


def network_fstype(path: Path, mountinfo: str) -> str | None:
    """The network filesystem type `path` lives on, from /proc/self/mountinfo's text."""
    best, best_type = "", None
    target = str(path)
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5 or not right.split():
            continue
        point = fields[4].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, right.split()[0]
    return best_type if best_type in NETWORK_FSTYPES else None


def _windows_drive_type(root: str) -> int:  # pragma: no cover - needs Windows
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _mountinfo() -> str:
    try:
        return Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""  # not Linux: no network check by mount table


def folder_problem(path: Path, platform: str = sys.platform, mountinfo: str | None = None,
                   drive_type: Callable[[str], int] | None = None) -> StoreError | None:
    """Why `path` cannot hold EduTeach's data (network drive, path too long), or None.

    platform, mountinfo and drive_type are injectable so both systems' rules are tested here."""
    text = str(path)
    if platform == "win32":
        if is_unc(text):
            return NetworkFolderError(f"{text} is a network folder", path=text)
        drive = PureWindowsPath(text.removeprefix("\\\\?\\")).drive
        if drive and (drive_type or _windows_drive_type)(drive + "\\") == DRIVE_REMOTE:
            return NetworkFolderError(f"{text} is on a network drive", path=text)
        if len(text.removeprefix("\\\\?\\")) + 1 + LONGEST_INNER_PATH >= WINDOWS_MAX_PATH:
            return PathTooLongError(f"{text} is too long a path for Windows", path=text)
        return None
    fstype = network_fstype(path, _mountinfo() if mountinfo is None else mountinfo)
    if fstype is not None:
        return NetworkFolderError(f"{text} is on a network filesystem ({fstype})", path=text, fstype=fstype)
    return None


def writable_problem(path: Path, need_free: int = 0) -> StoreError | None:
    """ReadOnlyError or DiskFullError if `path` (which exists) cannot take new files."""
    probe = path / ".eduteach-write-probe"
    try:
        durable.write_atomic(probe, b"probe")
        durable.delete(probe)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            return DiskFullError(f"{path} is full", path=str(path))
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyError(f"{path} is read-only", path=str(path))
        raise
    if need_free and shutil.disk_usage(path).free < need_free:
        return DiskFullError(f"{path} has too little free space", path=str(path))
    return None


def check_new_data_folder(path: Path, platform: str = sys.platform) -> None:
    """Refuse a folder the technician or teacher chose for the data, with a typed error."""
    problem = folder_problem(path, platform)
    if problem is None:
        path.mkdir(parents=True, exist_ok=True)
        problem = writable_problem(path, MIN_FREE_BYTES)
    if problem is not None:
        raise problem
