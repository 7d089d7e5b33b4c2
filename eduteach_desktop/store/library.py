"""Catalogs and lessons on this PC: which catalog is active, which lessons are complete."""

from __future__ import annotations

import json
from dataclasses import dataclass

from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_protocol.catalog import Catalog, Lesson, lesson_from_stored
from eduteach_protocol.editions import EditionRule, edition_for
from eduteach_protocol.subjects import GRADES, SUBJECTS

from .blobs import BlobStore
from .db import Database


def active_catalog_version(db: Database) -> int | None:
    return catalog_version(db, "active")


def catalog_version(db: Database, state: str) -> int | None:
    """The version of the catalog in `state` ('active' or 'pending'), if there is one."""
    row = db.query_one("SELECT version FROM catalogs WHERE state = ?", (state,))
    return int(row["version"]) if row else None


def lesson_count(db: Database, version: int) -> int:
    row = db.query_one("SELECT COUNT(*) AS n FROM lessons WHERE catalog_version = ?", (version,))
    return int(row["n"]) if row else 0


def titles_by_file(db: Database, version: int) -> dict[str, set[str]]:
    """For each file (sha256) of catalog `version`, the titles of the lessons that use it."""
    titles: dict[str, set[str]] = {}
    for row in db.query(
        "SELECT l.title, json_extract(f.value, '$.sha256') AS sha FROM lessons l,"
        " json_each(l.body, '$.files') f WHERE l.catalog_version = ?", (version,)):
        titles.setdefault(row["sha"], set()).add(row["title"])
    return titles


@dataclass(frozen=True)
class Subscription:
    grade: int
    subject: str
    edition: str

    def matches(self, lesson: Lesson) -> bool:
        return (
            lesson.grade == self.grade
            and lesson.subject == self.subject
            and (self.edition == "*" or lesson.edition == self.edition)
        )


@dataclass(frozen=True)
class BookSet:
    """One grade/subject/edition set of a catalog, as the subscription list shows it."""

    grade: int
    subject: str
    edition: str
    lessons: int
    size: int
    missing: int  # bytes of the lessons not complete on this PC yet


