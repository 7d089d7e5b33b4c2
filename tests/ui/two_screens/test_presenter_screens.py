"""Presenter view on two virtual screens (offscreen platform, see conftest.py).

Qt's offscreen platform builds its screens from the config file at start-up; it can change
them later only through its native interface, which PySide6 does not expose. So plugging
and unplugging are driven through `Presenter.handle_screens`, the handler Qt's screen
signals (screenAdded, screenRemoved, geometryChanged) lead to, with the new screen list.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.ui.player import LessonMedia, PlayerWindow
from eduteach_protocol.notes import LessonNotes, NoteRange

from ..conftest import MUSIC, SLIDES, VIDEO

SONG_NOTES = LessonNotes(
    lesson="**先听范唱**，再跟着伴奏唱。\n\n- 注意拍手的节奏\n- 第二遍请学生站起来唱",
    markup="markdown",
    ranges=(NoteRange(0.0, 600.0, "提醒学生：*一闪一闪* 要唱得轻"),),
)
SLIDE_NOTES = LessonNotes(
    lesson="本课约 **20 分钟**。",
    markup="markdown",
    slides={1: "问学生：太阳是什么颜色？", 2: "请学生说说 *早上的太阳* 和中午的有什么不同。"},
)


def _screens():
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    assert len(screens) == 2, "this suite runs with two offscreen screens (conftest.SCREENS)"
    projector = next(s for s in screens if s is not primary)
    return primary, projector


CATALOG = Path("the catalog's own")  # _player: keep the notes file the signed catalog lists


def _player(qtbot, services, tasks, dialogs, lesson_id: str, notes_path: Path | None,
            clock=None, session_started=None) -> PlayerWindow:  # noqa: ANN001
    lesson = services.library.lesson(lesson_id)
    media = LessonMedia.for_lesson(lesson, services.blobs.path)
    if notes_path is not CATALOG:
        media = replace(media, notes=notes_path)
    player = PlayerWindow(lesson, media, tasks, services.usage.record_play, clock or services.clock,
                          dialogs, session_started=session_started)
    qtbot.addWidget(player)
    return player


def _notes_file(tmp_path: Path, notes: LessonNotes) -> Path:
    path = tmp_path / "notes.json"
    path.write_bytes(notes.to_bytes())
    return path


def _on(widget, screen) -> bool:  # noqa: ANN001
    # Not widget.screen(): PySide6 parents the returned QScreen's wrapper to the widget,
    # so the wrapper dies with the widget (the next test would hold a dead screen).
    return screen.geometry().contains(widget.geometry().center())


def test_song_on_the_projector_notes_and_next_line_for_the_teacher_then_unplugged(
        qtbot, zh_app, services, tasks, dialogs, tmp_path):
    primary, projector = _screens()
    clock = ManualClock()
    player = _player(qtbot, services, tasks, dialogs, MUSIC, _notes_file(tmp_path, SONG_NOTES),
                     clock=clock, session_started=clock.now() - timedelta(minutes=12, seconds=34))
    taken = []
    take = player.usage.take
    player.usage.take = lambda: taken.append(take()) or taken[-1]
    presenter = player.presenter
    presenter.show_window()

    qtbot.waitUntil(lambda: presenter.active and player.isFullScreen() and _on(player, projector),
                    timeout=10_000)
    view = presenter.view
    assert view is not None and view.isVisible() and _on(view, primary)
    assert player.is_projector()  # large text on the projected lesson
    # The notes are on the teacher's screen only: not a word of them in the lesson's window.
    qtbot.waitUntil(lambda: "先听范唱" in view.notes.toPlainText(), timeout=10_000)
    assert "一闪一闪" in view.notes.toPlainText() and "**" not in view.notes.toPlainText()
    assert view.notes.isVisible() and not player.findChildren(type(view.notes))
    # The next lyric line, the times and the class timer.
    qtbot.waitUntil(lambda: player.position_ms() > 300 and view.next_text.text() != "", timeout=10_000)
    lines = [line.text for line in _lyrics(player)]
    assert view.next_text.text() in lines
    assert "12:34" in view.class_timer.text()
    qtbot.waitUntil(lambda: view.elapsed_label.text() != "" and view.remaining_label.text() != "",
                    timeout=5_000)
    # All in Chinese (zh_app): no English word on the teacher's screen.
    shown = [w.text() for kind in (QLabel, QPushButton) for w in view.findChildren(kind) if w.isVisible()]
    shown += [view.windowTitle(), view.notes.toPlainText()]
    assert not [t for t in shown if re.search(r"[A-Za-z]{3,}", t)], shown
    # The big controls drive the same playback.
    assert all(b.height() >= 48 for b in view.findChildren(QPushButton) if b.isVisible())
    qtbot.mouseClick(view.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=5_000)
    qtbot.mouseClick(view.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(player.is_playing, timeout=5_000)

    # The projector's cable is pulled: the lesson comes back to the teacher's screen, playing.
    presenter.handle_screens([primary], primary)
    assert not presenter.active and not view.isVisible()
    qtbot.waitUntil(lambda: _on(player, primary) and not player.isFullScreen(), timeout=10_000)
    assert not player.is_projector() and not player.failed
    before = player.position_ms()
    qtbot.waitUntil(lambda: player.is_playing() and player.position_ms() > before + 200, timeout=10_000)

    # Plugged in again: the lesson goes back to it.
    presenter.handle_screens([primary, projector], primary)
    qtbot.waitUntil(lambda: presenter.active and _on(player, projector), timeout=10_000)
    # Switched to "duplicate": the projector shows the teacher's screen, so one screen again.
    presenter.handle_screens([primary, _Mirror(primary.geometry())], primary)
    assert not presenter.active and not view.isVisible()
    qtbot.waitUntil(lambda: _on(player, primary), timeout=10_000)
    assert player.is_playing()
    with qtbot.waitSignal(player.finished, timeout=10_000):
        player.close()
    assert taken and taken[0] is not None and taken[0].modes == ("presenter",)
    assert presenter.view is None


class _Mirror:
    """A screen at the primary's place (a mirrored projector): only its geometry matters."""

    def __init__(self, rect):  # noqa: ANN001
        self._rect = rect

    def geometry(self):  # noqa: ANN201
        return self._rect


