"""Take the README screenshots from the real app, under Xvfb, with a throw-away data dir.

    python scripts/screenshots.py            # re-runs itself under xvfb-run if needed
    python scripts/screenshots.py --lang en  # English UI (files get an -en suffix)

Writes docs/screenshots/library.png, player-music.png and player-slides.png, and
player-video.png (taken with ImageMagick's `import` from the X screen: a video frame
is drawn by the graphics stack, so QWidget.grab() cannot see it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SCREEN = (1366, 768)
MUSIC = "music-g1-renyin-xiaoxingxing"
SLIDES = "art-g1-lingnan-huataiyang"
VIDEO = "english-g3-waiyan-hello"


def _rerun_under_xvfb() -> int:
    xvfb = shutil.which("xvfb-run")
    if not xvfb:
        print("screenshots: no DISPLAY and no xvfb-run; install xvfb", file=sys.stderr)
        return 2
    env = dict(os.environ, EDUTEACH_SCREENSHOTS_XVFB="1")
    cmd = [xvfb, "-a", "-s", f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24", sys.executable, *sys.argv]
    return subprocess.call(cmd, env=env)


def _prepare_data_dir(data_dir: Path, work: Path) -> None:
    """If the bundled demo repository is built, the app's own first-run import brings the
    lessons in. Otherwise publish resources/demo_lessons here and sync it, like a USB stick."""
    from eduteach_desktop.resources import demo_repo_path

    if (demo_repo_path() / "metadata" / "root.json").exists():
        return
    from eduteach_desktop.services import Services
    from eduteach_hub.publish.publisher import publish
    from eduteach_hub.publish.tuf_repo import RepositoryWriter, generate_keys

    generate_keys(work / "keys")
    writer = RepositoryWriter(work / "repo", work / "keys")
    writer.bootstrap()
    publish(ROOT / "resources" / "demo_lessons", writer)
    services = Services.open(data_dir)
    try:
        services.trust.install_root(writer.root_bytes())
        report = services.sync([str(work / "repo")])
        if not report.ok:
            raise SystemExit(f"screenshots: demo sync failed: {report.problems}")
    finally:
        services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("EDUTEACH_SCREENSHOTS_XVFB"):
        return _rerun_under_xvfb()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from eduteach_desktop.ui.app import EduTeachApp, run_app
    from eduteach_desktop.ui.dialogs import RecordingDialogs

    suffix = "" if args.lang.startswith("zh") else f"-{args.lang}"
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eduteach-shots-"))
    data_dir = work / "data"
    _prepare_data_dir(data_dir, work)
    dialogs = RecordingDialogs()
    problems: list[str] = []

    def save(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        path = args.out / f"{name}{suffix}.png"
        if not widget.grab().save(str(path)):
            problems.append(f"could not write {path}")
        print(f"screenshots: wrote {path}")

    def fit(widget: QWidget) -> None:
        # Xvfb has no window manager, so "maximized" means nothing: size it by hand.
        widget.setGeometry(0, 0, *SCREEN)

    def driver(edu: EduTeachApp) -> None:
        window = edu.library_window
        fit(window)

        def wait_for_lessons() -> None:
            if window.snapshot().lessons and not window.busy_text():
                QTimer.singleShot(400, shoot_library)
            else:
                QTimer.singleShot(200, wait_for_lessons)

        def shoot_library() -> None:
            window.select_lesson(MUSIC)
            save(window, "library")
            player = window.open_lesson(MUSIC)
            if player is None:
                problems.append("music lesson did not open")
                QApplication.quit()
                return
            fit(player)

            def music_ready() -> None:
                view = player.lyrics_view
                if view is not None and view.current_index >= 1:
                    player.pause()
                    QTimer.singleShot(300, lambda: shoot_music(player))
                else:
                    QTimer.singleShot(100, music_ready)

            music_ready()

        def shoot_music(player: QWidget) -> None:
            save(player, "player-music")
            player.close()
            slides = window.open_lesson(SLIDES)
            if slides is None:
                problems.append("slides lesson did not open")
                QApplication.quit()
                return
            fit(slides)
            slides.next_slide()
            slides.next_slide()
            QTimer.singleShot(400, lambda: shoot_slides(slides))

        def shoot_slides(slides: QWidget) -> None:
            save(slides, "player-slides")
            slides.close()
            if not shutil.which("import"):
                print("screenshots: no ImageMagick `import`; skipping the video screenshot")
                QTimer.singleShot(300, QApplication.quit)
                return
            video = window.open_lesson(VIDEO)
            if video is None:
                problems.append("video lesson did not open")
                QApplication.quit()
                return
            fit(video)

            def video_ready() -> None:
                view = video.subtitle_view
                if view is not None and view.current_index >= 0:
                    video.pause()
                    QTimer.singleShot(500, lambda: shoot_video(video))
                else:
                    QTimer.singleShot(50, video_ready)

            video_ready()

        def shoot_video(video: QWidget) -> None:
            QApplication.processEvents()
            path = args.out / f"player-video{suffix}.png"
            subprocess.run(
                ["import", "-window", "root", "-crop", f"{SCREEN[0]}x{SCREEN[1]}+0+0", str(path)],
                check=False,
            )
            print(f"screenshots: wrote {path}")
            video.close()
            QTimer.singleShot(300, QApplication.quit)

        QTimer.singleShot(300, wait_for_lessons)
        QTimer.singleShot(60_000, lambda: (problems.append("timed out"), QApplication.quit()))

    argv = [sys.argv[0], "--lang", args.lang]
    code = run_app(str(data_dir), argv, dialogs=dialogs, on_started=driver)
    shutil.rmtree(work, ignore_errors=True)
    for kind, title, text in dialogs.shown:
        problems.append(f"{kind}: {title}: {text}")
    for problem in problems:
        print(f"screenshots: {problem}", file=sys.stderr)
    return 1 if problems or code else 0


if __name__ == "__main__":
    sys.exit(main())
