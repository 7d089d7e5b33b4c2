"""Page 3: join the county lesson service with a code, or stay offline only."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QProgressBar, QPushButton

from ..errors import enrollment_error_text
from ..widgets import label, say_in
from .page import WizardPage, pick_folder, wrapping_label

if TYPE_CHECKING:
    from .first_run_wizard import FirstRunWizard


class EnrollPage(WizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.url_label = label("", "")
        self.url = QLineEdit()
        self.url.setPlaceholderText("http://192.168.1.10:8000")
        self.code_label = label("", "")
        self.code = QLineEdit()
        grid.addWidget(self.url_label, 0, 0)
        grid.addWidget(self.url, 0, 1)
        grid.addWidget(self.code_label, 1, 0)
        grid.addWidget(self.code, 1, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid)
        row = QHBoxLayout()
        self.connect_button = QPushButton()
        self.connect_button.setObjectName("Primary")
        self.connect_button.clicked.connect(self.enroll)
        self.offline_button = QPushButton()
        self.offline_button.clicked.connect(self.offline_only)
        row.addWidget(self.connect_button)
        row.addWidget(self.offline_button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.column.addWidget(self.busy)
        self.result = wrapping_label("")
        self.column.addWidget(self.result)
        from ..never_online import UsbEnrollPanel  # no network: an enrollment file instead

        # The real dialog picks a file; a picker injected into the wizard (tests) is used as is.
        injected = None if wizard.folder_picker is pick_folder else wizard.folder_picker
        self.usb = UsbEnrollPanel(wizard.services, wizard.tasks, injected)
        self.usb.enrolled.connect(self._enrolled)
        self.column.addWidget(self.usb)
        self.column.addStretch(1)
        self.url.returnPressed.connect(self.code.setFocus)
        self.code.returnPressed.connect(self.enroll)
        self._busy = False
        self._message: Callable[[], str] = lambda: ""

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Connect to the county lesson service"))
        self.intro.setText(self.tr(
            "With the county's address and a one-time code, this computer gets new lessons "
            "and sends its class records. Without a network, choose Offline only: the demo "
            "lessons and lessons from a USB stick still work."))
        self.url_label.setText(self.tr("Address"))
        self.code_label.setText(self.tr("One-time code"))
        self.connect_button.setText(self.tr("Connect"))
        self.offline_button.setText(self.tr("Offline only"))
        self.result.setText(self._message())
        self.usb.retranslate()

    def _say(self, message: Callable[[], str], state: str) -> None:
        # Kept as a function so a language switch re-translates the message too.
        self._message = message
        say_in(self.result, message, state)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.connect_button, self.offline_button, self.url, self.code):
            widget.setEnabled(not busy)
        self.completeChanged.emit()

    def offline_only(self) -> None:
        self.wiz.offline = True
        self.wiz.next()

    def enroll(self) -> None:
        url, code = self.url.text().strip().rstrip("/"), self.code.text().strip()
        if not url or not code:
            self._say(lambda: self.tr("Enter both the address and the one-time code."), "StateWarn")
            return
        if "://" not in url:
            url = "http://" + url
        self._set_busy(True)
        self._say(lambda: self.tr("Connecting to %1 …").replace("%1", url), "Muted")
        services = self.wiz.services
        self.wiz.tasks.run_network(lambda: services.enroll(url, code), self._enrolled, self._failed)

    def _enrolled(self, enrollment: Any) -> None:
        self._set_busy(False)
        self.wiz.offline = False
        self.wiz.school_name = enrollment.school_name
        self.code.clear()
        name = enrollment.school_name
        self._say(lambda: self.tr("Connected. This computer now belongs to %1.").replace("%1", name),
                  "StateOk")

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._say(lambda: enrollment_error_text(exc), "StateWarn")


