"""Bounds on everything a signature covers: the catalog, its lessons and files, chunk indexes.

A signature proves who published a catalog, not that the publisher (or a stolen key, or a
buggy publisher) kept it sane. So a school PC refuses, before it allocates or installs
anything, a catalog or chunk index outside these limits; and the hub's publisher checks
the same limits before it signs, so nothing it publishes is refused by its own PCs.
docs/hub.md ("Publisher limits") and docs/sync.md list them for people.
"""

from __future__ import annotations

import re

# --- the catalog document ------------------------------------------------------------------
# The app is built for catalogs of up to 100,000 lessons (store/lesson_table.py); at about
# 1.1 KB of JSON per lesson (the demo catalog) that is ~110 MB.
MAX_LESSONS = 100_000
MAX_CATALOG_BYTES = 128 * 1024 * 1024
# The format nests 5 deep (catalog → lessons → lesson → files → file); room for additions.
MAX_JSON_DEPTH = 16
# SQLite stores versions and numbers as signed 64-bit integers.
MAX_VERSION = 2**63 - 1

# --- one lesson ------------------------------------------------------------------------------
MAX_TITLE_CHARS = 200
MAX_EDITION_CHARS = 64
MAX_UNIT_TITLE_CHARS = 200
MAX_SUMMARY_CHARS = 2000
MAX_CAPTION_CHARS = 500
MAX_PUBLISHED_CHARS = 40
MAX_FILE_NAME_CHARS = 120
# A slides lesson has one image per slide, plus lyrics, subtitles and a cover.
MAX_FILES_PER_LESSON = 500
MAX_UNIT = 999
MAX_ORDER = 9999
MAX_DURATION_SECONDS = 24 * 3600.0
# A school's name travels in enrollment answers and files and is shown in the wizard and
# both CLIs: the hub refuses to store a longer one or one with control characters, a PC
# refuses to take one.
MAX_SCHOOL_NAME_CHARS = 100
MAX_CODE_CHARS = 64  # school, county and enrollment codes, as text
MAX_DEVICE_NAME_CHARS = 100  # a PC's name, as its enrollment claim gives it

# --- sizes -----------------------------------------------------------------------------------
# One file must fit on a FAT32 USB stick (the way lessons travel without a link), whose
# largest file is 4 GiB - 1 byte.
MAX_FILE_BYTES = 4 * 1024**3 - 1
MAX_LESSON_BYTES = 8 * 1024**3
# Text files the player reads whole into memory.
MAX_TEXT_FILE_BYTES = {"lyrics": 4 * 1024 * 1024, "subtitles": 4 * 1024 * 1024, "notes": 1024 * 1024}
# Teacher's notes (eduteach_protocol.notes): one text, its slides and its time ranges.
MAX_NOTE_CHARS = 20_000
MAX_NOTE_ENTRIES = 500
MAX_COVER_BYTES = 32 * 1024 * 1024

# --- characters ------------------------------------------------------------------------------
# Refused in every display string (titles, editions, unit titles, captions, file names):
# C0 and C1 control characters and DEL (they move a terminal's cursor or change its
# colours), bidirectional embeddings, overrides, isolates and marks (they make a name read
# differently from what it is, "RTLO" tricks), line and paragraph separators, the
# byte-order mark and interlinear annotation marks (invisible), and lone surrogates
# (json.loads accepts "\ud800", which cannot be encoded as UTF-8 afterwards).
_INVISIBLE = (
    r"\x7f-\x9f"
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    r"\u2028\u2029\ufeff\ufff9-\ufffb"
    r"\ud800-\udfff"
)
FORBIDDEN_CHARS_RE = re.compile(rf"[\x00-\x1f{_INVISIBLE}]")
# A summary may break lines (LF) and hold tabs; nothing else from the list above.
FORBIDDEN_IN_MULTILINE_RE = re.compile(rf"[\x00-\x08\x0b-\x1f{_INVISIBLE}]")


def text_problem(value: str, max_chars: int, multiline: bool = False) -> str | None:
    """Why `value` may not be shown to a teacher or printed to a terminal, or None."""
    if len(value) > max_chars:
        return f"is {len(value)} characters long (at most {max_chars})"
    bad = (FORBIDDEN_IN_MULTILINE_RE if multiline else FORBIDDEN_CHARS_RE).search(value)
    if bad is not None:
        return f"holds the control or invisible character U+{ord(bad.group()):04X} at position {bad.start()}"
    return None


# --- chunk indexes ---------------------------------------------------------------------------
def max_index_entries(file_size: int, min_chunk: int) -> int:
    """The most chunks a publisher can cut a file into: every chunk but the last is at least
    min_chunk bytes (FastCDC's minimum), so a hostile index cannot declare more."""
    return file_size // min_chunk + 1


# --- JSON nesting ----------------------------------------------------------------------------
# A JSON string: quote, then runs of plain characters or escapes (linear, no backtracking).
_JSON_STRING_RE = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_depth(data: bytes) -> int:
    """How deep arrays and objects nest in `data`, found without recursing (json.loads
    recurses once per level and dies with RecursionError on a document nested 100,000 deep).

    Brackets inside strings do not count; outside strings a quote always opens one, so on
    any prefix json.loads accepts this counts exactly what it would see.
    """
    brackets = _JSON_STRING_RE.sub(b"", data).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for b in brackets:
        if b in b"[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest
