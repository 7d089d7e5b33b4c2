"""Today → start class → play: two clicks, and the usage records carry the session."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

import eduteach_desktop.ui.today_page as today_page
from eduteach_desktop.core.timetable import Slot, candidates
from eduteach_desktop.ui.today_page import local_today

from .conftest import MUSIC
from .helpers import wait_idle


def test_today_start_class_then_play_records_the_play_in_the_session(qtbot, edu, services, tasks):
    window, ctx = edu.main_window, edu.ctx
    today = local_today(ctx)
    ctx.timetable.put(Slot(today.isoweekday(), 2, "music", (1, 2), starts="09:00"))
    expected = candidates(ctx.library.rows, "music", (1, 2), today.date())[0]
    with qtbot.waitSignal(window.today.refreshed, timeout=10_000):
        window.show_page("today")
    card = window.today.card_for(2)
    assert card is not None and card.lesson.id == expected.id
    assert card.who.text() == "1+2 年级 · 音乐"
    assert card.start_button.text() == "上课"

    # click 1: the class starts
    with qtbot.waitSignal(ctx.classroom.session_changed, timeout=10_000):
        qtbot.mouseClick(card.start_button, Qt.MouseButton.LeftButton)
    session = ctx.classroom.session
    assert session is not None and session.grades == (1, 2) and session.subject == "music"
    assert window.session_bar.isVisible()
    qtbot.waitUntil(lambda: window.today.card_for(2) is not None
                    and window.today.card_for(2).start_button.text().startswith("播放"), timeout=10_000)
    card = window.today.card_for(2)

    # click 2: the planned lesson plays
    with qtbot.waitSignal(ctx.classroom.player_opened, timeout=10_000) as opened:
        qtbot.mouseClick(card.start_button, Qt.MouseButton.LeftButton)
    player = opened.args[0]
    assert player.lesson.id == expected.id and player.registration == session.id
    qtbot.waitUntil(lambda: player.position_ms() > 1500, timeout=10_000)
    with qtbot.waitSignal(player.play_recorded, timeout=10_000):
        qtbot.keyClick(player, Qt.Key.Key_Escape)

    statements = [i.statement for i in services.outbox.pending()]
    assert statements and all(st["context"]["registration"] == session.id for st in statements)
    segments = statements[-1]["result"]["extensions"][
        "https://w3id.org/xapi/video/extensions/played-segments"]
    assert segments.startswith("0")
    row = services.db.query_one("SELECT session_id FROM plays WHERE lesson_id = ?", (expected.id,))
    assert row["session_id"] == session.id
    assert "已播放：1" in window.session_bar.text.text()

    # end of class: the session record and the history show what was played
    with qtbot.waitSignal(ctx.classroom.session_changed, timeout=10_000):
        qtbot.mouseClick(window.session_bar.end_button, Qt.MouseButton.LeftButton)
    assert ctx.classroom.session is None and not window.session_bar.isVisible()
    ended = services.sessions.get(session.id)
    assert ended.ended_at is not None
    with qtbot.waitSignal(window.history.refreshed, timeout=10_000):
        window.show_page("history")
    assert window.history.sessions[0].id == session.id
    assert expected.title in window.history.table.item(0, 2).text()

    # the plan advances to the next lesson not played yet
    with qtbot.waitSignal(window.today.refreshed, timeout=10_000):
        window.show_page("today")
    nxt = window.today.card_for(2)
    assert nxt.lesson.id != expected.id and nxt.start_button.text().startswith("已上完")
    wait_idle(qtbot, tasks)


def test_teacher_overrides_the_planned_lesson(qtbot, edu):
    window, ctx = edu.main_window, edu.ctx
    today = local_today(ctx)
    ctx.timetable.put(Slot(today.isoweekday(), 1, "music", (1, 2)))
    with qtbot.waitSignal(window.today.refreshed, timeout=10_000):
        window.show_page("today")
    card = window.today.card_for(1)
    other = next(card.change.itemData(i) for i in range(1, card.change.count())
                 if card.change.itemData(i) != card.lesson.id)
    with qtbot.waitSignal(window.today.refreshed, timeout=10_000):
        card.change.setCurrentIndex(card.change.findData(other))
        card.change.activated.emit(card.change.currentIndex())
    assert window.today.card_for(1).lesson.id == other


def test_timetable_editor_adds_a_combined_class(qtbot, edu):
    window, ctx = edu.main_window, edu.ctx
    window.show_page("today")
    qtbot.mouseClick(window.today.edit_button, Qt.MouseButton.LeftButton)
    editor = window.timetable
    assert window.current_page() == "timetable"
    editor.select(3, 4)
    editor.subject.setCurrentIndex(editor.subject.findData("art"))
    editor.grade_boxes[0].setChecked(True)
    editor.grade_boxes[1].setChecked(True)
    editor.starts.setText("10:30")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert ctx.timetable.slots() == [Slot(3, 4, "art", (1, 2), None, "10:30")]
    qtbot.waitUntil(lambda: editor.grid.item(3, 2) is not None and "美术" in editor.grid.item(3, 2).text())
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert ctx.timetable.slots() == []
    assert MUSIC  # the demo lessons are there for the pickers


def test_an_older_refresh_answering_late_never_replaces_a_newer_one(qtbot, edu, tasks, monkeypatch):
    """Reads run on a pool: the page read before a timetable edit may answer after the one
    read after it (a busy PC), and the edit must stay on screen."""
    window, ctx = edu.main_window, edu.ctx
    page = window.today
    wait_idle(qtbot, tasks)
    real, first_read, release = today_page.load_today, threading.Event(), threading.Event()

    def load(ctx_, now):  # noqa: ANN001, ANN202
        data = real(ctx_, now)
        if not first_read.is_set():
            first_read.set()
            assert release.wait(10)  # the old plan, held back
        return data

    monkeypatch.setattr(today_page, "load_today", load)
    page.refresh()
    assert first_read.wait(10)
    today = local_today(ctx)
    ctx.timetable.put(Slot(today.isoweekday(), 2, "music", (1, 2), starts="09:00"))
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.refresh()
    assert page.card_for(2) is not None
    release.set()
    wait_idle(qtbot, tasks)
    assert page.card_for(2) is not None and page.data_day() == today.date()
