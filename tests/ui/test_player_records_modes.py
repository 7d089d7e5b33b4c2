"""The player's record says how the lesson was taught: what the window's UsageAccount noted
(modes, tracks) reaches the saved statements through _save_record; a play in no mode saves
the statements of before."""

from __future__ import annotations

from eduteach_protocol.records import EXT_MODES, EXT_TRACKS

from .conftest import MUSIC
from .helpers import make_player, statements_for, verbs


def _play_and_close(qtbot, player, note=None) -> None:  # noqa: ANN001
    player.show()
    qtbot.waitUntil(lambda: player.is_playing() and player.position_ms() > 300, timeout=10_000)
    if note:
        note(player.usage)
    with qtbot.waitSignal(player.play_recorded, timeout=10_000):
        player.close()


def test_modes_and_tracks_noted_during_a_play_are_in_its_record(qtbot, zh_app, services, tasks, dialogs):
    # The sing-along controls (another part of issue 15) call these on the window's account.
    def sing_along(account) -> None:  # noqa: ANN001
        account.use_track("accompaniment")
        account.use_mode("sing-along")

    _play_and_close(qtbot, make_player(qtbot, services, tasks, dialogs, MUSIC), sing_along)
    stmts = statements_for(services, MUSIC)
    assert verbs(stmts) == ["initialized", "terminated"]
    for st in stmts:
        assert st["context"]["extensions"][EXT_MODES] == ["sing-along"]
        assert st["context"]["extensions"][EXT_TRACKS] == ["accompaniment"]
    assert dialogs.shown == []


def test_a_play_in_no_mode_records_no_modes(qtbot, zh_app, services, tasks, dialogs):
    _play_and_close(qtbot, make_player(qtbot, services, tasks, dialogs, MUSIC))
    for st in statements_for(services, MUSIC):
        assert EXT_MODES not in st["context"]["extensions"] and EXT_TRACKS not in st["context"]["extensions"]
