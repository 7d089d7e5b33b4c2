"""Schools (teaching points), keyed by their 10-digit 学校标识码."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select

from .schema import devices, enroll_codes, schools

SCHOOL_CODE_RE = re.compile(r"^\d{10}\Z")


def name_problem(name: str) -> str | None:
    """Why name cannot be a school's name (a PC would refuse it in an enrollment), or None."""
    from eduteach_protocol.limits import MAX_SCHOOL_NAME_CHARS
    from eduteach_protocol.text_rules import text_problem

    problem = text_problem(name, MAX_SCHOOL_NAME_CHARS)
    return None if problem is None else f"the school name {problem}"


class SchoolConflict(Exception):
    """The school code exists with another name."""


@dataclass(frozen=True)
class School:
    code: str
    name: str
    county_code: str
    created_at: str
    channel: str = "stable"  # app release channel (eduteach_protocol.app_release.CHANNELS)

    def public(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name, "county_code": self.county_code}


def get(conn: Connection, code: str) -> School | None:
    row = conn.execute(select(schools).where(schools.c.code == code)).mappings().first()
    return School(**row) if row else None


def add(conn: Connection, code: str, name: str, county_code: str, now: str) -> tuple[School, bool]:
    """Create the school, or return the existing one if it has the same name and county.

    Returns (school, created).
    """
    problem = name_problem(name)
    if problem is not None:
        raise SchoolConflict(problem)
    existing = get(conn, code)
    if existing is not None:
        if existing.name != name or existing.county_code != county_code:
            raise SchoolConflict(
                f"school {code} already exists as {existing.name!r} (county {existing.county_code})"
            )
        return existing, False
    conn.execute(
        insert(schools).values(code=code, name=name, county_code=county_code, created_at=now)
    )
    return School(code, name, county_code, now), True


@dataclass(frozen=True)
class SchoolSummary:
    school: School
    devices: int
    open_codes: int


def list_all(conn: Connection, now: str) -> list[SchoolSummary]:
    dev_count = (
        select(func.count())
        .where(devices.c.school_code == schools.c.code, devices.c.revoked_at.is_(None))
        .scalar_subquery()
    )
    code_count = (
        select(func.count())
        .where(
            enroll_codes.c.school_code == schools.c.code,
            enroll_codes.c.used_at.is_(None),
            enroll_codes.c.revoked_at.is_(None),
            enroll_codes.c.expires_at > now,
        )
        .scalar_subquery()
    )
    rows = conn.execute(
        select(schools, dev_count.label("n_devices"), code_count.label("n_codes")).order_by(
            schools.c.code
        )
    ).mappings()
    return [
        SchoolSummary(
            School(r["code"], r["name"], r["county_code"], r["created_at"], r["channel"]),
            r["n_devices"],
            r["n_codes"],
        )
        for r in rows
    ]


def set_channel(conn: Connection, code: str, channel: str) -> bool:
    """Put a school on an app release channel. False when there is no such school."""
    from sqlalchemy import update

    return conn.execute(update(schools).where(schools.c.code == code).values(channel=channel)).rowcount == 1


def channel_of(conn: Connection, code: str) -> str:
    school = get(conn, code)
    return school.channel if school else "stable"
