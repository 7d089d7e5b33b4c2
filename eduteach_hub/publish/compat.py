"""Which enrolled PCs would refuse a catalog: versions before CLASSROOM_FILES_SINCE refuse a
file role they do not know (the "notes" file), so they keep their current lessons and take
no new catalog until they update (docs/updates.md). Tracks alone are harmless to them: an
old PC plays the first recording and ignores the "track" key."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from eduteach_hub.db.schema import app_status, devices
from eduteach_protocol.app_release import AppReleaseError, parse_version
from eduteach_protocol.catalog import CLASSROOM_FILES_SINCE, Catalog


@dataclass(frozen=True)
class OldPcs:
    count: int
    versions: tuple[str, ...]  # the older versions seen, lowest first


def uses_classroom_files(catalog: Catalog) -> bool:
    """A file a PC before CLASSROOM_FILES_SINCE refuses (a notes file) is in the catalog."""
    return any(f.role == "notes" for ls in catalog.lessons for f in ls.files)


def old_pcs(conn: Connection, since: str = CLASSROOM_FILES_SINCE) -> OldPcs:
    """Enrolled (not revoked) PCs whose last reported app version is older than `since`: the
    version of the latest fleet report, else the one it enrolled with. A version that is not
    X.Y.Z is counted as old (it predates the versions the hub checks)."""
    floor = parse_version(since)
    version = func.coalesce(app_status.c.app_version, devices.c.app_version)
    rows = conn.execute(
        select(version.label("v"))
        .select_from(devices.outerjoin(app_status, app_status.c.device_id == devices.c.id))
        .where(devices.c.revoked_at.is_(None))
    ).scalars()
    old: list[tuple[tuple[int, int, int], str]] = []
    for text in rows:
        try:
            parsed = parse_version(text)
        except AppReleaseError:
            parsed = (-1, 0, 0)
        if parsed < floor:
            old.append((parsed, text))
    return OldPcs(len(old), tuple(v for _, v in sorted(set(old))))
