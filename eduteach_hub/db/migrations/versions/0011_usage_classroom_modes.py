"""How plays were taught (issue 15): usage_daily counts plays sung along, repeated after the
recording (跟读) and shown in presenter view, from the modes and tracks the app puts in
each play's context (docs/records.md, "Classroom modes and tracks").

Three counters, 0 by default. A hub that stored such plays before it knew them (apps are
updated before hubs, as often as not) counts them now: only statements whose body names the
extensions are read (a LIKE on the body), with today's facts, and only the new counters are
added to the rows their plays already counted in. Downgrade drops the columns.

Revision ID: 0011
Revises: 0010
"""

import json

import sqlalchemy as sa
from alembic import op

from eduteach_hub.db import upsert
from eduteach_hub.db.facts import facts_for
from eduteach_hub.db.schema import usage_daily

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COUNTERS = ("sung", "repeated", "presented")
BATCH = 2000


def upgrade() -> None:
    for name in COUNTERS:
        op.add_column("usage_daily", sa.Column(name, sa.Integer, nullable=False, server_default="0"))
    conn = op.get_bind()
    body = sa.column("body", sa.Text)
    sid_col, school_col, stored_col = sa.column("id", sa.String), sa.column("school_code", sa.String), sa.column(
        "stored", sa.String)
    q = (
        sa.select(sid_col, school_col, stored_col, body)
        .select_from(sa.table("statements"))
        .where(sa.column("voided", sa.Boolean) == sa.false())
        .where(sa.or_(body.like("%/xapi/ext/modes%"), body.like("%/xapi/ext/tracks%")))
        .order_by(stored_col, sid_col)
    )
    rows: list[tuple[str, dict[str, object], str, str]] = []
    for sid, school, stored, text in conn.execute(q):
        rows.append((sid, json.loads(text), school, stored))
        if len(rows) >= BATCH:
            _add(conn, rows)
            rows = []
    _add(conn, rows)


def _add(conn: sa.Connection, rows: list[tuple[str, dict[str, object], str, str]]) -> None:
    """The classroom counters of these plays, added to their usage rows (which already hold
    their plays, completions and seconds: those are left alone)."""
    counts = [
        {"school_code": k[0], "day": k[1], "subject": k[2], "grade": k[3], "plays": 0, "completed": 0,
         "seconds": 0.0, "sung": int(v[3]), "repeated": int(v[4]), "presented": int(v[5])}
        for k, v in facts_for(rows).usage.items()
        if v[3] or v[4] or v[5]
    ]
    upsert.add_counts(conn, usage_daily, ("school_code", "day", "subject", "grade"), counts, COUNTERS)


def downgrade() -> None:
    with op.batch_alter_table("usage_daily") as batch:
        for name in COUNTERS:
            batch.drop_column(name)
