"""Attendance: 30 pupils present by default, three marked with a few key presses;
editable during the class, corrections (voiding records) after it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from eduteach_desktop.store.roster import Pupil

from .helpers import wait_idle


def _roster(services, n: int = 30) -> list[Pupil]:  # noqa: ANN001
    pupils = [Pupil("", 1, f"学生{i:02d}", "男" if i % 2 else "女", f"G{1000000000 + i}")
              for i in range(n)]
    return services.roster.replace_grade(1, pupils)


def test_attendance_for_30_pupils_in_a_few_key_presses(qtbot, edu, services, tasks):
    pupils = _roster(services)
    window, ctx = edu.main_window, edu.ctx
    with qtbot.waitSignal(ctx.classroom.session_changed, timeout=10_000):
        ctx.classroom.start("music", (1,))
    session = ctx.classroom.session
    page = window.attendance
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(window.session_bar.attendance, Qt.MouseButton.LeftButton)
    assert len(page.tiles) == 30
    assert "30 名学生：30 人出勤" in page.counts.text()
    assert page.cursor == 0

    presses = [Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_A,   # pupil 2 absent
               Qt.Key.Key_Down, Qt.Key.Key_L,                     # pupil 7 late
               Qt.Key.Key_Down, Qt.Key.Key_Q]                     # pupil 12 on leave
    for key in presses:
        qtbot.keyClick(page.tiles[page.cursor], key)
    assert len(presses) <= 8
    wait_idle(qtbot, tasks)
    assert page.pending() == 0
    marks = services.sessions.attendance(session.id)
    assert marks[pupils[2].id] == "absent"
    assert marks[pupils[7].id] == "late"
    assert marks[pupils[12].id] == "leave"
    assert sum(1 for s in marks.values() if s == "present") == 27
    assert "27 人出勤，1 人缺席，1 人迟到，1 人请假" in page.counts.text()
    assert "缺席" in page.tiles[2].text()

    # a click cycles: present → absent
    qtbot.mouseClick(page.tiles[5], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert services.sessions.attendance(session.id)[pupils[5].id] == "absent"

    # end of class: one attendance record per pupil
    with qtbot.waitSignal(ctx.classroom.session_changed, timeout=10_000):
        qtbot.mouseClick(window.session_bar.end_button, Qt.MouseButton.LeftButton)
    kinds = [i.kind for i in services.outbox.pending(limit=1000)]
    assert kinds.count("attendance") == 30

    # after the class: a correction from the history (voids the old record, adds a new one)
    with qtbot.waitSignal(window.history.refreshed, timeout=10_000):
        window.show_page("history")
    window.history.table.setCurrentCell(0, 0)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(window.history.attendance_button, Qt.MouseButton.LeftButton)
    assert "更正" in page.subtitle.text()
    qtbot.keyClick(page.tiles[2], Qt.Key.Key_P)
    wait_idle(qtbot, tasks)
    assert services.sessions.attendance(session.id)[pupils[2].id] == "present"
    assert [i.kind for i in services.outbox.pending(limit=1000)].count("correction") == 2
