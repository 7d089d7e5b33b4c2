"""Page 5: copy lessons from a USB stick or folder, verified like every other source."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton

from eduteach_desktop.sync.progress import ProgressBoard

from ..errors import describe_error
from ..widgets import say_in
from .page import WizardPage, find_repository, wrapping_label

if TYPE_CHECKING:
    from .first_run_wizard import FirstRunWizard


class UsbPage(WizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        row = QHBoxLayout()
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("Primary")
        self.choose_button.clicked.connect(self.choose)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.column.addWidget(self.bar)
        self.result = wrapping_label("")
        self.column.addWidget(self.result)
        self.column.addStretch(1)
        self._busy = False
        self._board: ProgressBoard | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._poll)
        self._message: Callable[[], str] = lambda: ""
        self.report: Any = None

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Lessons from a USB stick"))
        self.intro.setText(self.tr(
            "If you brought lessons on a USB stick, copy them in now: choose the lesson "
            "folder on the stick. Otherwise press Finish."))
        self.choose_button.setText(self.tr("Choose the USB folder…"))
        self.result.setText(self._message())

    def _say(self, message: Callable[[], str], state: str) -> None:
        self._message = message
        say_in(self.result, message, state)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self._busy

    def choose(self) -> None:
        folder = self.wiz.folder_picker(self, self.tr("Choose the lesson folder on the USB stick"))
        if folder is None:
            return
        repo = find_repository(folder)
        if repo is None:
            self._say(lambda: self.tr("%1 holds no EduTeach lessons (no “metadata” folder "
                                      "was found in it). Choose the folder the county "
                                      "copied onto the stick.").replace("%1", str(folder)),
                      "StateWarn")
            return
        self._busy = True
        self.completeChanged.emit()
        self.choose_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.bar.setVisible(True)
        self._say(lambda: self.tr("Checking the lessons on the stick…"), "Muted")
        board = self._board = ProgressBoard(time.monotonic)
        services = self.wiz.services
        self._timer.start()
        self.wiz.tasks.run_write(lambda: services.sync([str(repo)], progress=board),
                                 self._done, self._failed)

    def _poll(self) -> None:
        if self._board is None:
            return
        snap = self._board.latest()
        if snap.phase == "downloading" and snap.items_total:
            self.bar.setRange(0, snap.items_total)
            self.bar.setValue(snap.items_done)
            done, total = snap.items_done, snap.items_total
            self._say(lambda: self.tr("Copying lesson %1 of %2…").replace("%1", str(done))
                      .replace("%2", str(total)), "Muted")

    def _finish(self) -> None:
        self._timer.stop()
        self._busy = False
        self.bar.setVisible(False)
        self.choose_button.setEnabled(True)
        self.completeChanged.emit()

    def _done(self, report: Any) -> None:
        self._finish()
        self.report = report
        if report.ok:
            n = report.lessons_complete
            self._say(lambda: self.tr("Done: %1 lessons are ready.").replace("%1", str(n)), "StateOk")
        elif report.catalog_version is None or report.refused:
            self._say(lambda: self.tr(
                "The lessons on this stick did not pass the safety check for this computer "
                "(they come from a source it does not trust). Connect to the county lesson "
                "service first, or ask for a stick made for this county."), "StateWarn")
        else:
            n, wanted = report.lessons_complete, report.lessons_wanted
            self._say(lambda: self.tr("%1 of %2 lessons were copied; the others are not on "
                                      "the stick or are damaged. They will come with the next "
                                      "download.").replace("%1", str(n)).replace("%2", str(wanted)),
                      "StateWarn")

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self._say(lambda: self.tr("The lessons were not copied: %1").replace("%1", describe_error(exc)),
                  "StateWarn")

