"""Finger gestures on a classroom all-in-one (班班通 交互式一体机): swipe, pinch, pan, double tap.

The tracker only does the arithmetic on touch points (positions in widget pixels, times in
milliseconds); the overlay (annotate.py) feeds it the points of each QTouchEvent and acts
on what it reports through the Playback API and the picture's zoom. Kept apart so the
rules (how far is a swipe, how close is a double tap) are in one place."""

from __future__ import annotations

import math
from dataclasses import dataclass

Pos = tuple[float, float]

SWIPE_MIN_PX = 80  # shorter is a tap or a wobble, not a page turn
SWIPE_MIN_SHARE = 0.12  # … and at least this share of the view's width
DOUBLE_TAP_MS = 400
TAP_SLOP_PX = 24  # a finger on glass moves a little even when it means to tap


@dataclass(frozen=True)
class Gesture:
    kind: str  # "swipe", "pinch", "pan", "double_tap"
    direction: int = 0  # swipe: 1 next (finger moved left), -1 previous
    factor: float = 1.0  # pinch: distance now / distance before
    at: Pos = (0.0, 0.0)  # pinch: the fingers' midpoint; double tap: where
    delta: Pos = (0.0, 0.0)  # pan: movement since the last event, pixels


class GestureTracker:
    """One touch sequence at a time (first finger down → last finger up)."""

    def __init__(self) -> None:
        self._start: dict[int, Pos] = {}
        self._last: dict[int, Pos] = {}
        self._most_fingers = 0
        self._last_tap: tuple[float, Pos] | None = None

    @property
    def fingers(self) -> int:
        return len(self._last)

    @property
    def was_multi(self) -> bool:
        """More than one finger touched during this sequence (a pinch, never a stroke)."""
        return self._most_fingers > 1

    def update(self, points: dict[int, Pos], released: set[int], width: float,
               time_ms: float) -> list[Gesture]:
        """`points`: every finger of this event and where it is; `released`: those lifted."""
        out: list[Gesture] = []
        for pid, pos in points.items():
            self._start.setdefault(pid, pos)
        before = dict(self._last)
        down = {pid: pos for pid, pos in points.items() if pid not in released}
        self._most_fingers = max(self._most_fingers, len(down))
        common = [pid for pid in down if pid in before]
        if len(common) >= 2:
            a, b = common[0], common[1]
            old, new = math.dist(before[a], before[b]), math.dist(down[a], down[b])
            mid_old, mid_new = _mid(before[a], before[b]), _mid(down[a], down[b])
            if old > 0 and new > 0 and new != old:
                out.append(Gesture("pinch", factor=new / old, at=mid_new))
            if mid_new != mid_old:
                out.append(Gesture("pan", delta=(mid_new[0] - mid_old[0], mid_new[1] - mid_old[1])))
        elif len(common) == 1 and not self.was_multi:
            pid = common[0]
            delta = (down[pid][0] - before[pid][0], down[pid][1] - before[pid][1])
            if delta != (0.0, 0.0):
                out.append(Gesture("pan", delta=delta))
        if not down:
            out.extend(self._finish(points, width, time_ms))
        else:
            self._last = down
        return out

    def _finish(self, points: dict[int, Pos], width: float, time_ms: float) -> list[Gesture]:
        out: list[Gesture] = []
        tapped = False
        if not self.was_multi and len(self._start) == 1:
            (pid, start), = self._start.items()
            end = points.get(pid, self._last.get(pid, start))
            dx, dy = end[0] - start[0], end[1] - start[1]
            if abs(dx) >= max(SWIPE_MIN_PX, SWIPE_MIN_SHARE * width) and abs(dx) > 2 * abs(dy):
                out.append(Gesture("swipe", direction=1 if dx < 0 else -1))
            elif math.hypot(dx, dy) <= TAP_SLOP_PX:
                tap = self._last_tap
                if (tap is not None and time_ms - tap[0] <= DOUBLE_TAP_MS
                        and math.dist(tap[1], end) <= 2 * TAP_SLOP_PX):
                    out.append(Gesture("double_tap", at=end))
                else:
                    self._last_tap = (time_ms, end)
                    tapped = True
        if not tapped:
            self._last_tap = None  # a swipe, a drag or a pinch in between: no double tap
        self.reset()
        return out

    def reset(self) -> None:
        """Forget the current sequence (a cancelled touch); a pending first tap stays."""
        self._start.clear()
        self._last.clear()
        self._most_fingers = 0


def _mid(a: Pos, b: Pos) -> Pos:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
