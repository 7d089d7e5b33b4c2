"""The teacher's notes and presenter view on one screen (the normal offscreen platform), and
the two-screen suite (tests/ui/two_screens) run in a child process with two virtual screens."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication

from eduteach_desktop.ui.player.notes_view import NotesView, read_notes
from eduteach_desktop.ui.player.presenter import projector_screen
from eduteach_protocol.notes import LessonNotes

from .conftest import SLIDES
from .helpers import make_player
from .two_screens.conftest import ENV, SCREENS

ROOT = Path(__file__).resolve().parents[2]


def test_presenter_view_on_two_virtual_screens(tmp_path: Path) -> None:
    """Runs tests/ui/two_screens in a child pytest on Qt's offscreen platform with two
    screens (a platform is fixed per process); fails with the child's output if any fails."""
    config = tmp_path / "two-screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONIOENCODING="utf-8")
    env[ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/ui/two_screens", "-q", "-p", "no:cacheprovider",
         "--basetemp", str(tmp_path / "child")],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]
    passed = re.search(r"(\d+) passed", output)
    assert passed and int(passed.group(1)) >= 8, output[-3000:]
    assert "skipped" not in output and "failed" not in output, output[-3000:]


class _Screen:
    def __init__(self, x: int, y: int, w: int, h: int):
        self._rect = QRect(x, y, w, h)

    def geometry(self) -> QRect:
        return self._rect


def test_which_screen_is_the_projector() -> None:
    teacher = _Screen(0, 0, 1366, 768)
    beside = _Screen(1366, 0, 1024, 768)
    mirrored = _Screen(0, 0, 1366, 768)
    overlapping = _Screen(600, 0, 1024, 768)
    assert projector_screen([teacher], teacher) is None
    assert projector_screen([teacher, mirrored], teacher) is None  # duplicated: one picture
    assert projector_screen([teacher, overlapping], teacher) is None
    assert projector_screen([mirrored, teacher, beside], teacher) is beside
    assert projector_screen([beside], None) is None


def test_one_screen_opens_the_lesson_as_always_and_p_explains(qtbot, zh_app, services, tasks, dialogs):
    assert len(QGuiApplication.screens()) == 1
    player = make_player(qtbot, services, tasks, dialogs, SLIDES)
    player.presenter.show_window()
    qtbot.waitUntil(player.isVisible, timeout=5_000)
    assert player.isMaximized() and not player.presenter.active and player.presenter.view is None
    qtbot.keyClick(player, Qt.Key.Key_P)
    assert not player.presenter.active and player.presenter.view is None
    assert dialogs.shown and dialogs.shown[-1][0] == "info" and "P" in dialogs.shown[-1][2]
    assert player.slides_view.index == 0  # nothing else happened to the lesson
    player.close()


def test_notes_markdown_is_shown_but_never_reaches_out(qtbot, zh_app) -> None:
    view = NotesView()
    qtbot.addWidget(view)
    requested = []
    view.loadResource = lambda kind, url: requested.append(url) or None  # type: ignore[method-assign]
    lesson = ("**先听范唱**，再唱。<img src=\"http://10.0.0.1/x.png\"> <script>alert(1)</script>\n\n"
              "[打开网页](http://example.invalid/) ![图](http://example.invalid/a.png) ![本机](file:///etc/passwd)")
    view.show_notes(lesson, "这一页", "# 标题\n- 一\n- **二\n```\n没有结束的代码块", "markdown")
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # lays out and paints: any image would be asked for now
    text = view.toPlainText()
    assert "先听范唱" in text and "**先听范唱**" not in text  # Markdown rendered
    assert '<img src="http://10.0.0.1/x.png">' in text and "<script>" in text  # HTML shown as typed
    assert "没有结束的代码块" in text and "**二" in text  # broken Markdown stays readable
    assert text.index("这一页") < text.index(view.tr("For the whole lesson"))
    assert not view.has_images() and requested == []
    assert not view.openLinks() and not view.openExternalLinks()
    inside = view.document().find("打开网页")
    inside.setPosition(inside.selectionStart() + 2)
    at = view.cursorRect(inside).center()
    assert view.anchorAt(at) == "http://example.invalid/"  # shown as a link, and only shown
    source = view.source()
    with qtbot.waitSignal(view.anchorClicked, timeout=5_000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert view.source() == source and requested == []  # a click never navigates nor loads


def test_plain_notes_are_plain(qtbot, zh_app) -> None:
    view = NotesView()
    qtbot.addWidget(view)
    view.show_notes("**不是粗体** <b>x</b>", "", "", "plain")
    assert "**不是粗体** <b>x</b>" in view.toPlainText()


def test_reading_notes_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="eduteach_desktop.ui.player.notes_view")
    good = tmp_path / "good"
    good.write_bytes(LessonNotes(lesson="先听后唱", markup="plain", slides={2: "第二张"}).to_bytes())
    notes = read_notes(good)
    assert notes is not None and notes.lesson == "先听后唱" and notes.for_slide(2) == "第二张"
    assert read_notes(None) is None
    assert read_notes(tmp_path / "missing") is None
    for name, data in {
        "not-json": b"{ not json",
        "not-utf8": b"\xff\xfe\x00",
        "wrong-format": json.dumps({"format": "other"}).encode(),
        "bad-range": json.dumps({"format": "eduteach-notes", "format_version": 1,
                                 "ranges": [{"start": 5, "end": 1, "text": "x"}]}).encode(),
        "too-large": b" " * (1024 * 1024 + 10),
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert read_notes(path) is None, name
    messages = [r.getMessage() for r in caplog.records]
    assert sum("not used" in m for m in messages) == 5 and any("cannot be read" in m for m in messages)
    empty = tmp_path / "empty"
    empty.write_bytes(LessonNotes().to_bytes())
    assert read_notes(empty) is None
