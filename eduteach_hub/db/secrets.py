"""Random keys shared by every worker through the database (e.g. the session-cookie key)."""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, select

from . import upsert
from .schema import hub_secrets


def get_or_create(conn: Connection, name: str) -> str:
    """The named 256-bit key; the first caller creates it, racing callers all get that one."""
    value = conn.execute(select(hub_secrets.c.value).where(hub_secrets.c.name == name)).scalar()
    if value is None:
        upsert.insert_ignore(conn, hub_secrets, [{"name": name, "value": secrets.token_hex(32)}])
        value = conn.execute(
            select(hub_secrets.c.value).where(hub_secrets.c.name == name)
        ).scalar_one()
    return str(value)
