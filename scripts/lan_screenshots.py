"""Screenshots for docs/central-school.md: the sharing setting, and the Downloads panel
after a sync that took its bytes from a PC nearby and from the county service.

    QT_QPA_PLATFORM=offscreen python scripts/lan_screenshots.py

Everything on 127.0.0.1: a "central school" data dir holding part of the demo lessons shares
them (no mDNS announcement), the bundled demo repository plays the county hub (served by
tests/helpers/faultserver.py), and the app runs on a fresh "teaching point" data dir.
Writes docs/screenshots/share-setting.png and docs/screenshots/sync-sources.png.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from eduteach_desktop.resources import demo_repo_path
    from eduteach_desktop.services import Services
    from eduteach_desktop.store import settings as keys
    from eduteach_desktop.ui.app import EduTeachApp, run_app
    from eduteach_desktop.ui.dialogs import RecordingDialogs
    from tests.helpers.faultserver import Faults, FaultServer

    demo = demo_repo_path()
    work = Path(tempfile.mkdtemp(prefix="eduteach-lan-shots-"))
    school = Services.open(work / "school")
    school.import_demo_if_first_run()
    active = school.library.active_catalog()
    assert active is not None
    # The school PC holds only the first half of the lessons (the rest come from the county).
    lessons = list(active.lessons)
    for lesson in lessons[len(lessons) // 2:]:
        for sha in lesson.blob_hashes():
            school.blobs.forget(sha)
    share = school.lesson_share(port=0, host="127.0.0.1", announce=False)
    share.start()
    point_dir = work / "point"
    point = Services.open(point_dir)
    point.trust.install_root((demo / "metadata" / "root.json").read_bytes())
    point.settings.update({keys.DEMO_IMPORTED: True, keys.FIRST_RUN_DONE: True, keys.TRUST_ORIGIN: "demo",
                           keys.USE_LAN_PEERS: True})
    point.close()
    hub = FaultServer(demo, Faults(link_rate=2_000_000))
    hub.__enter__()
    problems: list[str] = []
    dialogs = RecordingDialogs()
    OUT.mkdir(parents=True, exist_ok=True)

    def save(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        path = OUT / f"{name}.png"
        if not widget.grab().save(str(path)):
            problems.append(f"could not write {path}")
        print(f"lan_screenshots: wrote {path}")

    def driver(edu: EduTeachApp) -> None:
        window, ctx = edu.main_window, edu.ctx
        window.setGeometry(0, 0, 1366, 768)
        services = edu.services
        peer = f"http://127.0.0.1:{share.port}/"

        def sync() -> object:
            return services.sync([hub.url + "/"], ctx.sync.board, peers=[peer])

        def synced(report: object) -> None:
            window.show_page("sync")
            QTimer.singleShot(800, shoot_sync)

        def shoot_sync() -> None:
            save(window, "sync-sources")
            window.show_page("settings")
            page = window.settings
            assert ctx.share is not None
            ctx.share.factory = lambda: services.lesson_share(port=0, host="127.0.0.1", announce=False)
            page.share_lessons.setChecked(True)
            page.use_peers.setChecked(True)
            ctx.share.changed.connect(lambda _on: QTimer.singleShot(500, shoot_settings))
            page.save_button.click()

        def shoot_settings() -> None:
            card = window.settings.share_lessons.parentWidget()
            save(card, "share-setting")
            QTimer.singleShot(300, QApplication.quit)

        ctx.tasks.run_write(sync, synced, lambda exc: (problems.append(repr(exc)), QApplication.quit()))
        QTimer.singleShot(90_000, lambda: (problems.append("timed out"), QApplication.quit()))

    code = run_app(str(point_dir), [sys.argv[0], "--lang", "zh_CN"], dialogs=dialogs, on_started=driver)
    share.stop()
    hub.__exit__()
    school.close()
    shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print(f"lan_screenshots: {problem}", file=sys.stderr)
    return 1 if problems or code else 0


if __name__ == "__main__":
    sys.exit(main())
