"""Records made on the PC: every kind the app emits is valid against the profile, commits
with the app's own rows, carries ids made here, and never carries a pupil's name."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.services import Services
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.devicekey import public_key_b64
from eduteach_desktop.store.roster import Pupil
from eduteach_protocol import record_file
from eduteach_protocol.records import EXT_DEVICE_SEQ
from eduteach_protocol.xapi import validate as validate_profile_statement
from tests.helpers.lessons import TestRepo, write_lesson

# Windows' file rules apply here too (tests/helpers/winsem.py): most school PCs run Windows.
pytestmark = pytest.mark.windows_semantics



@pytest.fixture
def pc(tmp_path: Path):
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "song-a")
    repo.publish()
    clock = ManualClock(datetime(2026, 9, 1, 0, 30, tzinfo=UTC))
    s = Services.open(tmp_path / "pc", clock=clock)
    s.trust.install_root(repo.root())
    assert s.sync([str(repo.repo)]).ok
    s.settings.update({keys.DEVICE_ID: "dev-abc", keys.DEVICE_SECRET: "x", keys.HUB_URL: "http://hub",
                       keys.SCHOOL_CODE: "4301230001", keys.COUNTY_CODE: "430123"})
    yield s
    s.close()


def outbox(s: Services) -> list[dict]:
    return [item.statement for item in s.outbox.pending(10_000)]


def test_a_play_is_initialized_completed_terminated_with_device_made_ids(pc):
    lesson = pc.library.lesson("song-a")
    saved = pc.usage.record_play(lesson, pc.clock.now(), 3.9, True, segments=[(0, 3.9)])
    stmts = outbox(pc)
    assert [st["verb"]["id"].rsplit("/", 1)[1] for st in stmts] == ["initialized", "completed", "terminated"]
    assert saved.record_ids == tuple(st["id"] for st in stmts)
    seqs = [st["context"]["extensions"][EXT_DEVICE_SEQ] for st in stmts]
    assert seqs == [1, 2, 3]
    assert len({st["id"] for st in stmts}) == 3
    for st in stmts:
        validate_profile_statement(st)
    assert stmts[-1]["result"]["extensions"]["https://w3id.org/xapi/video/extensions/played-segments"] == "0[.]3.9"


def test_a_session_with_attendance_is_saved_in_one_go_without_names(pc):
    pc.roster.replace_grade(1, [Pupil("", 1, "张小明", "男", "G110101201501011234"), Pupil("", 1, "李红", "女")])
    pc.roster.replace_grade(2, [Pupil("", 2, "王刚", "男", "G110101201401011111")])
    session = pc.sessions.start("music", [1, 2])
    pupils = {p.name: p for p in pc.roster.pupils()}
    assert set(pc.sessions.attendance(session.id).values()) == {"present"}
    pc.sessions.set_status(session.id, pupils["李红"].id, "absent")
    pc.sessions.set_status(session.id, pupils["王刚"].id, "late")
    lesson = pc.library.lesson("song-a")
    pc.usage.record_play(lesson, pc.clock.now(), 2.0, False, registration=session.id)
    pc.clock.advance(40 * 60)
    ids = pc.sessions.end(session.id)
    stmts = outbox(pc)
    by_id = {st["id"]: st for st in stmts}
    taught = by_id[ids[0]]
    assert taught["verb"]["id"].endswith("/taught")
    assert taught["context"]["registration"] == session.id
    assert taught["result"]["duration"] == "PT40M0S"
    assert taught["context"]["extensions"]["https://w3id.org/eduteach/xapi/ext/lessons-played"] == 1
    marks = {by_id[i]["actor"]["account"]["name"]: by_id[i]["verb"]["id"].rsplit("/", 1)[1] for i in ids[1:]}
    assert marks == {
        "G110101201501011234": "attended",
        pupils["李红"].id: "absent",
        "G110101201401011111": "late",
    }
    text = json.dumps(stmts, ensure_ascii=False)
    assert "张小明" not in text and "李红" not in text and "王刚" not in text
    for st in stmts:
        validate_profile_statement(st)
        if "registration" in st.get("context", {}):
            assert st["context"]["instructor"]["account"]["name"] == "dev-abc/1"


def test_a_change_after_the_session_ended_is_a_voiding_correction(pc):
    pc.roster.replace_grade(1, [Pupil("", 1, "张小明", registry_no="G1")])
    session = pc.sessions.start("art", [1])
    pid = pc.roster.pupils()[0].id
    ids = pc.sessions.end(session.id)
    original = ids[1]
    new_id = pc.sessions.set_status(session.id, pid, "leave")
    stmts = outbox(pc)
    void = stmts[-2]
    assert void["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"
    assert void["object"] == {"objectType": "StatementRef", "id": original}
    assert stmts[-1]["id"] == new_id and stmts[-1]["verb"]["id"].endswith("/on-leave")
    for st in stmts:
        validate_profile_statement(st)
    assert pc.sessions.set_status(session.id, pid, "leave") is None  # no change, no record


def test_records_made_before_enrollment_take_the_identity_at_enrollment(tmp_path):
    s = Services.open(tmp_path / "pc")
    try:
        s.roster.replace_grade(1, [Pupil("", 1, "甲")])
        session = s.sessions.start("music", [1])
        s.sessions.end(session.id)
        before = outbox(s)
        assert before[0]["context"]["extensions"]["https://w3id.org/eduteach/xapi/ext/school-code"] == "0000000000"
        s.outbox.adopt_identity("dev-new", "4301230009", "430123")
        after = outbox(s)
        assert [st["id"] for st in after] == [st["id"] for st in before]  # ids never change
        for st in after:
            validate_profile_statement(st)
            assert st["context"]["instructor"]["account"]["name"] == "dev-new/1"
        assert after[0]["actor"]["account"]["name"] == "dev-new/1"
    finally:
        s.close()


@pytest.mark.parametrize("year", [2001, 2040])
def test_a_wrong_clock_flags_records_and_never_drops_them(tmp_path, year):
    clock = ManualClock(datetime(year, 3, 1, 8, 0, tzinfo=UTC))
    s = Services.open(tmp_path / "pc", clock=clock)
    try:
        s.sessions.end(s.sessions.start("music", [1]).id)
        row = s.db.query_one("SELECT skewed, statement FROM outbox")
        assert row["skewed"] == 1
        assert json.loads(row["statement"])["timestamp"].startswith(str(year))
    finally:
        s.close()


def _saved_rows(s: Services) -> dict[str, int]:
    return {t: s.db.query_one(f"SELECT COUNT(*) AS n FROM {t}")["n"] for t in ("outbox", "plays")}


def test_a_malformed_record_is_refused_when_saved_and_nothing_is_written(pc):
    """A record the hub would refuse is a bug in the app: caught at the source, before it
    is saved (not found weeks later in quarantine), with the transaction rolled back."""
    from eduteach_desktop.records.outbox import InvalidRecordError

    lesson = pc.library.lesson("song-a")
    pc.usage.record_play(lesson, pc.clock.now(), 3.9, True)
    before = _saved_rows(pc)
    assert before == {"outbox": 3, "plays": 1}
    pc.settings.set(keys.SCHOOL_CODE, "43012300")  # a damaged setting: not a 10-digit code
    with pytest.raises(InvalidRecordError) as err:
        pc.usage.record_play(lesson, pc.clock.now(), 2.0, False)
    assert err.value.code == "invalid_record"
    assert err.value.details["path"].startswith("context.extensions")
    assert _saved_rows(pc) == before  # neither the play nor any of its records

    session = pc.sessions.start("music", [1])
    with pytest.raises(InvalidRecordError):
        pc.sessions.end(session.id)
    assert _saved_rows(pc) == before
    assert pc.sessions.get(session.id).ended_at is None  # the session is still open


def test_every_record_is_checked_before_it_is_written(pc):
    """The outbox itself refuses a malformed statement (a null, a bad IRI), whoever built it."""
    from eduteach_desktop.records.outbox import InvalidRecordError

    lesson = pc.library.lesson("song-a")
    pc.usage.record_play(lesson, pc.clock.now(), 3.9, True)
    good = outbox(pc)[0]
    for path, bad_value in ((("verb", "id"), "not an iri"), (("timestamp",), None), (("actor", "account"), {})):
        bad = json.loads(json.dumps(good))
        bad["id"] = "11111111-1111-8111-8111-111111111111"
        parent = bad
        for k in path[:-1]:
            parent = parent[k]
        parent[path[-1]] = bad_value
        with pytest.raises(InvalidRecordError) as err, pc.db.transaction() as conn:
            pc.outbox.add_in(conn, "playback", bad)
        assert err.value.details["record_id"] == bad["id"]
        assert pc.db.query_one("SELECT 1 FROM outbox WHERE id = ?", (bad["id"],)) is None


def test_usb_record_file_is_signed_by_this_pc(pc, tmp_path):
    pc.usage.record_play(pc.library.lesson("song-a"), pc.clock.now() - timedelta(minutes=1), 1.0, False)
    path, count = pc.export_records(tmp_path)
    assert count == 2 and path.suffix == ".etrec"
    doc = record_file.decode(path.read_bytes())
    record_file.verify(doc, public_key_b64(pc.device_key))
    assert doc["device_id"] == "dev-abc" and len(doc["statements"]) == 2
    doc["statements"][0]["timestamp"] = "2026-01-01T00:00:00.000Z"
    with pytest.raises(record_file.RecordsFileError):
        record_file.verify(doc, public_key_b64(pc.device_key))
    assert pc.outbox.counts().pending == 2  # still waiting for an online upload


def test_usb_record_export_never_writes_through_a_planted_link(pc, tmp_path):
    """A stick prepared with links (the folder typed, the file name, its temporary name)
    must not make the export overwrite a file of this PC: refused, nothing written."""
    from eduteach_desktop.sync.export import ExportRefused

    pc.usage.record_play(pc.library.lesson("song-a"), pc.clock.now() - timedelta(minutes=1), 1.0, False)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "records.etrec").symlink_to(victim)
    with pytest.raises(ExportRefused, match="link"):
        pc.export_records(stick / "records.etrec")
    (stick / "eduteach").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(ExportRefused, match="link"):
        pc.export_records(stick / "eduteach")
    with pytest.raises(ExportRefused, match="link"):
        pc.export_records(stick / "eduteach" / "r.etrec")
    # The temporary name beside the file is replaced, not written through.
    (stick / "plain.etrec.tmp").symlink_to(victim)
    path, count = pc.export_records(stick / "plain.etrec")
    assert count == 2 and record_file.decode(path.read_bytes())["device_id"] == "dev-abc"
    assert victim.read_bytes() == b"keep me"
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert pc.outbox.counts().pending == 2
