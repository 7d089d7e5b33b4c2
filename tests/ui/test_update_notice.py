"""The app's update notice: quiet, in Chinese, never during a class (ui/update_notice.py)."""

from __future__ import annotations

import hashlib

from eduteach_desktop.update.state import StateFile, UpdateState, release_to_dict
from eduteach_protocol.app_release import AppRelease


def _stage(services, version: str) -> None:  # noqa: ANN001
    """What a sync leaves when it staged a newer version (update/fetch.py)."""
    body = b"the new bundle"
    sha = hashlib.sha256(body).hexdigest()
    folder = services.updates.folder
    (folder / "staged").mkdir(parents=True, exist_ok=True)
    (folder / "staged" / sha).write_bytes(body)
    release = AppRelease(version, services.identity.platform, "stable", "", "2026-12-07T00:00:00Z",
                         f"apps/{services.identity.platform}/{version}/eduteach.tar", len(body), sha)
    StateFile(folder).save(UpdateState(state="staged", update_version=version, staged=release_to_dict(release)))


def test_a_downloaded_version_is_offered_quietly_and_hidden_during_a_class(edu, services, qtbot):  # noqa: ANN001
    _stage(services, "9.1.0")
    notice = edu.main_window.update_notice
    notice.refresh()
    qtbot.waitUntil(notice.isVisible, timeout=10_000)
    assert notice.text.text() == "新版本 9.1.0 已下载，关闭 EduTeach 时安装。"

    with qtbot.waitSignal(edu.ctx.classroom.session_changed, timeout=10_000):
        edu.ctx.classroom.start("music", (1,))
    assert edu.ctx.classroom.session is not None
    assert not notice.isVisible()  # never in front of the pupils
    with qtbot.waitSignal(edu.ctx.classroom.session_changed, timeout=10_000):
        edu.ctx.classroom.end()
    qtbot.waitUntil(notice.isVisible, timeout=10_000)


def test_a_rollback_is_said_in_one_line(edu, services, qtbot):  # noqa: ANN001
    StateFile(services.updates.folder).save(UpdateState(
        state="rolled_back", update_version="9.0.0", bad_versions=["9.0.0"],
        last_error="version 9.0.0 failed twice (it stopped (exit code 139) before passing its start-up self-test)"))
    notice = edu.main_window.update_notice
    notice.refresh()
    qtbot.waitUntil(notice.isVisible, timeout=10_000)
    text = notice.text.text()
    assert text.startswith("新版本 9.0.0 未能正常启动，已退回 EduTeach ") and "课程和上课记录都完好无损" in text


def test_nothing_waiting_shows_nothing(edu, qtbot):  # noqa: ANN001
    notice = edu.main_window.update_notice
    notice.refresh()
    qtbot.waitUntil(lambda: "state" in notice._state, timeout=10_000)  # read on the worker, shown
    assert notice._state["state"] == "idle" and notice._state["waiting"] is None
    assert not notice.isVisible() and notice.message() == ""
