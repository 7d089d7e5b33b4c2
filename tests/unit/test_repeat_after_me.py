"""Repeat-after-me scheduling (core/repeat_after_me.py) on a fake clock: pauses after each
line, for a time that grows with the line and stays within bounds; skip, repeat, seeks."""

from __future__ import annotations

import pytest

from eduteach_desktop.core.lyrics import LyricLine, parse_lrc
from eduteach_desktop.core.repeat_after_me import (
    MAX_PAUSE_S,
    MIN_PAUSE_S,
    Line,
    RepeatSchedule,
    lines_from_cues,
    lines_from_lyrics,
    next_factor,
    pause_seconds,
    spoken_units,
)
from eduteach_desktop.core.subtitles import Cue


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


LINES = [Line(0.0, 2.0, "一闪一闪亮晶晶"), Line(2.0, 4.0, "满天都是小星星"), Line(4.0, None, "挂在天上放光明")]


def play(schedule: RepeatSchedule, start: float, end: float, tick: float = 0.04) -> list[tuple[float, int]]:
    """Feed positions as a player would while playing; stop at the first pause."""
    t = start
    while t <= end:
        paused = schedule.observe(t)
        if paused is not None:
            return [(round(t, 2), paused)]
        t += tick
    return []


def test_lines_from_lyrics_end_at_the_next_tag_and_skip_markers() -> None:
    lyrics = parse_lrc("[00:01.00]一闪一闪亮晶晶\n[00:03.00]\n[00:04.00]满天都是小星星\n[00:04.10]x\n[00:06.00]挂在天上")
    lines = lines_from_lyrics(lyrics)
    # the empty tag ends the first line; a 0.1 s "line" is a timing mark, not a line to repeat
    assert lines == [Line(1.0, 3.0, "一闪一闪亮晶晶"), Line(4.1, 6.0, "x"), Line(6.0, None, "挂在天上")]
    assert lines_from_lyrics([LyricLine(1.0, "a"), LyricLine(1.0, "b"), LyricLine(3.0, "c")])[1] == Line(1.0, 3.0, "b")


def test_lines_from_cues_keep_their_own_end() -> None:
    cues = [Cue(0.0, 1.0, "Hello!"), Cue(2.0, 2.1, "x"), Cue(3.0, 5.0, "  ")]
    assert lines_from_cues(cues) == [Line(0.0, 1.0, "Hello!")]


def test_the_pause_grows_with_the_line_and_stays_within_bounds() -> None:
    assert spoken_units("一闪一闪亮晶晶。") == 7
    assert spoken_units("Hello, I'm Sam!") == 3 * 1.5
    assert spoken_units("Good morning, 同学们") == 2 * 1.5 + 3
    short, longer = pause_seconds("你好"), pause_seconds("一闪一闪亮晶晶")
    assert MIN_PAUSE_S <= short < longer < MAX_PAUSE_S
    assert pause_seconds("一闪一闪亮晶晶", 2.0) == pytest.approx(2 * longer)
    assert pause_seconds("星" * 500) == MAX_PAUSE_S  # a 500-character line: not minutes
    assert pause_seconds("") == MIN_PAUSE_S and pause_seconds("", 3.0) == 3.0  # the base scales too
    assert pause_seconds("!!!") == MIN_PAUSE_S


def test_factor_steps_stay_within_their_list() -> None:
    assert next_factor(1.0, 1) == 1.5 and next_factor(1.0, -1) == 0.75
    assert next_factor(3.0, 1) == 3.0 and next_factor(0.5, -1) == 0.5
    assert next_factor(1.1, 1) == 1.5


