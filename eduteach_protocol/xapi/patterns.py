"""The patterns every xAPI check uses, the full one (validate.py) and the hub's fast path
(fast.py) alike: one definition, so the two can never disagree on what an IRI is.

Every pattern ends in \\Z, not $: $ also matches before a trailing newline.
"""

from __future__ import annotations

import re

# RFC 3987 in the small: a scheme, a colon, then something without white space.
IRI_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+\Z")
# RFC 5646 language tags, as xAPI language maps key them.
LANG_RE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
# ISO 8601 durations as xAPI results carry them (days and time; no years or months).
DURATION_RE = re.compile(r"^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?\Z")
# An ISO 8601 date-time with a time zone (xAPI Data 4.5).
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})\Z")
VERSION_RE = re.compile(r"^(1\.0|2\.0)\.\d+\Z")
SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}\Z")
SHA2_RE = re.compile(r"^[0-9a-fA-F]{56}\Z|^[0-9a-fA-F]{64}\Z|^[0-9a-fA-F]{96}\Z|^[0-9a-fA-F]{128}\Z")
MBOX_RE = re.compile(r"^mailto:[^@\s]+@[^@\s]+\Z")
# xAPI Data 4.4: a UUID in its standard string form (any case).
UUID_FULL = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
).fullmatch
SCHOOL_CODE_RE = re.compile(r"^\d{10}\Z")  # 学校标识码
COUNTY_CODE_RE = re.compile(r"^\d{6}\Z")  # GB/T 2260
# A key that reads plainly in a path (a.b); any other is quoted (a["b c"]).
PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*\Z").match


class Memo:
    """Strings already seen to match a pattern. A statement holds ~15 IRIs and language
    tags, nearly all from a small set (extension keys, verbs, home pages, zh-CN), and a set
    lookup costs a tenth of a match. Bounded: emptied when full."""

    def __init__(self, pattern: re.Pattern[str], limit: int = 4096):
        self._match = pattern.match
        self._ok: set[str] = set()
        self._limit = limit

    def __call__(self, value: str) -> bool:
        if value in self._ok:
            return True
        if self._match(value) is None:
            return False
        if len(self._ok) >= self._limit:
            self._ok.clear()
        self._ok.add(value)
        return True
