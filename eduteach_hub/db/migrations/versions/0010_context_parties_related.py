"""related_agents finds the agents and groups of xAPI 2.0 context.contextAgents /
context.contextGroups: index them in statements stored before the hub did.

Only statements whose body names them are read (a LIKE on the body); their rows are
recomputed with today's facts.index_rows and inserted where missing, so running it again
changes nothing. Downgrade keeps the rows (they answer queries correctly either way).

Written as 0009 beside 0009 (app channels) and chained after it when both met on main.

Revision ID: 0010
Revises: 0009
"""

import json

import sqlalchemy as sa
from alembic import op

from eduteach_hub.db import upsert
from eduteach_hub.db.facts import index_rows
from eduteach_hub.db.schema import statement_agents

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    conn = op.get_bind()
    body = sa.column("body", sa.Text)
    sid_col, stored_col = sa.column("id", sa.String), sa.column("stored", sa.String)
    q = (
        sa.select(sid_col, stored_col, body)
        .select_from(sa.table("statements"))
        .where(sa.or_(body.like('%"contextAgents"%'), body.like('%"contextGroups"%')))
        .order_by(stored_col, sid_col)
    )
    rows: list[dict[str, str]] = []
    for sid, stored, text in conn.execute(q):
        agents, _ = index_rows(sid, json.loads(text), stored)
        rows += [{"statement_id": i, "agent_key": k, "role": r, "stored": t} for i, k, r, t in agents]
        if len(rows) >= BATCH:
            upsert.insert_ignore(conn, statement_agents, rows)
            rows = []
    upsert.insert_ignore(conn, statement_agents, rows)


def downgrade() -> None:
    pass
