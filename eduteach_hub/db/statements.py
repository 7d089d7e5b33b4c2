"""Stored xAPI statements. Each row keeps the canonical stored statement as JSON text plus
the columns queries filter and sort on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, true, update

from .schema import statements

VERB_VOIDED = "http://adlnet.gov/expapi/verbs/voided"
_IN_CHUNK = 500  # stay far below SQLite's bound-parameter limit


@dataclass(frozen=True)
class Existing:
    content_sha256: str
    school_code: str


def existing(conn: Connection, ids: Iterable[str]) -> dict[str, Existing]:
    """Which of these ids are stored already, with their content hash and school."""
    out: dict[str, Existing] = {}
    id_list = list(dict.fromkeys(ids))
    for i in range(0, len(id_list), _IN_CHUNK):
        chunk = id_list[i : i + _IN_CHUNK]
        rows = conn.execute(
            select(statements.c.id, statements.c.content_sha256, statements.c.school_code).where(
                statements.c.id.in_(chunk)
            )
        )
        for sid, sha, school in rows:
            out[sid] = Existing(sha, school)
    return out


def insert_many(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """rows: dicts with every column of the statements table."""
    if rows:
        conn.execute(insert(statements), list(rows))


def void(conn: Connection, target_ids: Iterable[str], school_code: str) -> int:
    """Mark statements voided (never voiding statements themselves, never another school's)."""
    ids = list(target_ids)
    count = 0
    for i in range(0, len(ids), _IN_CHUNK):
        result = conn.execute(
            update(statements)
            .where(
                statements.c.id.in_(ids[i : i + _IN_CHUNK]),
                statements.c.school_code == school_code,
                statements.c.verb_id != VERB_VOIDED,
            )
            .values(voided=True)
        )
        count += result.rowcount
    return count


def get_body(conn: Connection, statement_id: str, school_code: str) -> tuple[str, bool] | None:
    """(body JSON, voided) of one statement of this school, or None."""
    row = conn.execute(
        select(statements.c.body, statements.c.voided).where(
            statements.c.id == statement_id, statements.c.school_code == school_code
        )
    ).first()
    return (row[0], bool(row[1])) if row else None


@dataclass(frozen=True)
class Page:
    bodies: list[str]
    last_key: tuple[str, str] | None  # (stored, id) of the last row, when more follow


def query(
    conn: Connection,
    *,
    school_code: str,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    ascending: bool = False,
    after: tuple[str, str] | None = None,
) -> Page:
    """Statements of one school by stored time (since exclusive, until inclusive), voided ones
    left out, ordered by (stored, id); `after` continues from a previous page's last key."""
    c = statements.c
    conds = [c.school_code == school_code, c.voided.is_not(true())]
    if since is not None:
        conds.append(c.stored > since)
    if until is not None:
        conds.append(c.stored <= until)
    if after is not None:
        stored, sid = after
        if ascending:
            conds.append(or_(c.stored > stored, and_(c.stored == stored, c.id > sid)))
        else:
            conds.append(or_(c.stored < stored, and_(c.stored == stored, c.id < sid)))
    order = (c.stored.asc(), c.id.asc()) if ascending else (c.stored.desc(), c.id.desc())
    rows = conn.execute(
        select(c.body, c.stored, c.id).where(*conds).order_by(*order).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return Page([r[0] for r in rows], (rows[-1][1], rows[-1][2]) if more and rows else None)


@dataclass(frozen=True)
class ExportRow:
    id: str
    stored: str
    timestamp: str
    school_code: str
    device_id: str | None
    body: str


def iter_export(conn: Connection, batch: int = 1000) -> Iterator[ExportRow]:
    """Every statement that still counts (not voided, not a voiding statement), oldest first,
    read page by page so memory stays flat however many there are."""
    c = statements.c
    after: tuple[str, str] | None = None
    while True:
        conds = [c.voided.is_not(true()), c.verb_id != VERB_VOIDED]
        if after is not None:
            conds.append(or_(c.stored > after[0], and_(c.stored == after[0], c.id > after[1])))
        rows = conn.execute(
            select(c.id, c.stored, c.timestamp, c.school_code, c.device_id, c.body)
            .where(*conds)
            .order_by(c.stored, c.id)
            .limit(batch)
        ).all()
        for r in rows:
            yield ExportRow(*r)
        if len(rows) < batch:
            return
        after = (rows[-1][1], rows[-1][0])
