"""Message boxes, behind one small object the app passes around.

Tests hand windows a recording fake instead, so no test ever blocks in a modal exec().
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Dialogs:
    """Real, modal message boxes."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        if details:
            box.setDetailedText(details)
        box.exec()

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
        ).exec()


class RecordingDialogs(Dialogs):
    """Remembers what would have been shown; used by tests and the screenshot script."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        self.shown.append(("error", title, text))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))
