"""What every wizard page shares: the page frame (title, explanation, retranslate hook),
its labels, and the folder picker the storage and USB pages use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget, QWizardPage

from ..widgets import label

if TYPE_CHECKING:
    from .first_run_wizard import FirstRunWizard


FolderPicker = Callable[[QWidget, str], "Path | None"]


def pick_folder(parent: QWidget, title: str) -> Path | None:
    """The real folder picker (tests inject their own)."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(chosen) if chosen else None


def find_repository(folder: Path) -> Path | None:
    """The lesson repository in `folder`: the folder itself, or one level down (a technician
    often picks the USB stick's top folder)."""
    if (folder / "metadata" / "root.json").is_file():
        return folder
    try:
        subs = sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return None
    for sub in subs:
        if (sub / "metadata" / "root.json").is_file():
            return sub
    return None


def wrapping_label(name: str) -> QLabel:
    """A wrapping label. Plain QLabel: its height follows its width inside QWizard pages
    (WrapLabel fixes its height at the width it had before the wizard was laid out)."""
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.PlainText)  # a school name is shown as typed, never as markup
    widget.setWordWrap(True)
    widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if name:
        widget.setObjectName(name)
    return widget


def title_label(text: str) -> Any:
    return label(text, "WindowTitle")


class WizardPage(QWizardPage):
    """A page with a big title, a plain-language explanation and a retranslate() hook."""

    def __init__(self, wizard: FirstRunWizard):
        # Parented from the start so Python knows the wizard owns (and deletes) the page.
        super().__init__(wizard)
        self.wiz = wizard
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(8, 4, 8, 4)
        self.column.setSpacing(14)
        self.heading = title_label("")
        self.intro = wrapping_label("WindowSubtitle")
        self.column.addWidget(self.heading)
        self.column.addWidget(self.intro)

    def retranslate(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

