"""The one SQLite connection: WAL, synchronous=FULL, typed errors, one writer at a time."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath, PureWindowsPath
from types import FrameType
from typing import Any

from eduteach_desktop.core.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseUnopenableError,
    DiskFullError,
    ReadOnlyError,
    StorageIOError,
    StoreError,
)

from .migrations import migrate

# SQLite's primary result codes (the low byte of an extended code such as
# SQLITE_READONLY_DBMOVED). Classified by code, never by message text: the text changes
# between SQLite versions and says nothing stable.
_BY_PRIMARY_CODE: dict[int, type[StoreError]] = {
    sqlite3.SQLITE_FULL: DiskFullError,
    sqlite3.SQLITE_READONLY: ReadOnlyError,
    sqlite3.SQLITE_PERM: ReadOnlyError,
    sqlite3.SQLITE_BUSY: DatabaseLockedError,
    sqlite3.SQLITE_LOCKED: DatabaseLockedError,
    sqlite3.SQLITE_CORRUPT: DatabaseCorruptError,
    sqlite3.SQLITE_NOTADB: DatabaseCorruptError,
    sqlite3.SQLITE_CANTOPEN: DatabaseUnopenableError,
    sqlite3.SQLITE_IOERR: StorageIOError,
}
_BY_ERRNO: dict[int, type[StoreError]] = {
    errno.ENOSPC: DiskFullError,
    errno.EDQUOT: DiskFullError,
    errno.EROFS: ReadOnlyError,
    errno.EACCES: ReadOnlyError,
    errno.EPERM: ReadOnlyError,
    errno.EIO: StorageIOError,
}


def translate(exc: BaseException) -> StoreError:
    """Map a sqlite3 or OS failure to an error the UI and CLI can explain (disk full,
    read-only, locked, damaged, cannot open, disk failing). Anything else is a plain
    StoreError: a bug, which callers log with its traceback."""
    if isinstance(exc, StoreError):
        return exc
    kind: type[StoreError] | None = None
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(exc, sqlite3.Error) and isinstance(code, int):
        kind = _BY_PRIMARY_CODE.get(code & 0xFF)
    elif isinstance(exc, OSError) and exc.errno is not None:
        kind = _BY_ERRNO.get(exc.errno)
    details: dict[str, object] = {}
    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorname", None):
        details["sqlite"] = exc.sqlite_errorname
    if kind is None:
        return StoreError(str(exc), **details)
    return kind(str(exc), **details)


def is_bug(error: StoreError) -> bool:
    """True for a StoreError that names no condition a user can fix (a bug in our SQL…)."""
    return type(error) is StoreError


def _on_full_disk(error: StoreError, folder: Path) -> StoreError:
    """SQLite reports a disk that filled up during a WAL or journal write as SQLITE_IOERR:
    when the folder has no room left, it is a full disk the user can fix."""
    if isinstance(error, StorageIOError):
        try:
            if shutil.disk_usage(folder).free < 64 * 1024:
                return DiskFullError(str(error), path=str(folder), **error.details)
        except OSError:
            pass
    return error


class WrongThreadError(AssertionError):
    """The GUI's code used the database on the GUI thread (a bug: the window would freeze
    while a worker holds the connection, e.g. during a 100,000-lesson catalog insert)."""


class Database:
    """Owns the connection. Every write goes through transaction(); reads may use query().

    Any thread may use it; the connection lock serialises them (one statement or one
    transaction at a time). The app's rule that the GUI thread never does is checked when
    `forbid_thread` was called (debug mode and the test suite)."""

    def __init__(self, path: Path, *, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        self._lock = threading.RLock()
        self._depth = 0  # transaction nesting on the thread holding the lock
        self._forbidden: tuple[int, str] | None = None
        try:
            if read_only:
                self._conn = self._connect_read_only(path)
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            _keep_private(path)
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is
            # exactly what transaction() encloses and nothing commits behind our back.
            self._conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=10
            )
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA busy_timeout=10000")
            self.check()
            with self.transaction() as conn:
                migrate(conn)
        except sqlite3.Error as exc:
            raise self._typed(exc) from exc

    @classmethod
    def open_readonly(cls, path: Path) -> Database:
        """The database as it is, for `eduteach doctor` and support: never created, migrated
        or repaired; readable while the app writes (WAL). Writes raise ReadOnlyError."""
        return cls(path, read_only=True)

    @staticmethod
    def _connect_read_only(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, isolation_level=None,
                               check_same_thread=False, timeout=5)
        conn.row_factory = sqlite3.Row
        return conn

    def _typed(self, exc: BaseException) -> StoreError:
        return _on_full_disk(translate(exc), self.path.parent)

    def check(self) -> None:
        """Fail at start-up, clearly, on a damaged file rather than later mid-class."""
        row = self._conn.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise DatabaseCorruptError(f"database check failed: {row[0] if row else '?'}")
        mode = self._conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"could not enable WAL (journal_mode={mode})")

    def forbid_thread(self, ident: int, caller_package: str) -> None:
        """Debug check: from now on, code of `caller_package` (the GUI, "eduteach_desktop.ui")
        running on thread `ident` (the GUI thread) raises WrongThreadError when it uses the
        database. Tests and start-up code on that thread outside the package stay allowed, so
        a test may still prepare its data directly."""
        self._forbidden = (ident, caller_package + ".")

    def _check_thread(self) -> None:
        forbidden = self._forbidden
        if forbidden is None or threading.get_ident() != forbidden[0]:
            return
        frame: FrameType | None = sys._getframe(2)
        while frame is not None:
            if str(frame.f_globals.get("__name__", "")).startswith(forbidden[1]):
                raise WrongThreadError(
                    f"{frame.f_code.co_filename}:{frame.f_lineno} ({frame.f_code.co_name}) uses the"
                    " database on the GUI thread; run it through the TaskRunner")
            frame = frame.f_back

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction. A transaction() opened inside another (same thread) joins it:
        everything commits, or rolls back, together with the outer one."""
        self._check_thread()
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._typed(exc) from exc
            self._depth = 1
            try:
                yield self._conn
            except sqlite3.Error as exc:
                self._rollback()
                typed = self._typed(exc)
                if is_bug(typed):
                    raise  # not a disk, permission or lock problem: a bug, keep its own type
                raise typed from exc
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise self._typed(exc) from exc

    def _rollback(self) -> None:
        # SQLite has already rolled back by itself after some errors (SQLITE_FULL, IOERR):
        # a second ROLLBACK would fail and hide the real error.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, for a reader that takes one (e.g. migrations' helpers): no
        transaction is opened; SQLite errors come out typed."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._typed(exc) from exc

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        self._check_thread()
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._typed(exc) from exc

    def query_one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _keep_private(path: Path) -> None:
    """The database holds the hub credential and pupils' names: owner-only on POSIX (on
    Windows the installer's folder ACL and DPAPI protect them). SQLite gives its -wal and
    -shm files the database file's mode, so the file is created 0600 before SQLite opens it."""
    if os.name == "nt":
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError:
        return  # SQLite reports a read-only or missing folder in its own, translated way
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if candidate.stat().st_mode & 0o077:
                os.chmod(candidate, 0o600)
        except OSError:
            pass


def sqlite_uri(path: PurePath, mode: str = "ro") -> str:
    """A file: URI SQLite accepts for `path`, including Windows UNC and long-path forms.

    pathlib writes \\\\server\\share\\x.db as file://server/share/x.db, and SQLite refuses any
    authority but "localhost"; SQLite's Windows VFS wants file:////server/share/x.db."""
    if isinstance(path, PureWindowsPath):
        text = str(path)
        if text.upper().startswith("\\\\?\\UNC\\"):
            path = PureWindowsPath("\\\\" + text[8:])
        elif text.startswith("\\\\?\\"):
            path = PureWindowsPath(text[4:])
        uri = path.as_uri()
        if path.drive.startswith("\\\\"):
            uri = "file:////" + uri.removeprefix("file://")
    else:
        uri = Path(path).as_uri()
    return f"{uri}?mode={mode}"
