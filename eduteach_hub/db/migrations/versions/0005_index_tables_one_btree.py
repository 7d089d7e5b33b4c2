"""statement_agents / statement_activities: one B-tree each instead of three.

Before: a rowid table, its primary key (statement_id, key, role) and an index (key,
statement_id). Each of the three takes a write per inserted row, and the two led or
followed by a random statement id dirty about one page per row: most of what an ingest
commit wrote. Now the primary key is (key, statement_id, role), which serves both the
xAPI filters' lookups, and on SQLite the table is WITHOUT ROWID (the key is the table).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = (
    # table, key column, old secondary index
    ("statement_agents", "agent_key", "ix_statement_agents_key"),
    ("statement_activities", "activity_id", "ix_statement_activities_id"),
)


def _columns(key: str) -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("statement_id", sa.String(36), nullable=False),
        sa.Column(key, sa.Text, nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
    ]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, key, index in TABLES:
        op.drop_index(index, table)
        if sqlite:
            # SQLite cannot change a table's primary key or drop its rowid: copy it over.
            op.create_table(
                f"{table}_new",
                *_columns(key),
                sa.PrimaryKeyConstraint(key, "statement_id", "role"),
                sqlite_with_rowid=False,
            )
            op.execute(
                f"INSERT INTO {table}_new (statement_id, {key}, role)"
                f" SELECT statement_id, {key}, role FROM {table}"
            )
            op.drop_table(table)
            op.rename_table(f"{table}_new", table)
        else:
            op.drop_constraint(f"{table}_pkey", table, type_="primary")
            op.create_primary_key(f"{table}_pkey", table, [key, "statement_id", "role"])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, key, index in TABLES:
        if sqlite:
            op.create_table(
                f"{table}_old",
                *_columns(key),
                sa.PrimaryKeyConstraint("statement_id", key, "role"),
            )
            op.execute(
                f"INSERT INTO {table}_old (statement_id, {key}, role)"
                f" SELECT statement_id, {key}, role FROM {table}"
            )
            op.drop_table(table)
            op.rename_table(f"{table}_old", table)
        else:
            op.drop_constraint(f"{table}_pkey", table, type_="primary")
            op.create_primary_key(f"{table}_pkey", table, ["statement_id", key, "role"])
        op.create_index(index, table, [key, "statement_id"])
