"""The publish history: one row per catalog version, with the lessons that publish flagged."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from . import upsert
from .schema import publishes


@dataclass(frozen=True)
class Publish:
    catalog_version: int
    published_at: str
    lessons: int
    added: int
    updated: int
    removed: int
    bytes: int
    seconds: float
    problems: list[dict[str, Any]]


def record(conn: Connection, p: Publish) -> None:
    row = {**p.__dict__, "problems": json.dumps(p.problems, ensure_ascii=False)}
    upsert.replace(conn, publishes, ("catalog_version",), [row])


def _from_row(r: Any) -> Publish:
    try:
        problems = json.loads(r.problems)
    except ValueError:
        problems = []
    return Publish(r.catalog_version, r.published_at, r.lessons, r.added, r.updated, r.removed,
                   r.bytes, r.seconds, problems if isinstance(problems, list) else [])


def history(conn: Connection, limit: int = 50) -> list[Publish]:
    rows = conn.execute(select(publishes).order_by(publishes.c.catalog_version.desc()).limit(limit))
    return [_from_row(r) for r in rows]


def latest(conn: Connection) -> Publish | None:
    found = history(conn, 1)
    return found[0] if found else None
