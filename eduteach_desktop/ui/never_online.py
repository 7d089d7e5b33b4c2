"""Schools with no network: enrollment from a USB stick (wizard and Settings), the watched
satellite folder, and the sentences a teacher can act on when a stick or a file is wrong.

The checks themselves are in sync/enroll_file.py and the sync engine; this module only
asks, confirms and words the answers (zh_CN through the translation files).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from eduteach_desktop.core.errors import EduTeachError
from eduteach_desktop.store import settings as keys

from .widgets import label, say_in

if TYPE_CHECKING:
    from eduteach_desktop.services import Services
    from eduteach_desktop.sync.enroll_file import Preview

    from .sync_controller import SyncController
    from .tasks import TaskRunner

log = logging.getLogger("eduteach.ui.never_online")
translate = QCoreApplication.translate
Picker = Callable[[QWidget, str], "Path | None"]
WATCH_FOLDER = "watch_folder"  # settings key: the satellite receive folder the app watches
WATCH_EVERY_MS = 5000


def enroll_file_error_text(exc: BaseException) -> str:
    """One sentence: what is wrong with the enrollment file and what to do."""
    reason = exc.details.get("reason") if isinstance(exc, EduTeachError) else None
    texts = {
        "tampered": translate("NeverOnline", "This enrollment file was changed after the county made "
                                             "it, so it was not used. Ask the county for a new file."),
        "not_enroll_file": translate("NeverOnline", "This is not an EduTeach enrollment file. Copy the "
                                                    "enrollment file (.etenroll) the county gave you."),
        "unreadable": translate("NeverOnline", "The enrollment file could not be read. Copy it onto "
                                               "the USB stick again."),
        "no_file": translate("NeverOnline", "There is no enrollment file (.etenroll) on this USB stick. "
                                            "Copy the county's file onto it."),
        "expired": translate("NeverOnline", "This enrollment file has expired. Ask the county for a new "
                                            "one, or check that this computer's date is right."),
        "other_county": translate("NeverOnline", "This enrollment file is from another county than the "
                                                 "one this computer belongs to. Use your own county's file."),
        "other_school": translate("NeverOnline", "This enrollment file is for another school. Use the "
                                                 "file made for this school."),
        "used": translate("NeverOnline", "This computer was already enrolled with this file. Nothing "
                                         "needs to be done."),
        "already_enrolled": translate("NeverOnline", "This computer already belongs to this school. "
                                                     "Nothing needs to be done."),
        "enrolled_by_file": translate("NeverOnline", "This computer was enrolled from a USB stick, so it "
                                                     "needs no code: enter only the address and press "
                                                     "Connect."),
    }
    if reason in texts:
        return texts[str(reason)]
    from .errors import describe_error

    return describe_error(exc)


def sync_problem_text(report: Any) -> str | None:
    """A sentence for a satellite folder or stick the sync refused (by the engine's stable
    codes, SyncReport.refused), or None."""
    codes = {getattr(p, "code", "") for p in getattr(report, "refused", [])}
    if "rollback" in codes:
        return translate("NeverOnline", "These lessons are older than the ones this computer "
                                        "already has, so nothing was changed. Ask for a newer copy.")
    if "other_repository" in codes:
        return translate("NeverOnline", "These lessons were signed by another county, so they were "
                                        "not used. Ask for a copy from your own county.")
    if "expired" in codes:
        return translate("NeverOnline", "These lessons are out of date (their signature has "
                                        "expired). Ask the county for a fresh copy.")
    if codes:
        return translate("NeverOnline", "The lessons in this folder did not pass the safety check and "
                                        "were not used. Tell the technician.")
    return None


class UsbEnrollPanel(QWidget):
    """"From a USB stick": choose the stick, see the county and school, confirm, join."""

    enrolled = Signal(object)  # FileEnrollment

    def __init__(self, services: Services, tasks: TaskRunner, picker: Picker | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.tasks = services, tasks
        self.picker: Picker = picker or _pick_enroll_file
        self.preview: Preview | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.intro = label("", "Muted", wrap=True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose)
        self.confirm = label("", "", wrap=True)
        self.join_button = QPushButton()
        self.join_button.setObjectName("Primary")
        self.join_button.clicked.connect(self.join)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.result = label("", "Muted", wrap=True)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.join_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        column.addWidget(self.intro)
        column.addLayout(row)
        column.addWidget(self.confirm)
        column.addWidget(self.result)
        self._message: Callable[[], str] = lambda: ""
        self._show_confirm(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr("No network? The county can give you an enrollment file on a USB "
                                   "stick instead of a code."))
        self.choose_button.setText(self.tr("From a USB stick…"))
        self.join_button.setText(self.tr("Join this school"))
        self.cancel_button.setText(self.tr("Cancel"))
        if self.preview is not None:
            self.confirm.setText(self._confirm_text(self.preview))
        self.result.setText(self._message())
        self.result.setVisible(bool(self.result.text()))

    def _confirm_text(self, p: Preview) -> str:
        return (self.tr("This computer will join county %1, school %2 (%3). Check that the key "
                        "%4 is the one on the county's sheet, then press Join.")
                .replace("%1", p.county_code).replace("%2", p.school_name)
                .replace("%3", p.school_code).replace("%4", p.fingerprint))

    def _say(self, message: Callable[[], str], state: str) -> None:
        self._message = message
        say_in(self.result, message, state)
        self.result.setVisible(bool(self.result.text()))  # no blank gap under the buttons

    def _show_confirm(self, shown: bool) -> None:
        self.confirm.setVisible(shown)
        self.join_button.setVisible(shown)
        self.cancel_button.setVisible(shown)
        self.choose_button.setEnabled(not shown)

    def choose(self) -> None:
        chosen = self.picker(self, self.tr("Choose the enrollment file (.etenroll) on the USB stick"))
        if chosen is None:
            return
        self.check(chosen)

    def check(self, chosen: Path) -> None:
        from eduteach_desktop.sync import enroll_file

        services = self.services

        def read() -> Preview:
            path = enroll_file.find_enroll_file(chosen)
            if path is None:
                raise enroll_file.EnrollFileProblem("no_file", f"no .etenroll file in {chosen}")
            return enroll_file.read(services, path)

        self._say(lambda: self.tr("Reading the enrollment file…"), "Muted")
        self.tasks.run_read(read, self._previewed, self._failed)

    def _previewed(self, preview: Preview) -> None:
        self.preview = preview
        self.confirm.setText(self._confirm_text(preview))
        self._show_confirm(True)
        self._say(lambda: "", "Muted")

    def cancel(self) -> None:
        self.preview = None
        self._show_confirm(False)

    def join(self) -> None:
        from eduteach_desktop.sync import enroll_file

        preview, services = self.preview, self.services
        if preview is None:
            return
        import platform

        name = platform.node() or "school-pc"
        self.join_button.setEnabled(False)
        self.tasks.run_write(lambda: enroll_file.apply(services, preview, name), self._joined, self._failed)

    def _joined(self, done: Any) -> None:
        self.preview = None
        self.join_button.setEnabled(True)
        self._show_confirm(False)
        name = done.school_name
        self._say(lambda: self.tr("Enrolled. This computer now belongs to %1; its lessons and records "
                                  "travel by USB stick.").replace("%1", name), "StateOk")
        self.enrolled.emit(done)

    def _failed(self, exc: BaseException) -> None:
        log.info("enrollment file refused: %s", exc)  # the detail goes to the log (and doctor)
        from eduteach_desktop.sync import enroll_file

        if isinstance(exc, enroll_file.EnrollFileProblem):
            services, problem = self.services, exc
            self.tasks.run_write(lambda: enroll_file.note_problem(services, problem))
        self.join_button.setEnabled(True)
        self.preview = None
        self._show_confirm(False)
        self._say(lambda: enroll_file_error_text(exc), "StateWarn")


def _pick_enroll_file(parent: QWidget, title: str) -> Path | None:
    """A file, not a folder: a stick may carry the files of several schools."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(
        parent, title, str(Path.home()),
        translate("NeverOnline", "Enrollment file (*.etenroll)") + ";;" + translate("NeverOnline", "All files (*)"))
    return Path(name) if name else None


