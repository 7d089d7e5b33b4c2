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


def _combined_roster(services) -> tuple[list[Pupil], list[Pupil]]:  # noqa: ANN001
    """Grade 2 is imported first, so the store's insertion order is not what sorts them."""
    second = services.roster.replace_grade(
        2, [Pupil("", 2, f"二班{i:02d}", "女", f"G200000000{i}") for i in range(4)])
    first = services.roster.replace_grade(
        1, [Pupil("", 1, f"一班{i:02d}", "男", f"G100000000{i}") for i in range(7)])
    return first, second


def _open_attendance(qtbot, edu, grades: tuple[int, ...]):  # noqa: ANN001, ANN202
    window, ctx = edu.main_window, edu.ctx
    with qtbot.waitSignal(ctx.classroom.session_changed, timeout=10_000):
        ctx.classroom.start("music", grades)
    page = window.attendance
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(window.session_bar.attendance, Qt.MouseButton.LeftButton)
    return page


def test_combined_class_shows_each_pupils_grade_lowest_grade_first(qtbot, edu, services, tasks):
    first, second = _combined_roster(services)
    page = _open_attendance(qtbot, edu, (1, 2))
    assert [p.id for p in page.pupils] == [p.id for p in first + second]
    assert len(page.tiles) == 11

    # one heading per grade, in the grid above that grade's tiles
    assert [h.text() for h in page.headings] == ["一年级", "二年级"]
    qtbot.waitUntil(lambda: all(h.isVisible() for h in page.headings), timeout=5_000)

    def grid_row(widget) -> int:  # noqa: ANN001
        return page.grid.getItemPosition(page.grid.indexOf(widget))[0]

    heading_rows = [grid_row(h) for h in page.headings]
    for i, pupil in enumerate(page.pupils):
        tile = page.tiles[i]
        expected = "一年级" if pupil.grade == 1 else "二年级"
        assert pupil.name in tile.text()
        assert page.grade_text(i) == expected
        assert expected in tile.accessibleName()
        assert tile.toolTip() == expected
        # below its own grade's heading, and above the next grade's
        own = heading_rows[pupil.grade - 1]
        assert own < grid_row(tile)
        if pupil.grade == 1:
            assert grid_row(tile) < heading_rows[1]
    # every grade-1 tile before (in order and on screen) every grade-2 tile
    rows = [grid_row(t) for t in page.tiles]
    assert max(rows[:7]) < min(rows[7:])
    assert rows == sorted(rows)

    # keyboard: grade 1 is a row of 5 and a row of 2; grade 2 starts a row of its own
    assert page.cursor == 0
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_A):
        qtbot.keyClick(page.tiles[page.cursor], key)   # column 2 → the short row's last tile
    assert page.cursor == 6
    qtbot.keyClick(page.tiles[page.cursor], Qt.Key.Key_Down)
    assert page.cursor == 8                            # grade 2, same column
    qtbot.keyClick(page.tiles[page.cursor], Qt.Key.Key_L)
    qtbot.keyClick(page.tiles[page.cursor], Qt.Key.Key_Up)
    assert page.cursor == 6
    qtbot.keyClick(page.tiles[page.cursor], Qt.Key.Key_Right)
    assert page.cursor == 7                            # reading order crosses the heading
    wait_idle(qtbot, tasks)
    marks = services.sessions.attendance(edu.ctx.classroom.session.id)
    assert marks[first[6].id] == "absent"
    assert marks[second[1].id] == "late"
    assert "二年级" not in page.tiles[6].text() and "缺席" in page.tiles[6].text()


def test_single_grade_class_shows_no_grade_on_tiles(qtbot, edu, services, tasks):
    first, _ = _combined_roster(services)
    page = _open_attendance(qtbot, edu, (1,))
    assert [p.id for p in page.pupils] == [p.id for p in first]
    assert page.headings == []
    for i, tile in enumerate(page.tiles):
        assert page.grade_text(i) == ""
        assert tile.toolTip() == ""
        assert "年级" not in tile.text() and "年级" not in tile.accessibleName()
    # the tiles are in plain rows of five, as before
    positions = [page.grid.getItemPosition(page.grid.indexOf(t))[:2] for t in page.tiles]
    assert positions == [(i // 5, i % 5) for i in range(7)]
