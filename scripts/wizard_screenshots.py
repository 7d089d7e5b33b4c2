"""Screenshots of the first-run wizard, one per page, for installer/README.md.

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/wizard_screenshots.py

A throw-away data dir; the demo lessons are the catalog on the grades page, and the USB
page imports a copy of the bundled demo repository.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from eduteach_desktop.resources import demo_repo_path
from eduteach_desktop.services import Services
from eduteach_desktop.ui.dialogs import RecordingDialogs
from eduteach_desktop.ui.i18n import install_translations
from eduteach_desktop.ui.tasks import TaskRunner
from eduteach_desktop.ui.theme import apply_theme
from eduteach_desktop.ui.wizard import FirstRunWizard

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def wait(ms: int, until=lambda: True) -> None:  # noqa: ANN001
    deadline = time.monotonic() + 30
    while True:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        if until() or time.monotonic() > deadline:
            return


def main() -> int:
    app = QApplication(sys.argv)
    apply_theme(app)
    translators = install_translations(app, "zh_CN")  # noqa: F841 - keep alive
    work = Path(tempfile.mkdtemp(prefix="wizard-shots-"))
    stick = work / "usb"
    shutil.copytree(demo_repo_path(), stick / "eduteach-lessons")
    services = Services.open(work / "data")
    tasks = TaskRunner()
    wizard = FirstRunWizard(services, tasks, RecordingDialogs(), folder_picker=lambda p, t: stick,
                            frozen=False)
    wizard.resize(1000, 680)
    wizard.show()
    wait(300)

    def shot(name: str) -> None:
        wait(300)
        wizard.grab().save(str(OUT / f"wizard-{name}.png"))
        print("wrote", OUT / f"wizard-{name}.png")

    shot("1-language")
    wizard.next()
    wait(100, lambda: "…" not in wizard.storage_page.free.text())
    shot("2-storage")
    wizard.next()
    page = wizard.enroll_page
    page.url.setText("http://192.168.1.10:8000")
    page.code.setText("K7QM-2XPD")
    shot("3-enroll")
    page.offline_button.click()
    subjects = wizard.subjects_page
    wait(200, lambda: bool(subjects.editions))
    subjects.grades[1].setChecked(True)
    subjects.grades[3].setChecked(True)
    shot("4-grades")
    wizard.next()
    usb = wizard.usb_page
    usb.choose_button.click()
    wait(200, lambda: usb.report is not None)
    shot("5-usb")
    wizard.close()
    tasks.shutdown(wait=True)
    services.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
