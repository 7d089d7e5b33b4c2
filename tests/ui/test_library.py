"""The library page: grade → subject → edition → volume → unit → lesson, states, the
subscription sets with sizes, first-run import, empty state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from eduteach_desktop.services import Services
from eduteach_desktop.store.library import Subscription
from eduteach_desktop.ui.app import EduTeachApp
from eduteach_desktop.ui.library_model import LESSON_ID_ROLE, STATE_ROLE

from .conftest import MUSIC, SLIDES
from .helpers import open_library, wait_idle

DEMO_IDS = {
    "art-g1-lingnan-huataiyang",
    "english-g3-waiyan-hello",
    "math-g1-renjiao-shu5",
    "music-g1-renyin-xiaoxingxing",
    "music-g2-xiangyi-liangzhilaohu",
}


def _children(model, parent) -> list[str]:  # noqa: ANN001
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_tree_by_grade_subject_edition_volume_unit(qtbot, zh_app, services, tasks, dialogs):
    window = open_library(qtbot, services, tasks, dialogs)
    model = window.page.model
    assert set(window.lesson_ids_in_tree()) == DEMO_IDS
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["一年级", "二年级", "三年级"]
    grade1 = model.index(0, 0)
    assert _children(model, grade1) == ["数学", "音乐", "美术"]  # timetable order
    music = model.index(1, 0, grade1)
    edition = model.index(0, 0, music)
    assert edition.data() == "人音版"
    volume = model.index(0, 0, edition)
    assert volume.data() == "上册"
    unit = model.index(0, 0, volume)
    assert unit.data().replace(" ", "") == "第2单元可爱的星星"
    lesson = model.index(0, 0, unit)
    assert lesson.data(LESSON_ID_ROLE) == MUSIC and lesson.data() == "小星星"
    assert lesson.siblingAtColumn(3).data() == "可播放"
    assert model.parent(lesson) == unit
    assert "5 节课" in window.page.hint.text()
    assert dialogs.shown == []


def test_enter_on_a_lesson_opens_the_player(qtbot, zh_app, services, tasks, dialogs):
    window = open_library(qtbot, services, tasks, dialogs)
    assert window.select_lesson(SLIDES)
    assert window.card.title.text() == "画一个笑脸太阳"
    with qtbot.waitSignal(window.player_opened, timeout=5000) as opened:
        qtbot.keyClick(window.page.tree, Qt.Key.Key_Return)
    player = opened.args[0]
    assert player.lesson.id == SLIDES and player.isVisible()
    player.close()
    wait_idle(qtbot, tasks)


def test_subscriptions_show_sizes_and_mark_unsubscribed_lessons(qtbot, edu, services, tasks):
    page = edu.main_window.library
    edu.main_window.show_page("library")
    qtbot.mouseClick(page.subscribe_button, Qt.MouseButton.LeftButton)
    panel = page.subscriptions
    qtbot.waitUntil(lambda: len(panel._boxes) == 5, timeout=5000)
    assert all(box.isChecked() for box in panel._boxes.values())
    assert "要下载：0 B" in panel.summary.text()  # everything is already here
    panel.set_checked((2, "music", "湘艺版"), False)
    with qtbot.waitSignal(panel.saved, timeout=5000):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert (2, "music", "湘艺版") not in {(s.grade, s.subject, s.edition) for s in services.library.subscriptions()}
    assert Subscription(1, "music", "人音版") in services.library.subscriptions()
    wait_idle(qtbot, tasks)
    # with a lesson missing, its state is shown by subscription
    services.blobs.forget(services.library.lesson("music-g2-xiangyi-liangzhilaohu").first_file("media").sha256)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.refresh()
    wait_idle(qtbot, tasks)
    index = page.model.index_of("music-g2-xiangyi-liangzhilaohu")
    assert index.data(STATE_ROLE) == "not_subscribed"
    assert index.siblingAtColumn(3).data() == "未订阅"


def test_county_editions_are_ticked_and_the_teacher_can_go_back_to_them(qtbot, edu, services, tasks):
    """The county chose 人音版 for music: only that music book is ticked, with a note; the
    teacher's own choice wins; "Use the county's choice" returns to the county's."""
    from eduteach_protocol.editions import EditionRule

    services.library.set_county_editions([EditionRule("music", 0, "人音版")])
    page = edu.main_window.library
    edu.main_window.show_page("library")
    qtbot.mouseClick(page.subscribe_button, Qt.MouseButton.LeftButton)
    panel = page.subscriptions
    qtbot.waitUntil(lambda: len(panel._boxes) == 5 and panel.source_note.isVisible(), timeout=5000)
    assert "县" in panel.source_note.text() and not panel.county_button.isVisible()
    assert not panel._boxes[(2, "music", "湘艺版")].isChecked()
    assert panel._boxes[(1, "music", "人音版")].isChecked() and panel._boxes[(1, "art", "岭南版")].isChecked()

    panel.set_checked((2, "music", "湘艺版"), True)
    with qtbot.waitSignal(panel.saved, timeout=5000):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert services.library.subscription_source() == "teacher"
    qtbot.mouseClick(page.subscribe_button, Qt.MouseButton.LeftButton)  # open it again
    qtbot.waitUntil(lambda: panel.county_button.isVisible(), timeout=5000)
    assert panel._boxes[(2, "music", "湘艺版")].isChecked()

    with qtbot.waitSignal(panel.saved, timeout=5000):
        qtbot.mouseClick(panel.county_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.library.subscription_source() == "county", timeout=5000)
    qtbot.waitUntil(lambda: not panel.county_button.isVisibleTo(panel), timeout=5000)
    assert not panel._boxes[(2, "music", "湘艺版")].isChecked()
    wait_idle(qtbot, tasks)


