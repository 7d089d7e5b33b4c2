"""One-time enrollment codes: a technician types one into the teacher's app to join a school.

Codes are 12 Crockford base32 characters (60 random bits), shown as K7Q2-M9XD-4RTA. The
alphabet has no I, L, O or U; typed input is upper-cased, dashes and spaces dropped, and
O read as 0, I and L as 1. Only a SHA-256 of the normalized code is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, fields

from sqlalchemy import ColumnElement, Connection, insert, select, update

from .schema import enroll_codes

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
GROUP = 4
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def generate() -> str:
    """A new random code, grouped for reading aloud and typing."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def normalize(typed: str) -> str | None:
    """The canonical form of a typed code, or None if it cannot be a code."""
    cleaned = "".join(ch for ch in typed.upper() if ch not in "- \t").translate(_CONFUSABLE)
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def code_hash(normalized: str) -> str:
    return hashlib.sha256(normalized.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class EnrollCode:
    id: int
    school_code: str
    created_at: str
    expires_at: str
    used_at: str | None
    device_id: str | None
    revoked_at: str | None

    def problem(self, now: str) -> str | None:
        """Why this code cannot be used now (an API error code), or None."""
        if self.revoked_at is not None:
            return "code_revoked"
        if self.used_at is not None:
            return "code_used"
        if self.expires_at <= now:
            return "code_expired"
        return None


# What an EnrollCode is read from (never the hash): one column per field, in field order.
_COLUMNS = tuple(enroll_codes.c[f.name] for f in fields(EnrollCode))


def create(conn: Connection, school_code: str, now: str, expires_at: str) -> str:
    """Store a new code for the school and return it in its display form."""
    code = generate()
    conn.execute(
        insert(enroll_codes).values(
            code_hash=code_hash(normalize(code) or ""),
            school_code=school_code,
            created_at=now,
            expires_at=expires_at,
        )
    )
    return code


def find(conn: Connection, typed: str) -> EnrollCode | None:
    normalized = normalize(typed)
    if normalized is None:
        return None
    row = (
        conn.execute(select(*_COLUMNS).where(enroll_codes.c.code_hash == code_hash(normalized)))
        .mappings()
        .first()
    )
    return EnrollCode(**row) if row else None


def claim(conn: Connection, code_id: int, device_id: str, now: str) -> bool:
    """Mark the code used by device_id. False if another request used (or revoked) it first.

    The condition is in the UPDATE itself, so of two concurrent claims exactly one changes
    the row, on SQLite and on PostgreSQL alike.
    """
    result = conn.execute(
        update(enroll_codes)
        .where(
            enroll_codes.c.id == code_id,
            enroll_codes.c.used_at.is_(None),
            enroll_codes.c.revoked_at.is_(None),
            enroll_codes.c.expires_at > now,
        )
        .values(used_at=now, device_id=device_id)
    )
    return result.rowcount == 1


def _revoke_unused(conn: Connection, which: ColumnElement[bool], now: str) -> int:
    """Revoke the codes `which` picks that are neither used nor revoked (expired or not);
    returns how many."""
    result = conn.execute(
        update(enroll_codes)
        .where(which, enroll_codes.c.used_at.is_(None), enroll_codes.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return result.rowcount


def revoke_open(conn: Connection, school_code: str, now: str) -> int:
    """Revoke every unused code of a school; returns how many."""
    return _revoke_unused(conn, enroll_codes.c.school_code == school_code, now)


def revoke_one(conn: Connection, code_id: int, now: str) -> bool:
    """Revoke one unused code by id; False if there is no such open code."""
    return _revoke_unused(conn, enroll_codes.c.id == code_id, now) == 1


def list_codes(conn: Connection, school_code: str | None = None, limit: int = 500) -> list[EnrollCode]:
    """Newest first."""
    q = select(*_COLUMNS).order_by(enroll_codes.c.id.desc()).limit(limit)
    if school_code:
        q = q.where(enroll_codes.c.school_code == school_code)
    return [EnrollCode(**r) for r in conn.execute(q).mappings()]


def status(code: EnrollCode, now: str) -> str:
    """open / used / expired / revoked."""
    problem = code.problem(now)
    return {"code_revoked": "revoked", "code_used": "used", "code_expired": "expired"}.get(
        problem or "", "open"
    )
