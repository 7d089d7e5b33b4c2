"""Repeat-after-me (跟读) on a song or a video: the toggle, the countdown the class sees while
it repeats a line, the pause length buttons, and what the clicker's keys mean in the mode.

When to pause and for how long is `core.repeat_after_me.RepeatSchedule` (no Qt, unit
tested); this module pauses and plays the `TimedPlayback` it is given and shows the state.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from eduteach_desktop.core.repeat_after_me import END_LEAD_S, Line, RepeatSchedule, next_factor

from .controls import big_button

TICK_MS = 100  # the countdown's refresh; the schedule's clock decides when to go on
SHOWN_BEFORE_END_S = 0.01  # while pausing, the views show this moment of the line
LATE_S = 0.1  # a pause noticed this long after the line's end goes back to the end


class Timed(Protocol):
    def pause(self) -> None: ...
    def play(self) -> None: ...
    def seek(self, position_ms: int) -> None: ...
    def position_ms(self) -> int: ...


class RepeatPanel(QWidget):
    """Under the play row while the mode is on: the countdown, the pause length, Go on."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RepeatPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 12, 4)
        row.setSpacing(10)
        self.countdown = QLabel()
        self.countdown.setObjectName("RepeatCountdown")
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.shorter_button = big_button(self.tr("Shorter pause"))
        self.shorter_button.setToolTip(self.tr("Less time to repeat each line ([ key)"))
        self.factor_label = QLabel()
        self.factor_label.setObjectName("TimeLabel")
        self.longer_button = big_button(self.tr("Longer pause"))
        self.longer_button.setToolTip(self.tr("More time to repeat each line (] key)"))
        self.go_on_button = big_button(self.tr("Go on"), "next", primary=True)
        self.go_on_button.setToolTip(self.tr("Do not wait: play the next line now (Page Down)"))
        row.addWidget(self.countdown, 1)
        for widget in (self.shorter_button, self.factor_label, self.longer_button, self.go_on_button):
            row.addWidget(widget)
        self.hide()

    def show_listening(self) -> None:
        self.countdown.setText(self.tr("Repeat after me: listen to the line, then say it"))
        self.go_on_button.setEnabled(False)

    def show_countdown(self, seconds: float) -> None:
        self.countdown.setText(
            self.tr("Your turn! Going on in %1 s").replace("%1", str(max(1, math.ceil(seconds - 1e-6))))
        )
        self.go_on_button.setEnabled(True)

    def show_factor(self, factor: float) -> None:
        self.factor_label.setText(self.tr("Pause %1×").replace("%1", f"{factor:g}"))


class RepeatAfterMe(QObject):
    """The mode's state on one playback. The playback calls the hooks (`on_position`,
    `seeked`, `resumed`, `step`, `cancel`); the keys and buttons call the actions."""

    mode_changed = Signal(bool)

    def __init__(self, playback: Timed, lines: list[Line], monotonic: Callable[[], float],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.schedule = RepeatSchedule(lines, monotonic)
        self.on = False
        self._rewinding = False  # our own seek back to a line's end, not the teacher's
        self._playback = playback
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.toggle_button = big_button(self.tr("Repeat after me"))
        self.toggle_button.setCheckable(True)
        self.toggle_button.setToolTip(
            self.tr("Pause after each line so the class can say it again (G key)"))
        self.toggle_button.clicked.connect(self.toggle)
        self.panel = RepeatPanel()
        self.panel.shorter_button.clicked.connect(lambda: self.change_pause(-1))
        self.panel.longer_button.clicked.connect(lambda: self.change_pause(1))
        self.panel.go_on_button.clicked.connect(self.go_on)
        self.panel.show_factor(self.schedule.factor)
        self.panel.show_listening()

    @property
    def pausing(self) -> bool:
        return self.schedule.pausing is not None

    def remaining(self) -> float:
        return self.schedule.remaining()

    # --- actions (keys and buttons) ------------------------------------------------------
    def toggle(self) -> None:
        self.set_on(not self.on)

    def set_on(self, on: bool) -> None:
        if on == self.on:
            self.toggle_button.setChecked(on)
            return
        was_pausing = self.pausing
        self.on = on
        self.schedule.seeked()  # listen from here; a pause in progress ends
        self.timer.stop()
        self.toggle_button.setChecked(on)
        self.panel.setVisible(on)
        self.panel.show_listening()
        if was_pausing:
            self._playback.play()
        self.mode_changed.emit(on)

    def change_pause(self, step: int) -> None:
        self.schedule.set_factor(next_factor(self.schedule.factor, step))
        self.panel.show_factor(self.schedule.factor)
        if self.pausing:
            self.panel.show_countdown(self.remaining())

    def go_on(self) -> None:
        """Do not wait any longer: play on from the end of the line."""
        if self.pausing:
            self.timer.stop()
            self._playback.play()  # play() calls resumed()

    def tick(self) -> None:
        if not self.pausing:
            self.timer.stop()
        elif self.schedule.due():
            self.go_on()
        else:
            self.panel.show_countdown(self.remaining())

    # --- hooks from the playback ---------------------------------------------------------
    def on_position(self, position_ms: int, playing: bool) -> float:
        """A position report; pauses at a line's end. Returns the time the lyrics or
        subtitle should show: while pausing, the line being repeated stays on screen."""
        seconds = position_ms / 1000.0
        if not self.on:
            return seconds
        if playing and (index := self.schedule.observe(seconds)) is not None:
            self._playback.pause()
            self.panel.show_countdown(self.remaining())
            self.timer.start()
            end = self.schedule.lines[index].end
            if end is not None and seconds > end + LATE_S:
                # A busy PC noticed the end late: back to it, so the next line is heard
                # from its start after the pause (the pause itself goes on).
                self._rewinding = True
                self._playback.seek(int((end - END_LEAD_S) * 1000))
                self._rewinding = False
        index = self.schedule.pausing
        if index is None:
            return seconds
        line = self.schedule.lines[index]
        end = line.end if line.end is not None else seconds + 1
        return max(line.start, min(seconds, end - SHOWN_BEFORE_END_S))

    def seeked(self) -> None:
        """The teacher jumped somewhere: a countdown in progress ends and it plays from there."""
        if self._rewinding:
            return
        was_pausing = self.pausing
        self.schedule.seeked()
        self.timer.stop()
        if self.on:
            self.panel.show_listening()
        if was_pausing and self.on:
            self._playback.play()

    def resumed(self) -> None:
        """Playback starts (the countdown ran out, Go on, Play or Space): listen again."""
        if self.pausing:
            self.schedule.skip()
            self.timer.stop()
            self.panel.show_listening()

    def step(self, direction: int) -> bool:
        """The clicker in the mode: next skips the pause (or goes to the next line),
        previous says the line again. False: not handled (the playback's ±10 s)."""
        if not self.on:
            return False
        seconds = self._playback.position_ms() / 1000.0
        if direction > 0:
            if self.pausing:
                self.go_on()
                return True
            target = self.schedule.next_line(seconds)
        else:
            target = self.schedule.restart_line(seconds)
        if target is None:
            return False
        self.timer.stop()
        self.panel.show_listening()
        self._playback.seek(int(target * 1000))
        self._playback.play()
        return True

    def cancel(self) -> None:
        """The lesson stops (closing, failed): never go on by itself afterwards."""
        self.timer.stop()
        self.schedule.seeked()
