"""Admin users, shared secrets, rate windows; the LRS query indexes and attachments; the
dashboard's fact tables. Existing statements are indexed and counted into the facts.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(24), nullable=False),
        sa.Column("disabled_at", sa.String(24)),
    )
    op.create_table(
        "hub_secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
    )
    op.create_table(
        "rate_windows",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("window_start", sa.String(24), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("statement_ref", sa.String(36)))
    op.create_index("ix_statements_ref", "statements", ["statement_ref"])
    op.create_index("ix_statements_verb", "statements", ["verb_id"])
    op.create_index("ix_statements_activity", "statements", ["activity_id"])
    op.create_index("ix_statements_registration", "statements", ["registration"])
    op.create_table(
        "statement_agents",
        sa.Column("statement_id", sa.String(36), primary_key=True),
        sa.Column("agent_key", sa.Text, primary_key=True),
        sa.Column("role", sa.String(8), primary_key=True),
    )
    op.create_index(
        "ix_statement_agents_key", "statement_agents", ["agent_key", "statement_id"]
    )
    op.create_table(
        "statement_activities",
        sa.Column("statement_id", sa.String(36), primary_key=True),
        sa.Column("activity_id", sa.Text, primary_key=True),
        sa.Column("role", sa.String(8), primary_key=True),
    )
    op.create_index(
        "ix_statement_activities_id", "statement_activities", ["activity_id", "statement_id"]
    )
    op.create_table(
        "attachments",
        sa.Column("sha2", sa.String(128), primary_key=True),
        sa.Column("content_type", sa.Text, nullable=False),
        sa.Column("length", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "usage_daily",
        sa.Column("school_code", sa.String(10), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("subject", sa.String(20), primary_key=True),
        sa.Column("grade", sa.Integer, primary_key=True),
        sa.Column("plays", sa.Integer, nullable=False),
        sa.Column("completed", sa.Integer, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
    )
    op.create_index("ix_usage_daily_day", "usage_daily", ["day"])
    op.create_table(
        "class_sessions",
        sa.Column("school_code", sa.String(10), primary_key=True),
        sa.Column("registration", sa.String(36), primary_key=True),
        sa.Column("subject", sa.String(20), primary_key=True),
        sa.Column("grade", sa.Integer, primary_key=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("plays", sa.Integer, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
    )
    op.create_index("ix_class_sessions_day", "class_sessions", ["day", "school_code"])
    op.create_index("ix_class_sessions_school_day", "class_sessions", ["school_code", "day"])
    op.create_table(
        "attendance",
        sa.Column("school_code", sa.String(10), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("pupil", sa.String(64), primary_key=True),
        sa.Column("grade", sa.Integer, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("statement_id", sa.String(36), nullable=False),
    )
    op.create_index("ix_attendance_day", "attendance", ["day", "school_code"])
    op.create_table(
        "school_days",
        sa.Column("school_code", sa.String(10), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
    )
    op.create_index("ix_school_days_day", "school_days", ["day"])
    op.create_table(
        "inventories",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("school_code", sa.String(10), nullable=False),
        sa.Column("catalog_version", sa.Integer, nullable=False),
        sa.Column("lessons_installed", sa.Integer, nullable=False),
        sa.Column("lessons_subscribed", sa.Integer, nullable=False),
        sa.Column("bytes", sa.BigInteger, nullable=False),
        sa.Column("last_sync", sa.String(24)),
        sa.Column("reported_at", sa.String(24), nullable=False),
    )
    op.create_index("ix_inventories_school_code", "inventories", ["school_code"])

    # Statements stored before this revision: index and count them like new arrivals.
    from eduteach_hub.db.backfill import backfill_statements

    backfill_statements(op.get_bind())
