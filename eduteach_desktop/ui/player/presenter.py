"""Presenter view: with a second screen that extends the desktop (a projector, the class
all-in-one), the lesson goes full screen there and the teacher's screen shows the notes,
what comes next, the times and big controls. With one screen, or a mirrored one, nothing
changes: the lesson opens as it always did.

Screens come and go during a lesson (a cable pulled, a projector switched on late): the
presenter listens to Qt's screen signals and re-decides with `handle_screens`. A projector
that disappears brings the lesson back to the teacher's screen without stopping it; one that
appears takes the lesson again, unless the teacher chose one screen (P) in this lesson.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent, QPixmap, QScreen
from PySide6.QtWidgets import QWidget

from eduteach_desktop.core.clock import Clock
from eduteach_desktop.core.lyrics import parse_lrc_bytes
from eduteach_desktop.core.subtitles import parse_subtitles_bytes
from eduteach_protocol.notes import LessonNotes

from ..dialogs import Dialogs
from ..labels import duration_label
from ..tasks import TaskRunner
from .media import LessonMedia, read_small
from .notes_view import read_notes
from .presenter_view import PresenterView

if TYPE_CHECKING:
    from .player_window import PlayerWindow

log = logging.getLogger(__name__)
TICK_MS = 500  # times and time-range notes; the clock a teacher reads needs no more
THUMB_PX = 480


def projector_screen(screens: Sequence[QScreen], primary: QScreen | None) -> QScreen | None:
    """The screen to project on: another screen beside the teacher's (primary) one. A screen
    at the same place as the primary mirrors it (both show the same picture), so it is no
    second screen; neither is one overlapping it."""
    if primary is None:
        return None
    home = primary.geometry()
    for screen in screens:
        if screen is primary or screen.geometry().intersects(home):
            continue
        return screen
    return None


@dataclass(frozen=True)
class Extras:
    """What the teacher's screen shows beside the lesson, read once on a worker."""

    notes: LessonNotes | None
    lines: tuple[tuple[float, str], ...]  # lyric lines or subtitle cues: (start s, text)


def read_extras(media: LessonMedia) -> Extras:
    lines: list[tuple[float, str]] = []
    if (data := read_small(media.subtitles)) is not None:
        lines = [(cue.start, cue.text) for cue in parse_subtitles_bytes(data)]
    elif (data := read_small(media.lyrics)) is not None:
        lines = [(line.seconds, line.text) for line in parse_lrc_bytes(data) if line.text.strip()]
    return Extras(read_notes(media.notes), tuple(lines))


def _thumbnail(kind: str, paths: tuple[Path, ...], index: int) -> QImage | None:
    """The next picture or page, small (runs on a read worker; QImage is thread-safe)."""
    if kind == "pdf":
        from .pdf import render_page

        return render_page(paths[0], index, THUMB_PX)
    image = QImage(str(paths[index])) if index < len(paths) else QImage()
    return None if image.isNull() else image.scaledToWidth(THUMB_PX)


