"""SQLite failures are classified by their result code (sqlite_errorcode), provoked for real."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from eduteach_desktop.core.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseUnopenableError,
    DiskFullError,
    ReadOnlyError,
    StorageIOError,
    StoreError,
)
from eduteach_desktop.store.db import Database, is_bug, translate


def _raised(conn: sqlite3.Connection, sql: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as info:
        conn.execute(sql)
    return info.value


def test_full(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("CREATE TABLE t (v BLOB)")
    conn.execute("PRAGMA max_page_count = 3")  # SQLite's own limit: the same SQLITE_FULL
    err = translate(_raised(conn, "INSERT INTO t VALUES (zeroblob(100000))"))
    assert isinstance(err, DiskFullError) and err.details["sqlite"] == "SQLITE_FULL"


def test_read_only(tmp_path):
    sqlite3.connect(tmp_path / "x.db").execute("CREATE TABLE t (v)").connection.close()
    conn = sqlite3.connect(f"file:{tmp_path / 'x.db'}?mode=ro", uri=True)
    err = translate(_raised(conn, "INSERT INTO t VALUES (1)"))
    assert isinstance(err, ReadOnlyError) and err.details["sqlite"] == "SQLITE_READONLY"


def test_busy(tmp_path):
    holder = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    holder.execute("CREATE TABLE t (v)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(tmp_path / "x.db", timeout=0)
    assert isinstance(translate(_raised(other, "SELECT * FROM t")), DatabaseLockedError)
    holder.execute("ROLLBACK")


def test_not_a_database(tmp_path):
    (tmp_path / "x.db").write_bytes(b"this is a text file, not SQLite " * 100)
    conn = sqlite3.connect(tmp_path / "x.db")
    err = translate(_raised(conn, "SELECT * FROM sqlite_master"))
    assert isinstance(err, DatabaseCorruptError) and err.details["sqlite"] == "SQLITE_NOTADB"


def test_cannot_open(tmp_path):
    with pytest.raises(sqlite3.Error) as info:
        sqlite3.connect(f"file:{tmp_path / 'missing' / 'x.db'}?mode=ro", uri=True)
    assert isinstance(translate(info.value), DatabaseUnopenableError)


def test_a_bug_stays_a_bug(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.db")
    err = translate(_raised(conn, "SELEC nonsense"))
    assert type(err) is StoreError and is_bug(err)
    # The message text is never consulted: a bug whose text mentions "locked" is still a bug.
    assert is_bug(translate(sqlite3.OperationalError("no such table: locked_readonly_full")))


@pytest.mark.parametrize(("code", "kind"), [
    (errno.ENOSPC, DiskFullError), (errno.EROFS, ReadOnlyError), (errno.EACCES, ReadOnlyError),
    (errno.EIO, StorageIOError)])
def test_os_errors(code, kind):
    assert isinstance(translate(OSError(code, "x")), kind)


def test_database_raises_typed_errors_and_keeps_bugs_as_they_are(tmp_path):
    db = Database(tmp_path / "eduteach.sqlite3")
    try:
        with pytest.raises(sqlite3.OperationalError), db.transaction() as conn:
            conn.execute("SELEC nonsense")
        db.query("PRAGMA max_page_count = 1")  # below the current size: every growth is refused
        with pytest.raises(DiskFullError), db.transaction() as conn:
            conn.execute("CREATE TABLE big (v BLOB)")
            conn.execute("INSERT INTO big VALUES (zeroblob(1000000))")
    finally:
        db.close()


def test_read_only_database_open(tmp_path):
    Database(tmp_path / "eduteach.sqlite3").close()
    db = Database.open_readonly(tmp_path / "eduteach.sqlite3")
    try:
        assert db.query_one("PRAGMA user_version") is not None
        with pytest.raises(ReadOnlyError), db.transaction() as conn:
            conn.execute("CREATE TABLE t (v)")
    finally:
        db.close()
    with pytest.raises(DatabaseUnopenableError):
        Database.open_readonly(tmp_path / "missing.sqlite3")
