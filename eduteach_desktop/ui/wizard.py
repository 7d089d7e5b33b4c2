"""The first-run wizard: what a county technician sets up before leaving the school.

Language, storage folder, county hub (or offline only), grades and textbook editions,
and lessons from a USB folder. Every page can be skipped (Next with nothing filled in);
everything here can be changed later in Settings and the Library. No step needs the
network: offline only plus skipping everything leaves the demo lessons in place.

Storage comes second, before enrollment and imports: a new folder only takes effect after
a restart, and whatever was enrolled or imported before would stay behind in the old one.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.blobs import free_bytes
from eduteach_desktop.store.datadir import DATA_DIR_FILE, check_new_data_folder, program_dir
from eduteach_desktop.store.library import Subscription
from eduteach_desktop.sync.progress import ProgressBoard
from eduteach_protocol import durable
from eduteach_protocol.editions import EditionRule

from .errors import describe_error, enrollment_error_text
from .i18n import install_translations, normalize, remove_translations
from .labels import grade_label, size_label, subject_label
from .threadcheck import guard_gui_thread
from .widgets import label, say_in

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

    from eduteach_desktop.services import Services
    from eduteach_protocol.catalog import Catalog

    from .dialogs import Dialogs
    from .tasks import TaskRunner

log = logging.getLogger(__name__)

FolderPicker = Callable[[QWidget, str], "Path | None"]
ALL_EDITIONS = "*"
NO_EDITION = ""
GRADES = (1, 2, 3)


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


def _wrap(name: str) -> QLabel:
    """A wrapping label. Plain QLabel: its height follows its width inside QWizard pages
    (WrapLabel fixes its height at the width it had before the wizard was laid out)."""
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.PlainText)  # a school name is shown as typed, never as markup
    widget.setWordWrap(True)
    widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if name:
        widget.setObjectName(name)
    return widget


def _title(text: str) -> Any:
    return label(text, "WindowTitle")


class _Page(QWizardPage):
    """A page with a big title, a plain-language explanation and a retranslate() hook."""

    def __init__(self, wizard: FirstRunWizard):
        # Parented from the start so Python knows the wizard owns (and deletes) the page.
        super().__init__(wizard)
        self.wiz = wizard
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(8, 4, 8, 4)
        self.column.setSpacing(14)
        self.heading = _title("")
        self.intro = _wrap("WindowSubtitle")
        self.column.addWidget(self.heading)
        self.column.addWidget(self.intro)

    def retranslate(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError


# --- 1. language ------------------------------------------------------------------------
class LanguagePage(_Page):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.zh = QRadioButton("中文（简体）")
        self.en = QRadioButton("English")
        for button in (self.zh, self.en):
            button.setObjectName("Big")
            button.setMinimumHeight(48)
            self.column.addWidget(button)
        self.group = QButtonGroup(self)
        self.group.addButton(self.zh)
        self.group.addButton(self.en)
        (self.en if wizard.language == "en" else self.zh).setChecked(True)
        self.zh.toggled.connect(lambda on: on and wizard.set_language("zh_CN"))
        self.en.toggled.connect(lambda on: on and wizard.set_language("en"))
        self.column.addStretch(1)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Welcome to EduTeach"))
        self.intro.setText(self.tr(
            "A few questions to get this computer ready for class. Every step can be "
            "skipped with Next and done later in Settings.\n\nChoose the language:"))


# --- 2. storage -------------------------------------------------------------------------
class StoragePage(_Page):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.folder = _wrap("Big")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.free = _wrap("")
        self.change = QPushButton()
        self.change.clicked.connect(self.choose)
        self.hint = _wrap("Muted")
        self.result = _wrap("StateOk")
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


# --- 3. enrollment ----------------------------------------------------------------------
class EnrollPage(_Page):
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
        self.result = _wrap("")
        self.column.addWidget(self.result)
        from .never_online import UsbEnrollPanel  # no network: an enrollment file instead

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




# --- 4. grades and editions -------------------------------------------------------------
class SubjectsPage(_Page):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.status = _wrap("Muted")
        self.column.addWidget(self.status)
        self.grade_title = label("", "SectionTitle")
        self.column.addWidget(self.grade_title)
        row = QHBoxLayout()
        self.grades: dict[int, QCheckBox] = {}
        for grade in GRADES:
            box = QCheckBox()
            box.toggled.connect(self.update_size)
            self.grades[grade] = box
            row.addWidget(box)
        row.addStretch(1)
        self.column.addLayout(row)
        self.edition_title = label("", "SectionTitle")
        self.column.addWidget(self.edition_title)
        self.edition_grid = QGridLayout()
        self.edition_grid.setHorizontalSpacing(16)
        self.edition_grid.setVerticalSpacing(10)
        self.edition_grid.setColumnStretch(1, 1)
        self.column.addLayout(self.edition_grid)
        self.size = _wrap("Big")
        self.column.addWidget(self.size)
        self.column.addStretch(1)
        self.catalog: Catalog | None = None
        self.editions: dict[str, QComboBox] = {}
        self._subject_labels: dict[str, Any] = {}
        self._state = "loading"

    # loading the catalog in hand -------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if self.catalog is not None:
            return
        self._state = "loading"
        self.retranslate()
        if self.wiz.offline:
            self._load_local()
            return
        self.wiz.tasks.run_read(self.wiz.services.settings.enrolled, self._load,
                                lambda exc: self._load_local())

    def _load(self, enrolled: bool) -> None:
        if enrolled:
            self.wiz.tasks.run_network(self.wiz.fetch_hub_catalog, self._got_catalog,
                                       lambda exc: self._load_local())
        else:
            self._load_local()

    def _load_local(self) -> None:
        services = self.wiz.services

        def load() -> Catalog | None:
            # With no hub, the demo lessons are the catalog in hand (imported once, like a
            # USB stick; the app would import them at its first start anyway).
            services.import_demo_if_first_run()
            return services.library.active_catalog() or services.library.pending_catalog()

        self.wiz.tasks.run_write(load, self._got_catalog, lambda exc: self._got_catalog(None))

    def _got_catalog(self, catalog: Catalog | None) -> None:
        self.catalog = catalog if catalog is not None and catalog.lessons else None
        self._state = "ready" if self.catalog else "empty"
        for widget in list(self.editions.values()) + list(self._subject_labels.values()):
            widget.deleteLater()
        self.editions.clear()
        self._subject_labels.clear()
        if self.catalog is not None:
            by_subject: dict[str, set[str]] = {}
            for lesson in self.catalog.lessons:
                by_subject.setdefault(lesson.subject, set()).add(lesson.edition)
            for row, subject in enumerate(sorted(by_subject)):
                name = label("", "")
                combo = QComboBox()
                combo.setMinimumWidth(260)
                editions = sorted(by_subject[subject])
                combo.addItem("", NO_EDITION)
                combo.addItem("", ALL_EDITIONS)
                for edition in editions:
                    combo.addItem(edition, edition)
                # One edition: that one; several: all until the teacher picks hers.
                combo.setCurrentIndex(2 if len(editions) == 1 else 1)
                combo.currentIndexChanged.connect(self.update_size)
                self.edition_grid.addWidget(name, row, 0)
                self.edition_grid.addWidget(combo, row, 1, Qt.AlignmentFlag.AlignLeft)
                self.editions[subject] = combo
                self._subject_labels[subject] = name
            # The county's editions, when it set them, are what the combos start at.
            self.wiz.tasks.run_read(self.wiz.services.library.county_editions, self._preselect)
        self.retranslate()

    def _preselect(self, rules: list[EditionRule]) -> None:
        chosen: dict[str, str] = {}
        for rule in rules:  # the all-grades rule of a subject, else one of its grade rules
            if rule.subject not in chosen or rule.grade == 0:
                chosen[rule.subject] = rule.edition
        for subject, edition in chosen.items():
            combo = self.editions.get(subject)
            index = combo.findData(edition) if combo is not None else -1
            if combo is not None and index >= 0:
                combo.setCurrentIndex(index)
        self.update_size()

    # choices ------------------------------------------------------------------------------
    def subscriptions(self) -> list[Subscription]:
        grades = [g for g, box in self.grades.items() if box.isChecked()]
        subs = []
        for grade in grades:
            for subject, combo in self.editions.items():
                edition = combo.currentData()
                if edition != NO_EDITION:
                    subs.append(Subscription(grade, subject, edition))
        return subs

    def total_bytes(self) -> tuple[int, int]:
        """(lessons, bytes) the chosen subscriptions would download."""
        if self.catalog is None:
            return 0, 0
        subs = self.subscriptions()
        lessons = [ls for ls in self.catalog.lessons if any(s.matches(ls) for s in subs)]
        return len(lessons), sum(ls.size for ls in lessons)

    def update_size(self) -> None:
        if self._state != "ready":
            self.size.setText("")
            return
        if not any(box.isChecked() for box in self.grades.values()):
            self.size.setText(self.tr("No grade chosen: nothing changes now (all lessons stay "
                                      "wanted). Choose later under Lessons → "
                                      "Choose lessons to download."))
            return
        count, total = self.total_bytes()
        self.size.setText(self.tr("To download: %1 lessons, %2").replace("%1", str(count))
                          .replace("%2", size_label(total)))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Grades and textbooks"))
        self.intro.setText(self.tr(
            "Tick the grades this school teaches and pick the textbook edition of each "
            "subject. Only those lessons are downloaded."))
        self.status.setText({
            "loading": self.tr("Reading the list of lessons…"),
            "empty": self.tr("There is no list of lessons on this computer yet. Skip this "
                             "step: when the first lessons have arrived, choose under Lessons → "
                             "Choose lessons to download."),
        }.get(self._state, ""))
        self.status.setVisible(self._state != "ready")
        ready = self._state == "ready"
        for widget in (self.grade_title, self.edition_title, *self.grades.values()):
            widget.setVisible(ready)
        self.grade_title.setText(self.tr("Grades"))
        self.edition_title.setText(self.tr("Textbook edition of each subject"))
        for grade, box in self.grades.items():
            box.setText(grade_label(grade))
        for subject, combo in self.editions.items():
            self._subject_labels[subject].setText(subject_label(subject))
            combo.setItemText(0, self.tr("Not taught"))
            combo.setItemText(1, self.tr("All editions"))
        self.update_size()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        subs = self.subscriptions()
        if subs:
            library = self.wiz.services.library
            self.wiz.tasks.run_write(lambda: library.set_subscriptions(subs))
        return True


# --- 5. lessons from a USB folder -------------------------------------------------------
class UsbPage(_Page):
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
        self.result = _wrap("")
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


# --- the wizard -------------------------------------------------------------------------
class FirstRunWizard(QWizard):
    """Not modal by itself: run_app exec()s it, tests drive it with qtbot."""

    PAGE_LANGUAGE, PAGE_STORAGE, PAGE_ENROLL, PAGE_SUBJECTS, PAGE_USB = range(5)

    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        dialogs: Dialogs,
        *,
        language: str = "zh_CN",
        switch_language: Callable[[str], None] | None = None,
        folder_picker: FolderPicker | None = None,
        frozen: bool | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        guard_gui_thread(services.db)
        self.setObjectName("FirstRunWizard")
        self.services = services
        self.tasks = tasks
        self.dialogs = dialogs
        self.language = language
        self._switch_language = switch_language
        self.folder_picker: FolderPicker = folder_picker or pick_folder
        self.frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
        self.offline = False
        self.school_name: str | None = None
        self.restart_needed = False
        self.new_data_dir: Path | None = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, False)
        self.setMinimumSize(900, 620)
        self.language_page = LanguagePage(self)
        self.storage_page = StoragePage(self)
        self.enroll_page = EnrollPage(self)
        self.subjects_page = SubjectsPage(self)
        self.usb_page = UsbPage(self)
        for page_id, page in enumerate(self.pages()):
            self.setPage(page_id, page)
        self.finished.connect(self._mark_done)
        self.retranslate()

    def pages(self) -> list[_Page]:
        return [self.language_page, self.storage_page, self.enroll_page, self.subjects_page,
                self.usb_page]

    def set_language(self, lang: str) -> None:
        """Switch at once: new translators, then the wizard re-translates its texts."""
        lang = normalize(lang) or "zh_CN"
        if lang == self.language:
            return
        self.language = lang
        if self._switch_language is not None:
            self._switch_language(lang)
        self.retranslate()
        settings = self.services.settings
        self.tasks.run_write(lambda: settings.set(keys.LANGUAGE, lang))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Setting up EduTeach"))
        buttons = QWizard.WizardButton
        self.setButtonText(buttons.BackButton, self.tr("< Back"))
        self.setButtonText(buttons.NextButton, self.tr("Next (or skip) >"))
        self.setButtonText(buttons.FinishButton, self.tr("Finish"))
        self.setButtonText(buttons.CancelButton, self.tr("Skip the rest"))
        for page in self.pages():
            page.retranslate()

    def fetch_hub_catalog(self) -> Catalog:
        """The hub's catalog, verified, for choosing subscriptions (network pool; the
        first real sync stores it)."""
        from eduteach_desktop.sync.sources import source_from

        repo = self.services.settings.get(keys.REPO_URL)
        return self.services.trust.fetch_catalog(source_from(repo)).catalog

    def _mark_done(self, _result: int) -> None:
        if self.restart_needed:
            return  # the wizard runs again in the new folder
        settings = self.services.settings
        self.tasks.run_write(lambda: settings.set(keys.FIRST_RUN_DONE, True))


def run_first_run_wizard(
    app: QApplication,
    services: Services,
    tasks: TaskRunner,
    dialogs: Dialogs,
    translators: list[QTranslator],
    language: str,
) -> tuple[list[QTranslator], bool]:
    """Show the wizard modally before the main window. Returns the translators now
    installed and whether the app should go on starting (False: restart for a new folder)."""
    current = list(translators)

    def switch(lang: str) -> None:
        nonlocal current
        remove_translations(app, current)
        current = install_translations(app, lang)

    wizard = FirstRunWizard(services, tasks, dialogs, language=language, switch_language=switch)
    wizard.exec()
    # The settings writes queued by the wizard land before the app reads them.
    tasks.run_write(lambda: None).result()
    return current, not wizard.restart_needed