def test_pauses_after_each_line_for_its_length_then_goes_on() -> None:
    clock = FakeClock()
    schedule = RepeatSchedule(LINES, clock)
    assert play(schedule, 0.0, 3.0) == [(1.96, 0)]  # just before the end, not into line 2
    assert schedule.pausing == 0
    length = pause_seconds(LINES[0].text)
    assert schedule.remaining() == pytest.approx(length)
    assert schedule.observe(2.5) is None  # late reports while pausing change nothing
    clock.t += length - 0.5
    assert not schedule.due() and schedule.remaining() == pytest.approx(0.5)
    clock.t += 0.5
    assert schedule.due()
    schedule.skip()
    assert schedule.pausing is None and schedule.remaining() == 0
    # going on from just before the end does not pause a second time for the same line
    assert play(schedule, 1.97, 3.99) == [(3.97, 1)]
    schedule.skip()
    # the last lyric line runs to the media's end: the media stops, no pause
    assert play(schedule, 3.98, 30.0) == []


def test_a_jump_over_a_line_end_is_not_a_line_ending() -> None:
    schedule = RepeatSchedule(LINES, FakeClock())
    schedule.observe(0.5)
    assert schedule.observe(3.9) is None  # a jump nobody announced: not the end of line 0
    schedule.seeked()
    schedule.observe(1.0)
    assert schedule.observe(3.6) is None
    assert play(schedule, 3.6, 4.5) == [(3.96, 1)]
    # a position reported late on a busy PC, still near the end: the line did end
    late = RepeatSchedule(LINES, FakeClock())
    late.observe(1.5)
    assert late.observe(2.6) == 0


def test_repeat_the_line_plays_it_again_and_pauses_again() -> None:
    clock = FakeClock()
    schedule = RepeatSchedule(LINES, clock)
    play(schedule, 0.0, 3.0)
    assert schedule.restart_line(1.96) == 0.0 and schedule.pausing is None
    assert play(schedule, 0.0, 3.0) == [(1.96, 0)]
    schedule.skip()
    # while a line plays, "previous" is that line's start; in a gap, the last line's
    assert schedule.restart_line(2.5) == 2.0
    gaps = RepeatSchedule([Line(1.0, 2.0, "a"), Line(3.0, 4.0, "b")], clock)
    assert gaps.restart_line(2.5) == 1.0 and gaps.restart_line(0.5) is None
    assert gaps.next_line(1.5) == 3.0 and gaps.next_line(3.5) is None


def test_a_longer_pause_stretches_the_running_countdown() -> None:
    clock = FakeClock()
    schedule = RepeatSchedule(LINES, clock)
    play(schedule, 0.0, 3.0)
    length = schedule.pause_length()
    clock.t += 1.0
    schedule.set_factor(2.0)
    assert schedule.pause_length() == pytest.approx(min(MAX_PAUSE_S, 2 * length))
    assert schedule.remaining() == pytest.approx(schedule.pause_length() - 1.0)
    schedule.set_factor(0.5)
    assert schedule.remaining() == pytest.approx(max(0.0, schedule.pause_length() - 1.0))


def test_no_lines_never_pause() -> None:
    schedule = RepeatSchedule([], FakeClock())
    assert play(schedule, 0.0, 10.0) == [] and schedule.restart_line(5.0) is None


def test_lines_sharing_a_start_and_overlapping_cues() -> None:
    # two cues at once (a speaker and a caption): the one that started last is the line
    lines = lines_from_cues([Cue(0.0, 2.0, "A"), Cue(1.0, 1.5, "B"), Cue(3.0, 4.0, "C")])
    schedule = RepeatSchedule(lines, FakeClock())
    assert schedule.line_at(1.2) == 1 and schedule.line_at(2.5) == -1 and schedule.line_at(3.5) == 2
    assert play(schedule, 1.0, 1.6) == [(1.48, 1)]


def test_ten_thousand_lyric_lines_are_read_in_one_pass() -> None:
    lyrics = [LyricLine(i * 0.5, f"第{i}句") for i in range(10_000)]
    lines = lines_from_lyrics(lyrics)
    assert len(lines) == 10_000 and lines[0].end == 0.5 and lines[-1].end is None
    schedule = RepeatSchedule(lines, FakeClock())
    assert schedule.line_at(2_500.2) == 5_000