def _lyrics(player: PlayerWindow):  # noqa: ANN202
    from eduteach_desktop.core.lyrics import parse_lrc_bytes

    return parse_lrc_bytes(player.media.lyrics.read_bytes())


def test_slides_next_picture_and_slide_notes_follow_the_teacher(qtbot, zh_app, services, tasks,
                                                                 dialogs, tmp_path):
    primary, projector = _screens()
    player = _player(qtbot, services, tasks, dialogs, SLIDES, _notes_file(tmp_path, SLIDE_NOTES))
    player.presenter.show_window()
    qtbot.waitUntil(lambda: player.presenter.active and _on(player, projector), timeout=10_000)
    view = player.presenter.view
    qtbot.waitUntil(lambda: "太阳是什么颜色" in view.notes.toPlainText(), timeout=10_000)
    assert "20 分钟" in view.notes.toPlainText()
    qtbot.waitUntil(view.next_image.has_image, timeout=10_000)
    assert view.next_text.text() == player.lesson.captions[1]
    assert "1" in view.elapsed_label.text() and not view.play_button.isVisible()

    # The clicker's key reaches the lesson from the teacher's window too.
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert player.slides_view.index == 1
    qtbot.waitUntil(lambda: "早上的太阳" in view.notes.toPlainText(), timeout=5_000)
    assert "太阳是什么颜色" not in view.notes.toPlainText()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert player.slides_view.index == 2
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert player.slides_view.index == 1

    # P on the teacher's window: back to one screen, and a replugged projector is left alone.
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert not player.presenter.active and not view.isVisible()
    qtbot.waitUntil(lambda: _on(player, primary), timeout=10_000)
    player.presenter.handle_screens([primary, projector], primary)
    assert not player.presenter.active
    qtbot.keyClick(player, Qt.Key.Key_P)  # and P again asks for it
    qtbot.waitUntil(lambda: player.presenter.active and _on(player, projector), timeout=10_000)
    # Esc on the projected lesson leaves presenter view as well.
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert not player.presenter.active and player.isVisible()
    player.close()


