"""Pen strokes over a lesson (批注), without Qt: what the teacher drew on which page.

Points are in page coordinates, 0..1 across the picture's width and height, so strokes
stay on the same spot of the slide whatever the window size, zoom or screen, and the same
strokes paint the saved full-resolution image. Each page of a lesson (a picture, a PDF
page, a paused video frame) has its own strokes, keyed by a short text (`page_key`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# The pen's colours: few, strong, and readable on a projector in a bright classroom.
COLOURS: dict[str, str] = {
    "red": "#e53935",
    "blue": "#1e63d6",
    "black": "#111111",
    "yellow": "#fdd835",
    "green": "#2e9d42",
}
DEFAULT_COLOUR = "red"
PEN_WIDTH = 0.006  # of the picture's width: about 6 px on a 1024 px wide slide
ERASER_RADIUS = 0.02  # a finger's width on a classroom screen, in the same units

Point = tuple[float, float]


def page_key(kind: str, index: int) -> str:
    """'slide-3', 'page-12', 'frame-61500' (a video paused at 61.5 s)."""
    return f"{kind}-{index}"


@dataclass
class Stroke:
    colour: str
    width: float
    points: list[Point] = field(default_factory=list)

    def add(self, point: Point) -> bool:
        """Append a point unless it repeats the last one (a still pen sends many)."""
        if self.points and self.points[-1] == point:
            return False
        self.points.append(point)
        return True

    def distance_to(self, point: Point) -> float:
        if not self.points:
            return math.inf
        if len(self.points) == 1:
            return math.dist(self.points[0], point)
        return min(_segment_distance(a, b, point) for a, b in zip(self.points, self.points[1:], strict=False))


def _segment_distance(a: Point, b: Point, p: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.dist(a, p)
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.dist((ax + t * dx, ay + t * dy), p)


class InkBook:
    """The strokes of one play of a lesson, page by page."""

    def __init__(self) -> None:
        self._pages: dict[str, list[Stroke]] = {}

    def strokes(self, key: str) -> list[Stroke]:
        return list(self._pages.get(key, ()))

    def begin(self, key: str, colour: str, point: Point, width: float = PEN_WIDTH) -> Stroke:
        stroke = Stroke(colour, width, [point])
        self._pages.setdefault(key, []).append(stroke)
        return stroke

    def erase_at(self, key: str, point: Point, radius: float = ERASER_RADIUS) -> int:
        """The stroke eraser: every stroke passing within `radius` of the point goes."""
        strokes = self._pages.get(key, [])
        keep = [s for s in strokes if s.distance_to(point) > radius + s.width / 2]
        removed = len(strokes) - len(keep)
        if removed:
            self._set(key, keep)
        return removed

    def erase_last(self, key: str) -> bool:
        strokes = self._pages.get(key, [])
        if not strokes:
            return False
        self._set(key, strokes[:-1])
        return True

    def clear(self, key: str) -> int:
        return len(self._pages.pop(key, []))

    def clear_all(self) -> None:
        self._pages.clear()

    def inked_pages(self) -> list[str]:
        return [key for key, strokes in self._pages.items() if strokes]

    def has_ink(self) -> bool:
        return bool(self.inked_pages())

    def _set(self, key: str, strokes: list[Stroke]) -> None:
        if strokes:
            self._pages[key] = strokes
        else:
            self._pages.pop(key, None)


@dataclass(frozen=True)
class View:
    """Zoom and pan of a page on screen: `scale` ≥ 1 (1: the whole page fits), `centre`
    the page point shown in the middle of the view."""

    scale: float = 1.0
    centre: Point = (0.5, 0.5)

    MAX_SCALE = 4.0

    def zoomed(self, factor: float, around: Point | None = None) -> View:
        """Zoom by `factor`, keeping the page point `around` where it is on screen."""
        scale = max(1.0, min(self.MAX_SCALE, self.scale * factor))
        if scale == 1.0:
            return View()
        cx, cy = self.centre
        if around is not None:
            ratio = self.scale / scale
            cx = around[0] + (cx - around[0]) * ratio
            cy = around[1] + (cy - around[1]) * ratio
        return View(scale, (cx, cy)).clamped()

    def panned(self, dx: float, dy: float) -> View:
        """Move the page by (dx, dy) in page units at scale 1 (a finger drag)."""
        if self.scale == 1.0:
            return self
        return View(self.scale, (self.centre[0] - dx / self.scale,
                                 self.centre[1] - dy / self.scale)).clamped()

    def clamped(self) -> View:
        """Keep the page filling the view: no empty band beyond its edges."""
        half = 0.5 / self.scale
        cx = min(max(self.centre[0], half), 1 - half)
        cy = min(max(self.centre[1], half), 1 - half)
        return View(self.scale, (cx, cy))
