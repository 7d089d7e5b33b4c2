"""The source-folder rules every file must pass before the importer reads it.

Kept in one place so it can switch to eduteach_protocol.safefs (regular files only, no link
followed out of the root, sizes capped) once that module is in main.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePath

from eduteach_protocol import limits

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
            return f"{part!r} has a character Windows cannot store in a file name (: * ? \" < > |)"
        if _WINDOWS_RESERVED.match(part):
            return f"{part!r} is a name Windows reserves (CON, PRN, AUX, NUL, COM1, LPT1 …)"
        if part.endswith((".", " ")):
            return f"{part!r} ends with a dot or a space, which Windows drops"
    return None


def check_file(root: Path, path: Path, max_bytes: int = MAX_MEDIA_BYTES) -> Path:
    """Return the real path of a regular, non-empty file inside root, or raise UnsafeFile.

    Links are followed only while they stay inside root; the size cap keeps a disc image
    someone left in the folder from filling the hub's disk.
    """
    real_root = root.resolve()
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise UnsafeFile("file not found") from None
    except OSError as exc:
        raise UnsafeFile(f"cannot be read ({exc.strerror})") from None
    real = path
    if stat.S_ISLNK(st.st_mode):
        real = path.resolve()
        if not real.is_relative_to(real_root):
            raise UnsafeFile("is a link leading out of the source folder; copy the file in instead")
        try:
            st = os.stat(real)
        except OSError:
            raise UnsafeFile("is a broken link") from None
    else:
        parent = path.parent.resolve()
        if not parent.is_relative_to(real_root):
            raise UnsafeFile("is outside the source folder (through a linked folder or ..)")
        real = parent / path.name
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeFile("is not a regular file")
    if st.st_size == 0:
        raise UnsafeFile("is empty (0 bytes)")
    if st.st_size > max_bytes:
        raise UnsafeFile(f"is larger than the {max_bytes // 1024**2} MB limit")
    return real


def inside(root: Path, path: Path) -> bool:
    """Whether path, with every link and .. resolved, is within root."""
    return path.resolve().is_relative_to(root.resolve())
