"""statement_agents / statement_activities ordered for appending; SQLite drops the
statement indexes its planner never uses.

- The index tables get the statement's `stored` time, and their primary key becomes
  (key, stored, statement_id, role). After 0005 each table was one B-tree, but rows still
  landed at random places inside their key's run (statement ids are random UUIDs), and the
  device and teacher keys are on nearly every statement: an ingest commit of 500
  statements rewrote ~1,300 pages of these two tables. Ordered by time, new rows go to the
  end of each key's run.
- SQLite: ix_statements_verb / _activity / _registration are dropped. The GET filters are
  ORed with the StatementRef rule (an EXISTS), which keeps SQLite's planner on
  ix_statements_(school_)stored; PostgreSQL's planner does use them (BitmapOr), so it
  keeps them.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = (("statement_agents", "agent_key"), ("statement_activities", "activity_id"))
SQLITE_UNUSED = (
    ("ix_statements_verb", "verb_id"),
    ("ix_statements_activity", "activity_id"),
    ("ix_statements_registration", "registration"),
)


def _columns(key: str, with_stored: bool) -> list[sa.Column]:  # type: ignore[type-arg]
    cols = [
        sa.Column("statement_id", sa.String(36), nullable=False),
        sa.Column(key, sa.Text, nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
    ]
    if with_stored:
        cols.append(sa.Column("stored", sa.String(24), nullable=False))
    return cols


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, key in TABLES:
        if sqlite:
            op.create_table(
                f"{table}_new",
                *_columns(key, True),
                sa.PrimaryKeyConstraint(key, "stored", "statement_id", "role"),
                sqlite_with_rowid=False,
            )
            op.execute(
                f"INSERT INTO {table}_new (statement_id, {key}, role, stored)"
                f" SELECT t.statement_id, t.{key}, t.role, s.stored"
                f" FROM {table} t JOIN statements s ON s.id = t.statement_id"
            )
            op.drop_table(table)
            op.rename_table(f"{table}_new", table)
        else:
            op.add_column(table, sa.Column("stored", sa.String(24), nullable=True))
            op.execute(
                f"UPDATE {table} t SET stored = s.stored FROM statements s WHERE s.id = t.statement_id"
            )
            op.execute(f"DELETE FROM {table} WHERE stored IS NULL")  # rows of no statement
            op.alter_column(table, "stored", nullable=False)
            op.drop_constraint(f"{table}_pkey", table, type_="primary")
            op.create_primary_key(f"{table}_pkey", table, [key, "stored", "statement_id", "role"])
    if sqlite:
        for index, _column in SQLITE_UNUSED:
            op.drop_index(index, "statements")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, key in TABLES:
        if sqlite:
            op.create_table(
                f"{table}_old",
                *_columns(key, False),
                sa.PrimaryKeyConstraint(key, "statement_id", "role"),
                sqlite_with_rowid=False,
            )
            op.execute(
                f"INSERT INTO {table}_old (statement_id, {key}, role)"
                f" SELECT statement_id, {key}, role FROM {table}"
            )
            op.drop_table(table)
            op.rename_table(f"{table}_old", table)
        else:
            op.drop_constraint(f"{table}_pkey", table, type_="primary")
            op.create_primary_key(f"{table}_pkey", table, [key, "statement_id", "role"])
            op.drop_column(table, "stored")
    if sqlite:
        for index, column in SQLITE_UNUSED:
            op.create_index(index, "statements", [column])
