"""Take the presenter-view screenshots on two virtual screens (Qt's offscreen platform).

    python scripts/presenter_screenshots.py

Writes docs/screenshots/presenter-teacher.png (the teacher's screen: notes, next line,
times, class timer, big controls), presenter-projector.png (the lesson on the projector)
and presenter-teacher-slides.png (a picture lesson: next picture and the slide's note).
The notes are the demo lessons' own (lesson.toml → the signed catalog → a verified blob).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

MUSIC = "music-g1-renyin-xiaoxingxing"
SLIDES = "art-g1-lingnan-huataiyang"
SCREENS = {"screens": [
    {"name": "screen-1", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    {"name": "screen-2", "x": 1366, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
]}


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="eduteach-presenter-"))
    config = work / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from eduteach_desktop.resources import demo_repo_path
    from eduteach_desktop.services import Services
    from eduteach_desktop.ui.dialogs import RecordingDialogs
    from eduteach_desktop.ui.i18n import install_translations
    from eduteach_desktop.ui.player import LessonMedia, PlayerWindow
    from eduteach_desktop.ui.tasks import TaskRunner
    from eduteach_desktop.ui.theme import apply_theme

    app = QApplication([])
    apply_theme(app)
    install_translations(app, "zh_CN")
    services = Services.open(work / "data")
    repo = demo_repo_path()
    if not (repo / "metadata" / "root.json").exists():
        from eduteach_hub.publish.publisher import publish
        from eduteach_hub.publish.tuf_repo import RepositoryWriter, generate_keys

        generate_keys(work / "keys")
        writer = RepositoryWriter(work / "repo", work / "keys")
        writer.bootstrap()
        publish(ROOT / "resources" / "demo_lessons", writer)
        repo = work / "repo"
    services.trust.install_root((repo / "metadata" / "root.json").read_bytes())
    if not services.sync([str(repo)]).ok:
        print("presenter_screenshots: the demo lessons could not be synced", file=sys.stderr)
        return 1
    tasks = TaskRunner()
    dialogs = RecordingDialogs()

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def open_lesson(lesson_id: str) -> PlayerWindow:
        lesson = services.library.lesson(lesson_id)
        assert lesson is not None
        player = PlayerWindow(lesson, LessonMedia.for_lesson(lesson, services.blobs.path), tasks,
                              services.usage.record_play, services.clock, dialogs,
                              session_started=services.clock.now() - timedelta(minutes=12, seconds=40))
        player.presenter.show_window()
        return player

    OUT.mkdir(parents=True, exist_ok=True)
    song = open_lesson(MUSIC)
    wait(4000)
    if song.presenter.view is None:
        print("presenter_screenshots: presenter view did not open (two screens?)", file=sys.stderr)
        return 1
    song.presenter.view.grab().save(str(OUT / "presenter-teacher.png"))
    song.grab().save(str(OUT / "presenter-projector.png"))
    song.close()
    wait(300)

    slides = open_lesson(SLIDES)
    wait(2000)
    if slides.presenter.view is not None:
        slides.presenter.view.grab().save(str(OUT / "presenter-teacher-slides.png"))
    slides.close()
    wait(300)
    tasks.shutdown(wait=True)
    services.close()
    print(f"presenter_screenshots: written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
