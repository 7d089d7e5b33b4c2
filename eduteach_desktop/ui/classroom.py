"""The class in progress: one session (grades, subject, start, end) and the lessons played
in it. Every play opened while a session runs is recorded with it as `registration`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from eduteach_desktop.store.blobs import hash_file
from eduteach_desktop.store.timetable import TimetableStore
from eduteach_protocol.catalog import Lesson

from .dialogs import Dialogs
from .errors import describe_error
from .player.media import LessonMedia
from .tasks import TaskRunner

if TYPE_CHECKING:
    from eduteach_desktop.records.recorder import Session
    from eduteach_desktop.services import Services

    from .player import PlayerWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlotRef:
    day: date
    weekday: int
    period: int


@dataclass(frozen=True)
class Openable:
    lesson: Lesson
    media: LessonMedia
    resume_ms: int


def repair_lesson(services: Services, lesson: Lesson) -> list[str]:
    """Re-hash this lesson's blobs; forget the bad or missing ones so the next sync fetches
    them again (the same as `eduteach verify --repair`, for one lesson). Write worker."""
    bad = []
    for sha in sorted(lesson.blob_hashes()):
        path = services.blobs.path(sha)
        try:
            ok = path.is_file() and hash_file(path) == sha
        except OSError:
            ok = False
        if not ok:
            services.blobs.forget(sha)
            bad.append(sha)
    return bad


def _started(session: Session | None) -> datetime | None:
    """When the class began (the presenter's class timer), from the session's record."""
    if session is None:
        return None
    try:
        return datetime.fromisoformat(session.started_at.replace("Z", "+00:00"))
    except ValueError:
        return None


class Classroom(QObject):
    session_changed = Signal()
    player_opened = Signal(object)  # PlayerWindow
    play_recorded = Signal(str)
    refetch_started = Signal(str)  # lesson id

    def __init__(self, services: Services, store: TimetableStore, tasks: TaskRunner,
                 dialogs: Dialogs, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._store = store
        self._tasks = tasks
        self._dialogs = dialogs
        self.session: Session | None = None
        self.slot: SlotRef | None = None
        self.lessons_played: list[str] = []
        self.players: list[PlayerWindow] = []
        self.sync_lesson: Callable[[str], None] | None = None  # set by the app: fetch one lesson
        self.parent_widget: QWidget | None = None

    # --- sessions ------------------------------------------------------------------------
    def restore(self) -> None:
        """A session left open when the app closed (power cut mid-class) continues."""
        def load() -> tuple[Session, list[str]] | None:
            sid = self._store.open_session()
            if sid is None:
                return None
            titles = [r["lesson_id"] for r in self._services.db.query(
                "SELECT lesson_id FROM plays WHERE session_id = ? ORDER BY started_at", (sid,))]
            return self._services.sessions.get(sid), titles

        def done(found: tuple[Session, list[str]] | None) -> None:
            if found is not None and self.session is None:
                self.session, self.lessons_played = found[0], found[1]
                self.session_changed.emit()

        self._tasks.run_read(load, done)

    def start(self, subject: str, grades: tuple[int, ...], slot: SlotRef | None = None,
              on_started: Callable[[Session], None] | None = None) -> None:
        if self.session is not None:
            return
        services, store = self._services, self._store

        def work() -> Session:
            session = services.sessions.start(subject, grades)
            if slot is not None:
                store.link_session(session.id, slot.day, slot.weekday, slot.period)
            return session

        def done(session: Session) -> None:
            self.session, self.slot, self.lessons_played = session, slot, []
            self.session_changed.emit()
            if on_started is not None:
                on_started(session)

        self._tasks.run_write(work, done, self._error(self.tr("The class could not be started")))

    def end(self, on_ended: Callable[[], None] | None = None) -> None:
        session = self.session
        if session is None:
            return
        for player in list(self.players):
            if player.isVisible():
                player.close()  # its record is queued before the session ends (one writer)
        services = self._services

        def done(_ids: Any) -> None:
            self.session, self.slot, self.lessons_played = None, None, []
            self.session_changed.emit()
            if on_ended is not None:
                on_ended()

        self._tasks.run_write(lambda: services.sessions.end(session.id), done,
                              self._error(self.tr("The class could not be ended")))

    def _error(self, title: str) -> Callable[[BaseException], None]:
        return lambda exc: self._dialogs.error(self.parent_widget, title, describe_error(exc))

    # --- playing -------------------------------------------------------------------------
    def play(self, lesson_id: str) -> None:
        """Read the lesson and its files on a worker, then open the player."""
        self._tasks.run_read(self._loader(lesson_id), self._open,
                             self._error(self.tr("The lesson could not be opened")))

    def _loader(self, lesson_id: str) -> Callable[[], Openable | None]:
        services, store = self._services, self._store

        def load() -> Openable | None:
            lesson = services.library.lesson(lesson_id)
            if lesson is None:
                return None
            media = LessonMedia.for_lesson(lesson, services.blobs.path)
            return Openable(lesson, media, store.resume_position(lesson_id))

        return load

    def open_now(self, lesson_id: str) -> PlayerWindow | None:
        """Open before returning, for scripts and the self-test: the read still runs on a
        worker (the GUI thread never touches the database); this thread waits for its one
        row. The screens use play(), which does not wait."""
        return self._open(self._tasks.run_read(self._loader(lesson_id)).result())

    def _open(self, item: Openable | None) -> PlayerWindow | None:
        if item is None:
            self._dialogs.info(self.parent_widget, self.tr("Lesson not found"),
                               self.tr("This lesson is no longer in the catalog."))
            return None
        for old in list(self.players):
            if old.isVisible():
                old.close()  # one lesson on the projector at a time
        from .player import PlayerWindow  # QtMultimedia loads with the first lesson opened

        services, store = self._services, self._store
        player = PlayerWindow(
            item.lesson, item.media, self._tasks, services.usage.record_play, services.clock,
            self._dialogs,
            registration=self.session.id if self.session else None,
            resume_ms=item.resume_ms,
            save_resume=store.set_resume_position,
            can_refetch=True,
            session_started=_started(self.session),
        )
        player.ink.keep_in(services.annotations)  # drawings saved with this class session
        self.players.append(player)
        player.play_recorded.connect(lambda rid, lid=item.lesson.id: self._on_recorded(lid, rid))
        player.refetch_requested.connect(self.refetch)
        player.finished.connect(lambda p=player: self._forget(p))
        self.player_opened.emit(player)
        player.presenter.show_window()  # on the projector if a second screen extends this one
        player.raise_()
        player.activateWindow()
        return player

    def _on_recorded(self, lesson_id: str, record_id: str) -> None:
        if self.session is not None:
            self.lessons_played.append(lesson_id)
            self.session_changed.emit()
        self.play_recorded.emit(record_id)

    def _forget(self, player: PlayerWindow) -> None:
        if player in self.players:
            self.players.remove(player)
        player.deleteLater()

    def current_player(self) -> PlayerWindow | None:
        visible = [p for p in self.players if p.isVisible()]
        return visible[-1] if visible else None

    def close_players(self) -> None:
        for player in list(self.players):
            if player.isVisible():
                player.close()

    # --- a damaged lesson ----------------------------------------------------------------
    def refetch(self, lesson: Lesson) -> None:
        services = self._services

        def done(bad: list[str]) -> None:
            log.info("lesson %s: %d bad blobs forgotten", lesson.id, len(bad))
            self.refetch_started.emit(lesson.id)
            if self.sync_lesson is not None:
                self.sync_lesson(lesson.id)

        self._tasks.run_write(lambda: repair_lesson(services, lesson), done,
                              self._error(self.tr("The lesson could not be checked")))

