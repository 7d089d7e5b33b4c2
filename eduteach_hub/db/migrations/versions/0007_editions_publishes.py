"""Editions set by the county per school, the publish history, and the books a PC holds.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_editions",
        sa.Column("school_code", sa.String(10), sa.ForeignKey("schools.code"), nullable=False),
        sa.Column("grade", sa.Integer, nullable=False),
        sa.Column("subject", sa.String(20), nullable=False),
        sa.Column("edition", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(24), nullable=False),
        sa.PrimaryKeyConstraint("school_code", "grade", "subject"),
    )
    op.create_table(
        "publishes",
        sa.Column("catalog_version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("published_at", sa.String(24), nullable=False),
        sa.Column("lessons", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("updated", sa.Integer, nullable=False),
        sa.Column("removed", sa.Integer, nullable=False),
        sa.Column("bytes", sa.BigInteger, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("problems", sa.Text, nullable=False),
    )
    with op.batch_alter_table("inventories") as batch:
        batch.add_column(sa.Column("books", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inventories") as batch:
        batch.drop_column("books")
    op.drop_table("publishes")
    op.drop_table("school_editions")
