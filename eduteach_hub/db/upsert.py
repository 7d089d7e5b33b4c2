"""INSERT ... ON CONFLICT for SQLite and PostgreSQL alike (both dialects spell it the same)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def _insert(conn: Connection, table: Table) -> Any:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"database {conn.dialect.name!r} is not supported")


def add_counts(
    conn: Connection, table: Table, keys: Sequence[str], rows: Sequence[dict[str, Any]],
    counters: Sequence[str], keep: Sequence[str] = (),
) -> None:
    """Insert rows; where the key exists, add the counters to the stored ones.

    `keep` columns are written on insert and left alone on conflict.
    """
    if not rows:
        return
    ins = _insert(conn, table)
    ins = ins.on_conflict_do_update(
        index_elements=list(keys),
        set_={c: table.c[c] + getattr(ins.excluded, c) for c in counters},
    )
    conn.execute(ins, list(rows))


def replace(
    conn: Connection, table: Table, keys: Sequence[str], rows: Sequence[dict[str, Any]]
) -> None:
    """Insert rows; where the key exists, overwrite every other column."""
    if not rows:
        return
    ins = _insert(conn, table)
    others = [c.name for c in table.columns if c.name not in keys]
    ins = ins.on_conflict_do_update(
        index_elements=list(keys), set_={c: getattr(ins.excluded, c) for c in others}
    )
    conn.execute(ins, list(rows))


def insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows, skipping any whose key exists already."""
    if rows:
        conn.execute(_insert(conn, table).on_conflict_do_nothing(), list(rows))
