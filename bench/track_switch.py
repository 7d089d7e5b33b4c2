"""Track switch latency (issue 15, goal ≤ 100 ms): from the teacher's key to the other
recording sounding at the same place, in the app's `TrackPlayers` (every track playing,
the others muted, kept in step) against a bare QMediaPlayer switching its source
(setSource, setPosition, play) measured in the same run.

    .venv/bin/python bench/track_switch.py [--runs 10]

Two 20 s mp3 tracks made with ffmpeg; each switch happens 2–8 s into the song. Reported:
how long the switch call itself takes (the GUI thread is busy that long), the time until the heard player's position moves past the place of the switch ("gap"),
and how far that position is from where the song should be by then ("jump": the
position before the switch plus the time elapsed). The player reports its position about
every 50 ms, so a gap below that is the report's granularity: TrackPlayers is heard at
once (a mute swap), the bare player after loading, seeking and starting the other file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _tone(path: Path, freq: int) -> Path:
    subprocess.run(["ffmpeg", "-hide_banner", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency={freq}:duration=20", "-c:a", "libmp3lame", str(path)],
                   check=True, timeout=120)
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    from PySide6.QtCore import QDeadlineTimer, QUrl
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    from PySide6.QtWidgets import QApplication

    from eduteach_desktop.ui.player.tracks import TrackPlayers

    app = QApplication([])
    work = Path(tempfile.mkdtemp(prefix="eduteach-bench-tracks-"))
    a, b = _tone(work / "a.mp3", 440), _tone(work / "b.mp3", 330)

    def spin(condition, ms: int = 10_000) -> None:  # noqa: ANN001
        deadline = QDeadlineTimer(ms)
        while not condition():
            if deadline.hasExpired():
                raise SystemExit("track_switch: timed out")
            app.processEvents()

    def measure(player, switch) -> tuple[float, float, float]:  # noqa: ANN001
        before = player.position()
        t0 = time.perf_counter()
        switch()
        call = (time.perf_counter() - t0) * 1000
        spin(lambda: player.position() > before)
        elapsed = (time.perf_counter() - t0) * 1000
        return elapsed, abs(player.position() - (before + elapsed)), call

    results: dict[str, list[tuple[float, float, float]]] = {"bare QMediaPlayer setSource": [], "TrackPlayers": []}
    # Bare: one player, its source swapped at the position.
    bare = QMediaPlayer()
    out = QAudioOutput()
    bare.setAudioOutput(out)
    bare.setSource(QUrl.fromLocalFile(str(a)))
    bare.play()
    current = [a]
    for i in range(args.runs):
        spin(lambda i=i: bare.position() >= 2000 + (i % 7) * 800 or bare.position() > 15_000)
        def swap() -> None:
            position = bare.position()
            current[0] = b if current[0] == a else a
            bare.setSource(QUrl.fromLocalFile(str(current[0])))
            # a position given before the file is loaded is lost: wait for it, as a
            # careful player would
            loaded = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
            spin(lambda: bare.mediaStatus() in loaded)
            bare.setPosition(position)
            bare.play()
        results["bare QMediaPlayer setSource"].append(measure(bare, swap))
        bare.setPosition(1000)
    bare.setSource(QUrl())
    # Ours.
    tracks = TrackPlayers([("demo", a), ("accompaniment", b)])
    tracks.setSource(QUrl.fromLocalFile(str(a)))
    tracks.play()
    for i in range(args.runs):
        spin(lambda i=i: tracks.position() >= 2000 + (i % 7) * 800 or tracks.position() > 15_000)
        results["TrackPlayers"].append(measure(tracks, lambda: tracks.switch_to(1 - tracks.active)))
        tracks.setPosition(1000)
    tracks.setSource(QUrl())
    print(f"{'case':30} {'switch call ms':>15} {'gap ms (median, max)':>22} {'jump ms (median, max)':>23}")
    base = statistics.median(g for g, _, _ in results["bare QMediaPlayer setSource"])
    for name, rows in results.items():
        gaps, jumps, calls = [g for g, _, _ in rows], [j for _, j, _ in rows], [c for _, _, c in rows]
        print(f"{name:30} {statistics.median(calls):>15.1f} {statistics.median(gaps):>11.1f} "
              f"{max(gaps):>10.1f} {statistics.median(jumps):>12.1f} {max(jumps):>10.1f}"
              f"   × bare gap {statistics.median(gaps) / base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
