"""The pieces the player window is made of: a scaled picture, lyrics, subtitles, slides,
and a message page for what cannot be played."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImageReader, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from eduteach_desktop.core.ink import View
from eduteach_desktop.core.lyrics import LyricLine, line_at
from eduteach_desktop.core.subtitles import Cue, cue_at


def load_pixmap(path: Path | None) -> QPixmap | None:
    """Read an image by its content (blobs have no extension); None when unreadable."""
    if path is None:
        return None
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        return None
    return QPixmap.fromImage(image)


class ScaledImage(QWidget):
    """Draws a picture as large as fits, keeping its shape, centred; zoomed and panned
    by `set_view` (pinch on a touch screen), the pen's strokes following (annotate.py)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pixmap: QPixmap | None = None
        self.view = View()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 90)

    def set_pixmap(self, pixmap: QPixmap | None) -> None:
        self._pixmap = pixmap
        self.update()

    def pixmap(self) -> QPixmap | None:
        return self._pixmap

    def has_image(self) -> bool:
        return self._pixmap is not None and not self._pixmap.isNull()

    def set_view(self, view: View) -> None:
        self.view = view
        self.update()

    def picture_rect(self) -> QRectF:
        """Where the whole picture lies on this widget (beyond its edges when zoomed)."""
        if not self.has_image():
            return QRectF(self.rect())
        assert self._pixmap is not None
        fit = self._pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        w, h = fit.width() * self.view.scale, fit.height() * self.view.scale
        # Along a side the zoomed picture does not fill, it stays centred.
        x = (self.width() - w) / 2 if w <= self.width() else self.width() / 2 - self.view.centre[0] * w
        y = (self.height() - h) / 2 if h <= self.height() else self.height() / 2 - self.view.centre[1] * h
        return QRectF(x, y, w, h)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(480, 360)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self.has_image():
            return
        assert self._pixmap is not None
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(self.picture_rect(), self._pixmap, QRectF(self._pixmap.rect()))
        painter.end()


# A run of 20 characters with no break opportunity (a URL, a hostile lyric line) gets a
# zero-width space, so a word-wrapping label can always wrap it instead of growing as
# wide as the text (the parsers already cap a line at 500 characters). 20 characters of
# the biggest lyric font at 150 % still fit a 1024-pixel screen.
_UNBROKEN = re.compile(r"(\S{20})(?=\S)")


def breakable(text: str) -> str:
    return _UNBROKEN.sub("\\1\u200b", text)


