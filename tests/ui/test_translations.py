"""zh_CN first, English complete: every message of both catalogues is translated, and
no screen shows an English source string (or any English phrase that is not lesson
content) when the app runs in Chinese."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from eduteach_desktop.core.timetable import Slot
from eduteach_desktop.store.roster import Pupil
from eduteach_desktop.ui.app import EduTeachApp
from eduteach_desktop.ui.today_page import local_today

from .conftest import MUSIC, SLIDES, VIDEO
from .helpers import wait_idle, wait_laid_out

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations"
ENGLISH_PHRASE = re.compile(r"[A-Za-z]{3,}[ ,.:;!?]+[A-Za-z]{2,}")


def _messages(path: Path) -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            tr = m.find("translation")
            out.append((name, m.findtext("source"), tr.text, tr.get("type")))
    return out


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_catalogues_are_complete(lang: str):
    messages = _messages(TS / f"eduteach_{lang}.ts")
    assert len(messages) > 250
    unfinished = [(c, s) for c, s, t, kind in messages if kind in ("unfinished", "obsolete", "vanished") or not t]
    assert unfinished == []
    qm = ROOT / "eduteach_desktop" / "resources" / "translations" / f"eduteach_{lang}.qm"
    assert qm.stat().st_mtime >= (TS / f"eduteach_{lang}.ts").stat().st_mtime - 5, "run pyside6-lrelease"


def _source_patterns() -> list[re.Pattern[str]]:
    patterns = []
    for _, source, translation, _ in _messages(TS / "eduteach_zh_CN.ts"):
        if not source or translation == source or not re.search("[A-Za-z]{2,}", source):
            continue
        parts = re.split(r"%\d", source)
        patterns.append(re.compile(".*".join(re.escape(p) for p in parts)))
    return patterns


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    texts = [("window title", top.windowTitle())]
    for w in top.findChildren(QWidget):
        if not w.isVisible():
            continue
        name = type(w).__name__
        if isinstance(w, QLabel):
            texts.append((name, re.sub("<[^>]+>", " ", w.text()).replace("&nbsp;", " ")))
        elif isinstance(w, QAbstractButton):
            texts.append((name, w.text()))
        elif isinstance(w, QLineEdit):
            texts.append((name, w.placeholderText()))
        elif isinstance(w, QComboBox):
            texts += [(name, w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTableWidget):
            texts += [(name, w.horizontalHeaderItem(c).text()) for c in range(w.columnCount())
                      if w.horizontalHeaderItem(c)]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            texts += [(name, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(model.columnCount())]
        if w.toolTip():
            texts.append((name + " tooltip", w.toolTip()))
    return [(n, t) for n, t in texts if t]


def test_no_visible_string_is_untranslated_in_chinese(qtbot, zh_app, services, tasks, dialogs,
                                                       network):
    services.roster.replace_grade(1, [Pupil("", 1, f"学生{i:02d}", "男", None) for i in range(3)])
    edu = EduTeachApp(services, tasks, dialogs, network=network, auto_sync=False)
    window, ctx = edu.main_window, edu.ctx
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(ctx.library.rows_changed, timeout=10_000):
        ctx.library.refresh()
    today = local_today(ctx)
    ctx.timetable.put(Slot(today.isoweekday(), 1, "music", (1, 2), starts="08:00"))
    with qtbot.waitSignal(ctx.classroom.session_changed, timeout=10_000):
        ctx.classroom.start("music", (1,))
    # lesson content may be English (an English lesson): it is not UI text
    content: set[str] = set()
    for lesson in services.library.lessons():
        content |= {lesson.title, lesson.summary, lesson.unit_title, *lesson.captions}
    allowed = ("EduTeach", "Hello", "Tom", "PDF", "Excel")

    seen: list[tuple[str, str, str]] = []
    pages = ["today", "library", "attendance", "pupils", "history", "sync", "settings", "timetable"]
    for key in pages:
        window.show_page(key)
        wait_idle(qtbot, tasks)
        seen += [(key, n, t) for n, t in visible_texts(window)]
    window.library.show_subscriptions()
    wait_idle(qtbot, tasks)
    seen += [("subscriptions", n, t) for n, t in visible_texts(window)]
    for lesson_id in (MUSIC, VIDEO, SLIDES):
        player = ctx.classroom.open_now(lesson_id)
        wait_laid_out(qtbot, player)
        player.toggle_help()
        if lesson_id == SLIDES:
            player.ink.set_pen(True)  # the pen's toolbar too
        seen += [(f"player {lesson_id}", n, t) for n, t in visible_texts(player)]
        player.close()
    wait_idle(qtbot, tasks)
    ctx.shutdown()

    patterns = _source_patterns()
    problems = []
    for where, name, text in seen:
        for line in text.split("\n"):
            line = line.strip()
            if where == "settings" and line == "English":
                continue  # the language picker names each language in itself
            if not line or line in content or any(c in line for c in content if len(c) > 3 and c.isascii()):
                continue
            if any(p.fullmatch(line) for p in patterns):
                problems.append(f"{where}: {name}: {line!r} is an untranslated source string")
            elif ENGLISH_PHRASE.search(line) and not any(a in line for a in allowed):
                problems.append(f"{where}: {name}: {line!r} looks like English")
    assert problems == [], "\n".join(problems)
    assert len(seen) > 200
