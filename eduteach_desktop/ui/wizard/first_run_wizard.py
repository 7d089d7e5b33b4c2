"""The wizard that holds the five pages, switches the language, and marks the first run done;
run_first_run_wizard shows it before the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget, QWizard

from eduteach_desktop.store import settings as keys

from ..i18n import install_translations, normalize, remove_translations
from ..threadcheck import guard_gui_thread
from .enroll_page import EnrollPage
from .language_page import LanguagePage
from .page import FolderPicker, WizardPage, pick_folder
from .storage_page import StoragePage
from .subjects_page import SubjectsPage
from .usb_page import UsbPage

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

    from eduteach_desktop.services import Services
    from eduteach_protocol.catalog import Catalog

    from ..dialogs import Dialogs
    from ..tasks import TaskRunner


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

    def pages(self) -> list[WizardPage]:
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
