"""The pen over the lesson: a transparent overlay on the picture (a slide, a PDF page, a
paused video's frame) that draws the page's strokes and turns pen, mouse and finger input
into strokes (core/ink.py keeps them, in page coordinates) or gestures (touch.py).

Input rules, so one touch never draws twice: touch events are accepted (Qt then
synthesises no mouse events from them), tablet (pen) events are accepted while the pen
is on, and a mouse event that is not a real mouse's (synthesised by Qt or by the
system from a touch screen or a pen) is swallowed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QWidget

from eduteach_desktop.core.ink import COLOURS, DEFAULT_COLOUR, InkBook, Point, Stroke, View

from .touch import GestureTracker
from .views import ScaledImage


def paint_strokes(painter: QPainter, strokes: list[Stroke], rect: QRectF) -> None:
    """Draw strokes given in page coordinates onto `rect`, the page's place."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for stroke in strokes:
        pen = QPen(QColor(COLOURS.get(stroke.colour, stroke.colour)))
        pen.setWidthF(max(1.0, stroke.width * rect.width()))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        points = [QPointF(rect.x() + x * rect.width(), rect.y() + y * rect.height())
                  for x, y in stroke.points]
        if len(points) == 1:
            painter.drawPoint(points[0])
            continue
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.drawPath(path)


