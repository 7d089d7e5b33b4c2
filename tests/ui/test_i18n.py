"""Chinese by default, English on request; Qt's own strings translated too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from eduteach_desktop.ui.i18n import choose_language, install_translations, remove_translations
from eduteach_desktop.ui.library_window import LibraryWindow


def test_default_language_is_chinese(qtbot, zh_app, services, tasks, dialogs):
    window = LibraryWindow(services, tasks, dialogs)
    qtbot.addWidget(window)
    assert window.card.play_button.text() == "播放"
    assert window.windowTitle() == "EduTeach 教学点数字课堂"
    # Qt's own catalogue (message box buttons) is loaded as well.
    assert QCoreApplication.translate("QPlatformTheme", "OK") == "确定"


def test_english_with_environment_variable(
    qtbot, qapp: QApplication, services, tasks, dialogs, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("EDUTEACH_LANG", "en")
    lang = choose_language(["eduteach"])
    assert lang == "en"
    translators = install_translations(qapp, lang)
    try:
        window = LibraryWindow(services, tasks, dialogs)
        qtbot.addWidget(window)
        assert window.card.play_button.text() == "Play"
        assert window.windowTitle() == "EduTeach — Lessons"
        assert QCoreApplication.translate("QPlatformTheme", "OK") == "OK"
    finally:
        remove_translations(qapp, translators)


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["eduteach"], {}, "zh_CN"),
        (["eduteach", "--lang", "en"], {}, "en"),
        (["eduteach", "--lang=en_US"], {}, "en"),
        (["eduteach"], {"EDUTEACH_LANG": "en"}, "en"),
        (["eduteach", "--lang", "zh"], {"EDUTEACH_LANG": "en"}, "zh_CN"),
        (["eduteach", "--lang", "klingon"], {}, "zh_CN"),
    ],
)
def test_choose_language(argv, env, expected):
    assert choose_language(argv, env) == expected
