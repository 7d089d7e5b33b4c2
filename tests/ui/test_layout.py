"""Every screen at 1024×768 and 1366×768, also with 150 % text: nothing is clipped (each
widget inside its parent, its text within its width) and the window keeps its size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QScrollBar,
    QWidget,
)

from eduteach_desktop.core.timetable import Slot
from eduteach_desktop.store.roster import Pupil
from eduteach_desktop.ui.app import EduTeachApp
from eduteach_desktop.ui.i18n import install_translations, remove_translations
from eduteach_desktop.ui.theme import apply_theme
from eduteach_desktop.ui.today_page import local_today

from .conftest import MUSIC, SLIDES, VIDEO
from .helpers import wait_idle, wait_laid_out


def _inside_scroll(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def clipped(top: QWidget) -> list[str]:
    """Widgets outside their parent, or whose text does not fit."""
    problems = []
    for w in top.findChildren(QWidget):
        if not w.isVisible() or isinstance(w, (QScrollBar, QHeaderView)) or w.window() is not top:
            continue
        parent = w.parentWidget()
        name = f"{type(w).__name__}#{w.objectName()}"
        text = w.text() if isinstance(w, (QLabel, QAbstractButton)) else ""
        where = f"{name} {text[:30]!r}"
        free = parent is None or isinstance(parent, QAbstractScrollArea) or \
            parent.objectName() == "qt_scrollarea_viewport"  # scrolled content may be larger
        if not free and not parent.rect().adjusted(-1, -1, 1, 1).contains(w.geometry()):
            problems.append(f"{where} at {w.geometry().getRect()} outside its parent "
                            f"{type(parent).__name__} {parent.rect().getRect()}")
        if isinstance(w, QLabel) and text and w.pixmap().isNull() is not False:
            width = w.contentsRect().width()
            if w.wordWrap():
                need = w.heightForWidth(w.width())  # the whole label, padding included
                if need > w.height() + 2:
                    problems.append(f"{where} needs {need}px height, has {w.height()}")
            elif w.textFormat().name != "RichText":
                longest = max(w.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
                if longest > width + 1:
                    problems.append(f"{where} text {longest}px wide, label {width}px")
        elif isinstance(w, QAbstractButton) and text and w.sizeHint().width() > w.width() + 1:
            problems.append(f"{where} wants {w.sizeHint().width()}px, has {w.width()}")
        elif isinstance(w, QComboBox) and w.minimumSizeHint().width() > w.width() + 1:
            problems.append(f"{where} combo wants {w.minimumSizeHint().width()}px, has {w.width()}")
    return problems


@pytest.fixture
def big_text(zh_app: QApplication):
    yield
    apply_theme(zh_app, 1.0)


@pytest.mark.parametrize(("size", "scale", "lang"), [
    ((1024, 768), 1.5, "zh_CN"), ((1366, 768), 1.0, "zh_CN"), ((1024, 768), 1.0, "zh_CN"),
    ((1024, 768), 1.5, "en"),
])
def test_every_screen_fits(qtbot, zh_app, big_text, services, tasks, dialogs, network, size, scale,
                           lang):
    apply_theme(zh_app, scale)
    # installed last, so searched first
    translators = install_translations(zh_app, lang) if lang != "zh_CN" else []
    try:
        _check_every_screen(qtbot, services, tasks, dialogs, network, size)
    finally:
        remove_translations(zh_app, translators)


def _check_every_screen(qtbot, services, tasks, dialogs, network, size) -> None:  # noqa: ANN001
    services.roster.replace_grade(1, [Pupil("", 1, f"学生{i:02d}", "男", None) for i in range(30)])
    # the music class below is grades 1+2: attendance shows a heading per grade
    services.roster.replace_grade(2, [Pupil("", 2, f"同学{i:02d}", "女", None) for i in range(12)])
    edu = EduTeachApp(services, tasks, dialogs, network=network, auto_sync=False)
    window = edu.main_window
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    with qtbot.waitSignal(edu.ctx.library.rows_changed, timeout=10_000):
        edu.ctx.library.refresh()
    today = local_today(edu.ctx)
    edu.ctx.timetable.put(Slot(today.isoweekday(), 1, "music", (1, 2), starts="08:00"))
    edu.ctx.timetable.put(Slot(today.isoweekday(), 2, "english", (3,)))
    with qtbot.waitSignal(edu.ctx.classroom.session_changed, timeout=10_000):
        edu.ctx.classroom.start("music", (1, 2))
    problems: list[str] = []
    for key in ("today", "library", "attendance", "pupils", "history", "sync", "settings", "timetable"):
        window.show_page(key)
        wait_idle(qtbot, tasks)
        wait_laid_out(qtbot, window)
        problems += [f"{key}: {p}" for p in clipped(window)]
    window.show_page("library")
    window.library.show_subscriptions()
    wait_idle(qtbot, tasks)
    wait_laid_out(qtbot, window)
    problems += [f"subscriptions: {p}" for p in clipped(window)]
    assert window.size() == QSize(*size)
    for lesson_id in (MUSIC, VIDEO, SLIDES):
        player = edu.ctx.classroom.open_now(lesson_id)
        player.setGeometry(QRect(0, 0, *size))
        if lesson_id == SLIDES:
            player.ink.set_pen(True)  # the pen's toolbar fits too
        wait_laid_out(qtbot, player)
        problems += [f"player {lesson_id}: {p}" for p in clipped(player)]
        player.set_projector(True)
        player.resize(*size)
        wait_laid_out(qtbot, player)
        problems += [f"projector {lesson_id}: {p}" for p in clipped(player)]
        player.close()
    wait_idle(qtbot, tasks)
    edu.ctx.shutdown()
    assert problems == [], "\n".join(problems)
