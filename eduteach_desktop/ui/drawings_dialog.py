"""The drawings saved with one class: thumbnails, one picture large, "open" in the
computer's own picture viewer, and "delete" for a picture the teacher does not want to keep
(the pictures fill the disk of an old PC over the years). They are on this PC only
(store/annotations.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.store.annotations import SavedAnnotation
from eduteach_protocol.durable import FileBusyError

from .errors import describe_error
from .player.views import ScaledImage
from .widgets import label

if TYPE_CHECKING:
    from .context import AppContext

THUMB = QSize(200, 150)


def _read(path: Path, size: QSize | None = None) -> QImage:
    reader = QImageReader(str(path))
    if size is not None:
        full = reader.size()
        if full.isValid():
            reader.setScaledSize(full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class DrawingsDialog(QDialog):
    loaded = Signal()
    deleted = Signal()  # a picture is gone: class history counts again

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Drawings of this class"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.resize(1000, 640)
        self.ctx = ctx
        self.saved: list[SavedAnnotation] = []
        column = QVBoxLayout(self)
        column.addWidget(label(self.tr(
            "Pages drawn on in this class, saved as pictures. They stay on this computer: "
            "they are never uploaded or exported."), "Muted", wrap=True))
        row = QHBoxLayout()
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setFlow(QListWidget.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(THUMB)
        self.thumbs.setFixedWidth(THUMB.width() + 40)
        self.thumbs.currentRowChanged.connect(self._show_large)
        self.thumbs.itemDoubleClicked.connect(lambda _item: self.open_current())
        self.picture = ScaledImage()
        row.addWidget(self.thumbs)
        row.addWidget(self.picture, 1)
        column.addLayout(row, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = QPushButton(self.tr("Open in the picture viewer"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_current)
        self.delete_button = QPushButton(self.tr("Delete this picture"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_current)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        column.addLayout(buttons)
        store = ctx.services.annotations

        def read() -> list[tuple[SavedAnnotation, QImage]]:
            return [(saved, _read(saved.path, THUMB)) for saved in store.for_session(session_id)]

        ctx.tasks.run_read(read, self._show)

    def _show(self, found: list[tuple[SavedAnnotation, QImage]]) -> None:
        self.saved = [saved for saved, _ in found]
        for saved, thumb in found:
            item = QListWidgetItem(QIcon(QPixmap.fromImage(thumb)), self._caption(saved))
            item.setToolTip(saved.path.name)
            self.thumbs.addItem(item)
        if found:
            self.thumbs.setCurrentRow(0)
        self.loaded.emit()

    def _caption(self, saved: SavedAnnotation) -> str:
        kind, _, number = saved.page.partition("-")
        if kind == "slide" and number.isdigit():
            return self.tr("Picture %1").replace("%1", str(int(number) + 1))
        if kind == "page" and number.isdigit():
            return self.tr("Page %1").replace("%1", str(int(number) + 1))
        return self.tr("Video still")

    def _show_large(self, row: int) -> None:
        chosen = 0 <= row < len(self.saved)
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        if chosen:
            # One picture at screen size reads fast enough here (a PNG or JPEG of a page).
            self.picture.set_pixmap(QPixmap.fromImage(_read(self.saved[row].path)))
        else:
            self.picture.set_pixmap(QPixmap())

    def current_path(self) -> Path | None:
        row = self.thumbs.currentRow()
        return self.saved[row].path if 0 <= row < len(self.saved) else None

    def open_current(self) -> bool:
        path = self.current_path()
        return path is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def delete_current(self) -> bool:
        """Ask, then delete the picture shown on the write worker; False if not asked for."""
        row = self.thumbs.currentRow()
        if not 0 <= row < len(self.saved):
            return False
        if not self.ctx.dialogs.confirm(self, self.tr("Delete this picture?"), self.tr(
                "The picture is deleted from this computer and cannot be brought back.")):
            return False
        saved, store = self.saved[row], self.ctx.services.annotations
        self.delete_button.setEnabled(False)  # one deletion at a time
        self.ctx.tasks.run_write(lambda: store.delete(saved), lambda _none: self._deleted(saved),
                                 self._delete_failed)
        return True

    def _deleted(self, saved: SavedAnnotation) -> None:
        if not shiboken6.isValid(self):  # closed while the worker deleted it: nothing to show
            return
        if saved in self.saved:
            row = self.saved.index(saved)
            self.saved.pop(row)
            self.thumbs.takeItem(row)
        self._show_large(self.thumbs.currentRow())
        self.deleted.emit()

    def _delete_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._show_large(self.thumbs.currentRow())
        text = (self.tr("The picture is open in another program, such as the picture viewer. "
                        "Close it and try again.")
                if isinstance(exc, FileBusyError) else describe_error(exc))
        self.ctx.dialogs.error(self, self.tr("Picture not deleted"), text)
