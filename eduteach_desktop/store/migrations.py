"""Numbered schema migrations, tracked in PRAGMA user_version. Never edit a released one."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from eduteach_desktop.core.errors import SchemaTooNewError


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


def _v3(conn: sqlite3.Connection) -> None:
    """The classroom app: timetable, resume positions, pinyin cache, and catalog columns
    the library reads without parsing every lesson's JSON (100,000 lessons start fast)."""
    _run(
        conn,
        """
        -- One period on one weekday (ISO, Monday = 1). grades is a JSON list: [1, 2] is a
        -- combined class. lesson_id is the teacher's override; NULL advances by itself.
        CREATE TABLE timetable (
            weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
            period INTEGER NOT NULL CHECK (period BETWEEN 1 AND 10),
            subject TEXT NOT NULL,
            grades TEXT NOT NULL,
            lesson_id TEXT,
            starts TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (weekday, period)
        );
        -- Which timetable period a class session was started from (for the Today screen).
        CREATE TABLE session_slots (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            weekday INTEGER NOT NULL,
            period INTEGER NOT NULL
        );
        CREATE INDEX session_slots_day ON session_slots(day, period);
        -- Where the teacher stopped a video or song, per lesson.
        CREATE TABLE resume_positions (
            lesson_id TEXT PRIMARY KEY,
            position_ms INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        -- Pinyin of lesson titles, computed once (it is the slow part of the search index).
        CREATE TABLE pinyin_cache (
            title TEXT PRIMARY KEY,
            full TEXT NOT NULL,
            initials TEXT NOT NULL
        );
        ALTER TABLE lessons ADD COLUMN unit_title TEXT NOT NULL DEFAULT '';
        ALTER TABLE lessons ADD COLUMN duration REAL NOT NULL DEFAULT 0;
        UPDATE lessons SET unit_title = COALESCE(json_extract(body, '$.unit_title'), ''),
                           duration = COALESCE(json_extract(body, '$.duration'), 0);
        -- Every blob a lesson needs (files and chunk indexes): "installed" becomes one
        -- query against blobs instead of a JSON parse per lesson.
        CREATE TABLE lesson_blobs (
            catalog_version INTEGER NOT NULL,
            lesson_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (catalog_version, lesson_id, sha256),
            FOREIGN KEY (catalog_version, lesson_id) REFERENCES lessons(catalog_version, id)
                ON DELETE CASCADE
        );
        CREATE INDEX lesson_blobs_sha ON lesson_blobs(sha256);
        INSERT OR IGNORE INTO lesson_blobs (catalog_version, lesson_id, sha256)
            SELECT l.catalog_version, l.id, json_extract(f.value, '$.sha256')
            FROM lessons l, json_each(l.body, '$.files') f;
        INSERT OR IGNORE INTO lesson_blobs (catalog_version, lesson_id, sha256)
            SELECT l.catalog_version, l.id, json_extract(f.value, '$.index')
            FROM lessons l, json_each(l.body, '$.files') f
            WHERE json_extract(f.value, '$.index') IS NOT NULL;
        -- A covering index in browse order: listing 100,000 lessons reads only this index,
        -- never the JSON bodies stored in the same table.
        CREATE INDEX lessons_browse ON lessons(catalog_version, grade, subject, edition, volume,
            unit, ord, id, title, kind, duration, size, unit_title);
        CREATE INDEX plays_lesson ON plays(lesson_id);
        CREATE INDEX plays_session ON plays(session_id)
        """,
    )
    # LibraryStore.add_catalog inserts only the v1 columns; this trigger fills the rest.
    # (Run on its own: _run splits on ';', which a trigger body contains.)
    conn.execute(
        """
        CREATE TRIGGER lessons_v3_columns AFTER INSERT ON lessons BEGIN
            UPDATE lessons SET unit_title = COALESCE(json_extract(NEW.body, '$.unit_title'), ''),
                               duration = COALESCE(json_extract(NEW.body, '$.duration'), 0)
                WHERE catalog_version = NEW.catalog_version AND id = NEW.id;
            INSERT OR IGNORE INTO lesson_blobs (catalog_version, lesson_id, sha256)
                SELECT NEW.catalog_version, NEW.id, json_extract(f.value, '$.sha256')
                FROM json_each(NEW.body, '$.files') f;
            INSERT OR IGNORE INTO lesson_blobs (catalog_version, lesson_id, sha256)
                SELECT NEW.catalog_version, NEW.id, json_extract(f.value, '$.index')
                FROM json_each(NEW.body, '$.files') f
                WHERE json_extract(f.value, '$.index') IS NOT NULL;
        END
        """
    )


def _v4(conn: sqlite3.Connection) -> None:
    """Editions set by the county, kept apart from the teacher's own choice of books."""
    _run(
        conn,
        """
        -- The textbook edition the county set for this school, per subject; grade 0 is
        -- every grade, a row for one grade wins there (eduteach_protocol.editions).
        CREATE TABLE county_editions (
            subject TEXT NOT NULL,
            grade INTEGER NOT NULL,
            edition TEXT NOT NULL,
            PRIMARY KEY (subject, grade)
        );
        -- One row once the teacher has chosen the books (subscriptions): from then on their
        -- choice is what the PC downloads, whatever the county sets later.
        CREATE TABLE subscription_choice (
            only INTEGER PRIMARY KEY CHECK (only = 1),
            chosen_at TEXT NOT NULL
        );
        -- Subscriptions made before this version were a teacher's choice.
        INSERT INTO subscription_choice (only, chosen_at)
            SELECT 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE EXISTS (SELECT 1 FROM subscriptions)
        """,
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4]
LATEST = len(MIGRATIONS)

# Forward safety (docs/updates.md, "Database migrations and rollback"): after an app update
# fails, the previous version opens the database the new one migrated. The newest app
# writes COMPATIBLE_DOWN_TO into the settings table (there since v1): the lowest schema
# version an app must know to use this database. An app whose LATEST is at least that
# opens a newer database as it is, without migrating; an older one refuses, clearly.
# A migration that only adds tables or columns an older app can ignore leaves the value
# alone; one that changes or moves data, or adds data that code keeps in step with other
# tables (v4's lesson_blobs follows catalogs), raises it to its own number.
COMPATIBLE_DOWN_TO = 4
COMPAT_KEY = "schema_compatible_down_to"


def migrate(conn: sqlite3.Connection, target: int = LATEST, known: int = LATEST,
            compatible_down_to: int = COMPATIBLE_DOWN_TO) -> int:
    """Bring the schema to `target`; runs inside the caller's transaction. `known` is the
    newest schema this app knows (a test plays an older app with a smaller one)."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > known:
        needed = compatible_down_to_of(conn)
        if needed is not None and needed <= known:
            return int(current)  # a newer app's additions, safe to ignore
        raise SchemaTooNewError(
            f"this data folder was last used by a newer EduTeach (database schema {current}; this version "
            f"knows up to {known}{'' if needed is None else f' and the database needs {needed}'}): "
            "start the newer version again, or ask the county for it; nothing was changed")
    for number in range(current + 1, target + 1):
        MIGRATIONS[number - 1](conn)
        conn.execute(f"PRAGMA user_version = {number}")
    if target == known and compatible_down_to_of(conn) != compatible_down_to:
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                     "excluded.value", (COMPAT_KEY, json.dumps(compatible_down_to)))
    return target


def compatible_down_to_of(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (COMPAT_KEY,)).fetchone()
        value = json.loads(row[0]) if row is not None else None
    except (sqlite3.Error, ValueError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
