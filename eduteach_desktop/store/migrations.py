"""Numbered schema migrations, tracked in PRAGMA user_version. Never edit a released one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _run(conn: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, which would break the caller's transaction.
    # Comments are dropped first: they may contain ';'.
    code = "\n".join(ln for ln in script.splitlines() if not ln.strip().startswith("--"))
    for statement in code.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- Every verified catalog we hold. At most one is active (playable); a newer one
        -- stays pending until every subscribed lesson in it is complete.
        CREATE TABLE catalogs (
            version INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL,
            body BLOB NOT NULL,
            source TEXT NOT NULL,
            received_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'retired')),
            activated_at TEXT
        );
        CREATE UNIQUE INDEX one_active_catalog ON catalogs(state) WHERE state = 'active';
        CREATE TABLE lessons (
            catalog_version INTEGER NOT NULL REFERENCES catalogs(version) ON DELETE CASCADE,
            id TEXT NOT NULL,
            grade INTEGER NOT NULL,
            subject TEXT NOT NULL,
            edition TEXT NOT NULL,
            volume TEXT NOT NULL,
            unit INTEGER NOT NULL,
            ord INTEGER NOT NULL,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            size INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (catalog_version, id)
        );
        -- Blobs that passed verification and sit in blobs/. Nothing else is ever played.
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            verified_at TEXT NOT NULL
        );
        -- Downloads in progress. Both offsets only advance after the bytes are fsynced:
        -- [0, verified) passed its chunk hashes; [verified, received) is the chunk in
        -- flight, kept so a link that drops every few hundred KB still makes progress.
        CREATE TABLE partials (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            verified_bytes INTEGER NOT NULL,
            received_bytes INTEGER NOT NULL,
            validator TEXT,
            updated_at TEXT NOT NULL
        );
        -- What the school wants. No rows means everything in the catalog.
        CREATE TABLE subscriptions (
            grade INTEGER NOT NULL,
            subject TEXT NOT NULL,
            edition TEXT NOT NULL,
            PRIMARY KEY (grade, subject, edition)
        );
        -- The record outbox: xAPI statements made on this PC, until the hub acknowledges.
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            statement TEXT NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'acked', 'quarantined')),
            attempts INTEGER NOT NULL DEFAULT 0,
            acked_at TEXT,
            error TEXT
        );
        CREATE INDEX outbox_pending ON outbox(state, seq);
        CREATE TABLE plays (
            id TEXT PRIMARY KEY,
            lesson_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            seconds_played REAL NOT NULL,
            completed INTEGER NOT NULL,
            record_id TEXT NOT NULL REFERENCES outbox(id)
        );
        """
    )


def _v2(conn: sqlite3.Connection) -> None:
    """Class sessions, rosters and attendance; clock-skew flags on records."""
    _run(
        conn,
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            grades TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            record_id TEXT REFERENCES outbox(id)
        );
        CREATE INDEX sessions_started ON sessions(started_at);
        -- Pupils as the school entered them. Names never leave this PC; statements carry
        -- the registry number (学籍号) if entered, else the opaque id.
        CREATE TABLE pupils (
            id TEXT PRIMARY KEY,
            grade INTEGER NOT NULL,
            name TEXT NOT NULL,
            gender TEXT NOT NULL DEFAULT '',
            registry_no TEXT,
            class_name TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX pupils_registry ON pupils(registry_no) WHERE registry_no IS NOT NULL;
        CREATE TABLE attendance (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            pupil_id TEXT NOT NULL REFERENCES pupils(id),
            status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'late', 'leave')),
            record_id TEXT REFERENCES outbox(id),
            PRIMARY KEY (session_id, pupil_id)
        );
        ALTER TABLE plays ADD COLUMN session_id TEXT REFERENCES sessions(id);
        ALTER TABLE outbox ADD COLUMN skewed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE outbox ADD COLUMN voided_by TEXT
        """,
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]
LATEST = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the schema to `target`; runs inside the caller's transaction."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > LATEST:
        raise RuntimeError(
            f"this database was written by a newer EduTeach (schema {current} > {LATEST})"
        )
    for number in range(current + 1, target + 1):
        MIGRATIONS[number - 1](conn)
        conn.execute(f"PRAGMA user_version = {number}")
    return target
