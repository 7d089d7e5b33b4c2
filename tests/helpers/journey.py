"""Steps shared by the end-to-end journeys: the `eduteach` CLI as a subprocess, and a
teacher playing one lesson in the real app (offscreen) until a record is saved."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def eduteach(data: Path, *args: str, check: bool = True, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), *args],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=env,
    )
    if check:
        assert proc.returncode == 0, f"eduteach {' '.join(args)}\n{proc.stdout}\n{proc.stderr}"
    return proc


def play_one_lesson(qtbot: Any, data: Path, lesson_id: str) -> list[dict[str, Any]]:
    """Opens the app on `data`, plays `lesson_id` past its first lyric line, leaves with Esc,
    and returns the statements waiting in the outbox. No dialog may have been shown."""
    # Qt is imported here so that a test module can import this one without loading Qt
    # (the never-online journey's outer test runs no Qt at all).
    from PySide6.QtCore import Qt

    from eduteach_desktop.services import Services
    from eduteach_desktop.ui.dialogs import RecordingDialogs
    from eduteach_desktop.ui.library_window import LibraryWindow
    from eduteach_desktop.ui.tasks import TaskRunner

    services = Services.open(data)
    tasks = TaskRunner()
    try:
        dialogs = RecordingDialogs()
        window = LibraryWindow(services, tasks, dialogs)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.refreshed, timeout=10_000):
            window.refresh()
        assert window.select_lesson(lesson_id)
        with qtbot.waitSignal(window.player_opened, timeout=5000) as opened:
            qtbot.mouseClick(window.card.play_button, Qt.MouseButton.LeftButton)
        player = opened.args[0]
        qtbot.waitUntil(lambda: player.lyrics_view.current_index == 1, timeout=15_000)
        with qtbot.waitSignal(player.play_recorded, timeout=10_000):
            qtbot.keyClick(player, Qt.Key.Key_Escape)
        saved = [item.statement for item in services.outbox.pending()]
        assert dialogs.shown == []
    finally:
        tasks.shutdown()
        services.close()
    return saved
