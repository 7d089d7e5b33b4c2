"""Run by test_player_stress.py in a child process, so that a freeze inside Qt's media
backend fails that test after a timeout instead of hanging the whole suite (a thread
blocked inside Qt while holding Python's lock stops any watchdog in the same process).

Opens the player window on a song with two recordings and, for `seconds`, seeks, switches
the recording (T), pauses and plays in quick succession, as a teacher's keys can; prints
how many steps it made.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def main(folder: Path, seconds: float) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from eduteach_desktop.core.clock import SystemClock
    from eduteach_desktop.ui.dialogs import RecordingDialogs
    from eduteach_desktop.ui.player import PlayerWindow
    from eduteach_desktop.ui.tasks import TaskRunner
    from tests.ui.classroom_lessons import Recorder, song

    app = QApplication([])
    tasks = TaskRunner()
    lesson, media = song(folder)
    window = PlayerWindow(lesson, media, tasks, Recorder(), SystemClock(), RecordingDialogs())
    window.show()
    rng = random.Random(7)

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    started = time.monotonic()
    while not window.is_playing() and time.monotonic() - started < 20:
        wait(20)
    if not window.is_playing():
        print("never started playing", flush=True)
        return 2
    steps = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        roll = rng.random()
        if roll < 0.4:
            window.playback.seek(rng.randrange(0, 2_500))
        elif roll < 0.8:
            QTest.keyClick(window, Qt.Key.Key_T)
        else:
            QTest.keyClick(window, Qt.Key.Key_Space)
        steps += 1
        wait(rng.randrange(0, 60))
    window.close()
    tasks.shutdown(wait=True)
    print(f"steps {steps}", flush=True)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), float(sys.argv[2])))
