"""Screenshots for docs/offline-schools.md: the wizard's USB enrollment and the dashboard's
never-online schools, from the real app and the real hub, with throw-away data.

    QT_QPA_PLATFORM=offscreen python scripts/offline_screenshots.py

The wizard is grabbed with QWidget.grab() (offscreen or under Xvfb); the dashboard is a
real `eduteach-hub serve` on 127.0.0.1 photographed by Debian's chromium through Playwright
(as tests/browser does). Writes docs/screenshots/wizard-usb-enroll.png and
dashboard-offline.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from _hub_shots import hub, shoot_dashboard  # noqa: E402 - scripts/ is on the path when run

SCHOOLS = (("4301230011", "石门村教学点", 6), ("4301230012", "桃花坪教学点", 3), ("4301230013", "大坪村教学点", 0))


def school_pc(work: Path, home: Path, code: str, name: str, classes: int) -> Path | None:
    """A PC enrolled from the school's file that taught `classes` music periods 1–3 weeks ago;
    returns its record file (None for a school whose stick has not come back yet)."""
    from eduteach_desktop.core.clock import ManualClock
    from eduteach_desktop.services import Services
    from eduteach_desktop.sync import enroll_file

    stick = work / f"stick-{code}"
    hub(["school", "add", code, "--name", name, "--enroll-file", str(stick) + "/"], home)
    if not classes:
        return None
    clock = ManualClock(datetime.now(UTC) - timedelta(days=21))
    pc = Services.open(work / f"pc-{code}", clock=clock)
    try:
        enroll_file.apply(pc, enroll_file.read(pc, next(stick.glob("*.etenroll"))), "教室电脑")
        assert pc.sync([str(home / "repo")]).ok
        music = [ls for ls in pc.library.lessons() if ls.subject == "music"][0]
        for _ in range(classes):
            session = pc.sessions.start("music", [1])
            pc.usage.record_play(music, clock.now(), 40.0, True, registration=session.id, segments=[(0, 40.0)])
            clock.advance(40 * 60)
            pc.sessions.end(session.id)
            clock.advance(2 * 24 * 3600)
        path, _ = pc.export_records(stick)
        return path
    finally:
        pc.close()


def wizard_shots(work: Path, home: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from eduteach_desktop.services import Services
    from eduteach_desktop.ui.dialogs import RecordingDialogs
    from eduteach_desktop.ui.i18n import install_translations
    from eduteach_desktop.ui.tasks import TaskRunner
    from eduteach_desktop.ui.theme import apply_theme
    from eduteach_desktop.ui.wizard import FirstRunWizard

    def wait(until: object) -> None:
        deadline = time.monotonic() + 30
        while not until() and time.monotonic() < deadline:  # type: ignore[operator]
            loop = QEventLoop()
            QTimer.singleShot(100, loop.quit)
            loop.exec()

    app = QApplication.instance() or QApplication(sys.argv)
    apply_theme(app)  # type: ignore[arg-type]
    translators = install_translations(app, "zh_CN")  # noqa: F841 - keep alive
    stick = work / "usb-wizard"
    hub(["school", "add", "4301230014", "--name", "石门村教学点", "--enroll-file", str(stick) + "/"], home)
    services = Services.open(work / "wizard-pc")
    tasks = TaskRunner()
    wizard = FirstRunWizard(services, tasks, RecordingDialogs(), folder_picker=lambda p, t: stick, frozen=False)
    wizard.resize(1000, 720)
    wizard.show()
    wizard.next()
    wizard.next()
    panel = wizard.enroll_page.usb
    panel.choose_button.click()
    wait(lambda: panel.join_button.isVisible())
    wizard.grab().save(str(OUT / "wizard-usb-enroll.png"))
    print("wrote", OUT / "wizard-usb-enroll.png")
    wizard.close()
    tasks.shutdown(wait=True)
    services.close()


def dashboard_shot(home: Path) -> None:
    from tests.integration.hubproc import add_admin, running_hub

    add_admin(home)
    with running_hub(home) as url:
        shoot_dashboard(url, "offline", OUT / "dashboard-offline.png")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="offline-shots-"))
    try:
        home = work / "hub"
        subprocess.run([sys.executable, "-m", "eduteach_hub", "init", str(home), "--county", "430123"],
                       check=True, capture_output=True)
        hub(["publish", str(ROOT / "resources" / "demo_lessons")], home)
        files = [school_pc(work, home, code, name, n) for code, name, n in SCHOOLS]
        for f in files:
            if f is not None:
                hub(["records", "import", str(f)], home)
        wizard_shots(work, home)
        dashboard_shot(home)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
