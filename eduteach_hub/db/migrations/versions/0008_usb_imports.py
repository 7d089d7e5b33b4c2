"""USB record-file imports, for the dashboard's never-online schools (issue 14).

Written beside 0007 (county editions) and chained after it when both met on main.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usb_imports",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("device_id", sa.String(36), sa.ForeignKey("devices.id"), nullable=False),
        sa.Column("school_code", sa.String(10), nullable=False),
        sa.Column("imported_at", sa.String(24), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("statements", sa.Integer(), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.String(10)),
        sa.Column("last_day", sa.String(10)),
        sa.Column("days", sa.Integer(), nullable=False),
    )
    op.create_index("ix_usb_imports_school_code", "usb_imports", ["school_code"])


def downgrade() -> None:
    op.drop_index("ix_usb_imports_school_code", table_name="usb_imports")
    op.drop_table("usb_imports")
