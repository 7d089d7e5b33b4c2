"""Which characters a title (and other short catalog text) may hold, said for people, and
how to print text that came from elsewhere on a terminal.

A title travels from a publisher's lesson.toml through the signed catalog to a teacher's
screen and a technician's terminal. Control characters (an ESC starts a terminal escape
sequence) and bidirectional overrides (U+202E turns "课程.exe" into "课程exe.") must
never get that far: the hub refuses them when it reads its sources (here), the catalog
refuses them when it parses (`limits.py`, whose character set this module uses, so both
refuse exactly the same), and the CLI escapes whatever it prints anyway. Standard library
only.
"""

from __future__ import annotations

import unicodedata

from .cli_i18n import L_
from .limits import FORBIDDEN_CHARS_RE, FORBIDDEN_IN_MULTILINE_RE, MAX_TITLE_CHARS

__all__ = ["MAX_LINE_CHARS", "MAX_TITLE_CHARS", "escape_for_terminal", "escape_json_text", "forbidden_char",
           "shorten", "text_problem"]

def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if 0xD800 <= ord(ch) <= 0xDFFF:
        name = "an unpaired surrogate"
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def forbidden_char(text: str, *, allow_newlines: bool = False) -> str | None:
    """A description of the first character text must not hold ("U+202E (RIGHT-TO-LEFT
    OVERRIDE)"), or None. Control characters (C0, DEL, C1), bidi controls, line
    separators, invisible marks and unpaired surrogates are forbidden; allow_newlines lets
    "\\n" and "\\t" through (for a summary)."""
    found = (FORBIDDEN_IN_MULTILINE_RE if allow_newlines else FORBIDDEN_CHARS_RE).search(text)
    return None if found is None else _describe(found.group())


def text_problem(text: str, max_chars: int, *, allow_newlines: bool = False) -> str | None:
    """Why text is not acceptable as a field of at most max_chars characters, in a few
    words for a technician, or None when it is."""
    if len(text) > max_chars:
        return L_("is {n:,} characters long; the limit is {limit:,}", n=len(text), limit=max_chars)
    bad = forbidden_char(text, allow_newlines=allow_newlines)
    if bad is not None:
        return L_("holds the control character {char}; remove it", char=bad)
    return None


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


MAX_LINE_CHARS = 2000  # a message quoting remote text (a server's reason phrase, a page title)


def escape_for_terminal(text: str, max_chars: int | None = MAX_LINE_CHARS) -> str:
    """text with every forbidden character shown as an escape (\\x1b, \\u202e), so a
    hostile title can neither drive the terminal nor reorder what follows it; cut to
    max_chars first (None: not cut), so a 10 MB reason phrase is not a 10 MB line. The one
    way either CLI prints a title, a school name or a message holding remote text."""
    if max_chars is not None:
        text = shorten(text, max_chars)
    return FORBIDDEN_CHARS_RE.sub(lambda m: _escape(m.group()), text)


def escape_json_text(json_text: str) -> str:
    """JSON text (from json.dumps(..., ensure_ascii=False)) with every forbidden character
    written as a \\uXXXX escape: the same JSON value, but nothing a terminal would act on
    (json.dumps leaves DEL, C1 controls such as CSI U+009B and bidi overrides raw)."""
    # C0 controls in JSON text are its own line breaks and indentation (json.dumps escapes
    # those inside strings): left as they are.
    return FORBIDDEN_CHARS_RE.sub(
        lambda m: m.group() if m.group() < "\x20" else f"\\u{ord(m.group()):04x}", json_text)


def shorten(text: str, max_chars: int) -> str:
    """text cut to at most max_chars characters, with an ellipsis when it was cut."""
    if len(text) <= max_chars:
        return text
    return text[: max(0, max_chars - 1)] + "…"


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: a Chinese character takes two (tables and labels line
    up by this, not by len())."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
