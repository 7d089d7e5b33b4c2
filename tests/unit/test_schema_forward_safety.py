"""After a failed app update the previous version opens the database the new one
migrated (docs/updates.md, "Database migrations and rollback"): the rule in
store/migrations.py, played with real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eduteach_desktop.core.errors import SchemaTooNewError
from eduteach_desktop.store import migrations
from eduteach_desktop.store.db import Database
from eduteach_desktop.store.migrations import COMPAT_KEY, COMPATIBLE_DOWN_TO, LATEST, migrate


def _future_release(path: Path, compatible_down_to: int) -> None:
    """What a next version does to the database: its own additive migration (a new table
    and a new column), and its declared compatibility."""
    db = Database(path)
    with db.transaction() as conn:
        conn.execute("CREATE TABLE app_future (id INTEGER PRIMARY KEY, note TEXT)")
        conn.execute("ALTER TABLE settings ADD COLUMN changed_at TEXT")
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
        conn.execute("UPDATE settings SET value = ? WHERE key = ?", (str(compatible_down_to), COMPAT_KEY))
        conn.execute("INSERT INTO settings (key, value) VALUES ('school_code', '\"4301230001\"')")
    db.close()


def test_the_newest_app_declares_what_may_open_its_database(tmp_path: Path):
    db = Database(tmp_path / "d.sqlite3")
    row = db.query_one("SELECT value FROM settings WHERE key = ?", (COMPAT_KEY,))
    assert row is not None and int(row["value"]) == COMPATIBLE_DOWN_TO <= LATEST
    db.close()


def test_this_version_opens_a_database_a_newer_additive_version_migrated(tmp_path: Path):
    path = tmp_path / "d.sqlite3"
    _future_release(path, compatible_down_to=LATEST)
    db = Database(path)  # this app plays "the previous version" after a rollback
    assert db.query_one("PRAGMA user_version")[0] == LATEST + 1  # not touched
    assert db.query_one("SELECT value FROM settings WHERE key='school_code'")[0] == '"4301230001"'
    with db.transaction() as conn:  # and it still writes its own tables
        conn.execute("INSERT INTO settings (key, value) VALUES ('last_sync', '\"2026-12-07\"')")
    db.close()


def test_a_database_the_newer_version_declared_incompatible_is_refused_clearly(tmp_path: Path):
    path = tmp_path / "d.sqlite3"
    _future_release(path, compatible_down_to=LATEST + 1)
    with pytest.raises(SchemaTooNewError, match="newer EduTeach .* nothing was changed"):
        Database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST + 1
    conn.close()


@pytest.mark.parametrize("declared, opens", [(LATEST - 1, True), (LATEST, False)])
def test_an_app_one_schema_older_follows_the_declared_value(tmp_path: Path, declared: int, opens: bool):
    """A database at LATEST, opened with LATEST-1 semantics (the app before this one)."""
    path = tmp_path / "d.sqlite3"
    Database(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE settings SET value = ? WHERE key = ?", (str(declared), COMPAT_KEY))
    if opens:
        assert migrate(conn, target=LATEST - 1, known=LATEST - 1) == LATEST
    else:
        with pytest.raises(SchemaTooNewError):
            migrate(conn, target=LATEST - 1, known=LATEST - 1)
    conn.close()


def test_every_migration_so_far_is_marked_against_the_rule():
    # v4 keeps lesson_blobs in step with catalogs in code: an app before it would leave the
    # table stale, so the value is 4, not lower. Raise it with any migration that is not
    # purely additive (docs/updates.md).
    assert COMPATIBLE_DOWN_TO == 4 and migrations.LATEST == 4
