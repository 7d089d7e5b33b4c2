"""The Downloads page (sync panel): what is downloading, how fast, how long; pause and
resume; records waiting to go to the county, the last upload, and what went wrong, in
words for a teacher."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.core.errors import EduTeachError, NotEnrolledError
from eduteach_desktop.sync.progress import SyncProgress

from .errors import describe_error, hub_refused_text
from .labels import eta_label, rate_label, size_label
from .sync_controller import RecordStatus
from .widgets import label, page, scrolling

if TYPE_CHECKING:
    from .context import AppContext

POLL_MS = 150


def when_label(iso: str | None, never: str) -> str:
    if not iso:
        return never
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class SyncPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner, column = page()
        outer.addWidget(scrolling(inner))
        column.addWidget(label(self.tr("Downloads and records"), "WindowTitle"))

        # Lessons coming in
        down = QFrame()
        down.setObjectName("Card")
        grid = QVBoxLayout(down)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.addWidget(label(self.tr("New lessons"), "SectionTitle"))
        self.phase = label("", "Big", wrap=True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMinimumHeight(22)
        self.numbers = label("", "", wrap=True)
        self.sources = label("", "Muted", wrap=True)  # where the bytes came from
        self.network = label("", "Muted", wrap=True)
        self.last_sync = label("", "Muted", wrap=True)
        buttons = QHBoxLayout()
        self.pause_button = QPushButton(self.tr("Pause"))
        self.resume_button = QPushButton(self.tr("Continue"))
        self.resume_button.setObjectName("Primary")
        self.sync_button = QPushButton(self.tr("Look for new lessons now"))
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.resume_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sync_button)
        for w in (self.phase, self.bar, self.numbers, self.sources, self.last_sync, self.network):
            grid.addWidget(w)
        grid.addLayout(buttons)
        column.addWidget(down)

        # Records going out
        up = QFrame()
        up.setObjectName("Card")
        ugrid = QGridLayout(up)
        ugrid.setContentsMargins(16, 12, 16, 12)
        ugrid.addWidget(label(self.tr("Records for the county"), "SectionTitle"), 0, 0, 1, 2)
        self.waiting = label("", "Big", wrap=True)
        self.last_upload = label("", "", wrap=True)
        self.upload_problem = label("", "StateWarn", wrap=True)
        self.quarantine = label("", "StateWarn", wrap=True)
        self.upload_button = QPushButton(self.tr("Send records now"))
        ugrid.addWidget(self.waiting, 1, 0, 1, 2)
        ugrid.addWidget(self.last_upload, 2, 0, 1, 2)
        ugrid.addWidget(self.upload_problem, 3, 0, 1, 2)
        ugrid.addWidget(self.quarantine, 4, 0, 1, 2)
        ugrid.addWidget(self.upload_button, 5, 1)
        ugrid.setColumnStretch(0, 1)
        column.addWidget(up)
        column.addStretch(1)

        self.pause_button.clicked.connect(ctx.sync.pause)
        self.resume_button.clicked.connect(ctx.sync.resume)
        self.sync_button.clicked.connect(lambda: ctx.sync.start())
        self.upload_button.clicked.connect(ctx.sync.upload_now)
        ctx.sync.changed.connect(self.update_view)
        ctx.sync.status_changed.connect(self._show_status)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.update_view)
        self._status: RecordStatus | None = None
        self.update_view()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.timer.start()
        self.ctx.sync.refresh_status()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self.timer.stop()

    # --- downloads -------------------------------------------------------------------------
    def phase_text(self, snap: SyncProgress) -> str:
        sync = self.ctx.sync
        if sync.user_paused:
            return self.tr("Paused. Press Continue to go on from where it stopped.")
        if sync.metered_paused and not sync.running:
            return self.tr("Paused because this network is paid by the amount of data "
                           "(mobile data). It continues on a normal network.")
        if sync.last_error is not None and not sync.running:
            return self.problem_text(sync.last_error)
        refused = getattr(sync.last_report, "refused", None)
        if refused and not sync.running:
            return self.refusal_text(refused[0].code)
        phase = snap.phase
        if phase == "metadata":
            return self.tr("Looking for new lessons…")
        if phase == "downloading":
            title = snap.lesson_title or ""
            return self.tr("Downloading 《%1》 (lesson %2 of %3)").replace("%1", title) \
                .replace("%2", str(min(snap.items_done + 1, snap.items_total))) \
                .replace("%3", str(snap.items_total))
        if phase == "activating":
            return self.tr("Making the new lessons ready…")
        if phase == "done":
            return self.tr("All chosen lessons are on this computer.")
        if phase == "cancelled":
            return self.tr("Paused. Press Continue to go on from where it stopped.")
        if phase == "waiting":
            return self.tr("Waiting for the download hours set in Settings (%1).").replace(
                "%1", ", ".join(self._status.sync_windows if self._status else []))
        if phase == "failed":
            return self.tr("Some lessons could not be downloaded this time. "
                           "EduTeach tries again later by itself.")
        if sync.running:
            return self.tr("Starting…")
        return self.tr("Nothing is downloading now.")

    def refusal_text(self, code: str) -> str:
        """A refused source (SyncReport.problems, docs/sync.md) in a teacher's words; the
        technician finds the details in `eduteach sync` or `eduteach status`."""
        if code == "rollback":
            return self.tr("The lessons offered are older than the ones on this computer, so nothing "
                           "was changed.")
        if code == "expired":
            return self.tr("The county lesson service's safety signature is out of date, or this "
                           "computer's date is wrong. Check the date and time; if it is right, tell "
                           "the technician. The lessons already here can be used as usual.")
        if code == "other_repository":
            return self.tr("These lessons come from another county's lesson service and were not "
                           "used. Tell the technician. The lessons already here can be used as usual.")
        if code in ("not_a_repository", "source_refused", "not_found", "no_catalog"):
            return self.tr("The lesson address does not lead to the county lesson service (a Wi-Fi "
                           "login page may be in the way). Tell the technician. The lessons already "
                           "here can be used as usual.")
        return self.tr("The lessons offered did not pass the safety check and were not used. Tell "
                       "the technician. The lessons already here can be used as usual.")

    def problem_text(self, exc: BaseException) -> str:
        if isinstance(exc, NotEnrolledError):
            return self.tr("This computer is not connected to the county lesson service yet. "
                           "Lessons can still come from a USB stick. See Settings.")
        return describe_error(exc)

    def sources_text(self, snap: SyncProgress) -> str:
        """Where this sync's bytes came from: PCs nearby, the county service, a folder."""
        parts = []
        for source, kind, n in getattr(snap, "by_source", ()):
            host = urlsplit(source).hostname or source
            if kind == "lan":
                what = self.tr("PC nearby %1").replace("%1", host)
            elif kind == "local":
                what = self.tr("folder %1").replace("%1", source)
            else:
                what = self.tr("county service")
            parts.append(f"{what} {size_label(n)}")
        return self.tr("From: %1").replace("%1", " · ".join(parts)) if parts else ""

    def update_view(self) -> None:
        sync = self.ctx.sync
        snap = sync.progress()
        self.phase.setText(self.phase_text(snap))
        if snap.bytes_total > 0 and snap.phase in ("downloading", "cancelled", "activating", "done",
                                                    "failed"):
            self.bar.setValue(int(1000 * snap.bytes_done / snap.bytes_total))
            parts = [self.tr("%1 of %2").replace("%1", size_label(snap.bytes_done))
                     .replace("%2", size_label(snap.bytes_total))]
            if sync.running and snap.rate > 0:
                parts.append(rate_label(snap.rate))
            if sync.running and snap.eta is not None:
                parts.append(self.tr("%1 left").replace("%1", eta_label(snap.eta)))
            self.numbers.setText(" · ".join(parts))
            self.sources.setText(self.sources_text(snap))
            self.bar.show()
        else:
            self.bar.setVisible(sync.running)
            self.bar.setValue(0)
            self.numbers.setText("")
            self.sources.setText("")
        self.pause_button.setVisible(not sync.user_paused)
        self.pause_button.setEnabled(sync.running)
        self.resume_button.setVisible(sync.user_paused)
        self.sync_button.setEnabled(not sync.running and not sync.paused())
        net = sync.network
        if not net.available:
            self.network.setText(self.tr("EduTeach cannot tell on this computer whether the network "
                                         "is mobile data, so downloads are not paused for it."))
        elif not net.online:
            self.network.setText(self.tr("No network now. Downloads and records continue when it is back."))
        elif net.metered:
            self.network.setText(self.tr("Mobile data (paid by amount): lesson downloads wait."))
        else:
            self.network.setText(self.tr("Network connected."))
        self._show_upload_state()

    # --- records ---------------------------------------------------------------------------
    def _show_status(self, status: RecordStatus) -> None:
        self._status = status
        self._show_upload_state()

    def _show_upload_state(self) -> None:
        status, sync = self._status, self.ctx.sync
        if status is None:
            return
        if status.waiting:
            if status.failed_tries:
                text = self.tr(
                    "%1 records are waiting to be sent to the county; sending them has failed "
                    "%2 times. They are kept safe and go as soon as the county service answers.")
            else:
                text = self.tr("%1 records are waiting to be sent to the county.")
            self.waiting.setText(text.replace("%1", str(status.waiting))
                                 .replace("%2", str(status.failed_tries)))
        else:
            self.waiting.setText(self.tr("All records have been sent."))
        self.last_upload.setText(self.tr("Last sent: %1").replace(
            "%1", when_label(status.last_upload, self.tr("never"))))
        if status.last_sync:
            result = self.tr("complete") if status.last_sync_result == "ok" else self.tr("not complete")
            self.last_sync.setText(self.tr("Last looked for new lessons: %1 (%2)")
                                   .replace("%1", when_label(status.last_sync, ""))
                                   .replace("%2", result))
        else:
            self.last_sync.setText(self.tr("Has not looked for new lessons yet."))
        problem = ""
        if not status.enrolled:
            problem = self.tr("This computer is not connected to the county yet, so records wait "
                              "here safely. They can also go by USB stick (ask the technician).")
        elif sync.uploading:
            problem = self.tr("Sending…")
        elif sync.last_upload_error is not None:
            problem = self.upload_problem_text(sync.last_upload_error)
            if sync.next_upload_in:
                problem += " " + self.tr("Next try in %1.").replace(
                    "%1", eta_label(sync.next_upload_in))
        self.upload_problem.setText(problem)
        self.upload_problem.setVisible(bool(problem))
        if status.quarantined:
            reasons = "\n".join(f"• {reason}" for _, reason in status.quarantined[:5])
            self.quarantine.setText(
                self.tr("%1 records were refused by the county server and are kept aside; the "
                        "others are not held up. Tell the technician. Reasons:")
                .replace("%1", str(len(status.quarantined))) + "\n" + reasons)
        self.quarantine.setVisible(bool(status.quarantined))
        self.upload_button.setEnabled(status.enrolled and not sync.uploading and status.waiting > 0)

    def upload_problem_text(self, exc: BaseException) -> str:
        status = exc.details.get("status") if isinstance(exc, EduTeachError) else None
        if status in (401, 403):
            return hub_refused_text()
        if isinstance(status, int) and status >= 500:
            return self.tr("The county server has a problem right now. Records wait here safely.")
        return self.tr("The records could not be sent (no connection to the county server). "
                       "They wait here safely.")
