"""Alembic migrations on SQLite and PostgreSQL: an empty database, one at the foundation
revision with data in it, and one made by the foundation's create_all (no alembic_version)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import inspect, text

from eduteach_hub.db import Database
from eduteach_hub.db.migrate import current, head, upgrade
from tests.integration.hubproc import playback

SCHOOL = "4201000031"
NOW = "2026-03-02T01:00:00.000Z"


def _db(db_url: str | None, tmp_path: Path) -> Database:
    return Database.open(db_url or f"sqlite:///{tmp_path / 'm.sqlite3'}")


def test_empty_database_to_head(db_url: str | None, tmp_path: Path) -> None:
    db = _db(db_url, tmp_path)
    try:
        assert db.migrate() == head()
        assert db.migrate() == head()  # again: nothing to do
        with db.read() as conn:
            tables = set(inspect(conn).get_table_names())
            assert current(conn) == head()
        assert {"schools", "statements", "users", "usage_daily", "attendance", "school_editions", "publishes"} <= tables
    finally:
        db.dispose()


def _foundation_rows(conn: object) -> list[dict]:
    dev = "dev-" + "a" * 32
    conn.execute(  # type: ignore[attr-defined]
        text("INSERT INTO schools VALUES (:c, '甲', '420100', :t)"), {"c": SCHOOL, "t": NOW}
    )
    conn.execute(  # type: ignore[attr-defined]
        text(
            "INSERT INTO devices (id, school_code, secret_hash, public_key, name, app_version, enrolled_at)"
            " VALUES (:d, :c, 'x', 'k', 'pc', '0.1', :t)"
        ),
        {"d": dev, "c": SCHOOL, "t": NOW},
    )
    stmts = []
    for i, completed in enumerate([False, False, False]):  # "terminated": one play each
        s = playback(dev, SCHOOL, seq=i, completed=completed)
        s["context"]["registration"] = "11111111-1111-4111-8111-111111111111"
        s.update(stored=NOW, version="2.0.0")
        stmts.append(s)
    for i, s in enumerate(stmts):
        conn.execute(  # type: ignore[attr-defined]
            text(
                "INSERT INTO statements (id, school_code, device_id, stored, timestamp, verb_id,"
                " activity_id, registration, voided, content_sha256, body) VALUES"
                " (:id, :c, :d, :st, :ts, :v, :a, :r, :voided, 'h', :b)"
            ),
            {
                "id": s["id"], "c": SCHOOL, "d": dev, "st": NOW, "ts": "2026-03-02T00:00:00.000Z",
                "v": s["verb"]["id"], "a": s["object"]["id"], "r": s["context"]["registration"],
                "voided": i == 2, "b": json.dumps(s, ensure_ascii=False),
            },
        )
    return stmts


def test_foundation_database_with_data(db_url: str | None, tmp_path: Path) -> None:
    db = _db(db_url, tmp_path)
    try:
        with db.write() as conn:
            assert upgrade(conn, "0001") == "0001"
            stmts = _foundation_rows(conn)
        assert db.migrate() == head()
        with db.read() as conn:
            n_agents = conn.execute(text("SELECT count(*) FROM statement_agents")).scalar()
            plays = conn.execute(
                text("SELECT plays, completed FROM usage_daily WHERE school_code = :c"), {"c": SCHOOL}
            ).all()
            sessions = conn.execute(text("SELECT plays FROM class_sessions")).all()
            kept = conn.execute(text("SELECT count(*) FROM statements")).scalar()
        assert kept == 3, "migrations keep every statement"
        with db.write() as conn:  # 0007: editions per school, publish history, books per PC
            conn.execute(text("INSERT INTO school_editions VALUES (:c, 3, 'english', '外研版', :t)"), {"c": SCHOOL, "t": NOW})
            conn.execute(text("INSERT INTO publishes VALUES (1, :t, 2, 2, 0, 0, 10, 8.0, '[]')"), {"t": NOW})
            conn.execute(text(
                "INSERT INTO inventories (device_id, school_code, catalog_version, lessons_installed,"
                " lessons_subscribed, bytes, reported_at, books) VALUES ('d', :c, 1, 1, 1, 1, :t, '[]')"),
                {"c": SCHOOL, "t": NOW})
            assert conn.execute(text("SELECT edition FROM school_editions")).scalar() == "外研版"
        assert n_agents >= 3
        # The voided statement is not counted: two plays, one session.
        assert [tuple(r) for r in plays] == [(2, 0)]
        assert [tuple(r) for r in sessions] == [(2,)]
        assert stmts
    finally:
        db.dispose()


def test_create_all_database_is_stamped(tmp_path: Path) -> None:
    """Hubs set up before Alembic have the tables but no alembic_version table."""
    db = _db(None, tmp_path)
    try:
        with db.write() as conn:
            upgrade(conn, "0001")
            conn.execute(text("DROP TABLE alembic_version"))
            _foundation_rows(conn)
        assert db.migrate() == head()
        with db.read() as conn:
            assert conn.execute(text("SELECT count(*) FROM usage_daily")).scalar() == 1
    finally:
        db.dispose()


def test_usb_imports_added_to_a_database_with_data(db_url: str | None, tmp_path: Path) -> None:
    """0008 (never-online schools): a hub at 0007 with devices and records gains an empty
    usb_imports table that the import fills; nothing else changes."""
    db = _db(db_url, tmp_path)
    try:
        with db.write() as conn:
            upgrade(conn, "0001")
            _foundation_rows(conn)
        with db.write() as conn:
            assert upgrade(conn, "0007") == "0007"
            assert "usb_imports" not in inspect(conn).get_table_names()
        assert db.migrate() == head()
        with db.write() as conn:
            assert conn.execute(text("SELECT count(*) FROM usb_imports")).scalar() == 0
            conn.execute(text(
                "INSERT INTO usb_imports (device_id, school_code, imported_at, file_sha256, statements, new,"
                " first_day, last_day, days) VALUES (:d, :s, :t, :h, 3, 3, '2026-03-02', '2026-03-02', 1)"
            ), {"d": "dev-" + "a" * 32, "s": SCHOOL, "t": NOW, "h": "0" * 64})
            assert conn.execute(text("SELECT count(*) FROM statements")).scalar() == 3
    finally:
        db.dispose()


def test_0007_on_a_0006_database_with_inventories(db_url: str | None, tmp_path: Path) -> None:
    """0007 adds the books column to inventories that exist, and goes back down cleanly."""
    from alembic import command

    from eduteach_hub.db.migrate import _config

    db = _db(db_url, tmp_path)
    try:
        with db.write() as conn:
            assert upgrade(conn, "0006") == "0006"
            conn.execute(text("INSERT INTO schools VALUES (:c, '甲', '420100', :t)"), {"c": SCHOOL, "t": NOW})
            conn.execute(text(
                "INSERT INTO inventories (device_id, school_code, catalog_version, lessons_installed,"
                " lessons_subscribed, bytes, reported_at) VALUES ('d', :c, 4, 5, 6, 7, :t)"), {"c": SCHOOL, "t": NOW})
        assert db.migrate() == head()
        with db.read() as conn:
            assert tuple(conn.execute(text("SELECT catalog_version, lessons_installed, books FROM inventories")).one()) == (4, 5, None)
        with db.write() as conn:
            command.downgrade(_config(conn), "0006")
            assert current(conn) == "0006"
            assert "school_editions" not in inspect(conn).get_table_names()
            assert conn.execute(text("SELECT lessons_subscribed FROM inventories")).scalar() == 6
    finally:
        db.dispose()


def test_0009_puts_every_school_on_stable_and_adds_app_tables(db_url: str | None, tmp_path: Path) -> None:
    """0009 (app updates): a hub at 0008 with schools and devices keeps them all; each school
    is on the stable channel; the app status tables start empty; and 0009 goes down again."""
    db = _db(db_url, tmp_path)
    try:
        with db.write() as conn:
            upgrade(conn, "0001")
            _foundation_rows(conn)
        with db.write() as conn:
            assert upgrade(conn, "0008") == "0008"
            assert "channel" not in {c["name"] for c in inspect(conn).get_columns("schools")}
        assert db.migrate() == head()
        with db.write() as conn:
            assert conn.execute(text("SELECT code, channel FROM schools")).all() == [(SCHOOL, "stable")]
            assert conn.execute(text("SELECT count(*) FROM app_status")).scalar() == 0
            conn.execute(text("UPDATE schools SET channel = 'pilot'"))
            conn.execute(text(
                "INSERT INTO app_status (device_id, school_code, app_version, app_platform, update_state,"
                " reported_at) VALUES (:d, :s, '1.0.0', 'linux-x64', 'idle', :t)"
            ), {"d": "dev-" + "a" * 32, "s": SCHOOL, "t": NOW})
            assert conn.execute(text("SELECT count(*) FROM statements")).scalar() == 3
        with db.write() as conn:
            from alembic import command

            from eduteach_hub.db.migrate import _config

            command.downgrade(_config(conn), "0008")
            assert current(conn) == "0008"
            assert "app_status" not in inspect(conn).get_table_names()
            assert conn.execute(text("SELECT count(*) FROM schools")).scalar() == 1
    finally:
        db.dispose()


def test_0010_indexes_context_agents_of_statements_stored_before(db_url: str | None, tmp_path: Path) -> None:
    """0010: a statement stored with contextAgents/contextGroups before they were indexed is
    found by related_agents afterwards; statements without them are not touched."""
    from eduteach_hub.db.facts import agent_key
    from eduteach_protocol.records import pupil_agent

    pupil = pupil_agent("G110101201501019999")
    member = pupil_agent("G110101201501018888")
    db = _db(db_url, tmp_path)
    try:
        with db.write() as conn:
            upgrade(conn, "0001")
            stmts = _foundation_rows(conn)
            assert upgrade(conn, "0009") == "0009"
            stmts[0]["context"]["contextAgents"] = [{"objectType": "contextAgent", "agent": pupil}]
            stmts[1]["context"]["contextGroups"] = [
                {"objectType": "contextGroup", "group": {"objectType": "Group", "member": [member]}}]
            for s in stmts[:2]:
                conn.execute(text("UPDATE statements SET body = :b WHERE id = :i"),
                             {"b": json.dumps(s, ensure_ascii=False), "i": s["id"]})
            before = conn.execute(text("SELECT count(*) FROM statement_agents")).scalar()
        assert db.migrate() == head()
        with db.read() as conn:
            def related(agent: dict) -> set[str]:
                return {r[0] for r in conn.execute(
                    text("SELECT statement_id FROM statement_agents WHERE agent_key = :k AND role = 'related'"),
                    {"k": agent_key(agent)})}

            assert related(pupil) == {stmts[0]["id"]}
            assert related(member) == {stmts[1]["id"]}
            assert conn.execute(text("SELECT count(*) FROM statement_agents")).scalar() == before + 2
    finally:
        db.dispose()


def test_0011_counts_how_plays_stored_before_were_taught(db_url: str | None, tmp_path: Path) -> None:
    """0011: usage_daily gains sung/repeated/presented. Plays an updated app sent to a hub
    that did not know modes yet are counted from their stored bodies (a voided one is not),
    their plays are not counted twice, and 0011 goes down and up again."""
    from eduteach_protocol.records import EXT_MODES, EXT_TRACKS

    db = _db(db_url, tmp_path)
    try:
        with db.write() as conn:
            upgrade(conn, "0001")
            stmts = _foundation_rows(conn)  # three music plays on 2026-03-02, the third voided
            assert upgrade(conn, "0010") == "0010"
            classroom = [
                {EXT_MODES: ["sing-along"], EXT_TRACKS: ["accompaniment"]},
                {EXT_MODES: ["presenter", "repeat-after-me"]},
                {EXT_MODES: ["sing-along"]},  # voided: counts nothing
            ]
            for s, ext in zip(stmts, classroom, strict=True):
                s["context"]["extensions"].update(ext)
                conn.execute(text("UPDATE statements SET body = :b WHERE id = :i"),
                             {"b": json.dumps(s, ensure_ascii=False), "i": s["id"]})
            # 0002 counted the two live plays (as the hub at 0010 did when they arrived).
            assert conn.execute(text("SELECT plays FROM usage_daily")).all() == [(2,)]
        assert db.migrate() == head()
        counted = "SELECT plays, completed, seconds, sung, repeated, presented FROM usage_daily"
        with db.read() as conn:
            assert conn.execute(text(counted)).all() == [(2, 0, 100.6, 1, 1, 1)]
        with db.write() as conn:
            from alembic import command

            from eduteach_hub.db.migrate import _config

            command.downgrade(_config(conn), "0010")
            assert "sung" not in {c["name"] for c in inspect(conn).get_columns("usage_daily")}
            assert conn.execute(text("SELECT plays FROM usage_daily")).scalar() == 2
        assert db.migrate() == head()
        with db.read() as conn:
            assert conn.execute(text(counted)).all() == [(2, 0, 100.6, 1, 1, 1)]
    finally:
        db.dispose()