class Presenter(QObject):
    """Decides where the lesson shows and keeps the teacher's screen up to date."""

    active_changed = Signal(bool)

    def __init__(self, window: PlayerWindow, tasks: TaskRunner, clock: Clock, dialogs: Dialogs,
                 session_started: datetime | None = None):
        super().__init__(window)
        self._window = window
        self._tasks = tasks
        self._clock = clock
        self._dialogs = dialogs
        self.session_started = session_started
        self.view: PresenterView | None = None
        self.extras: Extras | None = None
        self._projector: QScreen | None = None
        self._wanted = True  # the teacher did not ask for one screen in this lesson
        self._active = False
        self._thumb_seq = 0
        self._shut = False
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh)
        self._watched: list[QScreen] = []
        window.playback.current_changed.connect(self._on_current)
        window.projector_changed.connect(self._on_projector_changed)
        window.closed.connect(self.shutdown)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screens_changed)
            app.screenRemoved.connect(self._screens_changed)
            app.primaryScreenChanged.connect(self._screens_changed)
        self._watch_geometries()

    @property
    def active(self) -> bool:
        return self._active

    # --- opening, the P key, closing -------------------------------------------------------
    def show_window(self) -> None:
        """Open the lesson: on the projector with the teacher's view if there is one,
        otherwise maximized as always."""
        target = projector_screen(QGuiApplication.screens(), QGuiApplication.primaryScreen())
        if target is not None and not self._window.failed:
            self._window.show()
            self._enter(target)
        else:
            self._window.showMaximized()

    def toggle(self) -> None:
        if self._active:
            self._wanted = False
            self._leave()
            return
        target = projector_screen(QGuiApplication.screens(), QGuiApplication.primaryScreen())
        if target is None:
            self._dialogs.info(self._window, self.tr("Presenter view"), self.tr(
                "Connect a projector or a second screen, set it to extend this screen "
                "(not to duplicate it), and press P again."))
            return
        self._wanted = True
        self._enter(target)

    def shutdown(self) -> None:
        """The lesson closed: the teacher's window goes with it."""
        self._tick.stop()
        if self._active:
            self._active = False
            self._window.usage.end_mode("presenter")
        if self._shut:
            return
        self._shut = True
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            for signal in (app.screenAdded, app.screenRemoved, app.primaryScreenChanged):
                signal.disconnect(self._screens_changed)
        self._unwatch()
        if self.view is not None:
            self.view.close_quietly()
            self.view.deleteLater()
            self.view = None

    # --- screens plugged in, unplugged, changed ---------------------------------------------
    def _unwatch(self) -> None:
        for screen in self._watched:
            # An unplugged screen is already gone (its wrapper raises RuntimeError).
            with contextlib.suppress(RuntimeError, TypeError):
                screen.geometryChanged.disconnect(self._screens_changed)
        self._watched = []

    def _watch_geometries(self) -> None:
        self._unwatch()
        self._watched = list(QGuiApplication.screens())
        for screen in self._watched:
            screen.geometryChanged.connect(self._screens_changed)

    def _screens_changed(self, *_: Any) -> None:
        # Qt reports mid-change (windows still on a screen being removed): decide once it settles.
        QTimer.singleShot(0, self, self._recheck)

    def _recheck(self) -> None:
        if self._shut:
            return
        self._watch_geometries()
        self.handle_screens(QGuiApplication.screens(), QGuiApplication.primaryScreen())

    def handle_screens(self, screens: Sequence[QScreen], primary: QScreen | None) -> None:
        """The screens are now `screens`: follow them (the seam the screen signals go through)."""
        target = projector_screen(screens, primary)
        if self._active:
            if target is None:
                log.info("projector gone: lesson %s back on the teacher's screen", self._window.lesson.id)
                self._leave(primary)
            elif target is not self._projector or target.geometry() != self._window.geometry():
                self._place(self._window, target, full=True)
                self._projector = target
        elif target is not None and self._wanted and self._window.isVisible() and not self._window.failed:
            self._enter(target, primary)

    # --- entering and leaving ---------------------------------------------------------------
    def _enter(self, projector: QScreen, primary: QScreen | None = None) -> None:
        home = primary or QGuiApplication.primaryScreen()
        view = self._ensure_view()
        self._projector = projector
        self._active = True  # before set_projector: its signal must not read as "leave"
        self._place(self._window, projector, full=True)
        self._window.set_projector(True)
        self._place(view, home, full=False)
        view.activateWindow()
        self._window.usage.use_mode("presenter")
        self._tick.start()
        self._on_current(self._window.playback.current_index())
        self.active_changed.emit(True)

    def _leave(self, primary: QScreen | None = None) -> None:
        home = primary or QGuiApplication.primaryScreen()
        self._active = False
        self._projector = None
        self._tick.stop()
        self._window.usage.end_mode("presenter")
        if self.view is not None:
            self.view.close_quietly()
        if home is not None:
            self._place(self._window, home, full=False)
        if self._window.is_projector():
            self._window.set_projector(False)  # maximized, normal size, on the teacher's screen
        self._window.activateWindow()
        self.active_changed.emit(False)

    def _on_projector_changed(self, on: bool) -> None:
        if self._active and not on:  # Esc or F5 on the lesson: back to one screen
            self._wanted = False
            self._leave()

    @staticmethod
    def _place(widget: QWidget, screen: QScreen, *, full: bool) -> None:
        """Move a top-level window onto `screen`, full screen or maximized. A maximized or
        full-screen window keeps its screen when asked to move, so it goes normal first."""
        if widget.isFullScreen() or widget.isMaximized():
            widget.showNormal()
        # Never widget.screen() here: PySide6 makes the QScreen it returns a child of the
        # widget, and deleting the widget then kills the wrapper every holder shares.
        widget.setScreen(screen)
        area = screen.availableGeometry()
        widget.setGeometry(area.adjusted(0, 0, -area.width() // 4, -area.height() // 4))
        if full:
            widget.showFullScreen()
        else:
            widget.showMaximized()

    def _ensure_view(self) -> PresenterView:
        if self.view is None:
            window = self._window
            view = PresenterView(window.lesson.title, self._key)
            view.leave_requested.connect(self._leave_by_teacher)
            view.close_button.clicked.connect(window.close)
            view.previous_button.clicked.connect(lambda: self._act("step", -1))
            view.next_button.clicked.connect(lambda: self._act("step", 1))
            view.play_button.clicked.connect(lambda: self._act("toggle_play"))
            view.blank_button.clicked.connect(lambda: window.set_blank(not window.is_blank()))
            self.view = view
            self._tasks.run_read(lambda m=window.media: read_extras(m), self._extras_read,
                                 self._extras_failed)
        return self.view

    def _leave_by_teacher(self) -> None:
        if self._active:
            self._wanted = False
            self._leave()

    def _act(self, action: str, *args: int) -> None:
        if not self._window.failed:
            getattr(self._window.playback, action)(*args)
        self.refresh()

    def _key(self, event: QKeyEvent) -> None:
        self._window.keyPressEvent(event)
        self.refresh()

    def _extras_read(self, extras: Extras) -> None:
        self.extras = extras
        self.refresh()

    def _extras_failed(self, exc: BaseException) -> None:
        log.info("notes and lines for %s not shown: %s", self._window.lesson.id, type(exc).__name__)
        self.extras = Extras(None, ())
        self.refresh()

    # --- keeping the teacher's screen current -----------------------------------------------
    def _on_current(self, index: int) -> None:
        if not self._active or self.view is None:
            return
        playback = self._window.playback
        if playback.duration_s() <= 0 and playback.item_count() > 0:
            self._show_next_picture(index + 1)
        self.refresh()

    def _show_next_picture(self, index: int) -> None:
        assert self.view is not None
        lesson, playback = self._window.lesson, self._window.playback
        if index >= playback.item_count():
            self.view.show_next_picture(None, self.tr("This is the last one."))
            return
        caption = lesson.captions[index] if index < len(lesson.captions) else ""
        self._thumb_seq += 1
        seq, kind, paths = self._thumb_seq, lesson.kind, self._window.media.media

        def shown(image: QImage | None) -> None:
            if seq == self._thumb_seq and self.view is not None:
                self.view.show_next_picture(QPixmap.fromImage(image) if image is not None else None, caption)

        self._tasks.run_read(lambda: _thumbnail(kind, paths, index), shown,
                             lambda exc: shown(None))

    def refresh(self) -> None:
        view = self.view
        if view is None or not self._active:
            return
        playback = self._window.playback
        duration = playback.duration_s()
        timed = duration > 0
        seconds = playback.position_ms() / 1000.0
        if timed:
            view.elapsed_label.setText(self.tr("Played %1").replace("%1", duration_label(seconds)))
            view.remaining_label.setText(
                self.tr("Left %1").replace("%1", duration_label(max(0.0, duration - seconds))))
        else:
            view.elapsed_label.setText(self.tr("%1 of %2").replace(
                "%1", str(playback.current_index() + 1)).replace("%2", str(playback.item_count())))
            view.remaining_label.setText("")
        view.show_playing(playback.is_playing(), timed)
        if self.session_started is not None:
            spent = (self._clock.now() - self.session_started).total_seconds()
            view.class_timer.setText(self.tr("Class time %1").replace("%1", duration_label(spent)))
        else:
            view.class_timer.setText(self.tr("No class started"))
        extras = self.extras
        if extras is None:
            return
        if timed:
            upcoming = next((text for start, text in extras.lines if start > seconds), None)
            if not extras.lines:
                view.show_next_line(self.tr("This lesson has no lyrics or subtitles."))
            else:
                view.show_next_line(upcoming if upcoming is not None else self.tr("This is the last line."))
        notes = extras.notes
        if notes is None:
            view.notes.show_notes("", "", "", "plain")
        elif timed:
            view.notes.show_notes(notes.lesson, self.tr("Now"), notes.at(seconds), notes.markup)
        else:
            number = playback.current_index() + 1
            view.notes.show_notes(notes.lesson, self.tr("This page (%1)").replace("%1", str(number)),
                                  notes.for_slide(number), notes.markup)
