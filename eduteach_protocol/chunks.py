"""Content addressing: SHA-256 blobs cut into content-defined chunks, each with its own hash.

Chunk boundaries come from the content (FastCDC on the publisher, average 1 MiB, between
256 KiB and 4 MiB), so a revised lesson file (trimmed, a page changed) keeps most of its
chunks and a PC fetches only the new ones. bench/delta_chunking.py measured this against
fixed 1 MiB chunks; docs/sync.md records the numbers.

A chunk index is, per chunk in file order, its size (4 bytes, big-endian) and its SHA-256
(32 bytes). It is stored as a blob of its own, named by its SHA-256, so the signed catalog
needs one hash per file to authenticate every chunk. A file of at most SINGLE_CHUNK_MAX
bytes has no index: it is one chunk, and its own hash is the chunk hash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeGuard

from .limits import max_index_entries

SINGLE_CHUNK_MAX = 1024 * 1024
MIN_CHUNK = 256 * 1024
AVG_CHUNK = 1024 * 1024
MAX_CHUNK = 4 * 1024 * 1024
DIGEST_SIZE = 32
ENTRY_SIZE = 4 + DIGEST_SIZE
_SHA256_HEX_RE = re.compile(r"[0-9a-f]{64}\Z")


@dataclass(frozen=True)
class Chunk:
    offset: int
    size: int
    digest: bytes

    @property
    def end(self) -> int:
        return self.offset + self.size


class IndexError_(ValueError):
    """A chunk index does not describe the file it claims to."""


def build_index(chunks: Iterable[tuple[int, bytes]]) -> bytes:
    out = bytearray()
    for size, digest in chunks:
        if not 0 < size < 1 << 32 or len(digest) != DIGEST_SIZE:
            raise ValueError("bad chunk")
        out += size.to_bytes(4, "big") + digest
    return bytes(out)


def iter_index(index: bytes, file_size: int, max_chunk: int = MAX_CHUNK,
               min_chunk: int = MIN_CHUNK) -> Iterator[Chunk]:
    """Chunks of a file from its index, one at a time, each checked as it is read.

    The index's own hash is checked by the caller; this checks that what it says is
    possible, before anything is allocated for it: no more entries than a publisher
    cutting chunks of at least `min_chunk` bytes makes of `file_size` bytes, every chunk
    within 1..max_chunk, never past the end of the file, and adding up to it.
    """
    if not index or len(index) % ENTRY_SIZE:
        raise IndexError_("chunk index length is not a whole number of entries")
    entries = len(index) // ENTRY_SIZE
    most = max_index_entries(file_size, min_chunk)
    if entries > most:
        raise IndexError_(f"chunk index has {entries} entries; a {file_size}-byte file has at most {most}")
    view = memoryview(index)
    offset = 0
    for i in range(0, len(index), ENTRY_SIZE):
        size = int.from_bytes(view[i : i + 4], "big")
        if not 0 < size <= max_chunk:
            raise IndexError_(f"chunk of {size} bytes is outside 1..{max_chunk}")
        if offset + size > file_size:
            raise IndexError_(f"chunks add up to more than the file's {file_size} bytes")
        yield Chunk(offset, size, bytes(view[i + 4 : i + ENTRY_SIZE]))
        offset += size
    if offset != file_size:
        raise IndexError_(f"chunks add up to {offset} bytes, the file has {file_size}")


def parse_index(index: bytes, file_size: int, max_chunk: int = MAX_CHUNK,
                min_chunk: int = MIN_CHUNK) -> list[Chunk]:
    """Every chunk of a file from its index (iter_index's checks, all passed)."""
    return list(iter_index(index, file_size, max_chunk, min_chunk))


def max_index_bytes(file_size: int, min_chunk: int = MIN_CHUNK) -> int:
    """The largest index a file of `file_size` bytes can have: the cap on reading one."""
    return max_index_entries(file_size, min_chunk) * ENTRY_SIZE


def single_chunk(sha256_hex: str, size: int) -> list[Chunk]:
    return [Chunk(0, size, bytes.fromhex(sha256_hex))]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_sha256_hex(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _SHA256_HEX_RE.match(value) is not None