class LibraryStore:
    def __init__(self, db: Database, blobs: BlobStore, clock: Clock):
        self.db = db
        self.blobs = blobs
        self.clock = clock

    # --- catalogs ----------------------------------------------------------------------
    def highest_version(self) -> int:
        row = self.db.query_one("SELECT COALESCE(MAX(version), 0) AS v FROM catalogs")
        return int(row["v"]) if row else 0

    def add_catalog(self, catalog: Catalog, sha256: str, body: bytes, source: str) -> bool:
        """Keep a verified catalog as pending. False if we already hold this version."""
        if self.db.query_one("SELECT 1 FROM catalogs WHERE version = ?", (catalog.version,)):
            return False
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM catalogs WHERE state = 'pending'")
            conn.execute(
                "INSERT INTO catalogs (version, sha256, body, source, received_at, state)"
                " VALUES (?, ?, ?, ?, ?, 'pending')",
                (catalog.version, sha256, body, source, iso_utc(self.clock.now())),
            )
            conn.executemany(
                "INSERT INTO lessons (catalog_version, id, grade, subject, edition, volume, unit, ord,"
                " title, kind, size, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        catalog.version, ls.id, ls.grade, ls.subject, ls.edition, ls.volume, ls.unit,
                        ls.order, ls.title, ls.kind, ls.size,
                        json.dumps(ls.to_dict(), ensure_ascii=False),
                    )
                    for ls in catalog.lessons
                ],
            )
        return True

    def _catalog(self, state: str) -> Catalog | None:
        row = self.db.query_one("SELECT body FROM catalogs WHERE state = ?", (state,))
        return Catalog.from_stored(bytes(row["body"])) if row else None

    def active_catalog(self) -> Catalog | None:
        return self._catalog("active")

    def pending_catalog(self) -> Catalog | None:
        return self._catalog("pending")

    def active_version(self) -> int | None:
        return active_catalog_version(self.db)

    def activate(self, version: int) -> None:
        """Switch the playable catalog in one transaction; the old one is retired."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE catalogs SET state = 'retired' WHERE state = 'active'")
            conn.execute(
                "UPDATE catalogs SET state = 'active', activated_at = ? WHERE version = ?",
                (iso_utc(self.clock.now()), version),
            )
            conn.execute("DELETE FROM catalogs WHERE state = 'retired'")

    def reset(self) -> None:
        """Forget every catalog (the trust root changed: a new county repository)."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM catalogs")

    # --- lessons -----------------------------------------------------------------------
    def lessons(self) -> list[Lesson]:
        rows = self.db.query(
            "SELECT l.body FROM lessons l JOIN catalogs c ON c.version = l.catalog_version"
            " WHERE c.state = 'active' ORDER BY l.grade, l.subject, l.edition, l.volume, l.unit, l.ord"
        )
        return [lesson_from_stored(json.loads(r["body"])) for r in rows]

    def lesson(self, lesson_id: str) -> Lesson | None:
        row = self.db.query_one(
            "SELECT l.body FROM lessons l JOIN catalogs c ON c.version = l.catalog_version"
            " WHERE c.state = 'active' AND l.id = ?",
            (lesson_id,),
        )
        return lesson_from_stored(json.loads(row["body"])) if row else None

    def is_installed(self, lesson: Lesson) -> bool:
        need = lesson.blob_hashes()
        return self.blobs.present(need) == need

    def installed_lessons(self) -> list[Lesson]:
        lessons = self.lessons()
        present = self.blobs.present({h for ls in lessons for h in ls.blob_hashes()})
        return [ls for ls in lessons if ls.blob_hashes() <= present]

    # --- subscriptions -----------------------------------------------------------------
    # Two sources, stored apart: the county's editions (county_editions, from the hub) and
    # the teacher's own choice (subscriptions + subscription_choice). Once the teacher has
    # chosen, their choice is what the PC downloads; the county's editions are still kept,
    # so forgetting the teacher's choice returns to them.
    def subscriptions(self) -> list[Subscription]:
        """What this PC downloads (empty: everything): the teacher's choice if they made
        one, else the county's editions (all editions of subjects the county left open)."""
        teacher = self.teacher_subscriptions()
        if teacher is not None:
            return teacher
        return county_subscriptions(self.county_editions())

    def subscription_source(self) -> str:
        """"teacher", "county" or "all" (nobody chose: every lesson is wanted)."""
        if self.teacher_subscriptions() is not None:
            return "teacher"
        return "county" if self.county_editions() else "all"

    def teacher_subscriptions(self) -> list[Subscription] | None:
        """The teacher's choice, or None if they never made one."""
        if self.db.query_one("SELECT 1 FROM subscription_choice") is None:
            return None
        return [
            Subscription(r["grade"], r["subject"], r["edition"])
            for r in self.db.query("SELECT grade, subject, edition FROM subscriptions ORDER BY 1, 2, 3")
        ]

    def set_subscriptions(self, subs: list[Subscription]) -> None:
        """The teacher's choice (an empty list: every book). It wins over the county's."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM subscriptions")
            conn.executemany(
                "INSERT OR IGNORE INTO subscriptions (grade, subject, edition) VALUES (?, ?, ?)",
                [(s.grade, s.subject, s.edition) for s in subs],
            )
            conn.execute(
                "INSERT OR REPLACE INTO subscription_choice (only, chosen_at) VALUES (1, ?)",
                (iso_utc(self.clock.now()),),
            )

    def forget_teacher_choice(self) -> None:
        """Back to the county's editions."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM subscriptions")
            conn.execute("DELETE FROM subscription_choice")

    def county_editions(self) -> list[EditionRule]:
        return [
            EditionRule(r["subject"], r["grade"], r["edition"])
            for r in self.db.query("SELECT subject, grade, edition FROM county_editions ORDER BY 1, 2")
        ]

    def set_county_editions(self, rules: list[EditionRule]) -> bool:
        """Keep the editions the hub sent (all of them, replacing the last). True if changed."""
        if sorted(set(rules)) == self.county_editions():
            return False
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM county_editions")
            conn.executemany(
                "INSERT OR REPLACE INTO county_editions (subject, grade, edition) VALUES (?, ?, ?)",
                [(r.subject, r.grade, r.edition) for r in rules],
            )
        return True

    def book_sets(self) -> tuple[list[BookSet], bool]:
        """The sets of the newest catalog this PC holds (the one being downloaded, when a
        sync has one pending), and whether that catalog is the pending one."""
        row = self.db.query_one(
            "SELECT version, state FROM catalogs WHERE state IN ('pending', 'active')"
            " ORDER BY state = 'pending' DESC LIMIT 1")
        if row is None:
            return [], False
        sets = [BookSet(*r) for r in self.db.query(
            "SELECT l.grade, l.subject, l.edition, COUNT(*), SUM(l.size),"
            " SUM(CASE WHEN EXISTS (SELECT 1 FROM lesson_blobs lb WHERE lb.catalog_version ="
            " l.catalog_version AND lb.lesson_id = l.id AND NOT EXISTS (SELECT 1 FROM blobs b"
            " WHERE b.sha256 = lb.sha256)) THEN l.size ELSE 0 END)"
            " FROM lessons l WHERE l.catalog_version = ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            (row["version"],))]
        return sets, row["state"] == "pending"

    @staticmethod
    def book_holdings(wanted: list[Lesson], installed: set[str]) -> list[dict[str, object]]:
        """Per subscribed book (the wanted lessons of the active catalog): its lessons and
        those complete here (installed: their ids), for the county's content page."""
        books: dict[tuple[int, str, str], list[int]] = {}
        for ls in wanted:
            counts = books.setdefault((ls.grade, ls.subject, ls.edition), [0, 0])
            counts[0] += 1
            counts[1] += ls.id in installed
        return [
            {"grade": g, "subject": s, "edition": e, "lessons": n, "installed": i}
            for (g, s, e), (n, i) in sorted(books.items())
        ][:500]

    def wanted(self, catalog: Catalog) -> list[Lesson]:
        subs = self.subscriptions()
        if not subs:
            return list(catalog.lessons)
        return [ls for ls in catalog.lessons if any(s.matches(ls) for s in subs)]


def county_subscriptions(rules: list[EditionRule]) -> list[Subscription]:
    """The county's editions as subscriptions: its edition where it set one, every edition
    of the subjects it left open. No rules: nothing (every lesson is wanted)."""
    if not rules:
        return []
    return [
        Subscription(grade, subject, edition_for(rules, grade, subject) or "*")
        for grade in GRADES
        for subject in SUBJECTS
    ]
