"""Index and count statements stored before the LRS index and fact tables existed."""

from __future__ import annotations

import json

from sqlalchemy import Connection, and_, or_, select, update

from . import upsert
from .facts import VERB_VOIDED, facts_for, index_rows
from .schema import statement_activities, statement_agents, statements


def backfill_statements(conn: Connection, batch: int = 2000) -> int:
    c = statements.c
    after: tuple[str, str] | None = None
    n = 0
    while True:
        q = select(c.id, c.school_code, c.stored, c.body, c.voided).order_by(c.stored, c.id).limit(batch)
        if after:
            q = q.where(or_(c.stored > after[0], and_(c.stored == after[0], c.id > after[1])))
        rows = conn.execute(q).all()
        if not rows:
            return n
        agents: list[dict[str, str]] = []
        acts: list[dict[str, str]] = []
        # index_rows gives (statement_id, key, role) tuples
        live = []
        for sid, school, stored, body, voided in rows:
            stmt = json.loads(body)
            a, b = index_rows(sid, stmt)
            agents += [{"statement_id": i, "agent_key": k, "role": r} for i, k, r in a]
            acts += [{"statement_id": i, "activity_id": k, "role": r} for i, k, r in b]
            obj = stmt.get("object") or {}
            if obj.get("objectType") == "StatementRef":
                conn.execute(update(statements).where(c.id == sid).values(statement_ref=str(obj.get("id")).lower()))
            if not voided and (stmt.get("verb") or {}).get("id") != VERB_VOIDED:
                live.append((sid, stmt, school, stored))
        upsert.insert_ignore(conn, statement_agents, agents)
        upsert.insert_ignore(conn, statement_activities, acts)
        facts_for(live).apply(conn)
        n += len(rows)
        after = (rows[-1][2], rows[-1][0])
