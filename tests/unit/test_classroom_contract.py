"""The data the classroom modes build on: tracks in the catalog, notes files, modes in plays."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from eduteach_desktop.core.usage import UsageAccount
from eduteach_protocol.catalog import Catalog, CatalogError, Lesson, LessonFile
from eduteach_protocol.notes import LessonNotes, NotesError

SHA = "a" * 64


def _lesson(*files: LessonFile) -> Lesson:
    return Lesson(id="music-g1-x", title="小星星", grade=1, subject="music", edition="人音版",
                  volume="上册", unit=1, order=1, kind="audio", duration=50.0, files=files)


def test_tracks_round_trip_and_untracked_catalogs_keep_their_bytes() -> None:
    plain = LessonFile("media", "a.ogg", SHA, 10)
    before = Catalog(1, "2026-12-07", (_lesson(plain),)).to_bytes()
    assert b"track" not in before
    demo, acc = replace(plain, track="demo"), LessonFile("media", "b.ogg", "b" * 64, 10, track="accompaniment")
    cat = Catalog(1, "2026-12-07", (_lesson(demo, acc),))
    again = Catalog.from_bytes(cat.to_bytes())
    assert [f.track for f in again.lessons[0].tracks()] == ["demo", "accompaniment"]
    assert [f.track for f in Catalog.from_stored(cat.to_bytes()).lessons[0].tracks()] == ["demo", "accompaniment"]


@pytest.mark.parametrize("file", [
    {"role": "media", "track": "karaoke"},
    {"role": "lyrics", "track": "demo"},
])
def test_a_track_this_version_does_not_know_is_left_out(file: dict[str, str]) -> None:
    # A later version's kind of recording (or per-track lyrics) must not stop an older PC
    # from taking the catalog: the file is skipped, the rest of the lesson stays.
    raw = json.loads(Catalog(1, "x", (_lesson(LessonFile("media", "a.ogg", SHA, 10)),)).to_bytes())
    raw["lessons"][0]["files"].append({"name": "t.ogg", "sha256": "b" * 64, "size": 1, **file})
    lesson = Catalog.from_dict(raw).lessons[0]
    assert [f.name for f in lesson.files] == ["a.ogg"]
    assert [f.name for f in Catalog.from_stored(json.dumps(raw).encode()).lessons[0].files] == ["a.ogg"]


def test_a_track_that_is_not_text_is_refused() -> None:
    raw = json.loads(Catalog(1, "x", (_lesson(LessonFile("media", "a.ogg", SHA, 10)),)).to_bytes())
    raw["lessons"][0]["files"][0]["track"] = 3
    with pytest.raises(CatalogError, match="track"):
        Catalog.from_dict(raw)


def test_notes_find_the_slide_and_the_time_range() -> None:
    notes = LessonNotes(lesson="先听一遍", slides={2: "请学生说颜色"},
                        ranges=())
    parsed = LessonNotes.from_bytes(replace(notes, ranges=notes.ranges).to_bytes())
    assert parsed.for_slide(2) == "请学生说颜色" and parsed.for_slide(1) == ""
    raw = json.loads(parsed.to_bytes())
    raw["ranges"] = [{"start": 10, "end": 20, "text": "跟唱第一句"}, {"start": 0, "end": 15, "text": "听"}]
    timed = LessonNotes.from_dict(raw)
    assert timed.at(12) == "听" and timed.at(16) == "跟唱第一句" and timed.at(25) == ""


@pytest.mark.parametrize("data", [
    b"\xff\xfe", b"[]", b'{"format": "eduteach-notes", "format_version": 1, "slides": {"x": "a"}}',
    b'{"format": "eduteach-notes", "format_version": 1, "ranges": [{"start": 5, "end": 1, "text": "a"}]}',
    b'{"format": "eduteach-notes", "format_version": 1, "lesson": "\\u202e"}',
    b'{"format": "eduteach-notes", "format_version": 1, "ranges": [{"start": NaN, "end": 1, "text": "a"}]}',
])
def test_bad_notes_are_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(NotesError):
        LessonNotes.from_bytes(data)


class _Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> datetime:
        return datetime(2026, 12, 7, tzinfo=UTC)

    def monotonic(self) -> float:
        return self.t


def test_a_play_carries_its_modes_and_tracks() -> None:
    clock = _Clock()
    usage = UsageAccount(clock, 60.0)  # type: ignore[arg-type]
    usage.use_mode("presenter")
    usage.use_track("demo")
    usage.start(0.0)
    usage.use_track("accompaniment")
    usage.use_mode("sing-along")
    clock.t = 30.0
    usage.hold(30.0)
    first = usage.take()
    assert first is not None
    assert first.modes == ("presenter", "sing-along") and first.tracks == ("accompaniment", "demo")
    usage.end_mode("sing-along")
    usage.start(30.0)
    clock.t = 40.0
    second = usage.take()
    assert second is not None and second.modes == ("presenter",) and second.tracks == ("accompaniment",)
    with pytest.raises(ValueError):
        usage.use_mode("karaoke")
