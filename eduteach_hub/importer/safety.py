"""The source-folder rules every file must pass before the importer reads it.

Kept in one place; the file checks are eduteach_protocol.safefs's (regular files only, no
link followed below the source folder, sizes capped), the same rules publish applies.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePath

from eduteach_protocol import limits, safefs
from eduteach_protocol.cli_i18n import L_

# A source may be larger than a published file (4 GiB, eduteach_protocol.limits): re-encoding
# usually shrinks it, and the prepared file is checked against the limit.
MAX_MEDIA_BYTES = 8 * 1024**3
MAX_TEXT_BYTES = limits.MAX_TEXT_FILE_BYTES["lyrics"]  # lyrics, subtitles
MAX_COVER_BYTES = limits.MAX_COVER_BYTES
MAX_LIST_BYTES = 64 * 1024**2  # the resource list (xlsx/csv)

_WINDOWS_BAD_CHARS = re.compile(r'[:*?"<>|\\\x00-\x1f]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.I)


class UnsafeFile(ValueError):
    """A file the importer refuses; the message is one sentence for the report."""


def windows_problem(rel: PurePath) -> str | None:
    """Why a Windows school PC could not store this relative path, or None."""
    for part in rel.parts:
        if part in (".", ".."):
            continue  # not a name; where it leads is check_file's business
        if _WINDOWS_BAD_CHARS.search(part):
            return L_("{part!r} has a character Windows cannot store in a file name (: * ? \" < > |)", part=part)
        if _WINDOWS_RESERVED.match(part):
            return L_("{part!r} is a name Windows reserves (CON, PRN, AUX, NUL, COM1, LPT1 …)", part=part)
        if part.endswith((".", " ")):
            return L_("{part!r} ends with a dot or a space, which Windows drops", part=part)
    return None


_REASONS = {
    safefs.LINK: L_("is a link; copy the file itself into the source folder (links are not followed)"),
    safefs.ESCAPE: L_("is outside the source folder (through a linked folder or ..)"),
    safefs.ABSOLUTE: L_("is outside the source folder (an absolute path)"),
    safefs.MISSING: L_("file not found"),
    safefs.NOT_REGULAR: L_("is not a regular file"),
    safefs.IS_DIR: L_("is a folder, not a file"),
    safefs.NOT_DIR: L_("file not found"),
}


def check_file(root: Path, path: Path, max_bytes: int = MAX_MEDIA_BYTES) -> Path:
    """Return the path of a regular, non-empty file inside root, or raise UnsafeFile.

    eduteach_protocol.safefs opens it (no link followed below root, never outside it,
    regular files only) and caps its size, as publishing will; the importer adds that an
    empty file is no lesson."""
    try:
        relpath = path.relative_to(root).as_posix()
    except ValueError:
        raise UnsafeFile(_REASONS[safefs.ESCAPE]) from None
    try:
        with safefs.open_regular(root, relpath, max_bytes) as fh:
            size = os.fstat(fh.fileno()).st_size
    except safefs.UnsafeFileError as exc:
        if exc.code == safefs.TOO_LARGE:
            raise UnsafeFile(L_("is larger than the {mb} MB limit", mb=max_bytes // 1024**2)) from None
        raise UnsafeFile(_REASONS.get(exc.code, exc.reason)) from None
    if size == 0:
        raise UnsafeFile(L_("is empty (0 bytes)"))
    return root.resolve() / relpath


def inside(root: Path, path: Path) -> bool:
    """Whether path, with every link and .. resolved, is within root."""
    return path.resolve().is_relative_to(root.resolve())
