"""The Downloads panel against a throttled HTTP source (FaultServer): progress, pause,
resume from the same byte; metered networks pause the county link (PCs nearby still serve);
records status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from eduteach_desktop.services import Services
from eduteach_desktop.ui.app import EduTeachApp
from tests.helpers.faultserver import Faults, FaultServer

from .helpers import wait_idle


@pytest.fixture
def fresh(tmp_path: Path, demo_repo: Path) -> Iterator[Services]:
    svc = Services.open(tmp_path / "fresh")
    svc.trust.install_root((demo_repo / "metadata" / "root.json").read_bytes())
    yield svc
    svc.close()


def _blob_bytes(repo: Path) -> int:
    return sum(p.stat().st_size for p in (repo / "blobs").rglob("*") if p.is_file())


def test_pause_and_resume_continue_from_the_same_byte(qtbot, zh_app, fresh, runner, dialogs,
                                                      network, demo_repo: Path):
    edu = EduTeachApp(fresh, runner, dialogs, network=network, auto_sync=False)
    qtbot.addWidget(edu.main_window)
    window, sync = edu.main_window, edu.ctx.sync
    window.show()
    window.show_page("sync")
    panel = window.sync
    total = _blob_bytes(demo_repo)
    with FaultServer(demo_repo, Faults(link_rate=total / 4)) as server:  # about 4 s in all
        sync.set_locations([server.url])
        assert sync.start()
        qtbot.waitUntil(lambda: sync.progress().phase == "downloading"
                        and sync.progress().bytes_done > total / 8, timeout=20_000)
        qtbot.waitUntil(lambda: panel.numbers.text() != "", timeout=2000)
        assert "正在下载" in panel.phase.text()
        assert "/秒" in panel.numbers.text() and "还要" in panel.numbers.text()
        qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not sync.running, timeout=20_000)
        paused_at = sync.progress().bytes_done
        assert 0 < paused_at < sync.progress().bytes_total
        assert "已暂停" in panel.phase.text() and panel.resume_button.isVisible()
        # Really stopped: the app hung up, so the server sends nothing more (a client that
        # only stopped reading would keep its response in flight until the test times out).
        qtbot.waitUntil(lambda: server.responses_in_flight == 0, timeout=10_000)
        with qtbot.waitSignal(sync.sync_finished, timeout=60_000) as finished:
            qtbot.mouseClick(panel.resume_button, Qt.MouseButton.LeftButton)
        assert finished.args[0].ok, finished.args[0].problems
        # Resumed, not restarted: at most one 256 KiB fsync window fetched twice.
        assert server.bytes_sent <= total + 256 * 1024 + 200_000
    qtbot.waitUntil(lambda: "都已经在这台电脑上" in panel.phase.text(), timeout=5000)
    qtbot.waitUntil(lambda: sum(r.installed for r in edu.ctx.library.rows) == 5, timeout=10_000)
    edu.shutdown()


def test_metered_network_pauses_downloads_and_records_status(qtbot, edu, network, services, tasks):
    window, sync = edu.main_window, edu.ctx.sync
    window.show_page("sync")
    panel = window.sync
    network.set_state(metered=True)
    assert sync.metered_paused
    sync.set_locations(["http://127.0.0.1:9/repo"])  # the county link: not used on mobile data
    # The sync still runs (PCs nearby and folders may serve), without touching the hub.
    with qtbot.waitSignal(sync.sync_finished, timeout=20_000) as finished:
        assert sync.start()
    assert [p.code for p in finished.args[0].problems] == ["metered"]
    panel.update_view()
    assert "流量" in panel.phase.text()
    network.available = False
    panel.update_view()
    assert "无法判断" in panel.network.text()
    network.available = True
    network.set_state(metered=False)
    assert not sync.metered_paused and sync.running  # back on a normal network: it goes on
    sync.pause()
    # records: waiting, refused ones with the reason, not enrolled
    lesson = services.library.lesson("music-g1-renyin-xiaoxingxing")
    saved = services.usage.record_play(lesson, services.clock.now(), 12.0, False)
    services.outbox.quarantine(saved.record_ids[0], "statement.verb is not allowed")
    sync.refresh_status()
    qtbot.waitUntil(lambda: "1 条记录等待" in panel.waiting.text(), timeout=5000)
    assert "拒收" in panel.quarantine.text() and "statement.verb" in panel.quarantine.text()
    assert "还没有连接" in panel.upload_problem.text()
    assert not panel.upload_button.isEnabled()
    wait_idle(qtbot, tasks)


def test_uploader_runs_when_the_network_comes_back_with_backoff_between_failures(
    qtbot, edu, network, services, tasks
):
    from eduteach_desktop.store import settings as keys

    # Enrolled with a hub that is not there: every upload fails.
    services.settings.update({keys.HUB_URL: "http://127.0.0.1:9", keys.DEVICE_ID: "dev-1",
                              keys.DEVICE_SECRET: "s3cret"})
    lesson = services.library.lesson("music-g1-renyin-xiaoxingxing")
    services.usage.record_play(lesson, services.clock.now(), 12.0, False)
    sync = edu.ctx.sync
    sync.upload_backoff.base = 60.0
    network.set_state(online=False)
    assert not sync.uploading
    with qtbot.waitSignal(sync.upload_finished, timeout=20_000) as first:
        network.set_state(online=True)  # reachability came back: upload at once
    assert isinstance(first.args[0], Exception)
    assert sync.upload_backoff.failures == 1 and 30 <= sync.next_upload_in <= 60
    edu.main_window.show_page("sync")
    panel = edu.main_window.sync
    qtbot.waitUntil(lambda: "连不上" in panel.upload_problem.text(), timeout=5000)
    assert "后再试" in panel.upload_problem.text()
    # the link flaps: a new connection resets the backoff and tries again at once
    network.set_state(online=False)
    with qtbot.waitSignal(sync.upload_finished, timeout=20_000):
        network.set_state(online=True)
    assert sync.upload_backoff.failures == 1
    # both failed tries were counted on the waiting record, and the teacher is told
    qtbot.waitUntil(lambda: "已经尝试发送 2 次" in panel.waiting.text(), timeout=5000)
    assert "条记录等待" in panel.waiting.text()
    sync.pause()  # the sync it started against the missing hub
    wait_idle(qtbot, tasks, timeout=20_000)


def test_a_refused_source_is_explained_to_the_teacher(qtbot, zh_app, fresh, runner, dialogs, network,
                                                      tmp_path: Path):
    from tests.helpers.lessons import TestRepo, write_lesson

    other = TestRepo(tmp_path / "other-county")  # its own root: not the one this PC trusts
    write_lesson(other.src, "song-a")
    other.publish()
    edu = EduTeachApp(fresh, runner, dialogs, network=network, auto_sync=False)
    qtbot.addWidget(edu.main_window)
    window, sync = edu.main_window, edu.ctx.sync
    window.show()
    window.show_page("sync")
    sync.set_locations([str(other.repo)])
    with qtbot.waitSignal(sync.sync_finished, timeout=60_000) as finished:
        assert sync.start()
    report = finished.args[0]
    assert not report.ok and [p.code for p in report.refused] == ["other_repository"]
    qtbot.waitUntil(lambda: "别的县" in window.sync.phase.text(), timeout=5000)
    assert "电教技术员" in window.sync.phase.text()
    wait_idle(qtbot, runner)