def test_video_subtitles_next_line_and_a_malformed_notes_file(qtbot, zh_app, services, tasks, dialogs,
                                                               tmp_path, caplog):
    primary, projector = _screens()
    bad = tmp_path / "notes.json"
    bad.write_bytes(b'{"format": "eduteach-notes", "format_version": 1, "lesson": 5}')
    caplog.set_level(logging.INFO, logger="eduteach_desktop.ui.player.notes_view")
    player = _player(qtbot, services, tasks, dialogs, VIDEO, bad)
    player.presenter.show_window()
    qtbot.waitUntil(lambda: player.presenter.active and _on(player, projector), timeout=10_000)
    view = player.presenter.view
    qtbot.waitUntil(lambda: player.presenter.extras is not None, timeout=10_000)
    assert player.presenter.extras.notes is None and player.presenter.extras.lines
    assert any("not used" in r.getMessage() for r in caplog.records)
    view.notes.toPlainText()
    qtbot.waitUntil(lambda: view.notes.toPlainText() != "", timeout=5_000)
    assert view.notes.toPlainText() == view.notes.tr("No notes for this lesson.")
    cues = [text for _, text in player.presenter.extras.lines]
    qtbot.waitUntil(lambda: view.next_text.text() in cues, timeout=10_000)
    qtbot.waitUntil(lambda: player.position_ms() > 300, timeout=10_000)
    assert player.is_playing() and not player.failed
    player.close()


@pytest.mark.parametrize("notes_path", ["missing", None])
def test_no_notes_or_a_missing_notes_file_shows_the_lesson_anyway(qtbot, zh_app, services, tasks, dialogs,
                                                                   tmp_path, notes_path):
    _, projector = _screens()
    path = tmp_path / "gone.json" if notes_path else None
    player = _player(qtbot, services, tasks, dialogs, SLIDES, path)
    player.presenter.show_window()
    qtbot.waitUntil(lambda: player.presenter.active and _on(player, projector), timeout=10_000)
    qtbot.waitUntil(lambda: player.presenter.extras is not None, timeout=10_000)
    assert player.presenter.view.notes.toPlainText() == player.presenter.view.notes.tr("No notes for this lesson.")
    player.close()


def test_the_real_screen_signals_lead_to_the_same_handler(qtbot, zh_app, services, tasks, dialogs):
    """A screen signal (as Qt sends when a cable is plugged) re-reads the screens: with the
    projector still there, the lesson stays where it is."""
    primary, projector = _screens()
    player = _player(qtbot, services, tasks, dialogs, SLIDES, None)
    player.presenter.show_window()
    qtbot.waitUntil(lambda: player.presenter.active, timeout=10_000)
    seen = []
    original = player.presenter.handle_screens
    player.presenter.handle_screens = lambda screens, main: (seen.append(len(screens)), original(screens, main))
    QGuiApplication.instance().screenAdded.emit(projector)
    qtbot.waitUntil(lambda: seen == [2], timeout=5_000)
    assert player.presenter.active and _on(player, projector)
    player.close()


def test_the_demo_lessons_own_notes_come_through_the_catalog(qtbot, zh_app, services, tasks, dialogs):
    """The art demo lesson's notes, published from lesson.toml and synced as a verified
    blob, are on the teacher's screen: the whole lesson's and the first slide's."""
    _, projector = _screens()
    player = _player(qtbot, services, tasks, dialogs, SLIDES, CATALOG)
    assert player.media.notes is not None
    player.presenter.show_window()
    qtbot.waitUntil(lambda: player.presenter.active and _on(player, projector), timeout=10_000)
    view = player.presenter.view
    qtbot.waitUntil(lambda: "教学目标" in view.notes.toPlainText(), timeout=10_000)
    assert "太阳是什么形状" in view.notes.toPlainText() and "##" not in view.notes.toPlainText()
    player.close()


def test_a_lesson_opened_in_class_goes_to_the_projector_with_the_class_timer(qtbot, edu):
    """The real path: Today's classroom starts a session and opens the lesson; the lesson is
    projected and the teacher's screen counts the class time from the session's start."""
    primary, projector = _screens()
    classroom = edu.ctx.classroom
    with qtbot.waitSignal(classroom.session_changed, timeout=10_000):
        classroom.start("art", (1,))
    player = classroom.open_now(SLIDES)
    assert player is not None
    qtbot.waitUntil(lambda: player.presenter.active and _on(player, projector), timeout=10_000)
    started = classroom.session.started_at
    assert player.presenter.session_started is not None
    assert player.presenter.session_started.isoformat(timespec="milliseconds").startswith(started[:19])
    view = player.presenter.view
    qtbot.waitUntil(lambda: view.class_timer.text().startswith("已上课"), timeout=5_000)
    assert _on(view, primary)
    with qtbot.waitSignal(player.finished, timeout=10_000):
        player.close()
