"""Pupils per grade, as the school entered them. Names stay on this PC."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from .db import Database


@dataclass(frozen=True)
class Pupil:
    id: str
    grade: int
    name: str
    gender: str = ""
    registry_no: str | None = None
    class_name: str = ""

    @property
    def record_id(self) -> str:
        """What records carry: the registry number (学籍号) if entered, else the opaque id."""
        return self.registry_no or self.id


class RosterStore:
    def __init__(self, db: Database):
        self.db = db

    def replace_grade(self, grade: int, pupils: Sequence[Pupil]) -> list[Pupil]:
        """Make `pupils` the grade's roster in one transaction (an import is all or nothing).
        Pupils already known by registry number keep their id; the others are retired."""
        saved = []
        with self.db.transaction() as conn:
            known = {r["registry_no"]: r["id"] for r in conn.execute(
                "SELECT id, registry_no FROM pupils WHERE registry_no IS NOT NULL")}
            conn.execute("UPDATE pupils SET active = 0 WHERE grade = ?", (grade,))
            for position, p in enumerate(pupils):
                pid = known.get(p.registry_no) if p.registry_no else None
                pid = pid or p.id or str(uuid.uuid4())
                conn.execute(
                    "INSERT INTO pupils (id, grade, name, gender, registry_no, class_name, active, position)"
                    " VALUES (?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT(id) DO UPDATE SET grade = excluded.grade,"
                    " name = excluded.name, gender = excluded.gender, registry_no = excluded.registry_no,"
                    " class_name = excluded.class_name, active = 1, position = excluded.position",
                    (pid, grade, p.name, p.gender, p.registry_no, p.class_name, position),
                )
                saved.append(Pupil(pid, grade, p.name, p.gender, p.registry_no, p.class_name))
        return saved

    def pupils(self, grades: Sequence[int] | None = None) -> list[Pupil]:
        sql = "SELECT * FROM pupils WHERE active = 1"
        params: tuple[int, ...] = ()
        if grades:
            sql += f" AND grade IN ({','.join('?' * len(grades))})"
            params = tuple(grades)
        rows = self.db.query(sql + " ORDER BY grade, position, name", params)
        return [Pupil(r["id"], r["grade"], r["name"], r["gender"], r["registry_no"], r["class_name"]) for r in rows]