def compose(picture: QImage, strokes: list[Stroke]) -> QImage:
    """The lesson picture with the strokes, at the picture's own size (runs on a worker:
    QImage and QPainter on an image are safe off the GUI thread)."""
    image = picture.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    paint_strokes(painter, strokes, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


def _is_real_mouse(event: QMouseEvent) -> bool:
    if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
        return False
    device = event.device()
    return device is None or device.type() not in (
        QInputDevice.DeviceType.TouchScreen, QInputDevice.DeviceType.Stylus,
        QInputDevice.DeviceType.Airbrush)


class InkOverlay(QWidget):
    """Covers one ScaledImage; strokes belong to the page key set by `show_page`."""

    stroke_finished = Signal()
    swiped = Signal(int)  # 1: next, -1: previous
    view_changed = Signal()

    def __init__(self, surface: ScaledImage, book: InkBook):
        super().__init__(surface)
        self.surface = surface
        self.book = book
        self.page = ""
        self.pen_on = False
        self.erasing = False
        self.colour = DEFAULT_COLOUR
        self.gestures = GestureTracker()
        self.can_swipe: Callable[[], bool] = lambda: True
        self._stroke: Stroke | None = None
        self._touch_stroke_id: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking, False)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(surface.rect())
        surface.installEventFilter(self)
        self.show()
        self.raise_()

    # --- state -------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        self._stroke = None
        self.page = key
        self.update()

    def set_pen(self, on: bool) -> None:
        self.pen_on = on
        self._stroke = None
        self.setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)

    def strokes(self) -> list[Stroke]:
        return self.book.strokes(self.page)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.surface and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.surface.rect())
        return False

    # --- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        strokes = self.book.strokes(self.page)
        if not strokes:
            return
        painter = QPainter(self)
        rect = self.surface.picture_rect()
        painter.setClipRect(rect)  # what is on screen is what a saved picture keeps
        paint_strokes(painter, strokes, rect)
        painter.end()

    def _to_page(self, pos: QPointF) -> Point:
        rect = self.surface.picture_rect()
        if rect.width() <= 0 or rect.height() <= 0:
            return (0.0, 0.0)
        return ((pos.x() - rect.x()) / rect.width(), (pos.y() - rect.y()) / rect.height())

    # --- one pointer draws or erases -----------------------------------------------------
    def _press(self, pos: QPointF) -> None:
        point = self._to_page(pos)
        if self.erasing:
            self._erase(point)
            return
        self._stroke = self.book.begin(self.page, self.colour, point)
        self._update_around(self._stroke, 1)

    def _move(self, pos: QPointF) -> None:
        point = self._to_page(pos)
        if self.erasing:
            self._erase(point)
        elif self._stroke is not None and self._stroke.add(point):
            self._update_around(self._stroke, 2)

    def _release(self, pos: QPointF) -> None:
        self._move(pos)
        if self._stroke is not None:
            self._stroke = None
            self.stroke_finished.emit()

    def _erase(self, point: Point) -> None:
        if self.book.erase_at(self.page, point):
            self.update()
            self.stroke_finished.emit()

    def _update_around(self, stroke: Stroke, last: int) -> None:
        """Repaint only around the newest segment: a stroke must follow the pen at once."""
        rect = self.surface.picture_rect()
        margin = stroke.width * rect.width() + 2
        xs = [rect.x() + x * rect.width() for x, _ in stroke.points[-last:]]
        ys = [rect.y() + y * rect.height() for _, y in stroke.points[-last:]]
        self.update(QRectF(min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin,
                           max(ys) - min(ys) + 2 * margin).toAlignedRect())

    def _cancel_stroke(self) -> None:
        """A second finger came down: what the first one drew was the start of a pinch."""
        if self._stroke is not None:
            strokes = self.book.strokes(self.page)
            if strokes and strokes[-1] is self._stroke:
                self.book.erase_last(self.page)
            self._stroke = None
            self.update()

    # --- events ----------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            assert isinstance(event, QTouchEvent)
            self._touch(event)
            event.accept()
            return True
        if kind in (QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease):
            assert isinstance(event, QTabletEvent)
            if not self.pen_on:
                event.ignore()
                return False
            {QEvent.Type.TabletPress: self._press, QEvent.Type.TabletMove: self._pen_move,
             QEvent.Type.TabletRelease: self._release}[kind](event.position())
            event.accept()
            return True
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick):
            assert isinstance(event, QMouseEvent)
            return self._mouse(event)
        return super().event(event)

    def _pen_move(self, pos: QPointF) -> None:
        if self._stroke is not None or self.erasing:
            self._move(pos)

    def _mouse(self, event: QMouseEvent) -> bool:
        if not _is_real_mouse(event):
            event.accept()  # already handled as touch or pen: never a second stroke
            return True
        if not self.pen_on:
            event.ignore()
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._press(event.position())
        elif kind == QEvent.Type.MouseMove and event.buttons() & Qt.MouseButton.LeftButton:
            self._pen_move(event.position())
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            self._release(event.position())
        event.accept()
        return True

    def _touch(self, event: QTouchEvent) -> None:
        if event.type() == QEvent.Type.TouchCancel:
            self._cancel_stroke()
            self.gestures.reset()
            return
        points = {p.id(): (p.position().x(), p.position().y()) for p in event.points()}
        released = {p.id() for p in event.points()
                    if p.state() == p.State.Released}  # type: ignore[attr-defined]
        first = self._touch_stroke_id
        multi = self.gestures.was_multi or len(points) > 1  # (the tracker forgets at the end)
        gestures = self.gestures.update(points, released, self.width(), event.timestamp())
        if self.pen_on and not (multi or self.gestures.was_multi):
            pid = next(iter(points))
            pos = QPointF(*points[pid])
            if first is None:
                self._touch_stroke_id = pid
                self._press(pos)
            elif pid in released:
                self._release(pos)
            else:
                self._move(pos)
        else:
            if first is not None:
                self._cancel_stroke()
            self._gestures(gestures)
        if not points.keys() - released:
            self._touch_stroke_id = None

    def _gestures(self, gestures: list) -> None:  # list[Gesture]
        view = self.surface.view
        rect = self.surface.picture_rect()
        for g in gestures:
            if g.kind == "pinch":
                view = view.zoomed(g.factor, self._to_page(QPointF(*g.at)))
            elif g.kind == "pan" and view.scale > 1 and rect.width() > 0:
                view = view.panned(g.delta[0] / rect.width() * view.scale,
                                   g.delta[1] / rect.height() * view.scale)
            elif g.kind == "double_tap":
                view = View()
            elif g.kind == "swipe" and view.scale == 1 and not self.pen_on and self.can_swipe():
                self.swiped.emit(g.direction)
        if view != self.surface.view:
            self.surface.set_view(view)
            self.update()
            self.view_changed.emit()
