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


def test_a_refused_or_failed_download_is_said_without_the_technical_reason(edu, services, qtbot):  # noqa: ANN001
    StateFile(services.updates.folder).save(UpdateState(
        state="failed", update_version="9.2.0",
        last_error="the package of version 9.2.0 does not match its signature (tampered or damaged)"))
    notice = edu.main_window.update_notice
    notice.refresh()
    qtbot.waitUntil(notice.isVisible, timeout=10_000)
    assert notice.text.text().startswith("新版本 9.2.0 这次未能下载或安装")
    assert "signature" not in notice.text.text()


GUI_ON_TRIAL = (
    "import sys\n"
    "from pathlib import Path\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication\n"
    "import eduteach_desktop.resources as resources\n"
    "from eduteach_desktop.ui.app import run_app\n"
    "from eduteach_desktop.ui.dialogs import RecordingDialogs\n"
    "if sys.argv[2] == 'broken':  # a bundle whose translations are missing\n"
    "    resources.resource_path = lambda *parts: Path(sys.argv[1], 'nothing-here').joinpath(*parts)\n"
    "def on_started(edu):\n"
    "    QTimer.singleShot(2000, QApplication.quit)  # the mark is written before this runs\n"
    "sys.exit(run_app(sys.argv[1], ['eduteach'], dialogs=RecordingDialogs(), on_started=on_started))\n"
)


def test_the_real_app_on_trial_marks_itself_healthy_only_when_its_self_test_passes(tmp_path):  # noqa: ANN001
    """The GUI start of a new version, as the previous version's supervisor starts it."""
    import os
    import sys

    from eduteach_desktop.update.boot import healthy_mark, try_start
    from eduteach_desktop.update.identity import AppIdentity

    version = AppIdentity.detect().version  # from source: the package's own version
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    good = tmp_path / "good"
    outcome = try_start([sys.executable, "-c", GUI_ON_TRIAL, str(good), "ok"], good / "updates", version,
                        timeout=120, env=env)
    assert outcome.healthy and healthy_mark(good / "updates", version).exists()
    assert outcome.process is not None and outcome.process.wait(timeout=60) == 0

    bad = tmp_path / "bad"
    outcome = try_start([sys.executable, "-c", GUI_ON_TRIAL, str(bad), "broken"], bad / "updates", version,
                        timeout=120, env=env)
    assert not outcome.healthy and "exit code 3" in outcome.reason
    assert not healthy_mark(bad / "updates", version).exists()


def test_closing_on_windows_hands_the_install_to_the_detached_helper(tmp_path, monkeypatch):  # noqa: ANN001
    """The app never runs the installer over its own locked files: at exit it starts the
    helper (update/win_helper.py) with its PID and leaves. Elsewhere it fills the other slot."""
    import os
    import subprocess
    from types import SimpleNamespace

    from eduteach_desktop.core.clock import SystemClock
    from eduteach_desktop.store.datadir import DataDir
    from eduteach_desktop.store.fileio import FileIO
    from eduteach_desktop.ui.app import _apply_update_on_exit
    from eduteach_desktop.update.identity import WINDOWS, AppIdentity
    from eduteach_desktop.update.service import AppUpdates

    exe = tmp_path / "EduTeach" / "slots" / "1.0.0" / "eduteach.exe"
    ident = AppIdentity("1.0.0", "windows-x64", WINDOWS, exe.parent, exe)
    data = tmp_path / "data"
    updates = AppUpdates(data, ident, lambda: None, FileIO(), SystemClock(), lambda: "stable")  # type: ignore[arg-type]
    pc = SimpleNamespace(updates=updates, identity=ident, datadir=DataDir(data))
    _stage(pc, "2.0.0")
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: started.append((args, kw)))
    _apply_update_on_exit(pc)  # type: ignore[arg-type]
    (args, kwargs), = started
    assert args == [str(exe), "--apply-update-after", str(os.getpid()), "--data-dir", str(data)]
    assert kwargs["close_fds"] is True
    assert StateFile(updates.folder).load().state == "staged"  # nothing installed by the app itself
