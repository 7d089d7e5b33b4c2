"""Records say how a lesson was taught (issue 15): the modes and tracks of a play travel in
its statements' context, the one validator holds them to the profile (allowed values,
sorted, each once, bounded) on the PC and at the hub alike, and a play without them is
exactly the record it was before, down to the bytes of the compact batch."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from eduteach_desktop.core import usage
from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.records.outbox import InvalidRecordError
from eduteach_desktop.services import Services
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.devicekey import public_key_b64
from eduteach_hub.api import lrs
from eduteach_hub.api.errors import ApiError
from eduteach_hub.db.devices import Device
from eduteach_hub.db.facts import classroom_counts
from eduteach_protocol import batch, record_file, xapi
from eduteach_protocol import records as r
from eduteach_protocol.catalog import TRACK_ROLES, Lesson
from eduteach_protocol.xapi.fast import well_formed

DATA = Path(__file__).with_name("data")
ORIGIN = r.Origin("dev-" + "c" * 32, "4301230001", "430123", "0.2.0", clock_offset=1.5)
LESSONS = [r.LessonRef("music-g1-star", "小星星", "audio", 1, "music", "人音版", 50.0),
           r.LessonRef("english-g3-hello", "Hello", "video", 3, "english", "外研版", 120.0)]
MODES_KEY = 'context.extensions["https://w3id.org/eduteach/xapi/ext/modes"]'
TRACKS_KEY = 'context.extensions["https://w3id.org/eduteach/xapi/ext/tracks"]'


def plays(**classroom: Any) -> list[dict[str, Any]]:
    """Three plays (completed, in a session, cut short), with fixed ids and times.

    Without arguments these are the plain plays tests/unit/data/plain_plays.batch.json was
    made from, by this same function run against main before issue 15 (the inflated
    compact batch)."""
    out, seq = [], 1
    for i, (lesson, completed) in enumerate(((LESSONS[0], True), (LESSONS[1], False), (LESSONS[0], False))):
        n = r.playback_event_count(completed)
        ids = [(f"00000000-0000-8000-8000-{seq + k:012d}", seq + k) for k in range(n)]
        seq += n
        out += r.playback_events(ORIGIN, lesson, ids, f"2026-03-02T0{i}:00:00.000Z", f"2026-03-02T0{i}:01:00.000Z",
                                 42.5 + i, completed, [(0.0, 42.5 + i)],
                                 "11111111-1111-4111-8111-111111111111" if i == 1 else None, **classroom)
    return out


def test_the_profiles_values_are_the_players() -> None:
    """One vocabulary: the modes the player notes are the ones the profile allows, and the
    tracks are the catalog's roles."""
    assert usage.MODES == r.CLASSROOM_MODES
    assert set(TRACK_ROLES) == {"demo", "accompaniment", "speech"}


def test_a_plain_play_is_byte_for_byte_the_record_of_before() -> None:
    stmts = plays()
    assert stmts == plays(modes=(), tracks=())
    for st in stmts:
        assert r.EXT_MODES not in st["context"]["extensions"] and r.EXT_TRACKS not in st["context"]["extensions"]
    inflated = gzip.decompress(batch.encode(stmts))
    assert inflated == (DATA / "plain_plays.batch.json").read_bytes()


def test_modes_and_tracks_are_on_every_statement_of_the_play_sorted_and_once() -> None:
    stmts = plays(modes=("sing-along", "presenter", "sing-along"), tracks=["demo", "accompaniment"])
    for st in stmts:
        ext = st["context"]["extensions"]
        assert ext[r.EXT_MODES] == ["presenter", "sing-along"]
        assert ext[r.EXT_TRACKS] == ["accompaniment", "demo"]
        xapi.check(st)  # the full check
        assert well_formed(st)  # and the hub's fast path takes them
    first, second = stmts[0]["context"]["extensions"], stmts[1]["context"]["extensions"]
    assert first[r.EXT_MODES] is not second[r.EXT_MODES]  # no statement aliases another's list


def test_compact_batches_carry_them_both_ways() -> None:
    """New plays and plain plays in one batch come back exactly (the v1 decoder an older
    hub runs is this decoder: the fields are ordinary columns, nothing in the format
    changed); a batch of plain plays stays the old batch."""
    mixed = plays() + plays(modes=["repeat-after-me"], tracks=["speech"])
    for i, st in enumerate(mixed):
        st["id"] = str(uuid.UUID(int=i + 1))
    data = batch.encode(mixed)
    assert json.loads(gzip.decompress(data))["v"] == 1
    assert batch.decode(data) == mixed
    assert batch.decode(batch.encode(plays())) == plays()


def _with(ext_key: str, value: Any) -> dict[str, Any]:
    st = plays(modes=["sing-along"], tracks=["accompaniment"])[0]
    st["context"]["extensions"][ext_key] = value
    return st