def _pick_folder(parent: QWidget, title: str) -> Path | None:
    from .wizard import pick_folder

    return pick_folder(parent, title)


class SatelliteWatch(QObject):
    """Watches the satellite receive folder (setting `watch_folder`) and syncs from it when
    it changed and then settled, unattended. The snapshot is taken on a read worker."""

    receiving_changed = Signal(str)  # a sentence for the teacher

    def __init__(self, services: Services, tasks: TaskRunner, sync: SyncController,
                 interval_ms: int = WATCH_EVERY_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.services, self.tasks, self.sync = services, tasks, sync
        self.folder: Path | None = None
        self._watcher: Any = None
        self._busy = False
        self.text = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        sync.sync_finished.connect(self._finished)

    def set_folder(self, folder: Path | None, save: bool = True) -> None:
        from eduteach_desktop.sync.watch import FolderWatcher

        self.folder = folder
        self._watcher = FolderWatcher(folder) if folder else None
        if save:
            settings = self.services.settings
            self.tasks.run_write(lambda: settings.set(WATCH_FOLDER, str(folder) if folder else None))
        if folder is None:
            self.timer.stop()
            self._say("")
        else:
            self.timer.start()
            self.poll()

    def poll(self) -> None:
        watcher = self._watcher
        if watcher is None or self._busy or self.tasks.closed:
            return
        self._busy = True
        self.tasks.run_read(watcher.changed, self._polled, self._poll_failed)

    def _polled(self, changed: bool) -> None:
        self._busy = False
        if changed and self.folder is not None:
            self._say(self.tr("Receiving lessons from the satellite folder…"))
            # While another sync runs, the controller runs once more after it: no arrival is lost.
            self.sync.start([str(self.folder)])

    def _poll_failed(self, exc: BaseException) -> None:
        self._busy = False
        log.warning("satellite folder: %s", exc)

    def _finished(self, report: Any) -> None:
        if self.folder is None or report is None:
            return
        message = sync_problem_text(report)
        if message:
            self._say(message)
            return
        done, wanted = report.lessons_complete, report.lessons_wanted
        if wanted and done < wanted:
            self._say(self.tr("Receiving… %1 of %2 lessons are complete and can be used now; the rest "
                              "arrive with the next satellite reception.")
                      .replace("%1", str(done)).replace("%2", str(wanted)))
        elif wanted:
            self._say(self.tr("All %1 lessons from the satellite are complete.").replace("%1", str(wanted)))

    def _say(self, text: str) -> None:
        self.text = text
        self.receiving_changed.emit(text)


class SatelliteFolderPanel(QWidget):
    """Settings: choose or stop the watched satellite receive folder; shows what arrived."""

    def __init__(self, watch: SatelliteWatch, picker: Picker | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.watch = watch
        self.picker: Picker = picker or _pick_folder
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.state = label("", "", wrap=True)
        self.receiving = label(watch.text, "Muted", wrap=True)
        self.choose_button = QPushButton(self.tr("Choose the receive folder…"))
        self.choose_button.clicked.connect(self.choose)
        self.stop_button = QPushButton(self.tr("Stop watching"))
        self.stop_button.clicked.connect(lambda: self._set(None))
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        column.addWidget(self.state)
        column.addLayout(row)
        column.addWidget(self.receiving)
        watch.receiving_changed.connect(self._receiving)
        self._receiving(watch.text)
        self._show()

    def _receiving(self, text: str) -> None:
        self.receiving.setText(text)
        self.receiving.setVisible(bool(text))

    def choose(self) -> None:
        folder = self.picker(self, self.tr("Choose the folder the satellite receiver writes to"))
        if folder is not None:
            self._set(folder)

    def _set(self, folder: Path | None) -> None:
        self.watch.set_folder(folder)
        self._show()

    def _show(self) -> None:
        folder = self.watch.folder
        self.stop_button.setVisible(folder is not None)
        if folder is None:
            self.state.setText(self.tr("No satellite folder is watched. If a satellite receiver writes "
                                       "lessons to this computer, choose its folder: lessons are "
                                       "checked and added as they arrive."))
        else:
            self.state.setText(self.tr("Watching %1: lessons are checked and added as they arrive.")
                               .replace("%1", str(folder)))


def go_online(services: Services, url: str) -> Any:
    """A PC enrolled from a file gets a hub address: its claim goes first, then its records
    (network pool). Returns an object with school_name, as online enrollment does."""
    from types import SimpleNamespace

    from eduteach_desktop.records.first_contact import set_hub_url

    if "://" not in url:
        url = "http://" + url
    set_hub_url(services, url)
    services.upload()
    return SimpleNamespace(school_name=services.settings.get(keys.SCHOOL_NAME))


def identity_text(services: Services) -> str | None:
    """Settings' line for a PC enrolled from a file (no hub address)."""
    if services.settings.get(keys.ENROLLED_BY) != "file" or services.settings.get(keys.HUB_URL):
        return None
    return (translate("NeverOnline", "Enrolled from a USB stick as %1 (%2). Lessons come by USB stick or "
                                     "satellite; records go to the county on a USB stick.")
            .replace("%1", services.settings.get(keys.SCHOOL_NAME) or "")
            .replace("%2", services.settings.get(keys.SCHOOL_CODE) or ""))
