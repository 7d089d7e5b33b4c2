"""The key table (ui/player/keys.py) is the truth: every key in it does what its help text
says, on a song and on picture slides, and the help overlay lists exactly the table."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt

from eduteach_desktop.core.ink import View
from eduteach_desktop.ui.player.keys import KEY_TABLE, KeyBinding, binding_for

from .conftest import MUSIC, SLIDES
from .helpers import make_player


def _key_name(key: Qt.Key) -> str:
    return key.name.removeprefix("Key_")


def _press(qtbot, player, key: Qt.Key) -> None:  # noqa: ANN001
    qtbot.keyClick(player, key)


Check = Callable[..., None]


# One check per promise: press the key on a fresh state and see the effect.
def _timed_step_forward(qtbot, player, key) -> None:  # noqa: ANN001
    before = player.position_ms()
    _press(qtbot, player, key)
    qtbot.waitUntil(lambda: player.position_ms() >= before + 9000, timeout=5000)


def _timed_step_back(qtbot, player, key) -> None:  # noqa: ANN001
    player.playback.seek(30_000)
    qtbot.waitUntil(lambda: player.position_ms() >= 30_000, timeout=5000)
    _press(qtbot, player, key)
    qtbot.waitUntil(lambda: 19_000 <= player.position_ms() <= 25_000, timeout=5000)


def _timed_play_pause(qtbot, player, key) -> None:  # noqa: ANN001
    qtbot.waitUntil(player.is_playing, timeout=5000)
    _press(qtbot, player, key)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=5000)
    _press(qtbot, player, key)
    qtbot.waitUntil(player.is_playing, timeout=5000)


def _timed_loop(qtbot, player, key) -> None:  # noqa: ANN001
    assert player.playback.loop_range == (None, None)
    _press(qtbot, player, key)
    assert player.playback.loop_range[0] is not None
    player.playback.clear_loop()


def _timed_repeat(qtbot, player, key) -> None:  # noqa: ANN001
    # inside the third line (9.90 s – 13.74 s): R goes back to 9.90 s
    player.playback.seek(12_500)
    qtbot.waitUntil(lambda: player.position_ms() >= 12_500, timeout=5000)
    _press(qtbot, player, key)
    qtbot.waitUntil(lambda: 9_900 <= player.position_ms() < 12_000, timeout=5000)
    assert player.lyrics_view.current_text() == "挂在天上放光明"


def _speed_to(speed: float, shown: str) -> Check:
    def check(qtbot, player, key) -> None:  # noqa: ANN001
        player.playback.set_speed(1.0)
        _press(qtbot, player, key)
        assert player.playback.speed == speed
        assert player.playback.bar.speed_button.text() == shown
        assert player.playback.player.playbackRate() == pytest.approx(speed)

    return check


def _timed_restart(qtbot, player, key) -> None:  # noqa: ANN001
    player.playback.seek(20_000)
    qtbot.waitUntil(lambda: player.position_ms() >= 20_000, timeout=5000)
    _press(qtbot, player, key)
    qtbot.waitUntil(lambda: player.position_ms() < 5_000, timeout=5000)


def _timer_does_nothing_on_a_song(qtbot, player, key) -> None:  # noqa: ANN001
    _press(qtbot, player, key)
    assert player.isVisible() and not player.failed


def _track_switch(qtbot, player, key) -> None:  # noqa: ANN001
    # the demo song has 范唱 and 伴奏: T switches at the same place, and back
    # (more cases: tests/ui/test_player_tracks.py)
    switch = player.playback.track_switch
    qtbot.waitUntil(player.is_playing, timeout=5000)
    for role, shown in (("accompaniment", "伴奏"), ("demo", "范唱")):
        before = player.position_ms()
        _press(qtbot, player, key)
        assert abs(player.position_ms() - before) <= 100
        assert switch.players.role() == role and switch.button.text() == shown


def _repeat_after_me(qtbot, player, key) -> None:  # noqa: ANN001
    repeat = player.playback.repeat
    _press(qtbot, player, key)
    assert repeat.on and repeat.toggle_button.isChecked() and repeat.panel.isVisible()
    _press(qtbot, player, key)
    assert not repeat.on and not repeat.panel.isVisible()


def _pause_to(factor: float) -> Check:
    def check(qtbot, player, key) -> None:  # noqa: ANN001
        repeat = player.playback.repeat
        repeat.set_on(True)
        repeat.schedule.set_factor(1.0)
        _press(qtbot, player, key)
        assert repeat.schedule.factor == factor
        assert f"{factor:g}" in repeat.panel.factor_label.text()
        repeat.set_on(False)

    return check


def _slides_from(start: int, expected: int) -> Check:
    def check(qtbot, player, key) -> None:  # noqa: ANN001
        player.playback.go(start)
        _press(qtbot, player, key)
        assert player.slides_view.index == expected

    return check


def _slides_timer(qtbot, player, key) -> None:  # noqa: ANN001
    player.playback.set_timer(0)
    _press(qtbot, player, key)
    assert player.playback.slide_timer.isActive() and player.playback.timer_seconds == 5
    assert "5" in player.playback.bar.timer_button.text()
    _press(qtbot, player, key)
    assert player.playback.timer_seconds == 10
    player.playback.set_timer(0)


def _blank(qtbot, player, key) -> None:  # noqa: ANN001
    _press(qtbot, player, key)
    assert player.is_blank()
    _press(qtbot, player, Qt.Key.Key_PageDown)  # any key brings the lesson back, and only that
    assert not player.is_blank()


def _projector(qtbot, player, key) -> None:  # noqa: ANN001
    _press(qtbot, player, key)
    assert player.is_projector() and player.isFullScreen()
    _press(qtbot, player, key)
    assert not player.is_projector()


def _presenter(qtbot, player, key) -> None:  # noqa: ANN001
    # One screen here (two-screen behaviour: tests/ui/two_screens): P says how to get a
    # second screen, and the lesson stays as it was.
    playing, index = player.is_playing(), player.playback.current_index()
    _press(qtbot, player, key)
    assert not player.presenter.active and player.isVisible()
    assert player.is_playing() == playing and player.playback.current_index() == index


def _help(qtbot, player, key) -> None:  # noqa: ANN001
    _press(qtbot, player, key)
    assert player.help_panel.isVisible()
    _press(qtbot, player, key)  # any key closes it
    assert not player.help_panel.isVisible()


def _escape(qtbot, player, key) -> None:  # noqa: ANN001
    player.set_projector(True)
    _press(qtbot, player, key)
    assert not player.is_projector() and player.isVisible()
    with qtbot.waitSignal(player.finished, timeout=10_000):
        _press(qtbot, player, key)
    assert not player.isVisible()


def _pen_does_nothing_on_a_song(qtbot, player, key) -> None:  # noqa: ANN001
    _press(qtbot, player, key)
    assert not player.ink.pen_on() and not player.ink.bar.isVisible() and not player.failed


def _draw(qtbot, player) -> None:  # noqa: ANN001
    overlay = player.ink.overlay
    qtbot.mousePress(overlay, Qt.MouseButton.LeftButton, pos=overlay.rect().center())
    qtbot.mouseMove(overlay, overlay.rect().center() + QPoint(40, 20))
    qtbot.mouseRelease(overlay, Qt.MouseButton.LeftButton, pos=overlay.rect().center() + QPoint(80, 30))


def _pen_toggle(qtbot, player, key) -> None:  # noqa: ANN001
    _press(qtbot, player, key)
    assert player.ink.pen_on() and player.ink.bar.tools.isVisible()
    _press(qtbot, player, key)
    assert not player.ink.pen_on() and not player.ink.bar.tools.isVisible()


def _pen_colour(qtbot, player, key) -> None:  # noqa: ANN001
    player.ink.set_pen(True)
    assert player.ink.overlay.colour == "red"
    _press(qtbot, player, key)
    assert player.ink.overlay.colour == "blue"
    _draw(qtbot, player)
    assert player.ink.overlay.strokes()[-1].colour == "blue"
    player.ink.clear_page()
    player.ink.set_pen(False)


def _pen_eraser(qtbot, player, key) -> None:  # noqa: ANN001
    player.ink.set_pen(True)
    _press(qtbot, player, key)
    assert player.ink.overlay.erasing and player.ink.bar.eraser_button.isChecked()
    _press(qtbot, player, key)
    assert not player.ink.overlay.erasing
    player.ink.set_pen(False)


def _pen_clear(qtbot, player, key) -> None:  # noqa: ANN001
    player.ink.set_pen(True)
    _draw(qtbot, player)
    assert player.ink.overlay.strokes()
    _press(qtbot, player, key)
    assert player.ink.overlay.strokes() == []
    player.ink.set_pen(False)


def _zoom_reset(qtbot, player, key) -> None:  # noqa: ANN001
    surface = player.ink.overlay.surface
    surface.set_view(View().zoomed(2.0))
    _press(qtbot, player, key)
    assert surface.view == View()


# Keyed by the help text the overlay shows: the check is what the teacher is promised.
NEXT = "Next picture or page; forward 10 seconds"
PREVIOUS = "Previous picture or page; back 10 seconds"
HOME = "Back to the beginning"
TIMER = "Slides: turn pages by themselves (timer)"
WINDOW: dict[str, Check] = {
    "Blank screen (any key brings the lesson back)": _blank,
    "Projector mode (full screen, large)": _projector,
    "Presenter view: the lesson on the second screen, notes here": _presenter,
    "Show or hide this help": _help,
}
ESCAPE = "Leave projector mode; press again to close"
TIMED: dict[str, Check] = {
    NEXT: _timed_step_forward,
    PREVIOUS: _timed_step_back,
    "Play or pause": _timed_play_pause,
    "A-B loop: press at A, again at B, a third time to stop": _timed_loop,
    "Repeat the current sentence or line": _timed_repeat,
    "Faster (up to 1.5×)": _speed_to(1.25, "1.2×"),
    "Slower (down to 0.5×)": _speed_to(0.75, "0.75×"),
    HOME: _timed_restart,
    TIMER: _timer_does_nothing_on_a_song,
    "Songs: switch between the demo singing and the accompaniment": _track_switch,
    "Repeat after me: pause after each line for the class to say it": _repeat_after_me,
    "Repeat after me: shorter pause": _pause_to(0.75),
    "Repeat after me: longer pause": _pause_to(1.5),
}
PEN: dict[str, Check] = {
    "Pen on or off: draw on a picture, page or paused video": _pen_toggle,
    "Pen: next colour": _pen_colour,
    "Pen: eraser on or off": _pen_eraser,
    "Pen: clear the drawings on this page": _pen_clear,
    "Show the whole page again (after zooming with two fingers)": _zoom_reset,
}
TIMED.update({text: _pen_does_nothing_on_a_song for text in PEN})
PAGED: dict[str, Check] = {
    NEXT: _slides_from(1, 2),
    PREVIOUS: _slides_from(2, 1),
    HOME: _slides_from(3, 0),
    TIMER: _slides_timer,
    **PEN,
}


def _rows_keys(paged: bool) -> list[tuple[KeyBinding, Qt.Key]]:
    """Every (row, key) the table gives this kind of lesson, as the window resolves it."""
    out = []
    for row in KEY_TABLE:
        for key in row.keys + (row.paged_keys if paged else row.timed_keys):
            if binding_for(key, paged) is row:
                out.append((row, key))
    return out


def test_every_row_of_the_table_has_a_check() -> None:
    assert {row.help for row in KEY_TABLE} == set(WINDOW) | set(TIMED) | {ESCAPE}


def test_every_key_on_a_song_does_what_its_help_says(qtbot, zh_app, services, tasks, dialogs):
    player = make_player(qtbot, services, tasks, dialogs, MUSIC)
    player.show()
    qtbot.waitUntil(lambda: player.position_ms() > 500, timeout=10_000)
    escape = []
    for row, key in _rows_keys(paged=False):
        if row.help == ESCAPE:
            escape.append(key)
            continue
        check = WINDOW.get(row.help) or TIMED[row.help]
        check(qtbot, player, key)
    _escape(qtbot, player, escape[0])


def test_every_key_on_slides_does_what_its_help_says(qtbot, zh_app, services, tasks, dialogs):
    player = make_player(qtbot, services, tasks, dialogs, SLIDES)
    player.show()
    pressed = set()
    for row, key in _rows_keys(paged=True):
        if row.help == ESCAPE:
            continue
        check = WINDOW.get(row.help) or PAGED.get(row.help)
        if check is None:  # a song's key (A-B loop, speed, …): nothing happens to the pictures
            player.playback.go(1)
            _press(qtbot, player, key)
            assert player.slides_view.index == 1 and not player.failed
            continue
        check(qtbot, player, key)
        pressed.add(key)
    # the clicker's keys and the slide programs' "next" keys are all there
    assert {Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Space, Qt.Key.Key_Return,
            Qt.Key.Key_Down, Qt.Key.Key_Up} <= pressed
    _escape(qtbot, player, Qt.Key.Key_Escape)


def test_unlisted_keys_do_nothing(qtbot, zh_app, services, tasks, dialogs):
    player = make_player(qtbot, services, tasks, dialogs, SLIDES)
    player.show()
    qtbot.keyClick(player, Qt.Key.Key_Z)
    assert player.slides_view.index == 0 and not player.is_blank() and not player.help_panel.isVisible()
    player.close()


def test_the_help_overlay_lists_exactly_the_table(qtbot, zh_app, services, tasks, dialogs):
    player = make_player(qtbot, services, tasks, dialogs, SLIDES)
    player.show()
    qtbot.keyClick(player, Qt.Key.Key_F1)
    html = player.help_panel.text.text()
    shown = re.findall(r"<tr><td><b>(.*?)</b>&nbsp;&nbsp;</td><td>(.*?)</td></tr>", html)

    def tr(text: str) -> str:
        return QCoreApplication.translate("HelpPanel", text)

    assert shown == [(tr(row.shown), tr(row.help)) for row in KEY_TABLE]
    assert ("空格键", "播放或暂停") in shown  # translated, not the English source
    assert len({key for row in KEY_TABLE for key in row.keys}) == sum(len(row.keys) for row in KEY_TABLE), (
        "a key is listed in two rows: " + ", ".join(_key_name(k) for row in KEY_TABLE for k in row.keys))
    player.close()
