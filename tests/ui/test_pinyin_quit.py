"""The app can quit while its pinyin child is still at work on a catalog's titles (a 10 MB
title used to keep it busy for minutes, and closing the app waited for it)."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from eduteach_desktop.search import pinyin_process
from eduteach_desktop.services import Services
from eduteach_protocol.catalog import Catalog, Lesson, LessonFile

HUGE_TITLE = "小星星" * 3_500_000  # 10.5 million characters

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.fixture
def huge_title_services(tmp_path: Path) -> Iterator[Services]:
    services = Services.open(tmp_path / "data")
    lessons = tuple(
        Lesson(id=f"music-g1-{i}", title=title, grade=1, subject="music", edition="人音版",
               volume="上册", unit=1, order=i + 1, kind="audio", duration=3.0,
               files=(LessonFile("media", "a.ogg", hashlib.sha256(bytes([i])).hexdigest(), 10),))
        for i, title in enumerate(["小星星", HUGE_TITLE]))
    catalog = Catalog(version=1, published="2026-09-01T00:00:00Z", lessons=lessons)
    body = catalog.to_bytes()
    services.library.add_catalog(catalog, hashlib.sha256(body).hexdigest(), body, "test")
    services.library.activate(1)
    yield services
    services.close()


def test_quitting_kills_a_pinyin_child_that_is_still_working(
        qtbot, zh_app, huge_title_services, runner, dialogs, network, tmp_path, monkeypatch):
    from eduteach_desktop.ui.app import EduTeachApp

    # A child that reads the titles, says so, and then works "forever" (its sleep is the
    # fault itself: a child still busy when the teacher quits); no timeout would
    # end it during the test, so only the app's own kill on quit can.
    started = tmp_path / "child-started"
    script = ("import sys, time; sys.stdin.buffer.read(); "
              f"open({str(started)!r}, 'w').close(); time.sleep(3600)")
    monkeypatch.setattr(pinyin_process, "command", lambda: [sys.executable, "-c", script])
    monkeypatch.setattr(pinyin_process, "child_timeout", lambda count: 3600.0)

    app = EduTeachApp(huge_title_services, runner, dialogs, network=network, auto_sync=False)
    qtbot.addWidget(app.main_window)
    app.ctx.library.refresh()
    child = app.ctx.library._pinyin  # noqa: SLF001 - the component that owns the child
    qtbot.waitUntil(lambda: child.pid is not None and started.exists(), timeout=20_000)
    pid = child.pid
    assert pid is not None and running(pid)

    app.shutdown()  # what closing the last window does; returns once the workers are done
    qtbot.waitUntil(lambda: not running(pid), timeout=10_000)
    assert child.pid is None
    assert app.ctx.library.index is None  # no keys were made up for the titles
    QApplication.processEvents()  # queued task callbacks: quitting is no error to show
    assert dialogs.shown == []


def test_a_huge_title_gets_keys_for_its_start_only():
    batch = pinyin_process.keys_in_child(["小星星", HUGE_TITLE])
    rows = list(batch.rows())
    assert rows[0][1:] == ("xiaoxingxing", "xxx")
    full, initials = rows[1][1:]
    assert len(initials) == pinyin_process.MAX_PINYIN_CHARS
    assert full == "xiaoxingxing" * (pinyin_process.MAX_PINYIN_CHARS // 3) + "xiaoxing"
