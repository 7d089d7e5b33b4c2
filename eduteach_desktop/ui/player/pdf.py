"""PDF courseware pages as images, rendered with PDFium (pypdfium2).

QtPdf is not part of the PySide6 Essentials/Addons wheels, so pages are rendered by
pypdfium2 on a worker into a QImage (thread-safe, unlike QPixmap) and shown as pictures.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtGui import QImage

_LOCK = threading.Lock()  # PDFium is not thread-safe: one render at a time per process


class PdfUnreadable(Exception):
    pass


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except Exception as exc:  # PdfiumError, OSError  # noqa: BLE001
            raise PdfUnreadable(str(exc)) from exc
        try:
            return len(doc)
        finally:
            doc.close()


def render_page(path: Path, index: int, width_px: int) -> QImage:
    """Render one page at about width_px wide (runs on a worker)."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except Exception as exc:  # noqa: BLE001
            raise PdfUnreadable(str(exc)) from exc
        try:
            page = doc[index]
            width_pt = page.get_width() or 595
            scale = max(0.2, min(4.0, width_px / width_pt))
            bitmap = page.render(scale=scale, rev_byteorder=True)
            fmt = {3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBA8888}.get(
                bitmap.n_channels, QImage.Format.Format_RGB888)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt)
            return image.copy()  # own the pixels before the buffer goes away
        except Exception as exc:  # noqa: BLE001
            raise PdfUnreadable(str(exc)) from exc
        finally:
            doc.close()
