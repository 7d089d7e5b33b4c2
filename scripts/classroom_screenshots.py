"""Take the classroom-mode player screenshots (docs/screenshots/player-tracks.png and
player-repeat.png) offscreen, in Chinese, from the demo song 小星星 and its two recordings
(范唱 and 伴奏, resources/demo_lessons).

    QT_QPA_PLATFORM=offscreen python scripts/classroom_screenshots.py

Look at the pictures before committing them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SONG = ROOT / "resources" / "demo_lessons" / "music-g1-renyin-xiaoxingxing"
SIZE = (1366, 768)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from eduteach_desktop.core.clock import ManualClock
    from eduteach_desktop.ui.dialogs import RecordingDialogs
    from eduteach_desktop.ui.i18n import install_translations
    from eduteach_desktop.ui.player import LessonMedia, PlayerWindow
    from eduteach_desktop.ui.tasks import TaskRunner
    from eduteach_desktop.ui.theme import apply_theme
    from eduteach_protocol.catalog import Lesson, LessonFile

    app = QApplication.instance() or QApplication(sys.argv)
    apply_theme(app)  # type: ignore[arg-type]
    install_translations(app, "zh_CN")  # type: ignore[arg-type]
    demo = SONG / "xiaoxingxing.ogg"
    accompaniment = SONG / "xiaoxingxing-banzou.ogg"
    files = (LessonFile("media", demo.name, "0" * 64, 1, track="demo"),
             LessonFile("media", accompaniment.name, "1" * 64, 1, track="accompaniment"))
    lesson = Lesson(id="music-g1-renyin-xiaoxingxing", title="小星星", grade=1, subject="music",
                    edition="人音版", volume="上册", unit=2, order=1, kind="audio", duration=50.3,
                    files=files, unit_title="可爱的星星")
    media = LessonMedia(media=(demo, accompaniment), lyrics=SONG / "xiaoxingxing.lrc",
                        cover=SONG / "cover.png", tracks=(("demo", demo), ("accompaniment", accompaniment)))
    tasks = TaskRunner()
    clock = ManualClock()
    player = PlayerWindow(lesson, media, tasks, lambda *a, **k: "shot", clock, RecordingDialogs())
    player.resize(*SIZE)
    player.show()

    def wait(condition, ms: int = 20_000) -> None:  # noqa: ANN001
        from PySide6.QtCore import QDeadlineTimer

        deadline = QDeadlineTimer(ms)
        while not condition():
            if deadline.hasExpired():
                raise SystemExit("screenshots: the player did not get there")
            app.processEvents()

    OUT.mkdir(parents=True, exist_ok=True)
    playback = player.playback
    wait(lambda: player.lyrics_view.current_index == 1)  # 满天都是小星星
    playback.switch_track()  # 伴奏
    wait(lambda: player.position_ms() > 6_800)
    playback.pause()
    wait(lambda: not player.is_playing())
    player.grab().save(str(OUT / "player-tracks.png"))

    playback.switch_track()  # back to 范唱
    playback.seek(8_000)
    playback.play()
    playback.toggle_repeat()
    wait(lambda: playback.repeat.pausing)  # after 满天都是小星星 (ends at 9.9 s)
    playback.repeat.tick()
    app.processEvents()
    player.grab().save(str(OUT / "player-repeat.png"))
    player.close()
    tasks.shutdown(wait=True)
    print("wrote", OUT / "player-tracks.png", "and", OUT / "player-repeat.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