BAD = [
    (r.EXT_MODES, [], MODES_KEY),
    (r.EXT_MODES, "sing-along", MODES_KEY),
    (r.EXT_MODES, None, MODES_KEY),
    (r.EXT_MODES, {"sing-along": True}, MODES_KEY),
    (r.EXT_MODES, ["karaoke"], MODES_KEY + "[0]"),
    (r.EXT_MODES, ["Sing-Along"], MODES_KEY + "[0]"),
    (r.EXT_MODES, ["presenter", 1], MODES_KEY + "[1]"),
    (r.EXT_MODES, ["sing-along", "presenter"], MODES_KEY + "[1]"),  # not sorted
    (r.EXT_MODES, ["presenter", "presenter"], MODES_KEY + "[1]"),  # twice
    (r.EXT_MODES, ["presenter", "repeat-after-me", "sing-along", "sing-along"], MODES_KEY),  # too long
    (r.EXT_TRACKS, ["karaoke"], TRACKS_KEY + "[0]"),
    (r.EXT_TRACKS, ["accompaniment", "accompaniment"], TRACKS_KEY + "[1]"),
    (r.EXT_TRACKS, ["demo", "accompaniment"], TRACKS_KEY + "[1]"),
    (r.EXT_TRACKS, [], TRACKS_KEY),
    (r.EXT_TRACKS, ["a" * 10_000], TRACKS_KEY + "[0]"),
]


@pytest.mark.parametrize(("key", "value", "path"), BAD)
def test_bad_modes_or_tracks_are_refused_naming_the_path(key: str, value: Any, path: str) -> None:
    st = _with(key, value)
    assert not well_formed(st), "the fast path must never accept what the full check refuses"
    for check in (xapi.check, xapi.validate):
        with pytest.raises(xapi.PathError) as err:
            check(st)
        assert err.value.path == path, str(err.value)


@pytest.mark.parametrize(("key", "value", "path"), BAD[:3])
def test_the_hub_refuses_them_on_ingest_with_a_400_naming_the_path(key: str, value: Any, path: str) -> None:
    device = Device(ORIGIN.device_id, ORIGIN.school_code, "key", "PC", "0.2.0", "2026-01-01T00:00:00.000Z", None, None)
    good = plays(modes=["presenter"])[0]
    lrs.prepare_batch([good], device, datetime(2026, 3, 2, tzinfo=UTC))  # accepted
    with pytest.raises(ApiError) as err:
        lrs.prepare_batch([good, _with(key, value)], device, datetime(2026, 3, 2, tzinfo=UTC))
    assert (err.value.status, err.value.code) == (400, "invalid_statement")
    assert err.value.extra == {"index": 1, "path": path}


@pytest.mark.parametrize(("modes", "tracks", "counts"), [
    ([], ["demo"], (0, 0, 0)),  # the model singing only: played, not sung
    ([], ["accompaniment"], (1, 0, 0)),  # the class sang to the accompaniment
    (["sing-along"], ["demo"], (1, 0, 0)),
    (["presenter", "repeat-after-me"], ["speech"], (0, 1, 1)),
    (["presenter", "repeat-after-me", "sing-along"], ["accompaniment", "demo"], (1, 1, 1)),
])
def test_what_the_hub_counts_as_sung_repeated_and_presented(modes: list[str], tracks: list[str],
                                                           counts: tuple[int, int, int]) -> None:
    ext = plays(modes=modes, tracks=tracks)[-1]["context"]["extensions"]
    assert classroom_counts(ext) == counts


# --- on the PC: the record writer, the outbox's check, the USB export -------------------

LESSON = Lesson(id="music-g1-star", title="小星星", grade=1, subject="music", edition="人音版", volume="上册",
                unit=1, order=1, kind="audio", duration=50.0, files=())


@pytest.fixture
def pc(tmp_path: Path):
    s = Services.open(tmp_path / "pc", clock=ManualClock(datetime(2026, 9, 1, 0, 30, tzinfo=UTC)))
    s.settings.update({keys.DEVICE_ID: "dev-abc", keys.DEVICE_SECRET: "x", keys.HUB_URL: "http://hub",
                       keys.SCHOOL_CODE: "4301230001", keys.COUNTY_CODE: "430123"})
    yield s
    s.close()


def _outbox(s: Services) -> list[dict[str, Any]]:
    return [item.statement for item in s.outbox.pending(10_000)]


