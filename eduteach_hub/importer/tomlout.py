"""lesson.toml text in the exact format `eduteach-hub publish` reads (publish/sources.py)."""

from __future__ import annotations

import json
from typing import Any


def _value(v: Any) -> str:
    if isinstance(v, bool):
        raise TypeError("no booleans in lesson.toml")
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        # JSON's string escapes (\" \\ \n \uXXXX) are all valid in a TOML basic string.
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):  # an inline table: {file = "a.mp3", role = "demo"}
        return "{" + ", ".join(f"{k} = {_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v).__name__)


# First line of every lesson.toml the importer writes: how it tells its own folders from
# lessons written by hand in the same SOURCES_DIR, which it never replaces.
MARK = "# written by eduteach-hub import; edit the list or the files and import again\n"


def lesson_toml(fields: dict[str, Any]) -> str:
    order = ("id", "title", "grade", "subject", "edition", "volume", "unit", "unit_title", "order",
             "kind", "duration", "summary", "media", "tracks", "lyrics", "subtitles", "cover", "notes_file", "notes")
    lines = [f"{k} = {_value(fields[k])}" for k in order if k in fields and fields[k] not in ("", None)]
    return MARK + "\n".join(lines) + "\n"
