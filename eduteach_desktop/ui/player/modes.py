"""The classroom modes a timed lesson gains from its content: the track button when it has
several recordings (tracks.py), repeat-after-me when it has lines to repeat (repeat.py).
Kept out of timed.py so the playback only holds the hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from eduteach_desktop.core.repeat_after_me import Line, lines_from_cues, lines_from_lyrics

from .repeat import RepeatAfterMe
from .tracks import TrackPlayers, TrackSwitch, role_name, usable_tracks

if TYPE_CHECKING:
    from .timed import TimedPlayback


def lines_to_repeat(playback: TimedPlayback) -> list[Line]:
    if playback.subtitle_view is not None and playback.subtitle_view.cue_count():
        return lines_from_cues(playback.subtitle_view.cues)
    if playback.lyrics_view is not None:
        return lines_from_lyrics(playback.lyrics_view.lines)
    return []


def add_modes(playback: TimedPlayback, player: Any, unreadable: list[str]) -> None:
    bar = playback.bar
    if isinstance(player, TrackPlayers):
        playback.track_switch = TrackSwitch(player, bar.note_label, playback)
        playback.track_switch.track_changed.connect(playback.on_track)
        bar.add_button(playback.track_switch.button)
    if unreadable:
        bar.note_label.setText(
            QCoreApplication.translate("Tracks", "The %1 recording is missing or damaged; the lesson plays without it.")
            .replace("%1", role_name(unreadable[0])))
    heard = [role for role, _ in usable_tracks(playback.media)[0]]
    if heard:
        playback.on_track(heard[0])
    lines = lines_to_repeat(playback)
    if lines:
        repeat = RepeatAfterMe(playback, lines, playback.monotonic, playback)
        repeat.mode_changed.connect(lambda on: playback.mode_changed.emit("repeat-after-me", on))
        bar.add_button(repeat.toggle_button)
        bar.add_row(repeat.panel)
        playback.repeat = repeat
