"""The textbook editions the county set for each school (eduteach_protocol.editions rules)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, select

from eduteach_protocol.editions import EditionRule

from . import upsert
from .schema import school_editions


def rules_for(conn: Connection, school_code: str) -> list[EditionRule]:
    rows = conn.execute(
        select(school_editions.c.subject, school_editions.c.grade, school_editions.c.edition)
        .where(school_editions.c.school_code == school_code)
    ).all()
    return sorted(EditionRule(r.subject, r.grade, r.edition) for r in rows)


def all_rules(conn: Connection) -> dict[str, list[EditionRule]]:
    out: dict[str, list[EditionRule]] = {}
    for r in conn.execute(select(school_editions).order_by(school_editions.c.school_code)):
        out.setdefault(r.school_code, []).append(EditionRule(r.subject, r.grade, r.edition))
    return {code: sorted(rules) for code, rules in out.items()}


def set_rules(
    conn: Connection, school_code: str, rules: Iterable[EditionRule], now: str,
    unset: Iterable[tuple[int, str]] = (), replace_all: bool = False,
) -> None:
    """Set rules (a rule replaces the one with the same grade and subject); remove those in
    unset ((grade, subject) pairs); with replace_all, the school's rules become exactly these."""
    if replace_all:
        conn.execute(delete(school_editions).where(school_editions.c.school_code == school_code))
    for grade, subject in unset:
        conn.execute(
            delete(school_editions).where(
                school_editions.c.school_code == school_code,
                school_editions.c.grade == grade,
                school_editions.c.subject == subject,
            )
        )
    upsert.replace(
        conn, school_editions, ("school_code", "grade", "subject"),
        [{"school_code": school_code, "grade": r.grade, "subject": r.subject, "edition": r.edition,
          "updated_at": now} for r in rules],
    )
