"""Each device's high-water mark: the largest device-seq the hub stores from it.

Revision ID: 0004
Revises: 0003
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEQ = "https://w3id.org/eduteach/xapi/ext/device-seq"


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("high_water_seq", sa.BigInteger(), nullable=False, server_default="0"))
    conn = op.get_bind()
    high: dict[str, int] = {}
    for device_id, body in conn.execute(sa.text("SELECT device_id, body FROM statements WHERE device_id IS NOT NULL")):
        try:
            seq = json.loads(body).get("context", {}).get("extensions", {}).get(SEQ)
        except (ValueError, AttributeError):
            continue
        if isinstance(seq, int) and not isinstance(seq, bool):
            high[device_id] = max(high.get(device_id, 0), seq)
    for device_id, seq in high.items():
        conn.execute(sa.text("UPDATE devices SET high_water_seq = :s WHERE id = :d"), {"s": seq, "d": device_id})


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("high_water_seq")
