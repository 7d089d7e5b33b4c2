"""Icons from resources/icons/*.svg, tinted to any colour (one drawing, many uses)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from eduteach_desktop.resources import resource_path

# The drawings use pure black as the one paint colour; we swap it for the tint.
_PLACEHOLDER = "#000000"
_RENDER_PX = 128  # big enough for a projector; QIcon scales down smoothly


@cache
def _svg_text(name: str) -> str:
    try:
        return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        return ""


@cache
def icon(name: str, color: str = "#1f3b4d") -> QIcon:
    """A tinted icon; an empty icon (never an error) if the file is missing."""
    svg = _svg_text(name)
    if not svg:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(svg.replace(_PLACEHOLDER, color).encode("utf-8")))
    if not renderer.isValid():
        return QIcon()
    pixmap = QPixmap(_RENDER_PX, _RENDER_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return QIcon(pixmap)


KIND_ICONS = {"audio": "audio", "video": "video", "slides": "slides", "pdf": "pdf"}


def kind_icon(kind: str, color: str = "#2f6f8f") -> QIcon:
    return icon(KIND_ICONS.get(kind, "pdf"), color)
