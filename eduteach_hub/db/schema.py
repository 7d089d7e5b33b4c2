"""The hub's tables, in SQLAlchemy Core. Alembic migrations (db/migrations) create them.

Times are text in one fixed form, ISO 8601 UTC with milliseconds ("2025-03-01T08:00:00.000Z"),
so they sort as strings and read the same in SQLite and PostgreSQL. Days ("2025-03-01") are
China local dates (UTC+8), the dates teachers and inspectors talk about.

Three groups of tables:
- identity: schools, enroll_codes, devices, users (admins), hub_secrets, rate_windows;
- the LRS: statements plus the index tables statement_agents / statement_activities that
  the xAPI `agent` / `activity` / `related_*` filters use, and attachments;
- the dashboard's facts, kept up to date as statements arrive and are voided, so no page
  ever scans the statements: usage_daily, class_sessions, attendance, school_days,
  inventories.

When you change a table here, add a migration under db/migrations/versions.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
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
    # App release channel (0009): "stable" or "pilot" (eduteach_protocol.app_release).
    Column("channel", String(10), nullable=False, server_default="stable"),
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
    # The largest device-seq stored from this device: the app compares it with what the hub
    # acknowledged, to notice a hub restored from an older backup and send the rest again.
    Column("high_water_seq", BigInteger, nullable=False, server_default="0"),
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

users = Table(
    "users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # "admin"
    Column("password_hash", Text, nullable=False),  # argon2id, PHC string
    Column("created_at", String(24), nullable=False),
    Column("disabled_at", String(24)),
)

# Secrets every worker must share (e.g. the session-cookie key): in the database, not in
# process memory, so any worker behind a load balancer can check any request.
hub_secrets = Table(
    "hub_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(128), nullable=False),
)

# Fixed-window request counters (per device, per client address...): one row per key and
# window, so several workers share one limit without shared memory.
rate_windows = Table(
    "rate_windows",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("window_start", String(24), primary_key=True),
    Column("count", Integer, nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(36), primary_key=True),  # lowercase canonical UUID
    Column("school_code", String(10), nullable=False),
    Column("device_id", String(36)),
    Column("stored", String(24), nullable=False),
    Column("timestamp", String(24), nullable=False),  # normalized to UTC
    Column("verb_id", Text, nullable=False),
    Column("activity_id", Text),  # None when the object is not an Activity
    Column("registration", String(36)),
    Column("voided", Boolean, nullable=False, server_default=false()),
    # sha256 of the statement as sent (minus stored/authority/version), canonical JSON:
    # a repeat with the same id is accepted only if this matches.
    Column("content_sha256", String(64), nullable=False),
    Column("body", Text, nullable=False),  # the stored statement, JSON
    Column("statement_ref", String(36)),  # the target id when the object is a StatementRef
)
Index("ix_statements_stored", statements.c.stored, statements.c.id)
Index("ix_statements_school_stored", statements.c.school_code, statements.c.stored, statements.c.id)
Index("ix_statements_ref", statements.c.statement_ref)
# The `verb`, `activity` and `registration` filters: PostgreSQL's planner uses these
# (a BitmapOr with ix_statements_ref, for the StatementRef rule). SQLite's cannot (the rule
# ORs in an EXISTS), so there they would only cost writes on ingest: not made (0006).
Index("ix_statements_verb", statements.c.verb_id).ddl_if(dialect="postgresql")
Index("ix_statements_activity", statements.c.activity_id).ddl_if(dialect="postgresql")
Index("ix_statements_registration", statements.c.registration).ddl_if(dialect="postgresql")

# role: "actor" / "object" (the `agent` filter) or "related" (authority, instructor, team,
# SubStatement agents: `related_agents=true`). key: "mbox:...", "account:homePage|name"...
#
# One B-tree per index table, ordered for appending (migrations 0005, 0006). The primary
# key (key, stored, statement_id, role) answers the filters' EXISTS probe (the statement's
# key, stored time and id are all known) and "which statements mention X, by time"; on
# SQLite the table has no rowid, so the key is the table. `stored` (the statement's) is
# there for ingest: a new row lands at the end of its key's run of rows, not at a random
# place among them (statement ids are random UUIDs, and the device and teacher keys are on
# nearly every statement), so a batch dirties a page or two per key, not one per row.
statement_agents = Table(
    "statement_agents",
    metadata,
    Column("statement_id", String(36), nullable=False),
    Column("agent_key", Text, nullable=False),
    Column("role", String(8), nullable=False),
    Column("stored", String(24), nullable=False),
    PrimaryKeyConstraint("agent_key", "stored", "statement_id", "role"),
    sqlite_with_rowid=False,
)

# role: "related" (context activities, SubStatement objects: `related_activities=true`).
# The statement's own object is statements.activity_id; rows with role "object" were
# written for it until 0006 and are left in place (the filter ORs both).
statement_activities = Table(
    "statement_activities",
    metadata,
    Column("statement_id", String(36), nullable=False),
    Column("activity_id", Text, nullable=False),
    Column("role", String(8), nullable=False),
    Column("stored", String(24), nullable=False),
    PrimaryKeyConstraint("activity_id", "stored", "statement_id", "role"),
    sqlite_with_rowid=False,
)

attachments = Table(
    "attachments",
    metadata,
    Column("sha2", String(128), primary_key=True),  # hex, as in the statement
    Column("content_type", Text, nullable=False),
    Column("length", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

# --- dashboard facts ----------------------------------------------------------------

usage_daily = Table(
    "usage_daily",
    metadata,
    Column("school_code", String(10), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("subject", String(20), primary_key=True),
    Column("grade", Integer, primary_key=True),  # 0 when unknown
    Column("plays", Integer, nullable=False),
    Column("completed", Integer, nullable=False),
    Column("seconds", Float, nullable=False),
    # How those plays were taught (0011; docs/records.md "Classroom modes and tracks"):
    # sung along (the accompaniment heard, or sing-along mode), repeat-after-me (跟读),
    # shown on two screens with the teacher's view (presenter).
    Column("sung", Integer, nullable=False, server_default="0"),
    Column("repeated", Integer, nullable=False, server_default="0"),
    Column("presented", Integer, nullable=False, server_default="0"),
)
Index("ix_usage_daily_day", usage_daily.c.day)

# One row per class session (the statements' context registration) and subject: a period.
class_sessions = Table(
    "class_sessions",
    metadata,
    Column("school_code", String(10), primary_key=True),
    Column("registration", String(36), primary_key=True),
    Column("subject", String(20), primary_key=True),
    Column("grade", Integer, primary_key=True),
    Column("day", String(10), nullable=False),
    Column("plays", Integer, nullable=False),
    Column("seconds", Float, nullable=False),
)
Index("ix_class_sessions_day", class_sessions.c.day, class_sessions.c.school_code)
Index("ix_class_sessions_school_day", class_sessions.c.school_code, class_sessions.c.day)

# The latest word on one pupil on one day (a correction voids and replaces the statement).
attendance = Table(
    "attendance",
    metadata,
    Column("school_code", String(10), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("pupil", String(64), primary_key=True),  # 学籍号 or an opaque id
    Column("grade", Integer, nullable=False),
    Column("status", String(8), nullable=False),  # present / absent / late / leave
    Column("statement_id", String(36), nullable=False),
)
Index(
    "ix_attendance_day_cover",
    attendance.c.day, attendance.c.school_code, attendance.c.pupil, attendance.c.grade, attendance.c.status,
)

school_days = Table(
    "school_days",
    metadata,
    Column("school_code", String(10), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("records", Integer, nullable=False),
)
Index("ix_school_days_day", school_days.c.day)

inventories = Table(
    "inventories",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("school_code", String(10), nullable=False, index=True),
    Column("catalog_version", Integer, nullable=False),
    Column("lessons_installed", Integer, nullable=False),
    Column("lessons_subscribed", Integer, nullable=False),
    Column("bytes", BigInteger, nullable=False),
    Column("last_sync", String(24)),
    Column("reported_at", String(24), nullable=False),
    # What the PC holds per book (0007): JSON list of {grade, subject, edition, lessons,
    # installed}; NULL from apps that do not report it.
    Column("books", Text),
)

# --- editions and publishing (0007) -------------------------------------------------

# The textbook edition the county chose for a school, per subject and grade. grade 0 is
# "every grade"; a row for a single grade overrides it for that grade.
school_editions = Table(
    "school_editions",
    metadata,
    Column("school_code", String(10), ForeignKey("schools.code"), primary_key=True),
    Column("grade", Integer, primary_key=True),
    Column("subject", String(20), primary_key=True),  # subject code (music, english, …)
    Column("edition", Text, nullable=False),  # as the catalog spells it: 人音版
    Column("updated_at", String(24), nullable=False),
)

# One row per catalog version published: the content page's history, and the lessons the
# publish flagged (JSON list of {lesson_id, title, grade, subject, edition, problem}).
publishes = Table(
    "publishes",
    metadata,
    Column("catalog_version", Integer, primary_key=True, autoincrement=False),
    Column("published_at", String(24), nullable=False),
    Column("lessons", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("removed", Integer, nullable=False),
    Column("bytes", BigInteger, nullable=False),
    Column("seconds", Float, nullable=False),
    Column("problems", Text, nullable=False),
)

# One row per signed record file imported from a USB stick (a never-online school's only
# link): when it arrived, from which PC, and which China-local days its records cover.
usb_imports = Table(
    "usb_imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(36), ForeignKey("devices.id"), nullable=False),
    Column("school_code", String(10), nullable=False, index=True),
    Column("imported_at", String(24), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("statements", Integer, nullable=False),
    Column("new", Integer, nullable=False),
    Column("first_day", String(10)),
    Column("last_day", String(10)),
    Column("days", Integer, nullable=False),
)

# --- app updates (0009) ------------------------------------------------------------

# The latest app version and update state each PC reported (eduteach_protocol.app_release
# STATUS_FIELDS, sent with the inventory).
app_status = Table(
    "app_status",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("school_code", String(10), nullable=False, index=True),
    Column("app_version", String(20), nullable=False),
    Column("app_platform", String(20), nullable=False),
    Column("update_state", String(20), nullable=False),
    Column("update_version", String(20)),
    Column("last_update_error", Text),
    Column("reported_at", String(24), nullable=False),
)

# Each failure or rollback a PC reported (a repeat of the same report is not added again).
app_update_events = Table(
    "app_update_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(36), nullable=False),
    Column("school_code", String(10), nullable=False),
    Column("at", String(24), nullable=False, index=True),
    Column("state", String(20), nullable=False),
    Column("app_version", String(20), nullable=False),
    Column("update_version", String(20)),
    Column("error", Text),
)
