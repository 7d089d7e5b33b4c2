"""Small building blocks shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def label(text: str = "", name: str = "", wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if wrap:
        # A wrapping label may get narrow; its height follows (no clipped text).
        widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        widget.setMinimumWidth(60)
    return widget


def heading(title: str, subtitle: str = "") -> tuple[QLabel, QLabel]:
    head = label(title, "WindowTitle")
    sub = label(subtitle, "WindowSubtitle", wrap=True)
    sub.setVisible(bool(subtitle))
    return head, sub


def scrolling(inner: QWidget) -> QScrollArea:
    """Pages scroll rather than clip when fonts are large and the screen is small."""
    area = QScrollArea()
    area.setObjectName("PageScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(inner)
    return area


def page(parent: QWidget | None = None) -> tuple[QWidget, QVBoxLayout]:
    widget = QWidget(parent)
    widget.setObjectName("Page")
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    column = QVBoxLayout(widget)
    column.setContentsMargins(24, 16, 24, 12)
    column.setSpacing(12)
    return widget, column
