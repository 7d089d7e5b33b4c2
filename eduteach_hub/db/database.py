"""One Database object owns the engine, its connection settings and transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text

_WRITE_OPTION = "eduteach_write"


class DatabaseError(Exception):
    """The database cannot be used (unreachable, read-only, disk full, locked too long)."""


class Database:
    """Engine plus the two ways in: read() for a consistent snapshot, write() for a change.

    On SQLite: WAL (readers never block the writer), synchronous=FULL (a power cut loses
    no acknowledged record), foreign keys on, and write transactions start with
    BEGIN IMMEDIATE so two writers queue on the busy timeout instead of failing when a
    read lock is upgraded.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        # SQLite has one writer at a time; threads of this process queue here rather than
        # in SQLite's busy handler, which sleeps in steps of up to 100 ms.
        self._write_lock = threading.Lock() if engine.dialect.name == "sqlite" else None
        path = engine.url.database if engine.dialect.name == "sqlite" else None
        self._checkpointer = _Checkpointer(path) if path and path != ":memory:" else None

    @classmethod
    def open(cls, url: str, **engine_kw: Any) -> Database:
        engine = create_engine(url, **engine_kw)
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)
        return cls(engine)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def migrate(self) -> str:
        """Bring the schema to the newest revision (Alembic); returns that revision.

        Safe to call from every worker at start-up: on PostgreSQL an advisory lock makes
        concurrent callers take turns, on SQLite BEGIN IMMEDIATE does. A database made by
        the foundation's create_all (tables but no alembic_version) is stamped at 0001.
        """
        from .migrate import upgrade

        with self.write() as conn:
            return upgrade(conn)

    create_schema = migrate  # the foundation's name

    def check(self) -> None:
        """Fail early with a clear message if the database is unusable or not initialized."""
        try:
            with self.read() as conn:
                conn.execute(text("SELECT count(*) FROM schools"))
        except Exception as exc:  # noqa: BLE001 - any driver error means "cannot use it"
            raise DatabaseError(f"cannot use the database {self.engine.url!r}: {exc}") from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection whose queries see one snapshot; rolled back at the end."""
        with self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction: committed if the block ends normally, rolled back if it raises."""
        with self._write_lock or contextlib.nullcontext(), self.engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            with conn.begin():
                yield conn
        if self._checkpointer is not None:
            self._checkpointer.poke()

    def dispose(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self.engine.dispose()


# WAL size (bytes) from which the background thread checkpoints: SQLite's own default is
# 1000 pages (~4 MiB).
CHECKPOINT_BYTES = 4 * 1024 * 1024
# The writers' own automatic checkpoint, in pages: only a fallback for when the background
# thread falls behind (or is gone), so the WAL stays bounded whatever happens.
FALLBACK_AUTOCHECKPOINT_PAGES = 16384
# The WAL file is cut back to this size after a checkpoint has emptied it.
WAL_SIZE_LIMIT = 64 * 1024 * 1024


class _Checkpointer:
    """Runs SQLite's WAL checkpoints on a thread of its own, off the ingest path.

    With the default automatic checkpoint, the commit that pushes the WAL past 1000 pages
    also copies the WAL into the database file and fsyncs it, on the request's critical
    path: about a third of what storing a statement batch cost. Here a daemon thread with
    its own connection runs a PASSIVE checkpoint (never blocks readers or writers) when a
    write has left the WAL larger than CHECKPOINT_BYTES. Durability is unchanged: a commit
    is durable once its WAL frames are fsynced (synchronous=FULL), before any checkpoint;
    the checkpoint itself fsyncs as SQLite always does (synchronous=FULL here too).
    """

    def __init__(self, path: str):
        self.path = path
        self._wake = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def poke(self) -> None:
        """A write committed: check the WAL soon."""
        if self._thread is None:
            with self._lock:
                if self._thread is None and not self._stopping:
                    self._thread = threading.Thread(
                        target=self._run, name="sqlite-checkpoint", daemon=True
                    )
                    self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(timeout=30)

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._stopping:
                    return
                try:
                    if os.path.getsize(self.path + "-wal") < CHECKPOINT_BYTES:
                        continue
                except OSError:
                    continue
                try:
                    if conn is None:
                        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                        conn.execute("PRAGMA busy_timeout = 10000")
                        conn.execute("PRAGMA synchronous = FULL")
                        conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    # Busy or gone: the next write pokes again, and the writers' fallback
                    # autocheckpoint bounds the WAL meanwhile.
                    if conn is not None:
                        conn.close()
                    conn = None
        finally:
            if conn is not None:
                conn.close()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN, not the sqlite3 module.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA busy_timeout = 10000")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA cache_size = -65536")  # 64 MiB: the statement indexes stay in memory
            # Checkpoints run on Database's background thread (_Checkpointer); a writer only
            # checkpoints itself if that thread falls far behind.
            cur.execute(f"PRAGMA wal_autocheckpoint = {FALLBACK_AUTOCHECKPOINT_PAGES}")
            cur.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
