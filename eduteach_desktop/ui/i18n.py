"""Which language the app speaks, and the translators that make it so.

Chinese (zh_CN) is the default; `--lang en` or EDUTEACH_LANG=en switch to English. Qt's
own strings (OK/Cancel in message boxes, context menus) come from Qt's qtbase catalogue.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from eduteach_desktop.resources import resource_path

SUPPORTED = ("zh_CN", "en")
DEFAULT = "zh_CN"
ENV_VAR = "EDUTEACH_LANG"


def normalize(lang: str | None) -> str | None:
    if not lang:
        return None
    value = lang.strip().replace("-", "_").split(".")[0]
    if value.lower().startswith("en"):
        return "en"
    if value.lower() in ("zh", "zh_cn", "zh_hans", "cn"):
        return "zh_CN"
    return None


def choose_language(argv: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """`--lang X` / `--lang=X` beats $EDUTEACH_LANG beats the default (zh_CN)."""
    env = os.environ if environ is None else environ
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            chosen = normalize(args[i + 1])
            if chosen:
                return chosen
        elif arg.startswith("--lang="):
            chosen = normalize(arg.split("=", 1)[1])
            if chosen:
                return chosen
    return normalize(env.get(ENV_VAR)) or DEFAULT


def install_translations(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load our catalogue and Qt's for `lang`; return the translators (keep them alive)."""
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", f"eduteach_{lang}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    if lang != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for catalogue in ("qtbase", "qtmultimedia"):
            qt = QTranslator(app)
            if qt.load(f"{catalogue}_{lang}", qt_dir):
                app.installTranslator(qt)
                installed.append(qt)
    QLocale.setDefault(QLocale("en_US" if lang == "en" else lang))
    return installed


def remove_translations(app: QCoreApplication, translators: Sequence[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
