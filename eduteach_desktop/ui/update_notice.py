"""The quiet notice about an app update: never during a class, never a dialog.

"Version X is downloaded; it is installed when you close EduTeach", or, after the new
version failed and the previous one came back, one line saying so. The state is read on
a worker (update/state.py is a file in the data folder)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from .widgets import label

if TYPE_CHECKING:
    from .context import AppContext


class UpdateNotice(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("UpdateNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.ctx = ctx
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 4, 12, 4)
        self.text = label("", "Muted", wrap=True)
        row.addWidget(self.text, 1)
        self._state: dict[str, Any] = {}
        self.setVisible(False)
        ctx.classroom.session_changed.connect(self._show)
        ctx.sync.sync_finished.connect(lambda _report: self.refresh())

    def refresh(self) -> None:
        updates = self.ctx.services.updates

        def read() -> dict[str, Any]:
            state = updates.state()
            return {"waiting": updates.waiting_version(), "state": state.state,
                    "version": state.update_version, "running": updates.identity.version}

        self.ctx.tasks.run_latest(self, "update", read, self._got)

    def _got(self, state: dict[str, Any]) -> None:
        self._state = state
        self._show()

    def message(self) -> str:
        s = self._state
        if s.get("waiting"):
            return (self.tr("New version %1 is downloaded; it is installed when you close EduTeach.")
                    .replace("%1", str(s["waiting"])))
        if s.get("state") == "rolled_back" and s.get("version"):
            return (self.tr("New version %1 did not start properly, so EduTeach %2 is back; "
                            "your lessons and records are safe.")
                    .replace("%1", str(s["version"])).replace("%2", str(s.get("running", ""))))
        if s.get("state") == "failed" and s.get("version"):
            return (self.tr("New version %1 could not be downloaded or installed this time; EduTeach works as "
                            "before. A technician can see why with \"eduteach doctor\".")
                    .replace("%1", str(s["version"])))
        return ""

    def _show(self) -> None:
        text = self.message()
        self.text.setText(text)
        # Never during a class: the teacher is in front of the pupils.
        self.setVisible(bool(text) and self.ctx.classroom.session is None)
