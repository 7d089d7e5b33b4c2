"""The language both command lines (`eduteach`, `eduteach-hub`) speak: Chinese for a Chinese
user, English otherwise, with Python's gettext (no Qt: the CLIs never load it).

The language is, first found: `--lang zh_CN|en`, $EDUTEACH_LANG, the POSIX locale for
messages (the first set of $LC_ALL, $LC_MESSAGES, $LANG; GNU's $LANGUAGE refines it unless
it is C), on Windows the user's display language; else English. Messages are English literals marked with `_()` (or `N_()` where
the text is looked up later, or `L_()` where it is raised deep down: below);
`scripts/cli_translations.py` extracts them into
`resources/translations/cli/zh_CN.po` and compiles `eduteach_protocol/locale/…/*.mo`
(HACKING.md, "How to add a CLI message").

The chosen catalog is process-wide, as a locale is: `use()` is called once, by each CLI's
`main()`, before its parser is built (the help lines are translated too).
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

DOMAIN = "eduteach_cli"
LANG_ENV = "EDUTEACH_LANG"
LANGUAGES = ("zh_CN", "en")

_catalog: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _(message: str) -> str:
    """`message` in the chosen language (itself when there is no translation)."""
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` ("1 error", "2 errors"; Chinese has one form)."""
    return _catalog.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """Marks a message for extraction where it is translated later, with `_()`."""
    return message


class Text(str):
    """A message raised below the command line, English until a CLI says it.

    Modules the hub server shares with the CLIs (eduteach_protocol, the desktop's sync, the
    hub's config and repository) raise errors whose text ends up both in a technician's
    terminal and in an HTTP body or a log that machines read. So the text IS the English
    sentence (this is a str: `str(exc)`, f-strings, JSON and the server behave exactly as
    with a literal, whatever the server's locale), and it also carries its template and
    arguments, so the CLI's presentation boundary (`render`, called by cliguard's explainers
    and the commands' final prints) can say it in the user's language. Arguments that are
    Text, or exceptions carrying Text, are rendered too; anything else (a path, a name, a
    hub's or a peer's words) is inserted as it is, never translated."""

    template: str
    params: dict[str, Any]
    aside_: bool = False

    def __new__(cls, template: str, /, **params: Any) -> Text:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = params
        return self

    @classmethod
    def aside(cls, english: str, template: str, /, **params: Any) -> Text:
        """`english` (a library's own words, kept as they were) that another language says
        with `template` instead (mark it N_), e.g. only where a TOML file went wrong."""
        self = super().__new__(cls, english)
        self.template = template
        self.params = params
        self.aside_ = True
        return self

    def __str__(self) -> str:
        # Itself, not a plain copy: `str(exc)` of an error raised with a Text is that Text
        # (BaseException.__str__ calls str() on its one argument), so code that passes an
        # error's message on with str(exc) keeps it sayable in the user's language.
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_text, (str.__str__(self), self.template, self.params, self.aside_))

    def translated(self) -> str:
        """The sentence in the chosen language (the English text itself for English)."""
        said = _(self.template)
        if said == self.template and self.aside_:
            return str.__str__(self)  # untranslated: the English words it was made with
        if not self.params:
            return said
        return said.format(**{k: render(v) if isinstance(v, (str, BaseException)) else v
                                          for k, v in self.params.items()})


def _text(english: str, template: str, params: dict[str, Any], aside: bool) -> Text:
    text = Text.aside(english, template, **params)
    text.aside_ = aside
    return text


def L_(template: str, /, **params: Any) -> str:  # noqa: N802 - named as gettext's markers are
    """An English message for a raise deep down, said in the user's language by `render`
    at the command line's boundary (Text: why). Placeholders are `{names}`, filled by params.
    Typed as the str it is, so it goes wherever an English message went."""
    return Text(template, **params)


