"""The pen's toolbar and its controller: which picture the overlay covers (a slide, a PDF
page, a paused video's frame), the colours, eraser and clear, the keys, and saving the
annotated pages as pictures (PNG, or JPEG for photographs) with the class session (store/annotations.py).

The window only makes one `InkController(window)` and lets keys call `ink.<action>`;
everything that knows about slides, pages and frames is here (looked up by duck typing
on the playback's views: the Playback API need not grow for one tool)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QWidget,
)

from eduteach_desktop.core.ink import COLOURS, DEFAULT_COLOUR, InkBook, Stroke, View, page_key

from ..errors import describe_error
from .annotate import InkOverlay
from .controls import big_button
from .ink_save import save_job
from .views import ScaledImage

if TYPE_CHECKING:
    from eduteach_desktop.store.annotations import AnnotationStore

    from .player_window import PlayerWindow

TOUCH_PX = 56  # ≥ 48 px: a finger on a classroom screen


class Swatch(QAbstractButton):
    """A round colour to pick, as big as a fingertip (painted: the theme's button rules
    would stretch it in projector mode)."""

    def __init__(self, colour: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.colour = QColor(colour)
        self.setCheckable(True)
        self.setFixedSize(QSize(TOUCH_PX, TOUCH_PX))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(name + " (C)")
        self.setAccessibleName(name)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(TOUCH_PX, TOUCH_PX)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = QPen(QColor("#1f3b4d" if self.isChecked() else "#ffffff"), 5 if self.isChecked() else 2)
        painter.setPen(ring)
        painter.setBrush(self.colour)
        painter.drawEllipse(QRectF(self.rect()).adjusted(4, 4, -4, -4))
        painter.end()


class InkBar(QWidget):
    """Pen on/off; while on: five colours, eraser, clear, save. Narrow or in projector
    mode the buttons show only their icons (tooltips and keys stay)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ControlBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 4, 20, 4)
        row.setSpacing(8)
        self.pen_button = big_button(self.tr("Pen"), "pen")
        self.pen_button.setCheckable(True)
        self.pen_button.setToolTip(self.tr("Draw on the lesson with a pen, a finger or the mouse (D)"))
        row.addWidget(self.pen_button)
        self.tools = QWidget()
        tools = QHBoxLayout(self.tools)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.setSpacing(8)
        self.colours = QButtonGroup(self)
        self.colour_buttons: dict[str, QAbstractButton] = {}
        names = {"red": self.tr("Red"), "blue": self.tr("Blue"), "black": self.tr("Black"),
                 "yellow": self.tr("Yellow"), "green": self.tr("Green")}
        for name, value in COLOURS.items():
            swatch = Swatch(value, names[name])
            self.colours.addButton(swatch)
            self.colour_buttons[name] = swatch
            tools.addWidget(swatch)
        self.eraser_button = big_button(self.tr("Eraser"), "eraser")
        self.eraser_button.setCheckable(True)
        self.eraser_button.setToolTip(self.tr("Rub out a line by touching it (E)"))
        self.clear_button = big_button(self.tr("Clear"), "clear")
        self.clear_button.setToolTip(self.tr("Remove all drawings from this page (Delete)"))
        self.save_button = big_button(self.tr("Save drawings"), "save")
        self.save_button.setToolTip(self.tr("Keep the drawn pages as pictures with this class"))
        for button in (self.eraser_button, self.clear_button, self.save_button):
            tools.addWidget(button)
        row.addWidget(self.tools)
        self.note = QLabel()
        self.note.setObjectName("PlayerNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.note, 1)
        self._texts = {b: b.text() for b in (self.pen_button, self.eraser_button,
                                             self.clear_button, self.save_button)}
        for button in self._texts:
            button.setMinimumSize(TOUCH_PX, TOUCH_PX)
        self.tools.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        for button, text in self._texts.items():
            button.setText(text)
        shown = [b for b in self._texts if b.isVisibleTo(self)]
        need = sum(b.sizeHint().width() for b in shown) + 40 + 8 * 10
        if self.tools.isVisibleTo(self):
            need += len(self.colour_buttons) * (TOUCH_PX + 8)
        if need > self.width():
            for button in self._texts:
                button.setText("")


class InkController(QObject):
    """The pen for one player window."""

    saved = Signal(list)  # paths of the pictures written
    save_failed = Signal(str)

    def __init__(self, window: PlayerWindow):
        super().__init__(window)
        self.window = window
        self.playback = window.playback
        self.book = InkBook()
        self.bar = InkBar()
        self.store: AnnotationStore | None = None
        self.overlay: InkOverlay | None = None
        self._play = uuid.uuid4().hex[:8]  # this play's pictures replace only each other
        self._offered = False
        self._unsaved = False  # drawn, erased or cleared since the last save
        self._frame: tuple[str, QImage] | None = None  # a paused video's frame and its key
        self._frame_view: ScaledImage | None = None
        self._kind = self._surface_kind()
        outer = window.layout()
        outer.insertWidget(outer.indexOf(self.playback.controls), self.bar)  # type: ignore[attr-defined]
        self.bar.setVisible(bool(self._kind) and not window.failed)
        self._wire_bar()
        if self._kind in ("slide", "page"):
            surface = self._paged_surface()
            self._attach(surface)
            self.playback.current_changed.connect(self._on_page)
            self._on_page(self.playback.current_index())
        elif self._kind == "frame":
            self.playback.playing_changed.connect(lambda playing, _at: playing and self._unfreeze())
            self.playback.jumped.connect(lambda *_: self._unfreeze())
        window.installEventFilter(self)

    def keep_in(self, store: AnnotationStore) -> None:
        """Where saved pictures go (the class session is the window's `registration`)."""
        self.store = store

    # --- which picture ---------------------------------------------------------------------
    def _surface_kind(self) -> str:
        p = self.playback
        if getattr(p, "slides_view", None) is not None:
            return "slide"
        if isinstance(getattr(p, "pdf_view", None), ScaledImage) and p.item_count() > 0:
            return "page"
        if getattr(p, "video_widget", None) is not None:
            return "frame"
        return ""

    def _paged_surface(self) -> ScaledImage:
        p: Any = self.playback
        return p.slides_view.image if self._kind == "slide" else p.pdf_view

    def _attach(self, surface: ScaledImage) -> InkOverlay:
        overlay = InkOverlay(surface, self.book)
        overlay.can_swipe = lambda: self.playback.takes_slide_keys
        overlay.swiped.connect(self.playback.step)
        overlay.stroke_finished.connect(self._changed)
        overlay.set_pen(self.bar.pen_button.isChecked())
        overlay.erasing = self.bar.eraser_button.isChecked()
        overlay.colour = self._colour()
        self.overlay = overlay
        return overlay

    def _on_page(self, index: int) -> None:
        if self.overlay is None or index < 0:
            return
        self.overlay.surface.set_view(View())  # a new page starts whole
        self.overlay.show_page(page_key(self._kind, index))

    def _freeze(self) -> None:
        """Pen on a video: pause, and draw on a still of the frame on screen (the video
        surface is a native window that no widget can paint over)."""
        p: Any = self.playback
        if p.is_playing():
            p.toggle_play()
        video: QWidget = p.video_widget
        image = QImage()
        sink = p.player.videoSink() if getattr(p, "player", None) is not None else None
        if sink is not None and sink.videoFrame().isValid():
            image = sink.videoFrame().toImage()
        if image.isNull():  # no frame decoded yet: draw on black of the picture's shape
            image = QImage(video.size().expandedTo(QSize(320, 180)), QImage.Format.Format_RGB32)
            image.fill(QColor("#000000"))
        from PySide6.QtGui import QPixmap

        view = ScaledImage(video.parentWidget())
        view.set_pixmap(QPixmap.fromImage(image))
        layout = video.parentWidget().layout()
        layout.insertWidget(layout.indexOf(video), view, 1)  # type: ignore[attr-defined]
        video.hide()
        view.show()
        key = page_key("frame", p.position_ms())
        self._frame, self._frame_view = (key, image), view
        self._attach(view).show_page(key)

    def _unfreeze(self) -> None:
        """The video plays on: its still and what was drawn on it go."""
        if self._frame_view is None or self._frame is None:
            return
        self.book.clear(self._frame[0])
        self._frame_view.hide()
        self._frame_view.deleteLater()
        self._frame_view, self._frame, self.overlay = None, None, None
        p: Any = self.playback
        p.video_widget.show()
        self.bar.pen_button.setChecked(False)  # nothing to draw on while it plays

    # --- the tools ---------------------------------------------------------------------------
    def _wire_bar(self) -> None:
        bar = self.bar
        bar.pen_button.toggled.connect(self.set_pen)
        bar.colour_buttons[DEFAULT_COLOUR].setChecked(True)
        bar.colours.buttonClicked.connect(lambda _b: self._apply_tools(erasing=False))
        bar.eraser_button.toggled.connect(lambda on: self._apply_tools(erasing=on))
        bar.clear_button.clicked.connect(self.clear_page)
        bar.save_button.clicked.connect(self.save)

    def _colour(self) -> str:
        checked = self.bar.colours.checkedButton()
        return next((n for n, b in self.bar.colour_buttons.items() if b is checked), DEFAULT_COLOUR)

    def _apply_tools(self, erasing: bool) -> None:
        self.bar.eraser_button.setChecked(erasing)
        if self.overlay is not None:
            self.overlay.erasing = erasing
            self.overlay.colour = self._colour()

    def pen_on(self) -> bool:
        return self.bar.pen_button.isChecked()

    def toggle_pen(self) -> None:
        if self._kind and not self.window.failed:
            self.bar.pen_button.setChecked(not self.pen_on())  # toggled → set_pen

    def set_pen(self, on: bool) -> None:
        if self.bar.pen_button.isChecked() != on:
            self.bar.pen_button.setChecked(on)
            return
        if on and self._kind == "frame" and self._frame_view is None:
            self._freeze()
        if self.overlay is not None:
            self.overlay.set_pen(on)
        self.bar.tools.setVisible(on)
        self.bar.fit()
        self.window.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_eraser(self) -> None:
        if self.pen_on():
            self._apply_tools(erasing=not self.bar.eraser_button.isChecked())

    def next_colour(self) -> None:
        if not self.pen_on():
            return
        names = list(COLOURS)
        following = names[(names.index(self._colour()) + 1) % len(names)]
        self.bar.colour_buttons[following].setChecked(True)
        self._apply_tools(erasing=False)

    def clear_page(self) -> None:
        if self.overlay is not None and self.book.clear(self.overlay.page):
            self.overlay.update()
            self._changed()

    def reset_zoom(self) -> None:
        if self.overlay is not None:
            self.overlay.surface.set_view(View())
            self.overlay.update()

    def _changed(self) -> None:
        self._unsaved = True
        self.bar.note.setText("")

    # --- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        """Queue every drawn page for the write worker; False if it cannot be kept."""
        session = self.window.registration
        if self.store is None or not session:
            self.window._dialogs.info(self.window, self.tr("Drawings not saved"), self.tr(
                "Drawings are kept with a class. Start a class on the Today screen, then save."))
            return False
        frame = self._frame[1].copy() if self._frame is not None else None
        pages = [(key, [Stroke(s.colour, s.width, list(s.points)) for s in self.book.strokes(key)])
                 for key in self.book.inked_pages()]
        if not pages:
            return False
        write = save_job(self.store, session, self.window.lesson.id, self._play, pages,
                         self.playback.media.media, frame)
        self._unsaved = False
        self.bar.note.setText(self.tr("Saving the drawings…"))
        self.window._tasks.run_write(write, self._on_saved, self._on_save_error)
        return True

    def _on_saved(self, paths: list[Path]) -> None:
        self.bar.note.setText(self.tr("Saved %1 pictures with this class (see Class history).")
                              .replace("%1", str(len(paths))))
        self.saved.emit(paths)

    def _on_save_error(self, exc: BaseException) -> None:
        self._unsaved = True  # still on the screen, and worth another try
        text = describe_error(exc)
        self.bar.note.setText(text)
        self.save_failed.emit(text)
        window = self.window if self.window.isVisible() else None
        self.window._dialogs.error(window, self.tr("Drawings not saved"), text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Closing with drawings not saved yet: offer to keep them with the class, once."""
        if (watched is self.window and event.type() == QEvent.Type.Close and not self._offered
                and self._unsaved and self.book.has_ink() and self.store is not None
                and self.window.registration):
            self._offered = True
            if self.window._dialogs.confirm(self.window, self.tr("Keep the drawings?"), self.tr(
                    "You drew on this lesson. Save the drawn pages as pictures with this class?")):
                self.save()
        return False
