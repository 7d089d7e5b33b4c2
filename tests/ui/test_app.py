"""run_app: a second copy on the same data dir says so clearly and exits 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from eduteach_desktop.services import Services
from eduteach_desktop.ui.app import run_app
from eduteach_desktop.ui.dialogs import RecordingDialogs


def test_second_instance_shows_already_open_and_exits_1(qapp: QApplication, tmp_path: Path):
    first = Services.open(tmp_path / "data")
    try:
        dialogs = RecordingDialogs()
        code = run_app(str(tmp_path / "data"), ["eduteach"], dialogs=dialogs)
        assert code == 1
        assert dialogs.shown and dialogs.shown[0][1] == "EduTeach 已经打开了"
    finally:
        first.close()


def test_run_app_starts_imports_and_quits_in_a_subprocess(tmp_path: Path, demo_repo: Path):
    """The whole start-up path with a real event loop. In a subprocess: app.exec() and
    quit() must not run on the test session's QApplication."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import eduteach_desktop.services as services_module\n"
        "from eduteach_desktop.ui.app import run_app\n"
        "from eduteach_desktop.ui.dialogs import RecordingDialogs\n"
        "services_module.demo_repo_path = lambda: Path(sys.argv[2])\n"
        "dialogs = RecordingDialogs()\n"
        "seen = []\n"
        "def on_started(edu):\n"
        "    def poll():\n"
        "        ids = [r.id for r in edu.ctx.library.rows]\n"
        "        if len(ids) == 5:\n"
        "            seen.extend(ids)\n"
        "            QApplication.quit()\n"
        "        else:\n"
        "            QTimer.singleShot(50, poll)\n"
        "    poll()\n"
        "    QTimer.singleShot(30000, QApplication.quit)\n"
        "rc = run_app(sys.argv[1], ['eduteach', '--lang', 'en'], dialogs=dialogs, on_started=on_started)\n"
        "print(rc, len(seen), dialogs.shown)\n"
        "sys.exit(0 if rc == 0 and len(seen) == 5 and not dialogs.shown else 1)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data"), str(demo_repo)],
        capture_output=True,
        text=True, encoding="utf-8",
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
