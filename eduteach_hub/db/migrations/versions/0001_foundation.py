"""The foundation schema: schools, enrollment codes, devices, statements.

Databases made by the foundation's create_all have exactly these tables; migrate() stamps
them at this revision instead of running it.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schools",
        sa.Column("code", sa.String(10), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("county_code", sa.String(6), nullable=False),
        sa.Column("created_at", sa.String(24), nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("school_code", sa.String(10), sa.ForeignKey("schools.code"), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("app_version", sa.String(50), nullable=False),
        sa.Column("enrolled_at", sa.String(24), nullable=False),
        sa.Column("revoked_at", sa.String(24)),
        sa.Column("last_seen_at", sa.String(24)),
    )
    op.create_index("ix_devices_school_code", "devices", ["school_code"])
    op.create_table(
        "enroll_codes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("school_code", sa.String(10), sa.ForeignKey("schools.code"), nullable=False),
        sa.Column("created_at", sa.String(24), nullable=False),
        sa.Column("expires_at", sa.String(24), nullable=False),
        sa.Column("used_at", sa.String(24)),
        sa.Column("device_id", sa.String(36), sa.ForeignKey("devices.id")),
        sa.Column("revoked_at", sa.String(24)),
    )
    op.create_index("ix_enroll_codes_school_code", "enroll_codes", ["school_code"])
    op.create_table(
        "statements",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("school_code", sa.String(10), nullable=False),
        sa.Column("device_id", sa.String(36)),
        sa.Column("stored", sa.String(24), nullable=False),
        sa.Column("timestamp", sa.String(24), nullable=False),
        sa.Column("verb_id", sa.Text, nullable=False),
        sa.Column("activity_id", sa.Text),
        sa.Column("registration", sa.String(36)),
        sa.Column("voided", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_index("ix_statements_stored", "statements", ["stored", "id"])
    op.create_index(
        "ix_statements_school_stored", "statements", ["school_code", "stored", "id"]
    )
