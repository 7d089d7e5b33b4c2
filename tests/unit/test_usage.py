"""Usage accounting without Qt: what the player reports (playing, held, jumps, the end, a
failure) becomes at most one record per play, with real seconds and played segments.

The expected values are the rules the player has always applied (played seconds are
monotonic time while playing; segments are media positions; complete = the end reached or
90 % of the length played), worked out by hand for each story."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.core.usage import PlayRecord, UsageAccount, is_completed
from eduteach_desktop.services import Services
from eduteach_protocol.xapi import validate as validate_profile_statement
from tests.helpers.lessons import TestRepo, write_lesson

START = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
SEGMENTS = "https://w3id.org/xapi/video/extensions/played-segments"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


def test_nothing_played_is_no_record(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=60)
    clock.advance(30)  # the window is open, nobody pressed play
    assert account.take() is None
    assert not account.ever_started


def test_pauses_do_not_count_and_the_play_starts_at_the_first_start(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=60)
    clock.advance(2)
    account.start(0.0)
    clock.advance(5)
    account.hold(5.0)
    clock.advance(100)  # paused while the class talks
    account.start(5.0)
    clock.advance(3)
    account.hold(8.0)
    assert account.take() == PlayRecord(
        started_at=START + timedelta(seconds=2), seconds_played=8.0, completed=False,
        segments=[(0.0, 5.0), (5.0, 8.0)],
    )


def test_a_seek_closes_one_segment_and_is_not_played_time(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=60)
    account.start(0.0)
    clock.advance(4)
    account.jump(4.0, 14.0)  # +10 s from the clicker
    clock.advance(2)
    account.jump(16.0, 6.0)  # -10 s
    clock.advance(1)
    account.hold(7.0)
    play = account.take()
    assert play is not None
    assert play.seconds_played == 7.0
    assert play.segments == [(0.0, 4.0), (14.0, 16.0), (6.0, 7.0)]


def test_a_jump_while_paused_leaves_the_segments_alone(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=60)
    account.start(0.0)
    clock.advance(3)
    account.hold(3.0)
    account.jump(3.0, 30.0)  # the slider moved while paused
    account.start(30.0)
    clock.advance(2)
    account.hold(32.0)
    play = account.take()
    assert play is not None and play.segments == [(0.0, 3.0), (30.0, 32.0)]


def test_speed_changes_the_timeline_covered_not_the_seconds_played(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=20)
    account.start(0.0)
    clock.advance(10)  # at 1.5×, ten seconds of class cover fifteen of the song
    account.hold(15.0)
    play = account.take()
    assert play is not None
    assert play.seconds_played == 10.0 and play.segments == [(0.0, 15.0)]
    assert not play.completed  # 10 s of a 20 s lesson, end not reached


def test_slow_speed_can_complete_by_time(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=20)
    account.start(0.0)
    clock.advance(18)  # at 0.75×: 18 s of class, 13.5 s of the song
    account.hold(13.5)
    play = account.take()
    assert play is not None and play.completed  # 90 % of the length, in class time


def test_an_ab_loop_is_one_segment_per_pass(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=60)
    account.start(0.0)
    clock.advance(6)
    account.jump(6.0, 2.0)  # B reached: back to A
    clock.advance(4)
    account.jump(6.0, 2.0)
    clock.advance(4)
    account.jump(6.0, 2.0)
    clock.advance(1)
    account.hold(3.0)
    play = account.take()
    assert play is not None
    assert play.segments == [(0.0, 6.0), (2.0, 6.0), (2.0, 6.0), (2.0, 3.0)]
    assert play.seconds_played == 15.0


def test_abandoned_play_is_recorded_once_at_close(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=60)
    account.start(0.0)
    clock.advance(3)
    account.hold(3.0)  # the window closes
    first = account.take()
    assert first is not None and not first.completed and first.seconds_played == 3.0
    assert account.take() is None  # never twice


def test_reaching_the_end_completes_and_a_replay_is_a_new_play(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=10)
    account.start(0.0)
    clock.advance(10)
    account.hold(10.0)
    account.reach_end()
    ended = account.take()
    assert ended is not None and ended.completed and ended.segments == [(0.0, 10.0)]
    clock.advance(5)
    account.start(0.0)  # Play again
    clock.advance(2)
    account.hold(2.0)
    again = account.take()
    assert again is not None
    assert again.started_at == START + timedelta(seconds=15)
    assert again.seconds_played == 2.0 and not again.completed


def test_the_end_after_seeking_there_still_completes(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=50)
    account.start(0.0)
    clock.advance(2)
    account.jump(2.0, 48.0)
    clock.advance(2)
    account.hold(50.0)
    account.reach_end()
    play = account.take()
    assert play is not None and play.completed and play.seconds_played == 4.0


def test_paged_lessons_complete_only_at_the_last_page(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=0)  # pictures: no length to play
    account.start(0.0)
    clock.advance(600)
    account.hold(0.0)
    looked = account.take()
    assert looked is not None and not looked.completed and looked.segments == []
    account.start(0.0)
    clock.advance(30)
    account.reach_end()
    account.hold(0.0)
    seen = account.take()
    assert seen is not None and seen.completed and seen.seconds_played == 30.0


def test_a_file_that_failed_at_once_is_no_lesson(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=60)
    account.start(0.0)
    clock.advance(0.4)
    account.fail()
    clock.advance(20)  # the message stays on screen: not played time
    account.hold(0.4)
    assert account.take() is None


def test_a_file_that_failed_midway_keeps_what_played(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=60)
    account.start(0.0)
    clock.advance(12)
    account.fail()
    clock.advance(20)
    account.hold(12.0)
    play = account.take()
    assert play is not None and play.seconds_played == 12.0 and play.segments == [(0.0, 12.0)]


def test_duration_learned_from_the_file_decides_completion(clock: ManualClock) -> None:
    account = UsageAccount(clock, duration=100)  # the catalog's figure
    account.set_duration(10.0)  # the file says 10 s
    account.start(0.0)
    clock.advance(9)
    account.hold(9.0)
    play = account.take()
    assert play is not None and play.completed
    assert is_completed(False, 89.9, 100) is False and is_completed(False, 90, 100) is True


def test_the_record_the_store_writes_from_a_play(tmp_path: Path, clock: ManualClock) -> None:
    """A play with a pause, a seek and an end, through the real UsageRecorder: the same
    statements as the player has always sent (initialized, completed, terminated)."""
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "song-a")
    repo.publish()
    services = Services.open(tmp_path / "pc", clock=clock)
    try:
        services.trust.install_root(repo.root())
        assert services.sync([str(repo.repo)]).ok
        lesson = services.library.lesson("song-a")
        assert lesson is not None
        account = UsageAccount(clock, duration=lesson.duration)
        account.start(0.0)
        clock.advance(1.5)
        account.hold(1.5)
        clock.advance(60)
        account.start(1.5)
        clock.advance(0.5)
        account.jump(2.0, 3.0)
        clock.advance(0.9)
        account.hold(3.9)
        account.reach_end()
        play = account.take()
        assert play is not None
        services.usage.record_play(lesson, play.started_at, play.seconds_played, play.completed,
                                   segments=play.segments)
        statements = [item.statement for item in services.outbox.pending(100)]
        assert [st["verb"]["id"].rsplit("/", 1)[1] for st in statements] == [
            "initialized", "completed", "terminated"]
        for statement in statements:
            validate_profile_statement(statement)
        last = statements[-1]
        assert last["result"]["extensions"][SEGMENTS] == "0[.]1.5[,]1.5[.]2[,]3[.]3.9"
        assert last["result"]["duration"] == "PT2.9S"
        assert statements[0]["timestamp"] == "2026-09-01T08:00:00.000Z"  # the first start
        assert last["timestamp"] == "2026-09-01T08:01:02.900Z"  # saved when it ended
    finally:
        services.close()


def test_usage_accounting_never_loads_qt() -> None:
    code = "import sys, eduteach_desktop.core.usage; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         encoding="utf-8", check=True)
    assert out.stdout.strip() == "False"
