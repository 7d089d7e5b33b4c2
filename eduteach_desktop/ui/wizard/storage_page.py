"""Page 2: where lessons are kept; a new folder takes effect after a restart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from eduteach_desktop.store.blobs import free_bytes
from eduteach_desktop.store.datadir import DATA_DIR_FILE, check_new_data_folder, program_dir
from eduteach_protocol import durable

from ..errors import describe_error
from ..labels import size_label
from .page import WizardPage, wrapping_label

if TYPE_CHECKING:
    from .first_run_wizard import FirstRunWizard


class StoragePage(WizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.folder = wrapping_label("Big")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.free = wrapping_label("")
        self.change = QPushButton()
        self.change.clicked.connect(self.choose)
        self.hint = wrapping_label("Muted")
        self.result = wrapping_label("StateOk")
        for widget in (self.folder, self.free):
            self.column.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.change)
        row.addStretch(1)
        self.column.addLayout(row)
        self.column.addWidget(self.hint)
        self.column.addWidget(self.result)
        self.column.addStretch(1)
        self.change.setVisible(wizard.frozen)
        self._free: int | None = None

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        root = self.wiz.services.datadir.root
        self.wiz.tasks.run_read(lambda: free_bytes(root), self._got_free, lambda exc: None)

    def _got_free(self, n: int) -> None:
        self._free = n
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Where lessons are kept"))
        self.intro.setText(self.tr(
            "Lessons take a few gigabytes. Keep them on the drive with the most free space."))
        self.folder.setText(self.tr("Folder: %1").replace("%1", str(self.wiz.services.datadir.root)))
        self.free.setText(self.tr("Free space: %1").replace(
            "%1", size_label(self._free) if self._free is not None else "…"))
        self.change.setText(self.tr("Choose another folder…"))
        if self.wiz.frozen:
            self.hint.setText(self.tr(
                "A new folder is used after EduTeach is restarted; the wizard then continues "
                "there."))
        else:
            self.hint.setText(self.tr(
                "To keep the lessons somewhere else, start EduTeach with --data-dir FOLDER."))
        if self.wiz.restart_needed:
            self.result.setText(self.tr(
                "Saved. Press Finish, then open EduTeach again: it will use %1.")
                .replace("%1", str(self.wiz.new_data_dir)))

    def choose(self) -> None:
        folder = self.wiz.folder_picker(self, self.tr("Choose the folder for the lessons"))
        if folder is None:
            return
        marker = program_dir() / DATA_DIR_FILE

        def write() -> None:
            # A network drive, a read-only or full stick, or a too long path is refused
            # here: the current folder stays in use.
            check_new_data_folder(folder)
            durable.write_atomic(marker, (str(folder) + "\n").encode("utf-8"))

        def done(_: object) -> None:
            self.wiz.new_data_dir = folder
            self.wiz.restart_needed = True
            self.retranslate()
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            self.result.setText(self.tr("The folder could not be saved: %1")
                                .replace("%1", describe_error(exc)))

        self.wiz.tasks.run_write(write, done, failed)

    def isFinalPage(self) -> bool:  # noqa: N802 - Qt override
        return self.wiz.restart_needed

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1 if self.wiz.restart_needed else super().nextId()

