"""How many pages a lesson's PDF has, so publish can check slide_notes page numbers.

Best effort, and never a reason to refuse a lesson by itself: a PDF that pypdf cannot read
(damaged, truncated, encrypted with a password, too tangled to read within the budget
below) is not refused here, because school PCs draw PDFs with PDFium, which may read it
(and says so in the player when it cannot). The caller then skips the page check and logs
a warning.

The file is not trusted. pypdf reads lazily from the open file (nothing is loaded whole
unless pypdf must rebuild a broken cross-reference table, and then only within the read
budget), `strict=False` accepts the small slips real PDFs have, and pypdf's own limits
bound the page tree walk. The count is the page tree's; PDFium believes the root's /Count
instead when it is a plausible number, so a PDF whose two counts differ is left unchecked
too: the hub must not refuse a note on a page the PC shows, nor vouch for one it does not.

Page n of the PDF is slide_notes key n (from 1), as the player numbers them.
"""

from __future__ import annotations

import io
import logging
from typing import BinaryIO, cast

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

# Bytes pypdf may read in all (seeks and re-reads count again). Reading the page tree of a
# sound PDF takes a small part of it; a broken file whose cross-references must be
# rebuilt from the whole file is read only up to here.
MAX_READ_BYTES = 32 * 1024 * 1024
# PDFium's limit on pages (CPDF_Document::kPageMaxNum); a larger /Count is not believed.
PDFIUM_MAX_PAGES = 0xFFFFF

# pypdf reports every robustness fix it makes (a missing EOF marker, a wrong xref offset)
# as a WARNING log line; on the hub's console they are noise without the file's name.
# What matters is said once by the caller, naming the file.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class PageCountUnknown(Exception):
    """pypdf could not tell how many pages the PDF has; str() says why (for the log)."""


class _ReadBudget(io.RawIOBase):
    """A read-only view of fh that refuses to read more than `budget` bytes in total."""

    def __init__(self, fh: BinaryIO, budget: int):
        super().__init__()
        self._fh = fh
        self._budget = self._left = budget
        self.exhausted = False  # set even if pypdf catches the error and carries on

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            here = self._fh.tell()
            size = self._fh.seek(0, io.SEEK_END) - here
            self._fh.seek(here)
        if size > self._left:
            self.exhausted = True
            raise PageCountUnknown(f"reading it needs more than {self._budget:,} bytes")
        data = self._fh.read(size)
        self._left -= len(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def count_pages(fh: BinaryIO, budget: int = MAX_READ_BYTES) -> int:
    """The number of pages of the PDF open in fh (binary, seekable). Raises PageCountUnknown
    when pypdf cannot read it, it needs a password, or its page tree and /Count differ."""
    stream = _ReadBudget(fh, budget)
    try:
        reader = PdfReader(cast(BinaryIO, stream), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            # It needs a password to open. The PC opens PDFs without one, so it cannot
            # show this one either; saying so is the player's job, not this check's.
            raise PageCountUnknown("it is encrypted with a password")
        pages = len(reader.pages)  # walks the page tree (bounded by pypdf's limits)
        tree = reader.root_object["/Pages"]  # read already by the walk above
        claimed = tree.get("/Count") if isinstance(tree, DictionaryObject) else None
        claimed = claimed.get_object() if claimed is not None else None  # may be indirect
    except PageCountUnknown:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to read the file means "unknown"
        # PdfReadError, PdfStreamError, LimitReachedError, KeyError, RecursionError,
        # MemoryError, a decryption error …: whatever a hostile file provokes.
        if stream.exhausted:
            raise PageCountUnknown(f"reading it needs more than {budget:,} bytes") from None
        raise PageCountUnknown(f"pypdf cannot read it ({type(exc).__name__}: {str(exc)[:200]})") from None
    if stream.exhausted:  # pypdf caught the refusal and answered from part of the file
        raise PageCountUnknown(f"reading it needs more than {budget:,} bytes")
    # PDFium takes a plausible /Count (a positive number below its page limit) as the page
    # count and walks the tree only otherwise.
    if isinstance(claimed, int) and 0 < claimed < PDFIUM_MAX_PAGES and claimed != pages:
        raise PageCountUnknown(f"its page tree has {pages} pages but its /Count says {claimed}")
    return pages
