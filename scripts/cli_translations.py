#!/usr/bin/env python3
"""The command lines' messages (eduteach_protocol/cli_i18n.py): extract, merge, compile, check.

    python scripts/cli_translations.py           # after changing CLI text: update the .po, compile the .mo
    python scripts/cli_translations.py --check   # what the tests run: exit 1 naming what is out of date

Sources are every module that imports cli_i18n; its `_()`, `N_()` and `L_()` literals are the
messages. The translations live in resources/translations/cli/<lang>.po (edit them there:
translate each empty msgstr); the compiled catalogs are package data in
eduteach_protocol/locale/<lang>/LC_MESSAGES/eduteach_cli.mo (the wheel, the frozen bundle
and the .deb carry them). Babel does the extracting and compiling; at run time only the
standard library's gettext reads the .mo.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("eduteach_desktop", "eduteach_hub", "eduteach_protocol")
PO_DIR = REPO / "resources" / "translations" / "cli"
LOCALE_DIR = REPO / "eduteach_protocol" / "locale"
DOMAIN = "eduteach_cli"
LANGUAGES = ("zh_CN",)  # English is the source text
KEYWORDS = {"_": None, "N_": None, "L_": None, "ngettext": (1, 2)}
CREATED = datetime(2026, 12, 7, tzinfo=UTC)


def sources() -> list[Path]:
    found = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if "cli_i18n import" in text or path.name == "cli_i18n.py":
                found.append(path)
    return found


def _new_catalog(**kwargs: object) -> Catalog:
    # Fixed dates: running the script twice changes nothing (no churn in the .po and .mo).
    return Catalog(domain=DOMAIN, project="EduTeach", version="", charset="utf-8",
                   copyright_holder="EduTeach developers", msgid_bugs_address="",
                   creation_date=CREATED, revision_date=CREATED, fuzzy=False,
                   last_translator="EduTeach developers", language_team="zh_CN", **kwargs)


def extract() -> Catalog:
    template = _new_catalog()
    for path in sources():
        rel = path.relative_to(REPO).as_posix()
        for lineno, message, comments, _context in extract_from_file("python", str(path), KEYWORDS):
            template.add(message, locations=[(rel, lineno)], auto_comments=comments)
    return template


def po_path(lang: str) -> Path:
    return PO_DIR / f"{lang}.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return _new_catalog(locale=lang)
    with open(path, "rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def check() -> list[str]:
    problems = []
    wanted = {m.id for m in extract() if m.id}
    for lang in LANGUAGES:
        catalog = read(lang)
        have = {m.id for m in catalog if m.id}
        problems += [f"{lang}.po lacks {mid!r} (run scripts/cli_translations.py)" for mid in sorted(wanted - have)]
        problems += [f"{lang}.po has a message no code uses: {mid!r}" for mid in sorted(have - wanted)]
        for m in catalog:
            ids, strings = _texts(m.id), _texts(m.string)
            if m.id and (not all(strings) or m.fuzzy):
                problems.append(f"{lang}.po: {'fuzzy' if m.fuzzy else 'untranslated'}: {m.id!r}")
                continue
            for text in strings if m.id else ():
                if any(_is_python_format(i) for i in ids) != _is_python_format(text):
                    problems.append(f"{lang}.po: %-placeholders differ: {m.id!r}")
                if _braces(ids[-1]) != _braces(text):
                    problems.append(f"{lang}.po: {{placeholders}} differ: {m.id!r}")
        mo = mo_path(lang)
        if not mo.exists() or mo.read_bytes() != compiled(catalog):
            problems.append(f"{mo.relative_to(REPO)} is not compiled from {lang}.po (run scripts/cli_translations.py)")
    return problems


def _texts(value: object) -> list[str]:
    """A message's text(s): one, or the singular and plural forms."""
    if isinstance(value, (tuple, list)):
        return [str(v) for v in value]
    return [str(value or "")]


def _is_python_format(text: str) -> bool:
    from babel.messages.catalog import PYTHON_FORMAT

    return bool(PYTHON_FORMAT.search(text))


def _braces(text: str) -> list[str]:
    import string

    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None)


def update() -> None:
    template = extract()
    for lang in LANGUAGES:
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False  # the header: a fuzzy one is left out of the .mo, and its charset with it
        catalog.revision_date = CREATED
        catalog.obsolete.clear()  # git keeps the history
        PO_DIR.mkdir(parents=True, exist_ok=True)
        with open(po_path(lang), "wb") as fh:
            write_po(fh, catalog, width=100, include_lineno=False, sort_by_file=True)
        with open(po_path(lang), "rb") as fh:  # compile what was written, exactly
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        mo_path(lang).parent.mkdir(parents=True, exist_ok=True)
        mo_path(lang).write_bytes(compiled(catalog))
        todo = sum(1 for m in catalog if m.id and (not all(_texts(m.string)) or m.fuzzy))
        print(f"{po_path(lang).relative_to(REPO)}: {len(catalog)} messages, {todo} to translate")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of date")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
