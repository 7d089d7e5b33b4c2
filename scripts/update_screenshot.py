"""Take docs/screenshots/update-notice.png: the app's quiet notice that a new version is
downloaded (docs/updates.md). Offscreen (QWidget.grab), a throw-away data dir with the
demo lessons and a staged version, as a sync leaves it.

    python scripts/update_screenshot.py [--lang en]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from eduteach_desktop.services import Services
    from eduteach_desktop.ui.app import EduTeachApp, run_app
    from eduteach_desktop.ui.dialogs import RecordingDialogs
    from eduteach_desktop.update.state import StateFile, UpdateState, release_to_dict
    from eduteach_protocol.app_release import AppRelease

    data = Path(tempfile.mkdtemp(prefix="eduteach-update-shot-")) / "data"
    services = Services.open(data)
    try:
        services.import_demo_if_first_run()
        services.settings.set("first_run_done", True)
        body = b"EduTeach 1.4.0 bundle"
        sha = hashlib.sha256(body).hexdigest()
        (services.updates.folder / "staged").mkdir(parents=True, exist_ok=True)
        (services.updates.folder / "staged" / sha).write_bytes(body)
        platform = services.identity.platform
        release = AppRelease("1.4.0", platform, "stable", "", "2026-12-07T00:00:00Z",
                             f"apps/{platform}/1.4.0/eduteach-1.4.0.tar.gz", len(body), sha)
        StateFile(services.updates.folder).save(
            UpdateState(state="staged", update_version="1.4.0", staged=release_to_dict(release)))
    finally:
        services.close()

    suffix = "" if args.lang.startswith("zh") else f"-{args.lang}"
    path = OUT / f"update-notice{suffix}.png"

    def driver(edu: EduTeachApp) -> None:
        window = edu.main_window
        window.resize(1024, 640)

        def shoot() -> None:
            if not window.update_notice.isVisible():
                QTimer.singleShot(100, shoot)
                return
            QApplication.processEvents()
            window.grab().save(str(path))
            print(f"update_screenshot: wrote {path}")
            window.close()

        QTimer.singleShot(300, shoot)

    return run_app(str(data), [sys.argv[0], "--lang", args.lang], dialogs=RecordingDialogs(), on_started=driver)


if __name__ == "__main__":
    sys.exit(main())
