"""Several recordings of one lesson (范唱 demo, 伴奏 accompaniment, speech) on one timeline.

Every track has its own QMediaPlayer and they all play together, the ones not heard muted
and kept in step with the one heard. Switching then only swaps which one is muted: no
gap and no jump. Tried with Qt 6.12's FFmpeg backend: a second player kept paused, then
seeked to the place and started, takes about 60 ms to move and lands some 80 ms behind;
two players started together stay within a position tick of each other
(bench/track_switch.py compares the switch with a bare QMediaPlayer changing its source).

`TrackPlayers` answers the calls `TimedPlayback` makes on a QMediaPlayer and reports the
heard track's signals only, so lyrics, the A-B loop, speed and resume follow whichever
track plays. A track that is missing or cannot be decoded is dropped with a note; the
lesson goes on with the others.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal

from .audio_output import audio_output
from .media import LessonMedia, readable

log = logging.getLogger(__name__)
RESYNC_MS = 60  # a muted track further off than this is moved back into step
RESYNC_QUIET_TICKS = 10  # after moving one, let its seek settle before judging it again
END_MARGIN_MS = 300  # a track this close to its end has nothing left to switch to


def role_name(role: str) -> str:
    """How the teacher calls the recording (Chinese first: 范唱, 伴奏, 朗读)."""
    names = {
        "demo": QCoreApplication.translate("Tracks", "Demo singing"),
        "accompaniment": QCoreApplication.translate("Tracks", "Accompaniment"),
        "speech": QCoreApplication.translate("Tracks", "Speech"),
    }
    return names.get(role, role)


def usable_tracks(media: LessonMedia) -> tuple[list[tuple[str, Path]], list[str]]:
    """The tracks whose files can be read, and the roles of those that cannot."""
    good = [(role, path) for role, path in media.tracks if readable(path)]
    bad = [role for role, path in media.tracks if not readable(path)]
    return good, bad


def _classes() -> tuple[Any, Any]:
    from PySide6.QtMultimedia import QMediaPlayer

    return QMediaPlayer, audio_output


class TrackPlayers(QObject):
    """Looks like one QMediaPlayer to the playback; is one player per track inside."""

    # QMediaPlayer's own signal names: TimedPlayback connects to either the same way.
    positionChanged = Signal(int)  # noqa: N815
    durationChanged = Signal(int)  # noqa: N815
    playbackStateChanged = Signal(object)  # noqa: N815
    mediaStatusChanged = Signal(object)  # noqa: N815
    errorOccurred = Signal(object, str)  # noqa: N815
    track_changed = Signal(str)  # the role now heard
    track_failed = Signal(str)  # the role that could not be played (dropped)

    def __init__(self, tracks: list[tuple[str, Path]], parent: QObject | None = None):
        super().__init__(parent)
        media_player, audio_output = _classes()
        self.roles = [role for role, _ in tracks]
        self._paths = [path for _, path in tracks]
        self._players: list[Any] = []
        self._outputs: list[Any] = []
        self._alive = [True] * len(tracks)
        self._quiet = [0] * len(tracks)
        self.active = 0
        for i in range(len(tracks)):
            player = media_player(self)
            output = audio_output(player)
            output.setMuted(i != 0)
            player.setAudioOutput(output)
            player.positionChanged.connect(lambda ms, i=i: self._on_position(i, ms))
            player.durationChanged.connect(lambda ms, i=i: self._forward(i, self.durationChanged, ms))
            player.playbackStateChanged.connect(lambda s, i=i: self._forward(i, self.playbackStateChanged, s))
            player.mediaStatusChanged.connect(lambda s, i=i: self._on_status(i, s))
            player.errorOccurred.connect(lambda e, m, i=i: self._on_error(i, e, m))
            self._players.append(player)
            self._outputs.append(output)

    # --- what TimedPlayback asks of a QMediaPlayer ----------------------------------------
    @property
    def heard(self) -> Any:
        return self._players[self.active]

    def setSource(self, url: QUrl) -> None:  # noqa: N802 - QMediaPlayer's name
        """An empty URL lets go of every file; any other loads each track's own file."""
        for i, player in enumerate(self._players):
            player.setSource(url if url.isEmpty() else QUrl.fromLocalFile(str(self._paths[i])))

    def setVideoOutput(self, output: Any) -> None:  # noqa: N802
        # WORKAROUND (Qt 6.12 FFmpeg backend, PySide6): moving the picture to another player
        # while it plays rebuilds that player's pipeline, and a renderer thread tearing down
        # calls back into our Python-made QAudioOutput while the GUI thread holds the GIL:
        # a deadlock (seen in a test; audio_output.py now removes that cause, but this
        # move was not tried again). The picture stays with the first track; a switch
        # only changes the sound, which is what two recordings of one song differ in.
        self.heard.setVideoOutput(output)

    def play(self) -> None:
        self.heard.play()
        position = self.heard.position()
        for i in self._others():
            if self._has_room(i, position):
                self._players[i].play()

    def pause(self) -> None:
        for i, player in enumerate(self._players):
            if self._alive[i]:
                player.pause()

    def playbackState(self) -> Any:  # noqa: N802
        return self.heard.playbackState()

    def mediaStatus(self) -> Any:  # noqa: N802
        return self.heard.mediaStatus()

    def position(self) -> int:
        return int(self.heard.position())

    def duration(self) -> int:
        return int(self.heard.duration())

    def setPosition(self, position_ms: int) -> None:  # noqa: N802
        self.heard.setPosition(position_ms)
        for i in self._others():
            self._quiet[i] = RESYNC_QUIET_TICKS
            if self._has_room(i, position_ms):
                self._players[i].setPosition(position_ms)
            else:
                self._players[i].pause()  # a shorter track: nothing of it here

    def playbackRate(self) -> float:  # noqa: N802
        return float(self.heard.playbackRate())

    def setPlaybackRate(self, rate: float) -> None:  # noqa: N802
        for player in self._players:
            player.setPlaybackRate(rate)

    # --- switching -----------------------------------------------------------------------
    def role(self) -> str:
        return self.roles[self.active]

    def playable_roles(self) -> list[str]:
        return [role for i, role in enumerate(self.roles) if self._alive[i]]

    def next_index(self) -> int | None:
        """The next track that still plays, after the heard one (None: there is no other)."""
        count = len(self._players)
        for step in range(1, count):
            i = (self.active + step) % count
            if self._alive[i]:
                return i
        return None

    def can_switch_to(self, index: int) -> bool:
        """False when the position is past that track's end (it is shorter)."""
        return self._alive[index] and self._has_room(index, self.heard.position())

    def switch_to(self, index: int) -> bool:
        """Be heard on track `index` from the same place; False if it cannot play here."""
        if index == self.active or not self.can_switch_to(index):
            return False
        old, new = self.heard, self._players[index]
        position = old.position()
        playing = old.playbackState() == old.PlaybackState.PlayingState
        if abs(new.position() - position) > RESYNC_MS or not playing:
            new.setPosition(position)
        if playing and new.playbackState() != new.PlaybackState.PlayingState:
            new.play()
        self._outputs[index].setMuted(False)
        self._outputs[self.active].setMuted(True)
        before_duration = old.duration()
        self.active = index
        if new.duration() != before_duration:
            self.durationChanged.emit(new.duration())
        self.track_changed.emit(self.roles[index])
        return True

    # --- keeping the muted tracks in step ------------------------------------------------
    def _others(self) -> list[int]:
        return [i for i in range(len(self._players)) if i != self.active and self._alive[i]]

    def _has_room(self, index: int, position_ms: int) -> bool:
        duration = self._players[index].duration()
        return self._alive[index] and (duration <= 0 or position_ms < duration - END_MARGIN_MS)

    def _on_position(self, index: int, position_ms: int) -> None:
        if index != self.active:
            return
        self.positionChanged.emit(position_ms)
        heard = self.heard
        if heard.playbackState() != heard.PlaybackState.PlayingState:
            return
        for i in self._others():
            player = self._players[i]
            if self._quiet[i] > 0:
                self._quiet[i] -= 1
                continue
            if not self._has_room(i, position_ms):
                continue
            if player.playbackState() != player.PlaybackState.PlayingState:
                player.setPosition(position_ms)
                player.play()
                self._quiet[i] = RESYNC_QUIET_TICKS
            elif abs(player.position() - position_ms) > RESYNC_MS:
                player.setPosition(position_ms)
                self._quiet[i] = RESYNC_QUIET_TICKS

    def _forward(self, index: int, signal: Any, value: Any) -> None:
        if index == self.active:
            signal.emit(value)

    def _on_status(self, index: int, status: Any) -> None:
        if status == self._players[index].MediaStatus.InvalidMedia:
            self._drop(index, "")
        elif index == self.active:
            if status == self._players[index].MediaStatus.EndOfMedia:
                for i in self._others():  # the lesson is over: the muted ones stop too
                    self._players[i].pause()
            self.mediaStatusChanged.emit(status)

    def _on_error(self, index: int, error: Any, message: str) -> None:
        if error != self._players[index].Error.NoError:
            self._drop(index, message)

    def _drop(self, index: int, message: str) -> None:
        """A track cannot be played: go on with another, or fail if none is left."""
        if not self._alive[index]:
            return
        log.warning("track %s cannot be played: %s", self.roles[index], message)
        if index == self.active:
            other = self.next_index()
            if other is None:
                self.errorOccurred.emit(self._players[index].Error.ResourceError, message)
                return
            position = self.heard.position()
            playing = self.heard.playbackState() == self.heard.PlaybackState.PlayingState
            self._alive[index] = False
            self._promote(other, position, playing)
        self._alive[index] = False
        self._outputs[index].setMuted(True)
        self._players[index].setSource(QUrl())  # let go of the broken file
        self.track_failed.emit(self.roles[index])

    def _promote(self, index: int, position_ms: int, playing: bool) -> None:
        """The heard track broke: the next one is heard from where it was."""
        new = self._players[index]
        self._outputs[index].setMuted(False)
        self.active = index
        if new.duration() > 0 and position_ms < new.duration():
            new.setPosition(position_ms)
        if playing:
            new.play()
        self.durationChanged.emit(new.duration())
        self.track_changed.emit(self.roles[index])


