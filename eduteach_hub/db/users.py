"""Admin accounts: county staff who read every school's records and use the dashboard.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile);
verification runs the same work for unknown names, so timing does not reveal them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, insert, select, update

from eduteach_protocol.cli_i18n import L_

from .schema import users

ROLES = ("admin",)
NAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{2,64}\Z")
MIN_PASSWORD = 10
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a real password")


class UserError(ValueError):
    """A bad name, role or password (the message says which)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    created_at: str
    disabled_at: str | None


def check_name(name: str) -> str:
    if not NAME_RE.match(name) or name.startswith("dev-"):
        raise UserError(
            L_("a user name has 2–64 letters, digits or . _ @ - and does not start with 'dev-'")
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UserError(L_("a password needs at least {n} characters", n=MIN_PASSWORD))
    if len(password) > 1024:
        raise UserError(L_("a password has at most 1024 characters"))
    return password


def add(conn: Connection, name: str, role: str, password: str, now: str) -> User:
    """Create the user; if it exists, set the new password and role and re-enable it."""
    check_name(name)
    if role not in ROLES:
        raise UserError(L_("role must be one of: {roles}", roles=", ".join(ROLES)))
    hashed = _hasher.hash(check_password(password))
    if get(conn, name) is not None:
        conn.execute(
            update(users)
            .where(users.c.name == name)
            .values(role=role, password_hash=hashed, disabled_at=None)
        )
    else:
        conn.execute(
            insert(users).values(name=name, role=role, password_hash=hashed, created_at=now)
        )
    user = get(conn, name)
    assert user is not None
    return user


def get(conn: Connection, name: str) -> User | None:
    row = (
        conn.execute(
            select(users.c.name, users.c.role, users.c.created_at, users.c.disabled_at).where(
                users.c.name == name
            )
        )
        .mappings()
        .first()
    )
    return User(**row) if row else None


def list_all(conn: Connection) -> list[User]:
    rows = conn.execute(
        select(users.c.name, users.c.role, users.c.created_at, users.c.disabled_at).order_by(
            users.c.name
        )
    ).mappings()
    return [User(**r) for r in rows]


def disable(conn: Connection, name: str, now: str) -> bool:
    result = conn.execute(
        update(users).where(users.c.name == name, users.c.disabled_at.is_(None)).values(disabled_at=now)
    )
    return result.rowcount == 1 or get(conn, name) is not None


def authenticate(conn: Connection, name: str, password: str) -> User | None:
    """The enabled user with this password, or None."""
    row = conn.execute(
        select(users.c.password_hash, users.c.disabled_at).where(users.c.name == name)
    ).first()
    stored = row[0] if row else _DUMMY
    try:
        _hasher.verify(stored, password)
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok or row is None or row[1] is not None:
        return None
    return get(conn, name)
