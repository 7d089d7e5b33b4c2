"""Enrolled devices (the teacher PCs) and their credentials.

A device authenticates with HTTP Basic device_id:secret. The secret is 256 random bits,
so a plain SHA-256 is a sound way to store it (no password stretching needed); it is
compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update

from .schema import devices

DEVICE_ID_PREFIX = "dev-"
_DUMMY_HASH = hashlib.sha256(b"no such device").hexdigest()


def new_device_id() -> str:
    return DEVICE_ID_PREFIX + secrets.token_hex(16)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Device:
    id: str
    school_code: str
    public_key: str
    name: str
    app_version: str
    enrolled_at: str
    revoked_at: str | None
    last_seen_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


_COLUMNS = (
    devices.c.id,
    devices.c.school_code,
    devices.c.public_key,
    devices.c.name,
    devices.c.app_version,
    devices.c.enrolled_at,
    devices.c.revoked_at,
    devices.c.last_seen_at,
)


def insert_device(
    conn: Connection,
    *,
    device_id: str,
    school_code: str,
    secret: str,
    public_key: str,
    name: str,
    app_version: str,
    now: str,
) -> None:
    conn.execute(
        insert(devices).values(
            id=device_id,
            school_code=school_code,
            secret_hash=hash_secret(secret),
            public_key=public_key,
            name=name,
            app_version=app_version,
            enrolled_at=now,
        )
    )


def get(conn: Connection, device_id: str) -> Device | None:
    row = conn.execute(select(*_COLUMNS).where(devices.c.id == device_id)).mappings().first()
    return Device(**row) if row else None


def authenticate(conn: Connection, device_id: str, secret: str) -> Device | None:
    """The active device these credentials belong to, or None (unknown, wrong or revoked)."""
    row = (
        conn.execute(select(*_COLUMNS, devices.c.secret_hash).where(devices.c.id == device_id))
        .mappings()
        .first()
    )
    stored = row["secret_hash"] if row else _DUMMY_HASH
    ok = hmac.compare_digest(stored, hash_secret(secret))
    if row is None or not ok or row["revoked_at"] is not None:
        return None
    return Device(**{k: v for k, v in row.items() if k != "secret_hash"})


def touch(conn: Connection, device_id: str, now: str, app_version: str | None = None) -> None:
    values: dict[str, str] = {"last_seen_at": now}
    if app_version:
        values["app_version"] = app_version
    conn.execute(update(devices).where(devices.c.id == device_id).values(**values))


def raise_high_water(conn: Connection, device_id: str, seq: int) -> None:
    """Keep the largest device-seq stored from this device (never lowered)."""
    if seq > 0:
        conn.execute(
            update(devices)
            .where(devices.c.id == device_id, devices.c.high_water_seq < seq)
            .values(high_water_seq=seq)
        )


def high_water(conn: Connection, device_id: str) -> int:
    row = conn.execute(select(devices.c.high_water_seq).where(devices.c.id == device_id)).first()
    return int(row[0]) if row else 0


def revoke(conn: Connection, device_id: str, now: str) -> bool:
    """Revoke the device; False if there is no such device. Idempotent."""
    found = get(conn, device_id)
    if found is None:
        return False
    if found.revoked_at is None:
        conn.execute(update(devices).where(devices.c.id == device_id).values(revoked_at=now))
    return True


def list_all(conn: Connection, school_code: str | None = None) -> list[Device]:
    query = select(*_COLUMNS).order_by(devices.c.school_code, devices.c.enrolled_at)
    if school_code:
        query = query.where(devices.c.school_code == school_code)
    return [Device(**row) for row in conn.execute(query).mappings()]