def open_player(media: LessonMedia, parent: QObject) -> tuple[Any, Path, list[str]]:
    """The player for a timed lesson, the file to give it, and the tracks that cannot be
    read: several readable tracks play as `TrackPlayers`, one file as a QMediaPlayer."""
    good, bad = usable_tracks(media)
    if len(good) >= 2:
        return TrackPlayers(good, parent), good[0][1], bad
    media_player, audio_output = _classes()
    player = media_player(parent)
    player.setAudioOutput(audio_output(player))
    return player, good[0][1] if good else media.media[0], bad


class TrackSwitch(QObject):
    """The big button that says which recording plays and switches to the next (T key)."""

    track_changed = Signal(str)

    def __init__(self, players: TrackPlayers, note: Any, parent: QObject | None = None):
        from .controls import big_button

        super().__init__(parent)
        self.players = players
        self._note = note  # the bar's note label: what the teacher should know
        self.button = big_button(role_name(players.role()), "audio")
        self.button.setObjectName("TrackButton")
        self.button.setToolTip(self.tr("Switch between the demo singing and the accompaniment, "
                                       "at the same place (T key)"))
        self.button.clicked.connect(self.switch)
        players.track_changed.connect(self._show)
        players.track_failed.connect(self._failed)

    def switch(self) -> bool:
        index = self.players.next_index()
        if index is None:
            return False
        if self.players.switch_to(index):
            self._note.clear()
            return True
        self._note.setText(self.tr("The %1 recording is shorter and has ended here; "
                                   "go back a little to switch.").replace("%1", role_name(self.players.roles[index])))
        return False

    def _show(self, role: str) -> None:
        self.button.setText(role_name(role))
        self.track_changed.emit(role)

    def _failed(self, role: str) -> None:
        playable = self.players.playable_roles()
        self.button.setVisible(len(playable) > 1)
        self._note.setText(self.tr("The %1 recording cannot be played; the lesson goes on with the %2.")
                           .replace("%1", role_name(role)).replace("%2", role_name(self.players.role())))
