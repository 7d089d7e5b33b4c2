"""The library window: the demo lessons in the tree, first-run import, empty state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from eduteach_desktop.services import Services
from eduteach_desktop.ui.app import EduTeachApp
from eduteach_desktop.ui.library_model import LESSON_ID_ROLE

from .conftest import MUSIC, SLIDES
from .helpers import open_library

DEMO_IDS = {
    "art-g1-lingnan-huataiyang",
    "english-g3-waiyan-hello",
    "math-g1-renjiao-shu5",
    "music-g1-renyin-xiaoxingxing",
    "music-g2-xiangyi-liangzhilaohu",
}


def _top_level_texts(window) -> list[str]:  # noqa: ANN001
    model = window.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_library_shows_the_demo_lessons_by_grade_subject_unit(
    qtbot, zh_app, services, tasks, dialogs
):
    window = open_library(qtbot, services, tasks, dialogs)
    assert set(window.lesson_ids_in_tree()) == DEMO_IDS
    assert _top_level_texts(window) == ["一年级", "二年级", "三年级"]
    # 一年级 → 数学 comes before 音乐 and 美术 (timetable order), then its unit, then the lesson.
    grade1 = window.model.index(0, 0)
    subjects = [
        window.model.index(r, 0, grade1).data() for r in range(window.model.rowCount(grade1))
    ]
    assert [s.split()[0] for s in subjects] == ["数学", "音乐", "美术"]
    music = window.model.index(1, 0, grade1)
    unit = window.model.index(0, 0, music)
    assert unit.data().replace(" ", "") == "第2单元可爱的星星"
    lesson = window.model.index(0, 0, unit)
    assert lesson.data(LESSON_ID_ROLE) == MUSIC and lesson.data() == "小星星"
    assert window.stack.currentIndex() == 0
    assert "5" in window.installed_label.text()
    assert "0" in window.records_label.text()
    assert dialogs.shown == []


def test_enter_on_a_lesson_opens_the_player(qtbot, zh_app, services, tasks, dialogs):
    window = open_library(qtbot, services, tasks, dialogs)
    assert window.select_lesson(SLIDES)
    assert window.card.title.text() == "画一个笑脸太阳"
    with qtbot.waitSignal(window.player_opened, timeout=5000) as opened:
        qtbot.keyClick(window.tree, Qt.Key.Key_Return)
    player = opened.args[0]
    assert player.lesson.id == SLIDES and player.isVisible()
    player.close()


def test_empty_library_explains_how_to_get_lessons(qtbot, zh_app, empty_services, runner, dialogs):
    window = open_library(qtbot, empty_services, runner, dialogs)
    assert window.lesson_ids_in_tree() == []
    assert window.stack.currentWidget() is window.empty_page
    assert "电教馆" in window.empty_text.text()
    assert not window.card.play_button.isEnabled()


def test_first_run_imports_the_demo_lessons_with_an_indicator(
    qtbot, zh_app, tmp_path: Path, demo_repo: Path, runner, dialogs, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("eduteach_desktop.services.demo_repo_path", lambda: demo_repo)
    services = Services.open(tmp_path / "first-run")
    try:
        edu = EduTeachApp(services, runner, dialogs)
        qtbot.addWidget(edu.library_window)
        edu.start()
        assert "正在导入示例课程" in edu.library_window.busy_text()
        qtbot.waitUntil(
            lambda: set(edu.library_window.lesson_ids_in_tree()) == DEMO_IDS, timeout=20_000
        )
        qtbot.waitUntil(lambda: edu.library_window.busy_text() == "", timeout=5000)
        assert dialogs.shown == []
        edu.shutdown()
    finally:
        services.close()
