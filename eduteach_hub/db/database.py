"""One Database object owns the engine, its connection settings and transactions."""

from __future__ import annotations

import contextlib
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

    def dispose(self) -> None:
        self.engine.dispose()


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
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
