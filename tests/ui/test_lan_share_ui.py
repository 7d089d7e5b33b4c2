"""The app's "share my lessons with PCs nearby" setting starts and stops a real share server
(127.0.0.1, no announcement in tests), and the Downloads panel says where bytes came from."""

from __future__ import annotations

import requests

from eduteach_desktop.services import Services
from eduteach_desktop.store import settings as keys
from eduteach_desktop.sync.progress import ProgressBoard
from eduteach_desktop.ui.sync_page import SyncPage
from tests.helpers.faultserver import FaultServer

WAIT = 20_000


def test_share_setting_starts_and_stops_the_share(qtbot, edu, services):
    switch = edu.ctx.share
    switch.factory = lambda: services.lesson_share(port=0, host="127.0.0.1", announce=False)
    window = edu.main_window
    window.show_page("settings")
    page = window.settings
    qtbot.waitUntil(lambda: page.folder.text() != "", timeout=WAIT)
    assert page.share_lessons.text() == "与附近的电脑共享课程"
    assert not page.share_lessons.isChecked()
    page.share_lessons.setChecked(True)
    with qtbot.waitSignal(switch.changed, timeout=WAIT) as started:
        page.save_button.click()
    assert started.args == [True] and services.settings.get(keys.SHARE_LESSONS) is True
    assert page.share_state.text() == "正在共享：附近的电脑可以找到这台电脑。"
    url = f"http://127.0.0.1:{switch.share.port}/metadata/timestamp.json"
    assert requests.get(url, timeout=5).status_code == 200
    page.share_lessons.setChecked(False)
    with qtbot.waitSignal(switch.changed, timeout=WAIT) as stopped:
        page.save_button.click()
    assert stopped.args == [False] and not switch.serving


def test_sync_panel_shows_bytes_by_source(qtbot, edu, services, demo_repo, tmp_path):
    share = services.lesson_share(port=0, host="127.0.0.1", announce=False)
    share.start()
    other = Services.open(tmp_path / "other")
    try:
        other.trust.install_root((demo_repo / "metadata" / "root.json").read_bytes())
        board = ProgressBoard(other.clock.monotonic)
        with FaultServer(demo_repo) as hub:
            report = other.sync([hub.url + "/"], board, peers=[f"http://127.0.0.1:{share.port}/"])
        assert report.ok, report.problems
    finally:
        other.close()
        share.stop()
    page = SyncPage(edu.ctx)
    qtbot.addWidget(page)
    text = page.sources_text(board.latest())
    assert text.startswith("来源：附近的电脑 127.0.0.1 ")
    assert "县课程服务" not in text  # every blob came from the PC nearby
