"""Turn a lesson playback into a saved usage record (play row + outbox entry, one commit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eduteach_desktop import __version__
from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.db import Database
from eduteach_desktop.store.settings import Settings
from eduteach_protocol.catalog import Lesson
from eduteach_protocol.records import PlaybackFacts, new_statement_id, playback_statement

from .outbox import Outbox

UNENROLLED_SCHOOL = "0000000000"
UNENROLLED_COUNTY = "000000"
LOCAL_DEVICE = "local-device"


@dataclass(frozen=True)
class SavedPlay:
    play_id: str
    record_id: str
    seq: int


class UsageRecorder:
    def __init__(self, db: Database, outbox: Outbox, settings: Settings, clock: Clock):
        self.db = db
        self.outbox = outbox
        self.settings = settings
        self.clock = clock

    def record_play(
        self,
        lesson: Lesson,
        started_at: datetime,
        seconds_played: float,
        completed: bool,
        registration: str | None = None,
    ) -> SavedPlay:
        """Commit the play and its xAPI statement together; return only once durable."""
        record_id = new_statement_id()
        with self.db.transaction() as conn:
            seq = Outbox.next_seq(conn)
            statement = playback_statement(
                PlaybackFacts(
                    statement_id=record_id,
                    device_id=self.settings.get(keys.DEVICE_ID) or LOCAL_DEVICE,
                    school_code=self.settings.get(keys.SCHOOL_CODE) or UNENROLLED_SCHOOL,
                    county_code=self.settings.get(keys.COUNTY_CODE) or UNENROLLED_COUNTY,
                    lesson_id=lesson.id,
                    lesson_title=lesson.title,
                    kind=lesson.kind,
                    grade=lesson.grade,
                    subject=lesson.subject,
                    edition=lesson.edition,
                    started_at=iso_utc(started_at),
                    seconds_played=max(0.0, seconds_played),
                    length=lesson.duration,
                    completed=completed,
                    device_seq=seq,
                    app_version=__version__,
                    registration=registration,
                )
            )
            self.outbox.add_in(conn, "playback", statement)
            conn.execute(
                "INSERT INTO plays (id, lesson_id, started_at, seconds_played, completed, record_id)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (record_id, lesson.id, iso_utc(started_at), seconds_played, int(completed), record_id),
            )
        return SavedPlay(play_id=record_id, record_id=record_id, seq=seq)
