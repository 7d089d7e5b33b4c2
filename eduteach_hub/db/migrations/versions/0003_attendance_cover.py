"""A covering index for the dashboard's attendance scans (by day range, grouped by pupil).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_attendance_day", "attendance")
    op.create_index(
        "ix_attendance_day_cover", "attendance", ["day", "school_code", "pupil", "grade", "status"]
    )
