"""Where this PC keeps its data, and the lock that makes this process the only writer."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from eduteach_desktop.core.errors import AlreadyRunningError
from eduteach_protocol import durable

ENV_VAR = "EDUTEACH_DATA_DIR"
PORTABLE_MARKER = "eduteach-portable.txt"
# Written by the Windows installer when the technician puts the data on another drive.
DATA_DIR_FILE = "data-dir.txt"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, then $EDUTEACH_DATA_DIR, then portable mode, then a data-dir.txt beside
    the installed program, then the platform's place."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    exe_dir = Path(sys.executable).resolve().parent
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
    def logs(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> None:
        for path in (self.root, self.blobs, self.partial, self.trust, self.logs):
            path.mkdir(parents=True, exist_ok=True)

    def acquire_writer_lock(self) -> None:
        """Refuse to be a second writer on this data dir (a second app window, a cron job …).

        Holding the lock, it repairs what a power cut left of a trust-root swap."""
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / ".writer.lock", "a+b")  # noqa: SIM115 - held for the process life
        try:
            if sys.platform == "win32":
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            fh.close()
            raise AlreadyRunningError(
                f"another EduTeach is already using {self.root}", path=str(self.root)
            ) from exc
        self._lock_file = fh
        durable.recover_dir_swap(self.trust)
        self.ensure()

    def release_writer_lock(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None