def render(value: object) -> str:
    """What the user reads for a message, an argument or an error: Text in the chosen language,
    an exception by its Text when its text is one, anything else as its own str (remote or
    library text is never translated)."""
    if isinstance(value, Text):
        return value.translated()
    if isinstance(value, BaseException):
        text = str(value)
        for arg in value.args[:1]:
            if isinstance(arg, Text) and arg == text:
                return arg.translated()
        return text
    return str(value)


def worded(value: object) -> bool:
    """Whether `render` has a translatable sentence for it (a Text, or an error raised with one)."""
    if isinstance(value, BaseException):
        return bool(value.args) and isinstance(value.args[0], Text) and value.args[0] == str(value)
    return isinstance(value, Text)


def joined(separator: str, messages: Sequence[str]) -> str:
    """`separator.join(messages)`, each of them still said in the user's language."""
    names = [f"m{i}" for i in range(len(messages))]
    return Text(separator.join("{" + n + "}" for n in names), **dict(zip(names, messages, strict=True)))


def message_of(exc: BaseException) -> str:
    """An error's message to pass on (into another error, a note, a report): its Text when it
    has one, so the CLI can still say it in the user's language; else its str."""
    return exc.args[0] if worded(exc) else str(exc)


def locale_dir() -> Path:
    """The compiled catalogs: in the package, or under the frozen bundle's own copy."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) / "eduteach_protocol" / "locale" if base else Path(__file__).resolve().parent / "locale"


def normalize(tag: str | None) -> str | None:
    """One of LANGUAGES for a locale name ("zh_CN.UTF-8", "zh-Hans", "zh_TW.GB18030", "C",
    "en_US"); None for an empty or unset one. Every Chinese is zh_CN, the one we have."""
    if not tag:
        return None
    base = tag.split(".")[0].split("@")[0].replace("-", "_").lower()
    if base.startswith("zh"):
        return "zh_CN"
    return "en"


def windows_ui_language() -> str | None:
    """The Windows user's display language as a locale name ("zh_CN"), None elsewhere.

    GetUserDefaultUILanguage is what Explorer speaks; the user locale (formats, what
    locale.getlocale() reports) can differ from it."""
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
    except (AttributeError, OSError):
        return None
    return "zh_CN" if langid & 0x3FF == 0x04 else "en"  # 0x04: LANG_CHINESE, any region


def _lang_option(argv: Sequence[str]) -> str | None:
    """--lang's value, read before the parser exists (its help is already translated)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def choose_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of this run (module docstring: what decides)."""
    for tag in (_lang_option(argv), environ.get(LANG_ENV)):
        lang = normalize(tag)
        if lang is not None:
            return lang
    # POSIX: the first of these that is set is the locale for messages; GNU's $LANGUAGE
    # (a list, "zh_CN:en") refines it unless that locale is C.
    locale_name = next((environ[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(n)), "")
    if locale_name:
        preferred = environ.get("LANGUAGE", "").split(":")[0]
        if preferred and locale_name.split(".")[0] not in ("C", "POSIX"):
            return normalize(preferred) or "en"
        return normalize(locale_name) or "en"
    return windows_ui_language() or "en"


def use(lang: str) -> str:
    """Speak `lang` from now on in this process; returns it."""
    global _catalog, _language
    _catalog = gettext.translation(DOMAIN, locale_dir(), languages=[lang], fallback=True)
    _language = lang
    return lang


def language() -> str:
    """The language chosen by use() ("en" before)."""
    return _language


@contextlib.contextmanager
def argparse_speaks() -> Iterator[None]:
    """argparse's own words (usage:, options, "the following arguments are required") in
    the chosen language while the parser runs.

    WORKAROUND for argparse reading the process-wide gettext domain and the environment's
    language only (it has no way to be given a catalog): its module-level `_` and `ngettext`
    are pointed at ours for the duration, and put back."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _catalog.gettext, _catalog.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


# argparse's messages that a user meets (Python 3.11–3.13 wording), for the extractor.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)
