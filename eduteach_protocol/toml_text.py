"""TOML parse errors told to a technician: tomllib's own words in English; in another
language, only where the file went wrong (its reasons are not ours to translate)."""

from __future__ import annotations

import re

from .cli_i18n import N_, Text

_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_problem(exc: Exception) -> Text:
    """`exc` (a tomllib.TOMLDecodeError, or a UnicodeDecodeError) as Text."""
    found = _WHERE.search(str(exc))
    if isinstance(exc, UnicodeDecodeError):
        return Text.aside(str(exc), N_("not UTF-8 text"))
    if found:
        return Text.aside(str(exc), N_("a mistake at line {line}, column {column}"),
                          line=int(found.group(1)), column=int(found.group(2)))
    return Text.aside(str(exc), N_("a mistake in the file"))
