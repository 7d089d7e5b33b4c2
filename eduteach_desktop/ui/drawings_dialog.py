"""The drawings saved with one class: thumbnails, one picture large, and "open" in the
computer's own picture viewer. They are on this PC only (store/annotations.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
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
        self.open_button.setEnabled(0 <= row < len(self.saved))
        if 0 <= row < len(self.saved):
            # One picture at screen size reads fast enough here (a PNG of a page).
            self.picture.set_pixmap(QPixmap.fromImage(_read(self.saved[row].path)))

    def current_path(self) -> Path | None:
        row = self.thumbs.currentRow()
        return self.saved[row].path if 0 <= row < len(self.saved) else None

    def open_current(self) -> bool:
        path = self.current_path()
        return path is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
