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


def _raw_upsert(
    conn: Connection, table: Table, keys: Sequence[str], rows: Sequence[dict[str, Any]], update: str
) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET update, executemany straight to the
    driver. The fact tables take a few hundred such rows per ingested batch, and
    SQLAlchemy's per-row parameter processing cost more than the database work."""
    if conn.dialect.name not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"database {conn.dialect.name!r} is not supported")
    q = conn.dialect.identifier_preparer.quote
    cols = list(rows[0])
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {q(table.name)} ({', '.join(q(c) for c in cols)})"
        f" VALUES ({', '.join([mark] * len(cols))})"
        f" ON CONFLICT ({', '.join(q(k) for k in keys)}) DO UPDATE SET {update}"
    )
    conn.exec_driver_sql(sql, [tuple(r[c] for c in cols) for r in rows])


def add_counts(
    conn: Connection, table: Table, keys: Sequence[str], rows: Sequence[dict[str, Any]],
    counters: Sequence[str], keep: Sequence[str] = (),
) -> None:
    """Insert rows (all with the same columns); where the key exists, add the counters to
    the stored ones.

    `keep` columns are written on insert and left alone on conflict.
    """
    if not rows:
        return
    q = conn.dialect.identifier_preparer.quote
    t = q(table.name)
    _raw_upsert(conn, table, keys, rows, ", ".join(f"{q(c)} = {t}.{q(c)} + excluded.{q(c)}" for c in counters))


def replace(
    conn: Connection, table: Table, keys: Sequence[str], rows: Sequence[dict[str, Any]]
) -> None:
    """Insert rows (all with the same columns); where the key exists, overwrite every
    other column (a column the rows lack gets its default, as on insert)."""
    if not rows:
        return
    q = conn.dialect.identifier_preparer.quote
    others = [c.name for c in table.columns if c.name not in keys]
    _raw_upsert(conn, table, keys, rows, ", ".join(f"{q(c)} = excluded.{q(c)}" for c in others))


def insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows, skipping any whose key exists already."""
    if rows:
        conn.execute(_insert(conn, table).on_conflict_do_nothing(), list(rows))