def test_subscriptions_list_the_books_of_a_catalog_still_arriving(qtbot, edu, services, tasks):
    """A sync stored a newer catalog and is downloading it: the teacher chooses among its
    books (with sizes to fetch), not only the ones of the catalog in use."""
    import hashlib

    from eduteach_protocol.catalog import Catalog, Lesson, LessonFile

    active = services.library.active_catalog()
    art = Lesson(id="art-g2-new", title="剪窗花", grade=2, subject="art", edition="人美版", volume="下册",
                 unit=1, order=1, kind="slides", duration=0.0,
                 files=(LessonFile("media", "s.zip", "e" * 64, 3_000_000),))
    newer = Catalog(version=active.version + 1, published="2026-11-30T00:00:00Z",
                    lessons=(*active.lessons, art))
    body = newer.to_bytes()
    services.library.add_catalog(newer, hashlib.sha256(body).hexdigest(), body, "test")
    page = edu.main_window.library
    edu.main_window.show_page("library")
    qtbot.mouseClick(page.subscribe_button, Qt.MouseButton.LeftButton)
    panel = page.subscriptions
    qtbot.waitUntil(lambda: len(panel._boxes) == 6, timeout=5000)
    assert panel.pending_note.isVisible()
    assert "新的课程目录" in panel.pending_note.text()
    box = panel._boxes[(2, "art", "人美版")]
    assert box.text() == "二年级 · 美术 · 人美版" and box.isChecked()
    assert "要下载：2.9 MB" in panel.summary.text()  # only the new book is not here yet
    panel.set_checked((2, "art", "人美版"), False)
    assert "要下载：0 B" in panel.summary.text()
    wait_idle(qtbot, tasks)


def test_empty_library_explains_how_to_get_lessons(qtbot, zh_app, empty_services, runner, dialogs):
    window = open_library(qtbot, empty_services, runner, dialogs)
    assert window.lesson_ids_in_tree() == []
    assert window.page.views.currentWidget() is window.page.empty
    assert "电教馆" in window.page.empty.text()
    assert not window.card.play_button.isEnabled()


def test_first_run_imports_the_demo_lessons_with_an_indicator(
    qtbot, zh_app, tmp_path: Path, demo_repo: Path, runner, dialogs, network,
    monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("eduteach_desktop.services.demo_repo_path", lambda: demo_repo)
    services = Services.open(tmp_path / "first-run")
    try:
        edu = EduTeachApp(services, runner, dialogs, network=network, auto_sync=False)
        qtbot.addWidget(edu.main_window)
        shown: list[str] = []
        set_busy = edu.main_window.set_busy

        def record_busy(key: str, text: str | None) -> None:
            set_busy(key, text)
            shown.append(edu.main_window.busy_text())

        monkeypatch.setattr(edu.main_window, "set_busy", record_busy)
        edu.start()  # a worker decides it is a first start, then the import begins
        qtbot.waitUntil(lambda: any("正在导入示例课程" in text for text in shown), timeout=10_000)
        qtbot.waitUntil(lambda: {r.id for r in edu.ctx.library.rows} == DEMO_IDS, timeout=20_000)
        qtbot.waitUntil(lambda: edu.main_window.busy_text() == "", timeout=5000)
        assert dialogs.shown == []
        edu.shutdown()
    finally:
        services.close()
