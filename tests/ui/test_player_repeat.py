"""Repeat-after-me (跟读) on real playback with an injected clock: the player pauses after
each line for the line's time, shows a countdown, goes on by itself; the clicker's next
skips the pause and previous says the line again; R and slower keep working; subtitles
stay on screen during the pause; a 500-character line pauses for the ceiling, not minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.core.repeat_after_me import MAX_PAUSE_S, pause_seconds

from .classroom_lessons import player_for, song, video

LINE_ENDS_MS = (1200, 2400)  # the song's lines: 0–1.2 s, 1.2–2.4 s, 2.4 s–the end


def _paused_after(qtbot, player, line: int) -> None:  # noqa: ANN001
    repeat = player.playback.repeat
    qtbot.waitUntil(lambda: repeat.schedule.pausing == line and not player.is_playing(), timeout=10_000)


def test_pauses_after_each_line_with_a_countdown_then_goes_on(qtbot, zh_app, runner, dialogs, tmp_path: Path):
    clock = ManualClock()
    lesson, media = song(tmp_path)
    player = player_for(qtbot, lesson, media, runner, clock, dialogs)
    player.show()
    repeat = player.playback.repeat
    assert repeat is not None and repeat.toggle_button.text() == "跟读"
    qtbot.keyClick(player, Qt.Key.Key_G)
    assert repeat.on and repeat.panel.isVisible()
    _paused_after(qtbot, player, 0)
    # it stopped at the end of the first line (or, noticed late on a busy PC, went back to
    # it), not in the next, and that line stays shown
    qtbot.waitUntil(lambda: LINE_ENDS_MS[0] - 150 <= player.position_ms() <= LINE_ENDS_MS[0] + 100, timeout=5000)
    assert player.lyrics_view.current_text() == "一闪一闪亮晶晶"
    length = pause_seconds("一闪一闪亮晶晶")
    assert repeat.remaining() == pytest.approx(length)
    repeat.tick()
    assert repeat.panel.countdown.text() == f"请跟读！{int(length) + 1} 秒后继续"
    # the fake clock moves: the countdown follows, and it goes on only when it reaches 0
    clock.advance(length - 1.0)
    repeat.tick()
    assert "1 秒后继续" in repeat.panel.countdown.text() and not player.is_playing()
    clock.advance(1.0)
    qtbot.waitUntil(player.is_playing, timeout=5000)  # the countdown's own timer went on
    assert repeat.schedule.pausing is None and "先听这一句" in repeat.panel.countdown.text()
    _paused_after(qtbot, player, 1)
    qtbot.waitUntil(lambda: LINE_ENDS_MS[1] - 150 <= player.position_ms() <= LINE_ENDS_MS[1] + 100, timeout=5000)
    play = player.usage.take()  # the play so far says how the lesson was taught
    assert play is not None and play.modes == ("repeat-after-me",)
    # the clicker's next: no waiting
    qtbot.keyClick(player, Qt.Key.Key_PageDown)
    assert player.is_playing() and repeat.schedule.pausing is None
    # the last line runs to the end of the recording: the lesson ends as usual
    qtbot.waitUntil(player.playback.at_end, timeout=10_000)
    assert not repeat.pausing
    player.close()


def test_previous_repeats_the_line_and_r_and_slower_keep_working(qtbot, zh_app, runner, dialogs, tmp_path: Path):
    clock = ManualClock()
    lesson, media = song(tmp_path)
    player = player_for(qtbot, lesson, media, runner, clock, dialogs)
    player.show()
    repeat = player.playback.repeat
    qtbot.waitUntil(player.is_playing, timeout=10_000)
    repeat.set_on(True)
    _paused_after(qtbot, player, 0)
    # previous (PageUp) in the pause: the same line again, from its start, then a pause again
    qtbot.keyClick(player, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: player.is_playing() and player.position_ms() < 900, timeout=5000)
    assert player.lyrics_view.current_text() == "一闪一闪亮晶晶"
    _paused_after(qtbot, player, 0)
    # R (repeat sentence) in the pause does the same
    qtbot.keyClick(player, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: player.is_playing() and player.position_ms() < 900, timeout=5000)
    # slower: the line plays at 0.75× and still pauses at its end
    qtbot.keyClick(player, Qt.Key.Key_Minus)
    assert player.playback.speed == 0.75
    _paused_after(qtbot, player, 0)
    # a longer pause ([ / ] keys) stretches the countdown running now
    before = repeat.remaining()
    qtbot.keyClick(player, Qt.Key.Key_BracketRight)
    assert repeat.remaining() > before and "1.5" in repeat.panel.factor_label.text()
    # Space in the pause plays on at once
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.is_playing() and repeat.schedule.pausing is None
    # turning the mode off: no more pauses, and the record's later plays stop carrying it
    qtbot.keyClick(player, Qt.Key.Key_G)
    assert not repeat.on and not repeat.panel.isVisible()
    qtbot.waitUntil(lambda: player.position_ms() >= LINE_ENDS_MS[1] + 200, timeout=10_000)
    assert player.is_playing()
    player.close()


def test_subtitles_stay_on_screen_during_the_pause(qtbot, zh_app, runner, dialogs, tmp_path: Path):
    clock = ManualClock()
    lesson, media = video(tmp_path)
    player = player_for(qtbot, lesson, media, runner, clock, dialogs)
    player.show()
    repeat = player.playback.repeat
    assert repeat is not None
    qtbot.keyClick(player, Qt.Key.Key_G)
    _paused_after(qtbot, player, 0)
    assert player.subtitle_view.text() == "Hello!"
    qtbot.waitUntil(lambda: player.position_ms() <= 800, timeout=5000)  # before the second cue
    clock.advance(repeat.remaining())
    _paused_after(qtbot, player, 1)
    assert player.subtitle_view.text() == "Good morning!"
    player.close()


def test_a_very_long_line_pauses_for_the_ceiling(qtbot, zh_app, runner, dialogs, tmp_path: Path):
    clock = ManualClock()
    long_line = "一闪一闪亮晶晶" * 80  # 560 characters: the parser keeps 500
    lesson, media = song(tmp_path, f"[00:00.00]{long_line}\n[00:01.00]满天都是小星星\n")
    player = player_for(qtbot, lesson, media, runner, clock, dialogs)
    player.show()
    repeat = player.playback.repeat
    repeat.set_on(True)
    _paused_after(qtbot, player, 0)
    assert repeat.remaining() == MAX_PAUSE_S
    repeat.tick()
    assert f"{int(MAX_PAUSE_S)} 秒后继续" in repeat.panel.countdown.text()
    player.close()  # closing in the pause: nothing goes on by itself afterwards
    clock.advance(MAX_PAUSE_S)
    repeat.tick()
    assert not player.is_playing()


def test_a_lesson_without_lines_has_no_repeat_mode(qtbot, zh_app, runner, dialogs, tmp_path: Path):
    lesson, media = song(tmp_path, "")
    player = player_for(qtbot, lesson, media, runner, ManualClock(), dialogs)
    player.show()
    assert player.playback.repeat is None
    qtbot.waitUntil(player.is_playing, timeout=10_000)  # closing while it opens: FFmpeg complains
    qtbot.keyClick(player, Qt.Key.Key_G)
    qtbot.keyClick(player, Qt.Key.Key_BracketRight)
    assert not player.failed
    player.close()


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_track_button_and_the_countdown_fit_a_small_screen(qtbot, zh_app, runner, dialogs, tmp_path: Path, scale):
    from PySide6.QtCore import QRect

    from eduteach_desktop.ui.theme import apply_theme

    from .test_layout import clipped

    apply_theme(zh_app, scale)
    try:
        clock = ManualClock()
        lesson, media = song(tmp_path)
        player = player_for(qtbot, lesson, media, runner, clock, dialogs)
        player.show()
        player.setGeometry(QRect(0, 0, 1024, 768))
        player.playback.repeat.set_on(True)
        _paused_after(qtbot, player, 0)
        player.playback.repeat.tick()
        problems = clipped(player)
        player.set_projector(True)
        player.resize(1024, 768)
        qtbot.wait(50)
        problems += [f"projector: {p}" for p in clipped(player)]
        assert problems == [], "\n".join(problems)
        assert player.playback.track_switch.button.text() == "范唱"  # never shrunk to an icon
        # the help overlay, longer with the new keys, still shows every row
        player.set_projector(False)
        player.setGeometry(QRect(0, 0, 1024, 768))
        qtbot.keyClick(player, Qt.Key.Key_F1)
        panel = player.help_panel
        assert panel.isVisible()
        assert panel.sizeHint().height() <= player.height() - 20 and panel.sizeHint().width() <= player.width() - 20
        player.close()
    finally:
        apply_theme(zh_app, 1.0)


def test_an_end_noticed_late_goes_back_to_it(qtbot, zh_app, runner, dialogs, tmp_path: Path):
    """A busy PC reports the position late: the pause still comes, and the media goes
    back to the line's end, so the next line is heard from its start after the pause."""
    lesson, media = song(tmp_path)
    player = player_for(qtbot, lesson, media, runner, ManualClock(), dialogs)
    player.show()
    repeat = player.playback.repeat
    qtbot.waitUntil(lambda: player.is_playing() and player.position_ms() > 100, timeout=10_000)
    repeat.set_on(True)
    qtbot.waitUntil(lambda: player.position_ms() > 600, timeout=10_000)
    repeat.on_position(1000, True)  # listening to line 0 (0–1.2 s)
    shown = repeat.on_position(LINE_ENDS_MS[0] + 400, True)  # the next report: 0.4 s late
    assert repeat.schedule.pausing == 0 and shown < LINE_ENDS_MS[0] / 1000
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=5000)
    qtbot.waitUntil(lambda: LINE_ENDS_MS[0] - 100 <= player.position_ms() < LINE_ENDS_MS[0], timeout=5000)
    assert repeat.schedule.pausing == 0  # going back is not the teacher's seek: the pause stays
    assert player.lyrics_view.current_text() == "一闪一闪亮晶晶"
    player.close()
