"""Pen latency: from a touch move to the stroke painted, on a 1920×1080 slide (goal ≤ 16 ms,
one frame at 60 Hz).

    python bench/pen_latency.py [--moves 400]

The real path: a QTouchEvent from a touch-screen QPointingDevice (QTest) reaches the
`InkOverlay` over a `ScaledImage` holding a 1920×1080 picture; the overlay extends the
stroke and asks for a repaint of the new segment; the time ends when its paintEvent has run.
Baseline, in the same run and the same way: a bare widget of the same size that keeps the
points and paints the same polyline (the least any pen could do). Runs on Qt's offscreen
platform with one 1920×1080 screen (a config file made here), so it needs no display.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=400)
    args = parser.parse_args()
    config = Path(tempfile.mkdtemp(prefix="pen-bench-")) / "screens.json"
    config.write_text(json.dumps({"screens": [{"name": "1080p", "x": 0, "y": 0, "width": 1920,
                                               "height": 1080, "logicalDpi": 96}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"

    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from eduteach_desktop.core.ink import InkBook
    from eduteach_desktop.ui.player.annotate import InkOverlay
    from eduteach_desktop.ui.player.views import ScaledImage

    app = QApplication([])
    painted = [0]

    class TimedOverlay(InkOverlay):
        def paintEvent(self, event):  # noqa: ANN001, N802
            super().paintEvent(event)
            painted[0] += 1

    class Bare(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
            self.points: list[QPointF] = []

        def event(self, event: QEvent) -> bool:
            if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
                self.points.append(event.points()[0].position())  # type: ignore[attr-defined]
                self.update()
                event.accept()
                return True
            return super().event(event)

        def paintEvent(self, event):  # noqa: ANN001, N802
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor("#e53935"), 6))
            if self.points:
                path = QPainterPath(self.points[0])
                for p in self.points[1:]:
                    path.lineTo(p)
                painter.drawPath(path)
            painter.end()
            painted[0] += 1

    picture = QImage(1920, 1080, QImage.Format.Format_RGB32)
    picture.fill(QColor("#fff6d8"))

    def run(target: QWidget, window: QWidget) -> list[float]:
        device = QTest.createTouchDevice()  # one per run: a finger's state stays with its device
        window.setGeometry(0, 0, 1920, 1080)
        window.show()
        QTest.qWaitForWindowExposed(window)
        QTest.touchEvent(target, device).press(0, QPoint(200, 540), target).commit()
        app.processEvents()
        times = []
        for i in range(args.moves):
            # a wavy line across the slide, as a teacher underlines
            at = QPoint(200 + (i + 1) * 1500 // args.moves, 540 + int(120 * math.sin((i + 1) / 15)))
            before = painted[0]
            start = time.perf_counter()
            QTest.touchEvent(target, device).move(0, at, target).commit()
            deadline = start + 5
            while painted[0] == before:
                app.processEvents()
                if time.perf_counter() > deadline:
                    raise SystemExit(f"pen_latency: move {i} was never painted")
            times.append((time.perf_counter() - start) * 1000)
        QTest.touchEvent(target, device).release(0, at, target).commit()
        app.processEvents()
        window.close()
        return times

    bare = Bare()
    baseline = run(bare, bare)
    surface = ScaledImage()
    surface.set_pixmap(QPixmap.fromImage(picture))
    overlay = TimedOverlay(surface, InkBook())
    overlay.set_pen(True)
    ours = run(overlay, surface)
    assert len(overlay.book.strokes("")) == 1, "the touch moves drew one stroke"

    def row(name: str, ms: list[float]) -> str:
        ms = sorted(ms)
        p95 = ms[int(len(ms) * 0.95) - 1]
        return f"| {name} | {statistics.median(ms):.2f} | {p95:.2f} | {ms[-1]:.2f} |"

    print(f"pen latency, {args.moves} touch moves on 1920×1080 (Qt offscreen, PySide6)\n")
    print("| path | median ms | p95 ms | max ms |")
    print("| --- | ---: | ---: | ---: |")
    print(row("bare widget, same polyline (baseline)", baseline))
    print(row("InkOverlay over a 1080p slide", ours))
    ratio = statistics.median(ours) / max(statistics.median(baseline), 1e-6)
    p95 = sorted(ours)[int(len(ours) * 0.95) - 1]
    print(f"\nmedian × baseline: {ratio:.2f}; goal p95 ≤ 16 ms: {'holds' if p95 <= 16 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
