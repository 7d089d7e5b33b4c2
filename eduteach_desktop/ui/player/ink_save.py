"""Saving drawn pages: each page's own picture (the slide file, the PDF page rendered
again, or the paused video's still) with its strokes painted on, as PNG, into the class
session's folder (store/annotations.py). Runs on the write worker: QImage and QPainter on
an image are safe off the GUI thread (QPixmap is not, so none is used here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageReader

from eduteach_desktop.core.ink import Stroke

from .annotate import compose

if TYPE_CHECKING:
    from eduteach_desktop.store.annotations import AnnotationStore

SAVE_WIDTH_PX = 1600  # PDF pages are rendered this wide for the saved picture
Page = tuple[str, list[Stroke]]


def read_picture(path: Path) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    return reader.read()


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def page_picture(key: str, media: tuple[Path, ...], frame: QImage | None) -> QImage:
    """The lesson picture under page `key` ('slide-2', 'page-0', 'frame-61500')."""
    kind, _, number = key.partition("-")
    if kind == "slide" and number.isdigit() and int(number) < len(media):
        return read_picture(media[int(number)])
    if kind == "page" and number.isdigit() and media:
        from .pdf import PdfUnreadable, render_page

        try:
            return render_page(media[0], int(number), SAVE_WIDTH_PX)
        except PdfUnreadable:
            return QImage()
    return frame if frame is not None and kind == "frame" else QImage()


def save_job(store: AnnotationStore, session: str, lesson_id: str, play: str, pages: list[Page],
             media: tuple[Path, ...], frame: QImage | None) -> Callable[[], list[Path]]:
    """The work for the write worker: returns the paths written, in page order."""

    def write() -> list[Path]:
        written = []
        for key, strokes in pages:
            picture = page_picture(key, media, frame)
            if picture.isNull():  # the picture is gone: keep the drawing, on white
                picture = QImage(SAVE_WIDTH_PX, SAVE_WIDTH_PX * 3 // 4, QImage.Format.Format_RGB32)
                picture.fill(QColor("#ffffff"))
            written.append(store.save(session, lesson_id, key, play, png_bytes(compose(picture, strokes))))
        return written

    return write
