"""Which characters a title (and other short catalog text) may hold, and how to print
text that came from elsewhere on a terminal.

A title travels from a publisher's lesson.toml through the signed catalog to a teacher's
screen and a technician's terminal. Control characters (an ESC starts a terminal escape
sequence) and bidirectional overrides (U+202E turns "课程.exe" into "课程exe.") must
never get that far: the hub refuses them when it reads its sources, the catalog refuses
them when it parses, and the CLI escapes whatever it prints anyway. Standard library only.
"""

from __future__ import annotations

import unicodedata

MAX_TITLE_CHARS = 200
"""A lesson title, in characters (Chinese titles are rarely longer than 30)."""

# Bidirectional embeddings, overrides and isolates (Unicode TR9), and the invisible
# direction marks; line and paragraph separators break a one-line display; the byte-order
# mark and the interlinear annotation marks are invisible. (The same set as the catalog's
# limits, so the hub refuses at source time what PCs would refuse in the catalog.)
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"        # LRI RLI FSI PDI
    "\u200e\u200f\u061c"              # LRM RLM ALM
)
SEPARATORS = frozenset("\u2028\u2029\x85")
INVISIBLE = frozenset("\ufeff\ufff9\ufffa\ufffb")


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def forbidden_char(text: str, *, allow_newlines: bool = False) -> str | None:
    """A description of the first character text must not hold ("U+202E (RIGHT-TO-LEFT
    OVERRIDE)"), or None. Control characters (C0, DEL, C1), bidi controls, line
    separators, invisible marks and unpaired surrogates are forbidden; allow_newlines lets
    "\\n" and "\\t" through (for a summary)."""
    for ch in text:
        if allow_newlines and ch in "\n\t":
            continue
        code = ord(ch)
        if (code < 0x20 or 0x7F <= code <= 0x9F or ch in BIDI_CONTROLS or ch in SEPARATORS
                or ch in INVISIBLE):
            return _describe(ch)
        if 0xD800 <= code <= 0xDFFF:
            return f"U+{code:04X} (an unpaired surrogate)"
    return None


def text_problem(text: str, max_chars: int, *, allow_newlines: bool = False) -> str | None:
    """Why text is not acceptable as a field of at most max_chars characters, in a few
    words for a technician, or None when it is."""
    if len(text) > max_chars:
        return f"is {len(text):,} characters long; the limit is {max_chars:,}"
    bad = forbidden_char(text, allow_newlines=allow_newlines)
    if bad is not None:
        return f"holds the control character {bad}; remove it"
    return None


def escape_for_terminal(text: str) -> str:
    """text with every forbidden character shown as an escape (\\x1b, \\u202e), so a
    hostile title can neither drive the terminal nor reorder what follows it."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif ch in BIDI_CONTROLS or ch in SEPARATORS or ch in INVISIBLE or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def escape_json_text(json_text: str) -> str:
    """JSON text (from json.dumps(..., ensure_ascii=False)) with every forbidden character
    written as a \\uXXXX escape: the same JSON value, but nothing a terminal would act on
    (json.dumps leaves DEL, C1 controls such as CSI U+009B and bidi overrides raw)."""
    return "".join(
        f"\\u{ord(ch):04x}" if (0x7F <= ord(ch) <= 0x9F or ch in BIDI_CONTROLS or ch in SEPARATORS
                               or ch in INVISIBLE or 0xD800 <= ord(ch) <= 0xDFFF) else ch
        for ch in json_text)


def shorten(text: str, max_chars: int) -> str:
    """text cut to at most max_chars characters, with an ellipsis when it was cut."""
    if len(text) <= max_chars:
        return text
    return text[: max(0, max_chars - 1)] + "…"
