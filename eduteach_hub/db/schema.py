"""The hub's tables, in SQLAlchemy Core.

Times are text in one fixed form, ISO 8601 UTC with milliseconds ("2025-03-01T08:00:00.000Z"),
so they sort as strings and read the same in SQLite and PostgreSQL.

The schema is created with metadata.create_all for now. NOTE: before the first release that
changes a table, add Alembic (migrations under eduteach_hub/db/migrations) and stamp
existing databases at the revision that matches this file.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()

schools = Table(
    "schools",
    metadata,
    Column("code", String(10), primary_key=True),  # 10-digit 学校标识码
    Column("name", Text, nullable=False),
    Column("county_code", String(6), nullable=False),  # GB/T 2260
    Column("created_at", String(24), nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(36), primary_key=True),  # "dev-" + 32 hex
    Column("school_code", String(10), ForeignKey("schools.code"), nullable=False, index=True),
    Column("secret_hash", String(64), nullable=False),  # sha256 hex of the bearer secret
    Column("public_key", Text, nullable=False),  # base64 raw Ed25519 (signs record files)
    Column("name", Text, nullable=False),
    Column("app_version", String(50), nullable=False),
    Column("enrolled_at", String(24), nullable=False),
    Column("revoked_at", String(24)),
    Column("last_seen_at", String(24)),
)

enroll_codes = Table(
    "enroll_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code_hash", String(64), nullable=False, unique=True),  # sha256 of the normalized code
    Column("school_code", String(10), ForeignKey("schools.code"), nullable=False, index=True),
    Column("created_at", String(24), nullable=False),
    Column("expires_at", String(24), nullable=False),
    Column("used_at", String(24)),
    Column("device_id", String(36), ForeignKey("devices.id")),  # who used it
    Column("revoked_at", String(24)),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(36), primary_key=True),  # lowercase canonical UUID
    Column("school_code", String(10), nullable=False),
    Column("device_id", String(36)),  # None for records imported from files
    Column("stored", String(24), nullable=False),
    Column("timestamp", String(24), nullable=False),  # normalized to UTC
    Column("verb_id", Text, nullable=False),
    Column("activity_id", Text),  # None when the object is not an Activity
    Column("registration", String(36)),
    Column("voided", Boolean, nullable=False, server_default=false()),
    # sha256 of the statement as sent (minus stored/authority/version), canonical JSON:
    # a repeat with the same id is accepted only if this matches.
    Column("content_sha256", String(64), nullable=False),
    Column("body", Text, nullable=False),  # the stored statement, canonical JSON
)
Index("ix_statements_stored", statements.c.stored, statements.c.id)
Index("ix_statements_school_stored", statements.c.school_code, statements.c.stored, statements.c.id)
