"""Index and count statements stored before the LRS index and fact tables existed."""

from __future__ import annotations

import json

from sqlalchemy import Connection, and_, inspect, or_, select, text, update

from . import upsert
from .facts import VERB_VOIDED, facts_for, index_rows
from .schema import statement_activities, statement_agents, statements


def backfill_statements(conn: Connection, batch: int = 2000) -> int:
    c = statements.c
    # Migration 0002 runs this, on index tables as 0002 made them: without the `stored`
    # column that 0006 adds.
    with_stored = "stored" in {col["name"] for col in inspect(conn).get_columns("statement_agents")}
    # ... and on usage_daily without the classroom counters that 0011 adds (and fills).
    classroom = "sung" in {col["name"] for col in inspect(conn).get_columns("usage_daily")}
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
        live = []
        for sid, school, stored, body, voided in rows:
            stmt = json.loads(body)
            a, b = index_rows(sid, stmt, stored)
            agents += [{"statement_id": i, "agent_key": k, "role": r, "stored": t} for i, k, r, t in a]
            acts += [{"statement_id": i, "activity_id": k, "role": r, "stored": t} for i, k, r, t in b]
            obj = stmt.get("object") or {}
            if obj.get("objectType") == "StatementRef":
                conn.execute(update(statements).where(c.id == sid).values(statement_ref=str(obj.get("id")).lower()))
            if not voided and (stmt.get("verb") or {}).get("id") != VERB_VOIDED:
                live.append((sid, stmt, school, stored))
        if with_stored:
            upsert.insert_ignore(conn, statement_agents, agents)
            upsert.insert_ignore(conn, statement_activities, acts)
        else:
            for table, key, rows_ in (("statement_agents", "agent_key", agents), ("statement_activities", "activity_id", acts)):
                if rows_:
                    conn.execute(
                        text(f"INSERT INTO {table} (statement_id, {key}, role) VALUES (:i, :k, :r) ON CONFLICT DO NOTHING"),
                        [{"i": r["statement_id"], "k": r[key], "r": r["role"]} for r in rows_],
                    )
        facts_for(live).apply(conn, classroom=classroom)
        n += len(rows)
        after = (rows[-1][2], rows[-1][0])
