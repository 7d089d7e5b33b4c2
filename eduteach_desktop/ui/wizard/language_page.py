"""Page 1: the language, switched at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QRadioButton

from .page import WizardPage

if TYPE_CHECKING:
    from .first_run_wizard import FirstRunWizard


class LanguagePage(WizardPage):
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
