"""The player's record says how the lesson was taught: what the window's UsageAccount noted
(modes, tracks) reaches the saved statements through _save_record; a play in no mode saves
the statements of before."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eduteach_protocol.records import EXT_MODES, EXT_TRACKS

from .conftest import MUSIC, VIDEO
from .helpers import make_player, statements_for, verbs


def _play_and_close(qtbot, player, note=None) -> None:  # noqa: ANN001
    player.show()
    qtbot.waitUntil(lambda: player.is_playing() and player.position_ms() > 300, timeout=10_000)
    if note:
        note(player.usage)
    with qtbot.waitSignal(player.play_recorded, timeout=10_000):
        player.close()


def test_singing_along_with_the_accompaniment_is_in_the_record(qtbot, zh_app, services, tasks, dialogs):
    # The demo song has a 范唱 and a 伴奏: T switches to the accompaniment, which is singing along.
    def sing_along(account) -> None:  # noqa: ANN001
        qtbot.keyClick(player, Qt.Key.Key_T)

    player = make_player(qtbot, services, tasks, dialogs, MUSIC)
    _play_and_close(qtbot, player, sing_along)
    stmts = statements_for(services, MUSIC)
    assert verbs(stmts) == ["initialized", "terminated"]
    for st in stmts:
        assert st["context"]["extensions"][EXT_MODES] == ["sing-along"]
        assert st["context"]["extensions"][EXT_TRACKS] == ["accompaniment", "demo"]
    assert dialogs.shown == []


def test_a_song_only_listened_to_records_its_track_and_no_mode(qtbot, zh_app, services, tasks, dialogs):
    _play_and_close(qtbot, make_player(qtbot, services, tasks, dialogs, MUSIC))
    for st in statements_for(services, MUSIC):
        assert EXT_MODES not in st["context"]["extensions"]
        assert st["context"]["extensions"][EXT_TRACKS] == ["demo"]


def test_a_lesson_with_one_recording_in_no_mode_records_neither(qtbot, zh_app, services, tasks, dialogs):
    _play_and_close(qtbot, make_player(qtbot, services, tasks, dialogs, VIDEO))
    stmts = statements_for(services, VIDEO)
    assert stmts
    for st in stmts:
        assert EXT_MODES not in st["context"]["extensions"] and EXT_TRACKS not in st["context"]["extensions"]
