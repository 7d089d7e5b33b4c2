"""App updates (issue 16): each school's release channel, and what each PC runs.

schools.channel: "stable" (the default, every existing school) or "pilot".
app_status: the latest app version, platform and update state a PC reported (one row per
device, replaced by each report). app_update_events: every failure or rollback a PC
reported, kept for the dashboard's versions page.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("schools", sa.Column("channel", sa.String(10), nullable=False, server_default="stable"))
    op.create_table(
        "app_status",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("school_code", sa.String(10), nullable=False),
        sa.Column("app_version", sa.String(20), nullable=False),
        sa.Column("app_platform", sa.String(20), nullable=False),
        sa.Column("update_state", sa.String(20), nullable=False),
        sa.Column("update_version", sa.String(20)),
        sa.Column("last_update_error", sa.Text()),
        sa.Column("reported_at", sa.String(24), nullable=False),
    )
    op.create_index("ix_app_status_school_code", "app_status", ["school_code"])
    op.create_table(
        "app_update_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("school_code", sa.String(10), nullable=False),
        sa.Column("at", sa.String(24), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("app_version", sa.String(20), nullable=False),
        sa.Column("update_version", sa.String(20)),
        sa.Column("error", sa.Text()),
    )
    op.create_index("ix_app_update_events_at", "app_update_events", ["at"])


def downgrade() -> None:
    op.drop_index("ix_app_update_events_at", table_name="app_update_events")
    op.drop_table("app_update_events")
    op.drop_index("ix_app_status_school_code", table_name="app_status")
    op.drop_table("app_status")
    # Not batch mode: on SQLite that copies the table, which devices' foreign key forbids.
    # ALTER TABLE … DROP COLUMN works in PostgreSQL and SQLite 3.35+.
    op.execute("ALTER TABLE schools DROP COLUMN channel")
