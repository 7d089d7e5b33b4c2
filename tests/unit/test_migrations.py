"""Each numbered migration, from every older version, with data in it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eduteach_desktop.core.errors import AlreadyRunningError, DatabaseCorruptError
from eduteach_desktop.store.datadir import DataDir
from eduteach_desktop.store.db import Database
from eduteach_desktop.store.migrations import LATEST, MIGRATIONS, migrate

# The store under Windows' file rules too (tests/helpers/winsem.py).
pytestmark = pytest.mark.windows_semantics


def test_fresh_database_reaches_latest_with_wal_and_full_sync(tmp_path: Path):
    db = Database(tmp_path / "a.sqlite3")
    assert db.query_one("PRAGMA user_version")[0] == LATEST
    assert db.query_one("PRAGMA journal_mode")[0] == "wal"
    assert db.query_one("PRAGMA synchronous")[0] == 2  # FULL
    assert db.query_one("PRAGMA foreign_keys")[0] == 1
    db.close()


@pytest.mark.parametrize("start", range(0, LATEST))
def test_migrate_from_each_older_version_keeps_data(tmp_path: Path, start: int):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, target=start)
    conn.execute("COMMIT")
    if start >= 1:
        conn.execute("INSERT INTO settings (key, value) VALUES ('school_code', '\"4301230001\"')")
    conn.close()
    db = Database(path)
    assert db.query_one("PRAGMA user_version")[0] == LATEST
    if start >= 1:
        assert db.query_one("SELECT value FROM settings WHERE key='school_code'")[0] == '"4301230001"'
    db.close()


def test_migrations_are_numbered_one_per_function():
    assert len(MIGRATIONS) == LATEST
    assert [m.__name__ for m in MIGRATIONS] == [f"_v{i}" for i in range(1, LATEST + 1)]


def test_database_from_a_newer_app_is_refused(tmp_path: Path):
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.close()
    with pytest.raises(Exception, match="newer EduTeach"):
        Database(path)


def test_corrupt_database_file_gives_a_typed_error(tmp_path: Path):
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(DatabaseCorruptError):
        Database(path)


def test_a_second_writer_on_the_same_data_dir_is_refused(tmp_path: Path):
    first = DataDir(tmp_path / "d")
    first.acquire_writer_lock()
    second = DataDir(tmp_path / "d")
    with pytest.raises(AlreadyRunningError):
        second.acquire_writer_lock()
    first.release_writer_lock()
    second.acquire_writer_lock()
    second.release_writer_lock()


@pytest.mark.parametrize("subscribed", [True, False])
def test_v4_marks_existing_subscriptions_as_the_teachers_choice(tmp_path: Path, subscribed: bool):
    """Before v4 every subscription was a teacher's; after it the county's editions are kept
    apart, and only a PC whose teacher had chosen keeps deciding for itself."""
    path = tmp_path / "v3.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, target=3)
    if subscribed:
        conn.execute("INSERT INTO subscriptions (grade, subject, edition) VALUES (1, 'music', '湘艺版')")
    conn.execute("COMMIT")
    conn.close()
    db = Database(path)
    try:
        assert db.query_one("PRAGMA user_version")[0] == LATEST
        chosen = db.query_one("SELECT count(*) FROM subscription_choice")[0]
        assert chosen == (1 if subscribed else 0)
        assert db.query_one("SELECT count(*) FROM county_editions")[0] == 0
    finally:
        db.close()
