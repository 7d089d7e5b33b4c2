"""Saving drawn pages: each page's own picture (the slide file, the PDF page rendered
again, or the paused video's still) with its strokes painted on, into the class session's
folder (store/annotations.py). Runs on the write worker: QImage and QPainter on an image
are safe off the GUI thread (QPixmap is not, so none is used here).

Photographs (JPEG slides) and video stills are kept as JPEG, everything else as PNG: a
1600-pixel photograph with strokes took 2.0 MB as PNG and 0.4 MB as JPEG at quality 90,
and a teacher who keeps a few pages a day fills an old PC's small disk in PNG within a few
school years. PNG stays for PDF pages and drawn slides, where it is small and sharp."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageReader

from eduteach_desktop.core.ink import Stroke
from eduteach_desktop.store.annotations import JPEG, PNG

from .annotate import compose

if TYPE_CHECKING:
    from eduteach_desktop.store.annotations import AnnotationStore

SAVE_WIDTH_PX = 1600  # PDF pages are rendered this wide for the saved picture
JPEG_QUALITY = 90
PHOTO_SUFFIXES = {".jpg", ".jpeg"}
Page = tuple[str, list[Stroke]]


def read_picture(path: Path) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    return reader.read()


def encoded(image: QImage, suffix: str) -> bytes:
    """The picture as PNG or (suffix JPEG) as a JPEG of JPEG_QUALITY, with no transparency."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if suffix == JPEG:
        image.convertToFormat(QImage.Format.Format_RGB32).save(buffer, "JPG", JPEG_QUALITY)
    else:
        image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def page_picture(key: str, media: tuple[Path, ...], frame: QImage | None) -> tuple[QImage, str]:
    """The lesson picture under page `key` ('slide-2', 'page-0', 'frame-61500') and the
    format to keep it in: JPEG for a video still or a photograph (a JPEG slide), else PNG.
    A null picture when it is gone."""
    kind, _, number = key.partition("-")
    if kind == "slide" and number.isdigit() and int(number) < len(media):
        slide = media[int(number)]
        return read_picture(slide), JPEG if slide.suffix.lower() in PHOTO_SUFFIXES else PNG
    if kind == "page" and number.isdigit() and media:
        from .pdf import PdfUnreadable, render_page

        try:
            return render_page(media[0], int(number), SAVE_WIDTH_PX), PNG
        except PdfUnreadable:
            return QImage(), PNG
    if kind == "frame" and frame is not None:
        return frame, JPEG
    return QImage(), PNG


def save_job(store: AnnotationStore, session: str, lesson_id: str, play: str, pages: list[Page],
             media: tuple[Path, ...], frame: QImage | None) -> Callable[[], list[Path]]:
    """The work for the write worker: returns the paths written, in page order."""

    def write() -> list[Path]:
        written = []
        for key, strokes in pages:
            picture, suffix = page_picture(key, media, frame)
            if picture.isNull():  # the picture is gone: keep the drawing, on white
                picture = QImage(SAVE_WIDTH_PX, SAVE_WIDTH_PX * 3 // 4, QImage.Format.Format_RGB32)
                picture.fill(QColor("#ffffff"))
                suffix = PNG
            composed = encoded(compose(picture, strokes), suffix)
            written.append(store.save(session, lesson_id, key, play, composed, suffix))
        return written

    return write
