"""The pen and touch on a classroom all-in-one: real player windows on the demo lessons,
pen, mouse and finger input synthesised with QTest (a touch-screen QPointingDevice from
QTest.createTouchDevice), strokes checked in the model and in the overlay's pixels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from eduteach_desktop.core.ink import COLOURS, View
from eduteach_desktop.ui.player.annotate import InkOverlay

from .conftest import SLIDES, VIDEO
from .helpers import make_player
from .test_player import _pdf


@pytest.fixture(scope="module")
def finger() -> QPointingDevice:
    return QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)


def _touch_stroke(widget: QWidget, device: QPointingDevice, points: list[QPoint],
                  mouse_too: bool = False) -> None:
    """One finger along `points`; with mouse_too, the system also sends the mouse events
    a touch screen's driver makes from it (marked as synthesised, as Windows does)."""
    def mouse(kind: QEvent.Type, at: QPoint, buttons: Qt.MouseButton) -> None:
        if mouse_too:
            event = QMouseEvent(kind, QPointF(at), QPointF(at), QPointF(widget.mapToGlobal(at)),
                                Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier,
                                Qt.MouseEventSource.MouseEventSynthesizedBySystem, device)
            QApplication.sendEvent(widget, event)

    QTest.touchEvent(widget, device).press(0, points[0], widget).commit()
    mouse(QEvent.Type.MouseButtonPress, points[0], Qt.MouseButton.LeftButton)
    for point in points[1:]:
        QTest.touchEvent(widget, device).move(0, point, widget).commit()
        mouse(QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton)
    QTest.touchEvent(widget, device).release(0, points[-1], widget).commit()
    mouse(QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)


def _mouse_stroke(qtbot, widget: QWidget, points: list[QPoint]) -> None:  # noqa: ANN001
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(widget, point)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=points[-1])


def _pinch(widget: QWidget, device: QPointingDevice, start: tuple[QPoint, QPoint],
           end: tuple[QPoint, QPoint], steps: int = 4) -> None:
    QTest.touchEvent(widget, device).press(0, start[0], widget).press(1, start[1], widget).commit()
    for i in range(1, steps + 1):
        a = start[0] + (end[0] - start[0]) * i / steps
        b = start[1] + (end[1] - start[1]) * i / steps
        QTest.touchEvent(widget, device).move(0, a, widget).move(1, b, widget).commit()
    QTest.touchEvent(widget, device).release(0, end[0], widget).release(1, end[1], widget).commit()


def _tap(widget: QWidget, device: QPointingDevice, at: QPoint) -> None:
    QTest.touchEvent(widget, device).press(0, at, widget).commit()
    QTest.touchEvent(widget, device).release(0, at, widget).commit()


def _red_pixels(image: QImage) -> int:
    red = QColor(COLOURS["red"])
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if _close(image.pixelColor(x, y), red))


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def _across(overlay: InkOverlay, y: float = 0.5) -> list[QPoint]:
    """Points across the middle of the picture (inside it at any window size)."""
    rect = overlay.surface.picture_rect()
    return [QPoint(int(rect.x() + rect.width() * f), int(rect.y() + rect.height() * y))
            for f in (0.3, 0.4, 0.5, 0.6, 0.7)]


def _on_screen(qtbot, player) -> None:  # noqa: ANN001
    """Show the window inside the (offscreen) screen: Qt gives a touch to the window under
    its screen position, so a point beyond the screen's edge would touch nothing."""
    screen = QApplication.primaryScreen().availableGeometry()
    player.setGeometry(screen.x(), screen.y(), min(1024, screen.width()), min(720, screen.height()))
    player.show()
    qtbot.waitExposed(player)


def _slides(qtbot, services, tasks, dialogs):  # noqa: ANN001, ANN202
    player = make_player(qtbot, services, tasks, dialogs, SLIDES)
    _on_screen(qtbot, player)
    return player


