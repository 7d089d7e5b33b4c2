"""The durable outbox: a record is committed here before the teacher is told "saved",
and leaves only when the hub has acknowledged it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.core.errors import EduTeachError
from eduteach_desktop.store.db import Database
from eduteach_protocol import xapi
from eduteach_protocol.cli_i18n import L_


class InvalidRecordError(EduTeachError):
    """A record the app built is not valid xAPI or breaks the profile: a bug in the app,
    caught before the record is saved (the hub would refuse it and it would sit in
    quarantine). details: record_id, path (where in the statement)."""

    code = "invalid_record"


@dataclass(frozen=True)
class OutboxItem:
    seq: int
    id: str
    kind: str
    statement: dict[str, Any]


@dataclass(frozen=True)
class OutboxCounts:
    pending: int
    acked: int
    quarantined: int
    attempts: int = 0  # failed uploads of the record waiting longest for one (0: none failed)
    last_error: str | None = None  # what the last failed upload of a waiting record met


class Outbox:
    def __init__(self, db: Database, clock: Clock):
        self.db = db
        self.clock = clock

    @staticmethod
    def next_seq(conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()
        return (int(row[0]) if row else 0) + 1

    def add_in(self, conn: sqlite3.Connection, kind: str, statement: dict[str, Any], skewed: bool = False) -> int:
        """Add within the caller's transaction, so the record and the app's data commit together.

        The row's seq is the statement's device-seq (its id was derived from it). A statement
        the hub would refuse raises InvalidRecordError and is not written; raised inside the
        caller's transaction, so nothing of that transaction is saved either."""
        from eduteach_protocol.records import EXT_DEVICE_SEQ

        try:
            xapi.validate(statement)
        except xapi.PathError as exc:
            record_id = statement.get("id")
            raise InvalidRecordError(
                L_("record {record_id} ({kind}) is not valid: {exc}", record_id=record_id, kind=kind, exc=exc), record_id=record_id, path=exc.path
            ) from exc

        seq = statement.get("context", {}).get("extensions", {}).get(EXT_DEVICE_SEQ)
        cur = conn.execute(
            "INSERT INTO outbox (seq, id, kind, statement, created_at, skewed) VALUES (?, ?, ?, ?, ?, ?)",
            (
                seq,
                statement["id"],
                kind,
                json.dumps(statement, ensure_ascii=False, separators=(",", ":")),
                iso_utc(self.clock.now()),
                int(skewed),
            ),
        )
        return int(cur.lastrowid or 0)

    def pending(self, limit: int = 500) -> list[OutboxItem]:
        rows = self.db.query(
            "SELECT seq, id, kind, statement FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?",
            (limit,),
        )
        return [OutboxItem(r["seq"], r["id"], r["kind"], json.loads(r["statement"])) for r in rows]

    def mark_acked(self, ids: Sequence[str]) -> None:
        now = iso_utc(self.clock.now())
        with self.db.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'acked', acked_at = ?, error = NULL WHERE id = ? AND state = 'pending'",
                [(now, i) for i in ids],
            )

    def quarantine(self, record_id: str, reason: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'quarantined', error = ? WHERE id = ?", (reason[:500], record_id)
            )

    def note_attempt(self, ids: Sequence[str], error: str | None) -> None:
        """An upload of these records failed (no answer, or an error status): they stay
        pending; the count and the error show in status."""
        with self.db.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET attempts = attempts + 1, error = ? WHERE id = ?",
                [(error, i) for i in ids],
            )

    def counts(self) -> OutboxCounts:
        rows = {r["state"]: r["n"] for r in self.db.query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")}
        tried = self.db.query_one(
            "SELECT attempts, error FROM outbox WHERE state = 'pending' AND attempts > 0"
            " ORDER BY attempts DESC, seq LIMIT 1")
        return OutboxCounts(rows.get("pending", 0), rows.get("acked", 0), rows.get("quarantined", 0),
                            int(tried["attempts"]) if tried else 0, tried["error"] if tried else None)

    def quarantined(self) -> list[tuple[str, str]]:
        return [(r["id"], r["error"] or "") for r in self.db.query(
            "SELECT id, error FROM outbox WHERE state = 'quarantined' ORDER BY seq")]

    def oldest_pending_at(self) -> str | None:
        """When the longest-waiting record was made (ISO time), or None if none waits."""
        row = self.db.query_one("SELECT MIN(created_at) AS t FROM outbox WHERE state = 'pending'")
        return row["t"] if row else None

    def skewed_pending_count(self) -> int:
        """Waiting records made while this PC's clock disagreed with the hub's."""
        row = self.db.query_one("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND skewed = 1")
        return int(row["n"]) if row else 0

    def all_statements(self) -> list[dict[str, Any]]:
        return [json.loads(r["statement"]) for r in self.db.query("SELECT statement FROM outbox ORDER BY seq")]

    def flag_skewed_pending(self) -> None:
        """The hub's clock disagrees with ours: records still waiting were made with it."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE outbox SET skewed = 1 WHERE state = 'pending'")

    def prune_acked(self, before: datetime) -> int:
        """Drop the bodies of records acknowledged before `before`; the row (id, seq) stays
        so the app's own rows keep their reference and a re-import stays idempotent."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE outbox SET statement = '' WHERE state = 'acked' AND statement != '' AND acked_at < ?",
                (iso_utc(before),),
            )
            return cur.rowcount

    def requeue_acked_after(self, seq: int) -> int:
        """The hub lost records after `seq` (restored from a backup): send them again."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE outbox SET state = 'pending', acked_at = NULL"
                " WHERE state = 'acked' AND seq > ? AND statement != ''",
                (seq,),
            )
            return cur.rowcount

    def adopt_identity(self, device_id: str, school_code: str, county_code: str) -> int:
        """Records made before enrollment carry placeholders; give them this PC's identity.

        Only pending records are touched: they have never left the PC, so no copy with the
        old content exists anywhere.
        """
        from eduteach_protocol.records import EXT_COUNTY, EXT_SCHOOL

        changed = 0
        with self.db.transaction() as conn:
            rows = conn.execute("SELECT seq, statement FROM outbox WHERE state = 'pending'").fetchall()
            for row in rows:
                stmt = json.loads(row["statement"])
                ext = stmt.get("context", {}).get("extensions", {})
                if ext.get(EXT_SCHOOL) != "0000000000":
                    continue
                ext[EXT_SCHOOL] = school_code
                ext[EXT_COUNTY] = county_code
                for agent in (stmt.get("actor"), stmt.get("context", {}).get("instructor")):
                    account = agent.get("account") if isinstance(agent, dict) else None
                    if isinstance(account, dict) and isinstance(account.get("name"), str):
                        name = account["name"]
                        if name == "local-device":
                            account["name"] = device_id
                        elif name.startswith("local-device/"):
                            account["name"] = device_id + name.removeprefix("local-device")
                conn.execute(
                    "UPDATE outbox SET statement = ? WHERE seq = ?",
                    (json.dumps(stmt, ensure_ascii=False, separators=(",", ":")), row["seq"]),
                )
                changed += 1
        return changed
