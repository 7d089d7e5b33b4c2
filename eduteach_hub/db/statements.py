"""Stored xAPI statements. Each row keeps the stored statement as JSON text plus the columns
queries filter and sort on; statement_agents / statement_activities index the agents and
activities a statement mentions; the dashboard's fact tables are kept in step (facts.py)."""

from __future__ import annotations

import json
import operator
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    exists,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.sql.expression import Select

from . import upsert
from .facts import VERB_VOIDED, facts_for
from .schema import attachments, statement_activities, statement_agents, statements

_IN_CHUNK = 500  # stay far below SQLite's bound-parameter limit
REF_DEPTH = 4  # how deep StatementRef chains are followed by the query filters


@dataclass(frozen=True)
class Existing:
    content_sha256: str
    school_code: str


def existing(conn: Connection, ids: Iterable[str]) -> dict[str, Existing]:
    """Which of these ids are stored already, with their content hash and school."""
    out: dict[str, Existing] = {}
    id_list = list(dict.fromkeys(ids))
    mark = _mark(conn)
    for i in range(0, len(id_list), _IN_CHUNK):
        chunk = id_list[i : i + _IN_CHUNK]
        # Plain SQL to the driver: this runs on every upload, and SQLAlchemy re-renders an
        # expanding IN of 500 parameters each time.
        rows = conn.exec_driver_sql(
            "SELECT id, content_sha256, school_code FROM statements"
            f" WHERE id IN ({', '.join([mark] * len(chunk))})",
            tuple(chunk),
        )
        for sid, sha, school in rows:
            out[sid] = Existing(sha, school)
    return out