def test_mouse_and_pen_draw_on_a_slide_and_the_strokes_stay_with_it(qtbot, zh_app, services, tasks, dialogs):
    player = _slides(qtbot, services, tasks, dialogs)
    ink = player.ink
    for button in (ink.bar.pen_button, *ink.bar.colour_buttons.values(), ink.bar.eraser_button,
                   ink.bar.clear_button, ink.bar.save_button):
        assert button.minimumWidth() >= 48 and button.minimumHeight() >= 48  # a finger's target
    overlay = ink.overlay
    before = overlay.grab().toImage()
    _mouse_stroke(qtbot, overlay, _across(overlay))  # pen off: the mouse does not draw
    assert overlay.strokes() == []

    qtbot.mouseClick(ink.bar.pen_button, Qt.MouseButton.LeftButton)
    assert ink.pen_on() and ink.bar.tools.isVisible()
    _mouse_stroke(qtbot, overlay, _across(overlay))
    assert len(overlay.strokes()) == 1 and len(overlay.strokes()[0].points) == 5
    after = overlay.grab().toImage()
    assert _red_pixels(after) > _red_pixels(before) + 20  # the stroke is painted

    # a pen (tablet) draws too, in the chosen colour
    qtbot.mouseClick(ink.bar.colour_buttons["blue"], Qt.MouseButton.LeftButton)
    stylus = QPointingDevice("test pen", 4242, QInputDevice.DeviceType.Stylus,
                             QPointingDevice.PointerType.Pen,
                             QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3)
    for kind, point in [(QEvent.Type.TabletPress, _across(overlay, 0.3)[0]),
                        (QEvent.Type.TabletMove, _across(overlay, 0.3)[2]),
                        (QEvent.Type.TabletRelease, _across(overlay, 0.3)[4])]:
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
        QApplication.sendEvent(overlay, QTabletEvent(
            kind, stylus, QPointF(point), QPointF(overlay.mapToGlobal(point)), 0.6, 0, 0, 0, 0, 0,
            Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons))
    assert [s.colour for s in overlay.strokes()] == ["red", "blue"]

    # strokes belong to their slide: gone on the next one, back on return
    first = overlay.page
    qtbot.keyClick(player, Qt.Key.Key_PageDown)
    assert player.slides_view.index == 1 and overlay.page != first and overlay.strokes() == []
    qtbot.keyClick(player, Qt.Key.Key_PageUp)
    assert overlay.page == first and len(overlay.strokes()) == 2

    # they scale with the picture: a bigger window, the same spot of the slide
    stroke_mid = overlay.strokes()[0].points[2]
    player.resize(player.width() - 200, player.height() - 100)
    qtbot.waitUntil(lambda: overlay.size() == overlay.surface.size())
    rect = overlay.surface.picture_rect()
    at = QPoint(int(rect.x() + stroke_mid[0] * rect.width()), int(rect.y() + stroke_mid[1] * rect.height()))
    assert _close(overlay.grab().toImage().pixelColor(at), QColor(COLOURS["red"]))
    player.close()


def test_a_finger_draws_one_stroke_even_when_the_screen_also_sends_mouse_events(
        qtbot, zh_app, services, tasks, dialogs, finger):
    player = _slides(qtbot, services, tasks, dialogs)
    overlay = player.ink.overlay
    player.ink.set_pen(True)
    _touch_stroke(overlay, finger, _across(overlay), mouse_too=True)
    strokes = overlay.strokes()
    assert len(strokes) == 1 and len(strokes[0].points) == 5
    # a mouse event that says it came from the touch screen is not a second pen either
    at = _across(overlay, 0.7)[0]
    QApplication.sendEvent(overlay, QMouseEvent(
        QEvent.Type.MouseButtonPress, QPointF(at), QPointF(at), QPointF(overlay.mapToGlobal(at)),
        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, finger))
    assert len(overlay.strokes()) == 1
    assert _red_pixels(overlay.grab().toImage()) > 20
    player.close()


