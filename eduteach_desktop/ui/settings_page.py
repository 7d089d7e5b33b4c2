"""Settings: county hub and enrollment, bandwidth and download hours, storage, language
and text size. Saved in the database; language and text size apply at the next start
(text size also at once)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.core.errors import StoreError
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.blobs import free_bytes
from eduteach_desktop.store.datadir import MIN_FREE_BYTES, folder_problem, writable_problem

from .errors import describe_error, enrollment_error_text
from .labels import size_label
from .theme import FONT_SCALE, FONT_SCALES, apply_theme
from .widgets import label, page, scrolling

if TYPE_CHECKING:
    from .context import AppContext

CAPS = (0, 16 * 1024, 32 * 1024, 64 * 1024, 128 * 1024, 256 * 1024, 512 * 1024, 1024 * 1024)


def _card(title: str) -> tuple[QFrame, QGridLayout]:
    frame = QFrame()
    frame.setObjectName("Card")
    grid = QGridLayout(frame)
    grid.setContentsMargins(16, 12, 16, 12)
    grid.setHorizontalSpacing(12)
    grid.addWidget(label(title, "SectionTitle"), 0, 0, 1, 3)
    grid.setColumnStretch(1, 1)
    return frame, grid


class SettingsPage(QWidget):
    enrolled = Signal()
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner, column = page()
        outer.addWidget(scrolling(inner))
        column.addWidget(label(self.tr("Settings"), "WindowTitle"))

        hub, g = _card(self.tr("County lesson service"))
        self.hub_state = label("", "", wrap=True)
        g.addWidget(self.hub_state, 1, 0, 1, 3)
        g.addWidget(label(self.tr("Address"), "Muted"), 2, 0)
        self.hub_url = QLineEdit()
        self.hub_url.setPlaceholderText("http://192.168.1.10:8000")
        g.addWidget(self.hub_url, 2, 1, 1, 2)
        g.addWidget(label(self.tr("One-time code"), "Muted"), 3, 0)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("from the education centre"))
        g.addWidget(self.code, 3, 1)
        self.enroll_button = QPushButton(self.tr("Connect"))
        self.enroll_button.setObjectName("Primary")
        self.enroll_button.clicked.connect(self.enroll)
        g.addWidget(self.enroll_button, 3, 2)
        self.enroll_result = label("", "Muted", wrap=True)
        g.addWidget(self.enroll_result, 4, 0, 1, 3)
        column.addWidget(hub)
        self.usb_identity_shown = False  # enrolled from a USB stick, no hub address yet
        from .never_online import SatelliteFolderPanel, UsbEnrollPanel

        usb, g = _card(self.tr("No network: USB stick and satellite"))
        self.usb = UsbEnrollPanel(ctx.services, ctx.tasks)
        self.usb.enrolled.connect(lambda _done: (self.refresh(), self.enrolled.emit()))
        g.addWidget(self.usb, 1, 0, 1, 3)
        if ctx.satellite is not None:
            self.satellite = SatelliteFolderPanel(ctx.satellite)
            g.addWidget(self.satellite, 2, 0, 1, 3)
        column.addWidget(usb)

        net, g = _card(self.tr("Downloading"))
        g.addWidget(label(self.tr("Speed limit"), "Muted"), 1, 0)
        self.cap = QComboBox()
        for cap in CAPS:
            self.cap.addItem(self.tr("No limit") if cap == 0 else f"{cap // 1024} KB/s", cap)
        g.addWidget(self.cap, 1, 1, 1, 2)
        g.addWidget(label(self.tr("Leave the rest of the link to the village."), "Muted", wrap=True),
                    2, 0, 1, 3)
        self.only_hours = QCheckBox(self.tr("Download only between"))
        g.addWidget(self.only_hours, 3, 0)
        hours = QHBoxLayout()
        self.start_time = QTimeEdit(QTime(18, 0))
        self.end_time = QTimeEdit(QTime(7, 0))
        for t in (self.start_time, self.end_time):
            t.setDisplayFormat("HH:mm")
        hours.addWidget(self.start_time)
        hours.addWidget(label(self.tr("and"), "Muted"))
        hours.addWidget(self.end_time)
        hours.addStretch(1)
        g.addLayout(hours, 3, 1, 1, 2)
        column.addWidget(net)

        nearby, g = _card(self.tr("PCs nearby"))
        self.share_lessons = QCheckBox(self.tr("Share my lessons with PCs nearby"))
        g.addWidget(self.share_lessons, 1, 0, 1, 3)
        g.addWidget(label(self.tr("For a central school PC that stays on: the teaching points on the same "
                                  "network get lessons from it instead of the county link. Only verified "
                                  "lessons are shared, never records."), "Muted", wrap=True), 2, 0, 1, 3)
        self.use_peers = QCheckBox(self.tr("Get lessons from PCs nearby first"))
        g.addWidget(self.use_peers, 3, 0, 1, 3)
        self.share_state = label("", "Muted", wrap=True)
        g.addWidget(self.share_state, 4, 0, 1, 3)
        column.addWidget(nearby)
        if ctx.share is not None:
            ctx.share.changed.connect(self._show_share_state)

        store, g = _card(self.tr("Storage"))
        self.folder = label("", "", wrap=True)
        self.space = label("", "", wrap=True)
        g.addWidget(label(self.tr("Folder"), "Muted"), 1, 0)
        g.addWidget(self.folder, 1, 1, 1, 2)
        g.addWidget(label(self.tr("Space"), "Muted"), 2, 0)
        g.addWidget(self.space, 2, 1, 1, 2)
        self.folder_problem = label("", "FolderProblem", wrap=True)
        self.folder_problem.hide()
        g.addWidget(self.folder_problem, 3, 1, 1, 2)
        column.addWidget(store)

        look, g = _card(self.tr("Language and text size"))
        g.addWidget(label(self.tr("Language"), "Muted"), 1, 0)
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        g.addWidget(self.language, 1, 1, 1, 2)
        g.addWidget(label(self.tr("Text size"), "Muted"), 2, 0)
        self.scale = QComboBox()
        for scale in FONT_SCALES:
            self.scale.addItem(f"{round(scale * 100)} %", scale)
        g.addWidget(self.scale, 2, 1, 1, 2)
        g.addWidget(label(self.tr("The language changes at the next start of EduTeach."), "Muted",
                          wrap=True), 3, 0, 1, 3)
        column.addWidget(look)

        row = QHBoxLayout()
        self.saved_label = label("", "StateOk")
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setObjectName("Primary")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.saved_label, 1)
        row.addWidget(self.save_button)
        column.addLayout(row)
        column.addStretch(1)

    # --- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        from .never_online import identity_text

        services = self.ctx.services

        def read() -> dict[str, Any]:
            s = services.settings
            return {
                "hub": s.get(keys.HUB_URL), "school": s.get(keys.SCHOOL_NAME),
                "code": s.get(keys.SCHOOL_CODE), "enrolled": s.enrolled(),
                "cap": s.get(keys.BANDWIDTH_CAP) or 0, "windows": s.get(keys.SYNC_WINDOWS) or [],
                "lang": s.get(keys.LANGUAGE) or "zh_CN", "scale": s.get(FONT_SCALE) or 1.0,
                "folder": str(services.datadir.root), "free": free_bytes(services.datadir.root),
                "stored": services.blobs.total_bytes(), "usb_identity": identity_text(services),
                "folder_problem": _folder_problem(services.datadir.root),
                "share": bool(s.get(keys.SHARE_LESSONS)), "peers": bool(s.get(keys.USE_LAN_PEERS)),
            }

        self.ctx.tasks.run_latest(self, "settings", read, self._show)

    def _show(self, v: dict[str, Any]) -> None:
        self.usb_identity_shown = bool(v.get("usb_identity"))
        if v.get("usb_identity"):
            self.hub_state.setText(v["usb_identity"])
        elif v["enrolled"]:
            self.hub_state.setText(self.tr("Connected to %1 as %2 (%3).").replace("%1", v["hub"] or "")
                                   .replace("%2", v["school"] or "").replace("%3", v["code"] or ""))
        else:
            self.hub_state.setText(self.tr("Not connected yet. Enter the address and the one-time "
                                           "code from the county education centre."))
        self.hub_url.setText(v["hub"] or "")
        i = self.cap.findData(int(v["cap"]))
        if i < 0:
            self.cap.addItem(f"{int(v['cap']) // 1024} KB/s", int(v["cap"]))
            i = self.cap.count() - 1
        self.cap.setCurrentIndex(i)
        windows = v["windows"]
        self.only_hours.setChecked(bool(windows))
        if windows:
            start, _, end = windows[0].partition("-")
            self.start_time.setTime(QTime.fromString(start.strip(), "HH:mm"))
            self.end_time.setTime(QTime.fromString(end.strip(), "HH:mm"))
        self.share_lessons.setChecked(bool(v.get("share")))
        self.use_peers.setChecked(bool(v.get("peers")))
        self._show_share_state()
        self.language.setCurrentIndex(max(0, self.language.findData(v["lang"])))
        self.scale.setCurrentIndex(max(0, self.scale.findData(float(v["scale"]))))
        self.folder.setText(v["folder"])
        problem = v.get("folder_problem")
        self.folder_problem.setText(describe_error(problem) if problem is not None else "")
        self.folder_problem.setVisible(problem is not None)
        self.space.setText(self.tr("Lessons use %1; %2 free on this disk.")
                           .replace("%1", size_label(v["stored"])).replace("%2", size_label(v["free"])))

    # --- saving ------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        windows = []
        if self.only_hours.isChecked():
            windows = [f"{self.start_time.time().toString('HH:mm')}-{self.end_time.time().toString('HH:mm')}"]
        return {
            keys.BANDWIDTH_CAP: int(self.cap.currentData()),
            keys.SYNC_WINDOWS: windows,
            keys.LANGUAGE: self.language.currentData(),
            FONT_SCALE: float(self.scale.currentData()),
            keys.SHARE_LESSONS: self.share_lessons.isChecked(),
            keys.USE_LAN_PEERS: self.use_peers.isChecked(),
        }

    def _show_share_state(self, _serving: bool = False) -> None:
        share = self.ctx.share
        if share is None:
            return
        if share.serving:
            self.share_state.setText(self.tr("Sharing now: PCs nearby can find this computer."))
        else:
            self.share_state.setText(share.problem)

    def save(self) -> None:
        values = self.values()
        settings = self.ctx.services.settings
        scale = values[FONT_SCALE]

        def done(_: object) -> None:
            self.saved_label.setText(self.tr("Saved."))
            if self.ctx.share is not None:
                self.ctx.share.set_enabled(bool(values[keys.SHARE_LESSONS]))
            app = QApplication.instance()
            if isinstance(app, QApplication) and abs(float(app.property("eduteach_font_scale") or 1.0)
                                                     - scale) > 0.01:
                apply_theme(app, scale)
            self.saved.emit()

        self.ctx.tasks.run_write(lambda: settings.update(values), done)

    def enroll(self) -> None:
        url, code = self.hub_url.text().strip(), self.code.text().strip()
        by_file = self.usb_identity_shown
        if not url or (not code and not by_file):
            self.enroll_result.setText(self.tr("Enter both the address and the code."))
            return
        self.enroll_button.setEnabled(False)
        self.enroll_result.setText(self.tr("Connecting…"))
        services = self.ctx.services
        if by_file and not code:  # enrolled from a USB stick: going online keeps it the same PC
            from .never_online import go_online

            def work() -> Any:
                return go_online(services, url)
        else:
            def work() -> Any:
                return services.enroll(url, code)

        def done(enrollment: Any) -> None:
            self.enroll_button.setEnabled(True)
            self.code.clear()
            self.enroll_result.setText(self.tr("Connected. This computer now belongs to %1.")
                                       .replace("%1", getattr(enrollment, "school_name", "") or ""))
            self.refresh()
            self.enrolled.emit()

        def failed(exc: BaseException) -> None:
            self.enroll_button.setEnabled(True)
            self.enroll_result.setText(self.tr("Not connected: %1").replace(
                "%1", enrollment_error_text(exc, offline_choice=False)))

        self.ctx.tasks.run_network(work, done, failed)


def _folder_problem(root: Path) -> StoreError | None:
    """A network drive, a too long path, or a read-only or nearly full folder (read worker)."""
    try:
        return folder_problem(root) or writable_problem(root, MIN_FREE_BYTES)
    except OSError as exc:
        return StoreError(str(exc))