def _mark(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


@dataclass(frozen=True)
class NewStatement:
    row: dict[str, Any]  # a statements table row
    statement: dict[str, Any]  # the stored statement (parsed), for the facts
    agents: list[tuple[str, str, str, str]]  # (statement_id, agent_key, role, stored)
    activities: list[tuple[str, str, str, str]]  # (statement_id, activity_id, role, stored)


def insert_many(conn: Connection, new: Sequence[NewStatement]) -> None:
    """Store new statements with their index rows and facts, then apply voiding both ways:
    new voiding statements void their targets, and new statements that an earlier voiding
    statement names (it arrived first, e.g. over another link) are voided at once."""
    if not new:
        return
    cols = [c.name for c in statements.columns]
    as_tuple = operator.itemgetter(*cols)
    _raw_insert(conn, "statements", cols, [as_tuple(n.row) for n in new])
    _raw_insert(
        conn, "statement_agents", ("statement_id", "agent_key", "role", "stored"),
        [a for n in new for a in n.agents],
    )
    _raw_insert(
        conn, "statement_activities", ("statement_id", "activity_id", "role", "stored"),
        [a for n in new for a in n.activities],
    )
    facts_for(
        (n.row["id"], n.statement, n.row["school_code"], n.row["stored"])
        for n in new
        if n.row["verb_id"] != VERB_VOIDED
    ).apply(conn)
    by_school: dict[str, list[str]] = {}
    for n in new:
        if n.row["verb_id"] == VERB_VOIDED and n.row["statement_ref"]:
            by_school.setdefault(n.row["school_code"], []).append(n.row["statement_ref"])
    # Voiding statements stored earlier that name one of the new statements.
    ids = [n.row["id"] for n in new if n.row["verb_id"] != VERB_VOIDED]
    mark = _mark(conn)
    for i in range(0, len(ids), _IN_CHUNK):
        chunk = ids[i : i + _IN_CHUNK]
        rows = conn.exec_driver_sql(
            f"SELECT statement_ref, school_code FROM statements WHERE verb_id = {mark}"
            f" AND statement_ref IN ({', '.join([mark] * len(chunk))})",
            (VERB_VOIDED, *chunk),
        ).all()
        for target, school in rows:
            by_school.setdefault(school, []).append(target)
    for school, targets in by_school.items():
        void(conn, targets, school)


def _raw_insert(conn: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """executemany straight to the driver: the ingest hot path skips SQLAlchemy's per-row
    parameter processing (about half the cost of storing a batch). (Multi-row INSERTs,
    80 rows a statement, measured no faster on SQLite.)"""
    if not rows:
        return
    mark = _mark(conn)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    conn.exec_driver_sql(sql, rows)


def void(conn: Connection, target_ids: Iterable[str], school_code: str) -> int:
    """Mark statements voided and take back their facts (never voiding statements
    themselves, never another school's, never twice)."""
    ids = list(dict.fromkeys(target_ids))
    c = statements.c
    count = 0
    for i in range(0, len(ids), _IN_CHUNK):
        chunk = ids[i : i + _IN_CHUNK]
        rows = conn.execute(
            select(c.id, c.body, c.school_code, c.stored).where(
                c.id.in_(chunk),
                c.school_code == school_code,
                c.verb_id != VERB_VOIDED,
                c.voided.is_not(true()),
            )
        ).all()
        if not rows:
            continue
        facts_for((r[0], json.loads(r[1]), r[2], r[3]) for r in rows).apply(conn, -1)
        conn.execute(update(statements).where(c.id.in_([r[0] for r in rows])).values(voided=True))
        count += len(rows)
    return count


@dataclass(frozen=True)
class One:
    body: str
    voided: bool
    stored: str


def get_one(conn: Connection, statement_id: str, school_code: str | None) -> One | None:
    """One statement (of this school, unless school_code is None), voided or not."""
    q = select(statements.c.body, statements.c.voided, statements.c.stored).where(
        statements.c.id == statement_id
    )
    if school_code is not None:
        q = q.where(statements.c.school_code == school_code)
    row = conn.execute(q).first()
    return One(row[0], bool(row[1]), row[2]) if row else None


@dataclass(frozen=True)
class Filters:
    """The xAPI GET Statements filters (ids normalized, times in iso_ms form)."""

    school_code: str | None = None  # None: every school (admins)
    agent_key: str | None = None
    related_agents: bool = False
    verb: str | None = None
    activity: str | None = None
    related_activities: bool = False
    registration: str | None = None
    since: str | None = None
    until: str | None = None

    @property
    def has_content_filter(self) -> bool:
        return any(v is not None for v in (self.agent_key, self.verb, self.activity, self.registration))


def _matches(t: Any, f: Filters) -> list[ColumnElement[bool]]:
    """The non-time filter conditions on statements alias t."""
    conds: list[ColumnElement[bool]] = []
    if f.verb is not None:
        conds.append(t.c.verb_id == f.verb)
    if f.registration is not None:
        conds.append(t.c.registration == f.registration)
    if f.agent_key is not None:
        # The primary key is (key, stored, statement_id, role): give it all three.
        a = statement_agents.alias()
        sub = select(a.c.statement_id).where(
            a.c.agent_key == f.agent_key, a.c.stored == t.c.stored, a.c.statement_id == t.c.id
        )
        if not f.related_agents:
            sub = sub.where(a.c.role.in_(("actor", "object")))
        conds.append(exists(sub))
    if f.activity is not None:
        if f.related_activities:
            # The object is in statements.activity_id; context and SubStatement activities
            # are in statement_activities (since 0006 without a row for the object itself:
            # one row fewer to write per statement).
            b = statement_activities.alias()
            conds.append(
                or_(
                    t.c.activity_id == f.activity,
                    exists(
                        select(b.c.statement_id).where(
                            b.c.activity_id == f.activity, b.c.stored == t.c.stored, b.c.statement_id == t.c.id
                        )
                    ),
                )
            )
        else:
            conds.append(t.c.activity_id == f.activity)
    return conds


def _match_or_ref(t: Any, f: Filters, depth: int) -> ColumnElement[bool]:
    """t matches, or (StatementRef rule, xAPI Communication 2.1.3) t targets a statement
    that matches, following chains up to `depth` links."""
    own = and_(*_matches(t, f))
    if depth == 0:
        return own
    target = statements.alias()
    return or_(
        own,
        and_(
            t.c.statement_ref.is_not(None),
            exists(
                select(target.c.id).where(
                    target.c.id == t.c.statement_ref, _match_or_ref(target, f, depth - 1)
                )
            ),
        ),
    )


@dataclass(frozen=True)
class Page:
    bodies: list[str]
    stored: list[str]
    last_key: tuple[str, str] | None  # (stored, id) of the last row, when more follow


def query(
    conn: Connection,
    filters: Filters | None = None,
    *,
    school_code: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    ascending: bool = False,
    after: tuple[str, str] | None = None,
) -> Page:
    """Statements by stored time (since exclusive, until inclusive), voided ones left out,
    ordered by (stored, id); `after` continues from a previous page's last key."""
    f = filters or Filters(school_code=school_code, since=since, until=until)
    s = statements.alias("s")
    c = s.c
    conds: list[ColumnElement[bool]] = [c.voided.is_not(true())]
    if f.school_code is not None:
        conds.append(c.school_code == f.school_code)
    if f.since is not None:
        conds.append(c.stored > f.since)
    if f.until is not None:
        conds.append(c.stored <= f.until)
    if f.has_content_filter:
        conds.append(_match_or_ref(s, f, REF_DEPTH))
    if after is not None:
        stored, sid = after
        if ascending:
            conds.append(or_(c.stored > stored, and_(c.stored == stored, c.id > sid)))
        else:
            conds.append(or_(c.stored < stored, and_(c.stored == stored, c.id < sid)))
    order = (c.stored.asc(), c.id.asc()) if ascending else (c.stored.desc(), c.id.desc())
    q: Select[Any] = select(c.body, c.stored, c.id).where(*conds).order_by(*order).limit(limit + 1)
    rows = conn.execute(q).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(
        [r[0] for r in rows],
        [r[1] for r in rows],
        (rows[-1][1], rows[-1][2]) if more and rows else None,
    )


def store_attachments(conn: Connection, parts: Iterable[tuple[str, str, bytes]]) -> None:
    """(sha2, content type, data) of received attachment parts; content-addressed."""
    upsert.insert_ignore(
        conn,
        attachments,
        [{"sha2": h, "content_type": t, "length": len(d), "content": d} for h, t, d in parts],
    )


def load_attachments(conn: Connection, hashes: Iterable[str]) -> dict[str, tuple[str, bytes]]:
    wanted = list(dict.fromkeys(hashes))
    out: dict[str, tuple[str, bytes]] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        for h, t, d in conn.execute(
            select(attachments.c.sha2, attachments.c.content_type, attachments.c.content).where(
                attachments.c.sha2.in_(wanted[i : i + _IN_CHUNK])
            )
        ):
            out[h] = (t, bytes(d))
    return out


@dataclass(frozen=True)
class ExportRow:
    id: str
    stored: str
    timestamp: str
    school_code: str
    device_id: str | None
    body: str


def iter_export(conn: Connection, batch: int = 1000, school_code: str | None = None) -> Iterator[ExportRow]:
    """Every statement that still counts (not voided, not a voiding statement), oldest first,
    read page by page so memory stays flat however many there are."""
    c = statements.c
    after: tuple[str, str] | None = None
    while True:
        conds = [c.voided.is_not(true()), c.verb_id != VERB_VOIDED]
        if school_code is not None:
            conds.append(c.school_code == school_code)
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


