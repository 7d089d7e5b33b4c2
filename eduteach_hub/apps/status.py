"""What a PC reports about its app: the optional app fields of POST /api/v1/inventory.

The exact JSON is in eduteach_protocol.app_release (STATUS_FIELDS) and docs/updates.md.
The latest report per device is kept in app_status; each new failure or rollback is
added to app_update_events, so the dashboard can show what went wrong and where.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, desc, insert, select

from eduteach_hub.db import upsert
from eduteach_hub.db.schema import app_status, app_update_events, devices, schools
from eduteach_protocol.app_release import (
    MAX_ERROR_CHARS,
    PLATFORMS,
    STATUS_FIELDS,
    UPDATE_STATES,
    AppReleaseError,
    clean_error,
    parse_version,
)

PROBLEM_STATES = ("rolled_back", "failed")


class AppStatusError(ValueError):
    """The app fields of a report are malformed (the message names the field)."""


@dataclass(frozen=True)
class AppStatus:
    app_version: str
    app_platform: str
    update_state: str
    update_version: str | None
    last_update_error: str | None


def _version(raw: Any, field: str) -> str:
    try:
        parse_version(raw)
    except AppReleaseError:
        raise AppStatusError(f"{field}: a version X.Y.Z") from None
    return str(raw)


def parse(raw: dict[str, Any]) -> AppStatus | None:
    """The app fields of an inventory body, or None when it carries none (older apps)."""
    present = [k for k in STATUS_FIELDS if k in raw]
    if not present:
        return None
    for key in ("app_version", "app_platform", "update_state"):
        if key not in raw:
            raise AppStatusError(f"{key}: required with the other app fields")
    if raw["app_platform"] not in PLATFORMS:
        raise AppStatusError(f"app_platform: one of {', '.join(PLATFORMS)}")
    if raw["update_state"] not in UPDATE_STATES:
        raise AppStatusError(f"update_state: one of {', '.join(UPDATE_STATES)}")
    update_version = raw.get("update_version")
    error = raw.get("last_update_error")
    if error is not None and (not isinstance(error, str) or not 0 < len(error) <= MAX_ERROR_CHARS):
        raise AppStatusError(f"last_update_error: null or a sentence of at most {MAX_ERROR_CHARS} characters")
    return AppStatus(
        app_version=_version(raw["app_version"], "app_version"),
        app_platform=str(raw["app_platform"]),
        update_state=str(raw["update_state"]),
        update_version=None if update_version is None else _version(update_version, "update_version"),
        last_update_error=clean_error(error) if error is not None else None,
    )


def store(conn: Connection, device_id: str, school_code: str, status: AppStatus, now: str) -> None:
    values = {
        "app_version": status.app_version, "app_platform": status.app_platform,
        "update_state": status.update_state, "update_version": status.update_version,
        "last_update_error": status.last_update_error,
    }
    before = conn.execute(select(app_status).where(app_status.c.device_id == device_id)).mappings().first()
    upsert.replace(conn, app_status, ("device_id",),
                   [{"device_id": device_id, "school_code": school_code, "reported_at": now, **values}])
    # A PC repeats its state in every report until it changes; only a new problem is news.
    same = before is not None and all(before[k] == v for k, v in values.items())
    if status.update_state in PROBLEM_STATES and not same:
        conn.execute(insert(app_update_events).values(
            device_id=device_id, school_code=school_code, at=now, state=status.update_state,
            app_version=status.app_version, update_version=status.update_version,
            error=status.last_update_error))


@dataclass(frozen=True)
class PcVersion:
    device_id: str
    device_name: str
    school_code: str
    school_name: str
    channel: str
    app_version: str
    app_platform: str
    update_state: str
    update_version: str | None
    last_update_error: str | None
    reported_at: str


def pcs(conn: Connection) -> list[PcVersion]:
    """Every PC that reported its app, with its school's channel."""
    rows = conn.execute(
        select(app_status, devices.c.name, schools.c.name.label("school_name"), schools.c.channel)
        .join(devices, devices.c.id == app_status.c.device_id)
        .join(schools, schools.c.code == app_status.c.school_code)
        .order_by(app_status.c.school_code, devices.c.name)
    ).mappings()
    return [PcVersion(r["device_id"], r["name"], r["school_code"], r["school_name"], r["channel"],
                      r["app_version"], r["app_platform"], r["update_state"], r["update_version"],
                      r["last_update_error"], r["reported_at"]) for r in rows]


@dataclass(frozen=True)
class UpdateEvent:
    at: str
    device_name: str
    school_name: str
    state: str
    app_version: str
    update_version: str | None
    error: str | None


def recent_events(conn: Connection, limit: int = 50) -> list[UpdateEvent]:
    rows = conn.execute(
        select(app_update_events, devices.c.name, schools.c.name.label("school_name"))
        .join(devices, devices.c.id == app_update_events.c.device_id)
        .join(schools, schools.c.code == app_update_events.c.school_code)
        .order_by(desc(app_update_events.c.at), desc(app_update_events.c.id)).limit(limit)
    ).mappings()
    return [UpdateEvent(r["at"], r["name"], r["school_name"], r["state"], r["app_version"],
                        r["update_version"], r["error"]) for r in rows]
