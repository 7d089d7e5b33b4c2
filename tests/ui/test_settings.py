"""Settings: hub address and enrollment (against a real hub), speed limit and download
hours, storage folder with free space, language and text size."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QApplication

from eduteach_desktop.store import settings as keys
from eduteach_desktop.ui.theme import FONT_SCALE, apply_theme

WAIT = 20_000


def _open(qtbot, edu):  # noqa: ANN001, ANN202
    window = edu.main_window
    window.show_page("settings")
    page = window.settings
    qtbot.waitUntil(lambda: page.folder.text() != "", timeout=WAIT)
    return page


def test_speed_limit_hours_and_text_size_are_saved_and_applied(qtbot, edu, services):
    page = _open(qtbot, edu)
    assert page.folder.text() == str(services.datadir.root)
    assert "课程占用" in page.space.text() and "这块硬盘还剩" in page.space.text()
    assert page.cap.currentData() == 0 and not page.only_hours.isChecked()
    page.cap.setCurrentIndex(page.cap.findData(64 * 1024))
    page.only_hours.setChecked(True)
    page.start_time.setTime(QTime(19, 30))
    page.end_time.setTime(QTime(6, 45))
    page.scale.setCurrentIndex(page.scale.findData(1.5))
    app = QApplication.instance()
    try:
        with qtbot.waitSignal(page.saved, timeout=WAIT):
            page.save_button.click()
        assert services.settings.get(keys.BANDWIDTH_CAP) == 64 * 1024
        assert services.settings.get(keys.SYNC_WINDOWS) == ["19:30-06:45"]
        assert services.settings.get(FONT_SCALE) == 1.5
        assert float(app.property("eduteach_font_scale")) == 1.5  # at once, not at the next start
        assert page.saved_label.text() == "已保存。"
        # what was saved is what the page shows next time
        page.cap.setCurrentIndex(0)
        page.only_hours.setChecked(False)
        page.refresh()
        qtbot.waitUntil(lambda: page.cap.currentData() == 64 * 1024, timeout=WAIT)
        assert page.only_hours.isChecked()
        assert page.start_time.time() == QTime(19, 30) and page.end_time.time() == QTime(6, 45)
        # no download hours: the setting is emptied, not left behind
        page.only_hours.setChecked(False)
        with qtbot.waitSignal(page.saved, timeout=WAIT):
            page.save_button.click()
        assert services.settings.get(keys.SYNC_WINDOWS) == []
    finally:
        apply_theme(app, 1.0)


def test_enroll_from_settings_with_a_real_hub(qtbot, edu, services, tmp_path):
    from tests.integration.hubproc import run_cli, running_hub

    home = tmp_path / "hub"
    assert run_cli("init", str(home), "--county", "430123").returncode == 0
    added = run_cli("school", "add", "4301230007", "--name", "石门坎教学点", home=home)
    assert added.returncode == 0, added.stderr
    code = added.stdout.strip().splitlines()[-1].strip()
    page = _open(qtbot, edu)
    assert "还没有连接" in page.hub_state.text() or not services.settings.enrolled()
    page.enroll_button.click()
    assert page.enroll_result.text() == "请同时输入地址和注册码。"
    with running_hub(home) as url:
        page.hub_url.setText(url)
        page.code.setText("WRONG-CODE-0000")
        page.enroll_button.click()
        qtbot.waitUntil(lambda: page.enroll_button.isEnabled(), timeout=WAIT)
        assert "注册码不对" in page.enroll_result.text(), page.enroll_result.text()
        assert not services.settings.enrolled()
        page.code.setText(code)
        with qtbot.waitSignal(page.enrolled, timeout=WAIT):
            page.enroll_button.click()
        assert "石门坎教学点" in page.enroll_result.text()
        assert services.settings.enrolled() and services.settings.get(keys.HUB_URL) == url
        qtbot.waitUntil(lambda: "4301230007" in page.hub_state.text(), timeout=WAIT)
        assert page.code.text() == ""  # a one-time code is not kept on screen


def test_an_unreachable_hub_is_explained_in_plain_words(qtbot, edu, services):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    page = _open(qtbot, edu)
    page.hub_url.setText(f"http://127.0.0.1:{port}")
    page.code.setText("ABCD-EFGH-JKLM")
    page.enroll_button.click()
    qtbot.waitUntil(lambda: page.enroll_button.isEnabled(), timeout=WAIT)
    assert page.enroll_result.text() == "没有连接上：连不上县里的课程服务。请检查地址和网线。"
    assert not services.settings.enrolled()


def test_a_data_folder_on_a_network_drive_is_explained(qtbot, edu, services, monkeypatch):  # noqa: ANN001
    from eduteach_desktop.store import datadir

    monkeypatch.setattr(datadir, "_mountinfo",
                        lambda: f"40 22 0:35 / {services.datadir.root} rw - nfs4 nas:/x rw\n")
    page = _open(qtbot, edu)
    qtbot.waitUntil(lambda: page.folder_problem.isVisible(), timeout=WAIT)
    assert "网络驱动器" in page.folder_problem.text()


def test_a_healthy_data_folder_shows_no_problem(qtbot, edu, services):  # noqa: ANN001
    page = _open(qtbot, edu)
    qtbot.waitUntil(lambda: page.space.text() != "", timeout=WAIT)
    assert not page.folder_problem.isVisible() and page.folder_problem.text() == ""
