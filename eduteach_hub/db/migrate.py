"""Run the Alembic migrations in db/migrations on an open connection."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK_ID = 7_402_151_001  # any constant: "the hub's migration lock"


def _config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    rev = script.get_current_head()
    assert rev is not None
    return rev


def current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, target: str = "head") -> str:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_ID})
    cfg = _config(conn)
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables and "schools" in tables:
        command.stamp(cfg, "0001")
    command.upgrade(cfg, target)
    rev = current(conn)
    assert rev is not None
    return rev
