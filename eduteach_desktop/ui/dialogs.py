"""Message boxes and file pickers, behind one small object the app passes around.

Tests hand windows a recording fake instead, so no test ever blocks in a modal exec().
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Dialogs:
    """Real, modal message boxes."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote a server or a file name
        if details:
            box.setDetailedText(details)
        box.exec()

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box.exec() == QMessageBox.StandardButton.Yes

    def open_file(self, parent: QWidget | None, title: str, name_filter: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), name_filter)
        return Path(path) if path else None


class RecordingDialogs(Dialogs):
    """Remembers what would have been shown; used by tests and the screenshot script.
    confirm() and open_file() answer from queues a test fills (default: yes / none)."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answers: deque[bool] = deque()
        self.files: deque[Path | None] = deque()

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        self.shown.append(("error", title, text))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return self.answers.popleft() if self.answers else True

    def open_file(self, parent: QWidget | None, title: str, name_filter: str) -> Path | None:
        return self.files.popleft() if self.files else None