def test_a_play_taught_in_modes_is_recorded_with_them(pc: Services) -> None:
    """The player's PlayRecord (from UsageAccount) goes to record_play as _save_record
    passes it: keywords the old callers simply leave out."""
    account = usage.UsageAccount(pc.clock, duration=50.0)
    account.use_track("demo")
    account.start(0.0)
    account.use_mode("sing-along")
    account.use_track("accompaniment")
    pc.clock.advance(seconds=3)
    account.hold(3.0)
    play = account.take()
    assert play is not None
    pc.usage.record_play(LESSON, play.started_at, play.seconds_played, play.completed,
                         segments=play.segments, modes=play.modes, tracks=play.tracks)
    pc.usage.record_play(LESSON, pc.clock.now(), 2.0, False)  # a caller that knows no modes
    taught, plain = _outbox(pc)[:2], _outbox(pc)[2:]
    for st in taught:
        assert st["context"]["extensions"][r.EXT_MODES] == ["sing-along"]
        assert st["context"]["extensions"][r.EXT_TRACKS] == ["accompaniment", "demo"]
    for st in plain:
        assert r.EXT_MODES not in st["context"]["extensions"] and r.EXT_TRACKS not in st["context"]["extensions"]


def test_a_bad_mode_is_refused_before_anything_is_saved(pc: Services) -> None:
    with pytest.raises(InvalidRecordError) as err:
        pc.usage.record_play(LESSON, pc.clock.now(), 2.0, False, modes=["karaoke"])
    assert err.value.details["path"] == MODES_KEY + "[0]"
    assert _outbox(pc) == []
    assert pc.db.query_one("SELECT COUNT(*) AS n FROM plays")["n"] == 0


def test_the_usb_record_file_carries_them_signed(pc: Services, tmp_path: Path) -> None:
    pc.usage.record_play(LESSON, pc.clock.now(), 2.0, False, modes=["repeat-after-me"], tracks=["speech"])
    path, count = pc.export_records(tmp_path)
    assert count == 2
    doc = record_file.decode(path.read_bytes())
    record_file.verify(doc, public_key_b64(pc.device_key))
    for st in doc["statements"]:
        assert st["context"]["extensions"][r.EXT_MODES] == ["repeat-after-me"]
        assert st["context"]["extensions"][r.EXT_TRACKS] == ["speech"]



def test_every_extension_a_record_carries_is_in_the_profile(pc: Services) -> None:
    """Whatever the app adds to a record must be documented in docs/records.md first, where
    the privacy section forbids anything about annotations (批注): a record of a play with
    every mode and track, a session and its attendance carry only documented extensions."""
    from eduteach_desktop.store.roster import Pupil

    pc.roster.replace_grade(1, [Pupil("", 1, "王小明", registry_no="G110101201501011234")])
    session = pc.sessions.start("music", [1])
    pc.usage.record_play(LESSON, pc.clock.now(), 50.0, True, registration=session.id, segments=[(0.0, 50.0)],
                         modes=list(r.CLASSROOM_MODES), tracks=list(TRACK_ROLES))
    pc.sessions.end(session.id)
    doc = (Path(__file__).resolve().parents[2] / "docs" / "records.md").read_text(encoding="utf-8")
    keys_seen = set()
    for st in _outbox(pc):
        keys_seen |= set(st["context"]["extensions"]) | set(st.get("result", {}).get("extensions", {}))
    assert {r.EXT_MODES, r.EXT_TRACKS} <= keys_seen
    for key in sorted(keys_seen):
        name = key.rsplit("/", 1)[-1]
        assert f"`{name}`" in doc or key in doc, f"{key} is not in docs/records.md"
        assert not any(word in key for word in ("annot", "pen", "stroke", "drawing")), key
    assert "王小明" not in json.dumps(_outbox(pc), ensure_ascii=False)


def test_a_voided_play_takes_its_classroom_counts_back(tmp_path: Path) -> None:
    """The hub's counters go up with a play taught in modes and down when it is voided
    (a real SQLite file, migrated to head)."""
    from sqlalchemy import text

    from eduteach_hub.db import Database
    from eduteach_hub.db.facts import facts_for

    db = Database.open(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        db.migrate()
        sung = plays(modes=["presenter", "sing-along"], tracks=["accompaniment"])[-1]
        plain = plays()[-1]
        rows = [(sung["id"], sung, ORIGIN.school_code, "2026-03-02T01:00:00.000Z"),
                (plain["id"] + "x", plain, ORIGIN.school_code, "2026-03-02T01:00:00.000Z")]
        counted = "SELECT SUM(plays), SUM(sung), SUM(repeated), SUM(presented) FROM usage_daily"
        with db.write() as conn:
            facts_for(rows).apply(conn)
            assert tuple(conn.execute(text(counted)).one()) == (2, 1, 0, 1)
            facts_for(rows[:1]).apply(conn, -1)
            assert tuple(conn.execute(text(counted)).one()) == (1, 0, 0, 0)
    finally:
        db.dispose()