def _label(object_name: str, wrap: bool = True) -> QLabel:
    from ..widgets import WrapLabel

    label = WrapLabel() if wrap else QLabel()
    label.setObjectName(object_name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class LyricsView(QWidget):
    """Lyrics big and centred: the line being sung highlighted, its neighbours dimmer."""

    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._lines: list[LyricLine] = []
        self._current = -1
        self._placeholder = "♪"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(14)
        self._far_prev = _label("LyricFar")
        self._prev = _label("LyricNear")
        self._now = _label("LyricCurrent")
        self._next = _label("LyricNear")
        self._far_next = _label("LyricFar")
        layout.addStretch(1)
        for label in (self._far_prev, self._prev, self._now, self._next, self._far_next):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            layout.addWidget(label)
        layout.addStretch(1)

    @property
    def current_index(self) -> int:
        return self._current

    def current_text(self) -> str:
        return self._now.text().replace("\u200b", "")

    def set_placeholder(self, text: str) -> None:
        """Shown in the highlighted place before the first line and during breaks."""
        self._placeholder = text
        self._show()

    def set_lines(self, lines: list[LyricLine]) -> None:
        self._lines = list(lines)
        self._current = -1
        self._show()

    def line_count(self) -> int:
        return len(self._lines)

    @property
    def lines(self) -> list[LyricLine]:
        return list(self._lines)

    def line_start(self, seconds: float) -> float | None:
        """Start of the line sung at `seconds` (the last one before, in a break)."""
        index = line_at(self._lines, seconds)
        return self._lines[index].seconds if index >= 0 else None

    def set_position(self, seconds: float) -> None:
        index = line_at(self._lines, seconds)
        if index != self._current:
            self._current = index
            self._show()
            self.current_changed.emit(index)

    def _text(self, index: int) -> str:
        if 0 <= index < len(self._lines):
            return breakable(self._lines[index].text)
        return ""

    def _show(self) -> None:
        i = self._current
        self._far_prev.setText(self._text(i - 2))
        self._prev.setText(self._text(i - 1))
        self._now.setText(self._text(i) or self._placeholder)
        self._next.setText(self._text(i + 1))
        self._far_next.setText(self._text(i + 2))


class SubtitleView(QLabel):
    """One subtitle cue under the video; keeps its height so the video does not jump."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Subtitle")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._cues: list[Cue] = []
        self._current = -1
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 24)

    @property
    def current_index(self) -> int:
        return self._current

    def cue_count(self) -> int:
        return len(self._cues)

    @property
    def cues(self) -> list[Cue]:
        return list(self._cues)

    def sentence_start(self, seconds: float) -> float | None:
        """Start of the cue on screen, or of the last one before `seconds`."""
        index = cue_at(self._cues, seconds)
        if index >= 0:
            return self._cues[index].start
        before = [c.start for c in self._cues if c.start <= seconds]
        return before[-1] if before else None

    def set_cues(self, cues: list[Cue]) -> None:
        self._cues = list(cues)
        self._current = -1
        self.setText("")

    def set_position(self, seconds: float) -> None:
        index = cue_at(self._cues, seconds)
        if index != self._current:
            self._current = index
            self.setText(breakable(self._cues[index].text) if index >= 0 else "")


class MessageView(QWidget):
    """A calm full-page message: what happened, and what the teacher can do."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addStretch(1)
        self.title = _label("MessageTitle")
        self.text = _label("MessageText")
        self.detail = _label("Muted")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.title, self.text, self.detail):
            layout.addWidget(widget)
        self._actions = QHBoxLayout()
        self._actions.addStretch(1)
        self._actions.addStretch(1)
        layout.addSpacing(16)
        layout.addLayout(self._actions)
        layout.addStretch(2)

    def add_action(self, button: QWidget) -> None:
        self._actions.insertWidget(self._actions.count() - 1, button)

    def show_message(self, title: str, text: str, detail: str = "") -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))


class SlidesView(QWidget):
    """Pictures shown one at a time, each with its caption."""

    slide_changed = Signal(int)

    def __init__(
        self,
        paths: list[Path],
        captions: list[str],
        unreadable_text: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._paths = list(paths)
        self._captions = list(captions)
        self._unreadable_text = unreadable_text
        self._index = -1
        self._seen_last = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)
        layout.setSpacing(8)
        self.image = ScaledImage()
        self.caption = _label("SlideCaption")
        self.problem = _label("MessageText")
        layout.addWidget(self.image, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.caption)
        self.problem.hide()

    @property
    def index(self) -> int:
        return self._index

    @property
    def count(self) -> int:
        return len(self._paths)

    @property
    def seen_last(self) -> bool:
        return self._seen_last

    def go(self, index: int) -> None:
        if not self._paths:
            return
        index = max(0, min(index, len(self._paths) - 1))
        if index == self._index:
            return
        self._index = index
        pixmap = load_pixmap(self._paths[index])
        self.image.set_pixmap(pixmap)
        self.image.setVisible(pixmap is not None)
        self.problem.setText(self._unreadable_text)
        self.problem.setVisible(pixmap is None)
        self.caption.setText(self._captions[index] if index < len(self._captions) else "")
        if index == len(self._paths) - 1:
            self._seen_last = True
        self.slide_changed.emit(index)

    def next(self) -> None:
        self.go(self._index + 1)

    def previous(self) -> None:
        self.go(self._index - 1)