def test_swipe_turns_pages_pinch_zooms_pan_and_double_tap(qtbot, zh_app, services, tasks, dialogs, finger):
    player = _slides(qtbot, services, tasks, dialogs)
    overlay = player.ink.overlay
    surface = overlay.surface
    w, h = overlay.width(), overlay.height()
    left, right = QPoint(int(w * 0.2), h // 2), QPoint(int(w * 0.8), h // 2)
    _touch_stroke(overlay, finger, [right, QPoint(w // 2, h // 2), left])  # finger to the left: next
    assert player.slides_view.index == 1
    _touch_stroke(overlay, finger, [left, QPoint(w // 2, h // 2), right])
    assert player.slides_view.index == 0
    _touch_stroke(overlay, finger, [QPoint(w // 2, h // 2), QPoint(w // 2 + 10, h // 2)])  # a wobble
    assert player.slides_view.index == 0 and overlay.strokes() == []  # pen off: no stroke either

    centre = QPoint(w // 2, h // 2)
    _pinch(overlay, finger, (centre - QPoint(40, 0), centre + QPoint(40, 0)),
           (centre - QPoint(120, 0), centre + QPoint(120, 0)))
    assert surface.view.scale == pytest.approx(3.0, rel=0.05)
    zoomed_rect = surface.picture_rect()
    assert zoomed_rect.width() > w

    _touch_stroke(overlay, finger, [right, centre, left])  # zoomed: a drag pans, it does not turn
    assert player.slides_view.index == 0 and surface.view.centre[0] > 0.5

    _tap(overlay, finger, centre)
    _tap(overlay, finger, centre)
    assert surface.view == View()

    # pen on: two fingers still zoom, and the first finger's start is not left as a stroke
    player.ink.set_pen(True)
    _pinch(overlay, finger, (centre - QPoint(40, 0), centre + QPoint(40, 0)),
           (centre - QPoint(80, 0), centre + QPoint(80, 0)))
    assert surface.view.scale == pytest.approx(2.0, rel=0.05) and overlay.strokes() == []
    # drawing while zoomed lands on the page where the finger is: 40 px is half as far
    _touch_stroke(overlay, finger, [centre, centre + QPoint(40, 0)])
    (stroke,) = overlay.strokes()
    width_zoomed = surface.picture_rect().width()
    assert width_zoomed == pytest.approx(2 * zoomed_rect.width() / 3, rel=0.02)  # 2× vs 3× before
    assert stroke.points[0][0] == pytest.approx(0.5, abs=0.02)
    assert stroke.points[1][0] - stroke.points[0][0] == pytest.approx(40 / width_zoomed, rel=0.05)
    player.ink.clear_page()
    qtbot.keyClick(player, Qt.Key.Key_PageDown)  # a new page starts whole
    assert surface.view == View()
    player.close()


def test_mouse_and_keyboard_only_still_turn_pages(qtbot, zh_app, services, tasks, dialogs):
    player = _slides(qtbot, services, tasks, dialogs)
    overlay = player.ink.overlay
    _mouse_stroke(qtbot, overlay, [QPoint(600, 200), QPoint(300, 200), QPoint(100, 200)])
    assert player.slides_view.index == 0 and overlay.strokes() == []  # a mouse drag is no swipe
    qtbot.mouseClick(player.playback.bar.next_button, Qt.MouseButton.LeftButton)
    assert player.slides_view.index == 1
    player.close()


def test_eraser_removes_the_touched_stroke_and_clear_removes_all(
        qtbot, zh_app, services, tasks, dialogs, finger):
    player = _slides(qtbot, services, tasks, dialogs)
    overlay, bar = player.ink.overlay, player.ink.bar
    player.ink.set_pen(True)
    _touch_stroke(overlay, finger, _across(overlay, 0.3))
    _touch_stroke(overlay, finger, _across(overlay, 0.7))
    assert len(overlay.strokes()) == 2
    drawn = _red_pixels(overlay.grab().toImage())
    qtbot.mouseClick(bar.eraser_button, Qt.MouseButton.LeftButton)
    _touch_stroke(overlay, finger, [_across(overlay, 0.3)[2]])  # touch the first line
    assert len(overlay.strokes()) == 1 and overlay.strokes()[0].points[0][1] == pytest.approx(0.7, abs=0.01)
    assert 0 < _red_pixels(overlay.grab().toImage()) < drawn
    qtbot.mouseClick(bar.colour_buttons["green"], Qt.MouseButton.LeftButton)  # a colour: drawing again
    assert not bar.eraser_button.isChecked()
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert overlay.strokes() == [] and not player.ink.book.has_ink()
    assert _red_pixels(overlay.grab().toImage()) == 0
    player.close()


def test_pdf_pages_keep_their_own_strokes_and_zoom(qtbot, zh_app, services, tasks, dialogs, finger, tmp_path: Path):
    from eduteach_desktop.ui.player import LessonMedia, PlayerWindow
    from eduteach_protocol.catalog import Lesson, LessonFile

    pdf = _pdf(tmp_path / "k.pdf", 3)
    lesson = Lesson("pdf-g1-pen", "认识图形", 1, "math", "人教版", "上册", 1, 1, "pdf", 0.0,
                    (LessonFile("media", "k.pdf", "0" * 64, pdf.stat().st_size),))
    player = PlayerWindow(lesson, LessonMedia(media=(pdf,)), tasks, services.usage.record_play,
                          services.clock, dialogs, registration="session-pdf")
    player.ink.keep_in(services.annotations)
    qtbot.addWidget(player)
    _on_screen(qtbot, player)
    qtbot.waitUntil(lambda: player.playback.pdf_view.has_image(), timeout=10_000)
    overlay = player.ink.overlay
    assert overlay.surface is player.playback.pdf_view and overlay.page == "page-0"
    qtbot.keyClick(player, Qt.Key.Key_D)
    _touch_stroke(overlay, finger, _across(overlay))
    qtbot.keyClick(player, Qt.Key.Key_PageDown)
    assert overlay.page == "page-1" and overlay.strokes() == []
    _touch_stroke(overlay, finger, _across(overlay, 0.4))
    _touch_stroke(overlay, finger, _across(overlay, 0.6))
    assert sorted(player.ink.book.inked_pages()) == ["page-0", "page-1"]
    assert len(player.ink.book.strokes("page-0")) == 1 and len(overlay.strokes()) == 2
    centre = overlay.rect().center()
    _pinch(overlay, finger, (centre - QPoint(50, 0), centre + QPoint(50, 0)),
           (centre - QPoint(100, 0), centre + QPoint(100, 0)))
    assert overlay.surface.view.scale == pytest.approx(2.0, rel=0.05)
    with qtbot.waitSignal(player.ink.saved, timeout=10_000) as saved:
        player.ink.save()  # each page rendered again, full size, under its strokes
    pictures = [QImage(str(p)) for p in saved.args[0]]
    assert all(abs(p.width() - 1600) <= 2 for p in pictures) and len(pictures) == 2 and all(_red_pixels(p) > 20 for p in pictures)
    player.close()  # saved already: no question on closing
    assert not any(kind == "confirm" for kind, _, _ in dialogs.shown)


# The offscreen platform gives the video's native child window no handle: showing it again
# after the still makes Qt say so (a real desktop's platform has one).
@pytest.mark.qt_log_ignore("QBackingStore::flush\\(\\) called for +QVideoWindow")
def test_a_paused_video_frame_takes_strokes_until_it_plays_on(qtbot, zh_app, services, tasks, dialogs, finger):
    player = make_player(qtbot, services, tasks, dialogs, VIDEO, registration="session-video")
    player.ink.keep_in(services.annotations)
    _on_screen(qtbot, player)
    qtbot.waitUntil(lambda: player.position_ms() > 300, timeout=10_000)
    ink = player.ink
    assert ink.bar.isVisible() and ink.overlay is None
    qtbot.keyClick(player, Qt.Key.Key_D)  # the pen pauses the video and draws on its frame
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=5000)
    overlay = ink.overlay
    assert overlay is not None and overlay.page.startswith("frame-")
    assert not player.playback.video_widget.isVisible() and overlay.surface.has_image()
    qtbot.waitUntil(lambda: overlay.isVisible() and overlay.size() == overlay.surface.size()
                    and overlay.width() > 300)  # the still takes the video's place
    _touch_stroke(overlay, finger, _across(overlay))
    assert len(overlay.strokes()) == 1 and ink.book.has_ink()
    with qtbot.waitSignal(ink.saved, timeout=10_000) as saved:
        qtbot.mouseClick(ink.bar.save_button, Qt.MouseButton.LeftButton)
    (still,) = [QImage(str(p)) for p in saved.args[0]]
    assert "frame-" in saved.args[0][0].name and still.width() >= 320 and _red_pixels(still) > 5
    assert saved.args[0][0].suffix == ".jpg"  # a still is a photograph: JPEG (ink_save.py)
    qtbot.keyClick(player, Qt.Key.Key_D)  # pen off: the drawing stays on the still
    assert ink.book.has_ink() and overlay.isVisible()
    qtbot.keyClick(player, Qt.Key.Key_D)  # and on again: the same still, not a new one
    assert ink.overlay is overlay and len(overlay.strokes()) == 1
    qtbot.keyClick(player, Qt.Key.Key_Space)  # plays on: the still and its strokes go
    qtbot.waitUntil(player.is_playing, timeout=5000)
    assert not ink.book.has_ink() and ink.overlay is None and not ink.pen_on()
    assert player.playback.video_widget.isVisible()
    player.close()
