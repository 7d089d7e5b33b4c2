"""Small building blocks shared by the screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def say_in(target: QLabel, message: Callable[[], str], state: str) -> None:
    """Shows message() in target, styled as state (an object name the style sheet knows)."""
    target.setObjectName(state)
    repolish(target)
    target.setText(message())


class WrapLabel(QLabel):
    """A word-wrapping label that asks for the height its text needs at its width.

    Layouts inside stacked widgets and scroll areas do not always honour a label's
    height-for-width; without this, the last line of a long sentence gets cut off at
    large text sizes."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        if not self.wordWrap():
            return
        need = self.heightForWidth(max(1, self.width())) if self.text() else 0
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)


def label(text: str = "", name: str = "", wrap: bool = False) -> QLabel:
    widget = WrapLabel(text) if wrap else QLabel(text)
    # Titles, school names and problems come from catalogs, sticks and servers: a title
    # "<img src=…>" must show as typed, not as markup (QLabel guesses rich text otherwise).
    widget.setTextFormat(Qt.TextFormat.PlainText)
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
