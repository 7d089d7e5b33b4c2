"""Cut a file into content-defined chunks (FastCDC) and hash it, for the catalog.

fastcdc is a compiled FastCDC implementation (about 1.4 GB/s here); only the publisher
chunks, so the school PC never needs it: it just follows the sizes in the index.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sys
from pathlib import Path
from typing import BinaryIO

import fastcdc

from eduteach_protocol import safefs
from eduteach_protocol.chunks import AVG_CHUNK, MAX_CHUNK, MIN_CHUNK, SINGLE_CHUNK_MAX, build_index


def hash_file(path: Path) -> tuple[str, int, bytes | None]:
    """hash_open_file of the file at path, opened as safefs opens source files: a regular
    file only, not through a link at its name, never blocking on a FIFO. (The publisher
    has checked the whole path moments before, and checks it again when it copies.)"""
    try:
        with safefs.open_regular(path.parent, path.name, sys.maxsize) as fh:
            return hash_open_file(fh)
    except safefs.UnsafeFileError as exc:
        raise OSError(errno.EINVAL, f"{path}: {exc.reason}") from None


_READ_BLOCK = 16 * 1024 * 1024  # many chunks per read; a multiple of nothing in particular


def _changed(size: int, got: int) -> OSError:
    return OSError(errno.EIO, f"the file changed while it was hashed ({got:,} of {size:,} bytes "
                   "could be read); publish again once it is no longer being written")


def hash_open_file(fh: BinaryIO) -> tuple[str, int, bytes | None]:
    """(SHA-256 hex of an open file, its size, its chunk index or None for a one-chunk file).

    The size is taken once from the open descriptor and nothing past it is read, so a file
    that grows while it is hashed cannot take more than the size its caller checked; one
    that shrinks raises OSError. The file is read in blocks, not mapped: a mapped file
    truncated by someone else kills the process with SIGBUS.
    """
    size = os.fstat(fh.fileno()).st_size
    whole = hashlib.sha256()
    if size <= SINGLE_CHUNK_MAX:
        data = fh.read(size)
        if len(data) != size:
            raise _changed(size, len(data))
        whole.update(data)
        return whole.hexdigest(), len(data), None
    entries: list[tuple[int, bytes]] = []
    # One buffer, filled with readinto and never resized (fastcdc's generator keeps views
    # into it): the bytes of a chunk are copied once, from the page cache.
    buf = bytearray(_READ_BLOCK + MAX_CHUNK)
    mv = memoryview(buf)
    have = 0  # bytes at the front of buf read but not yet cut into chunks
    done = 0  # bytes of the file already cut into chunks
    while done < size:
        got = fh.readinto(mv[have:min(len(buf), size - done)])  # type: ignore[attr-defined]
        if not got:
            raise _changed(size, done + have)
        have += got
        at_end = done + have == size
        used = 0
        for c in fastcdc.fastcdc(mv[:have], min_size=MIN_CHUNK, avg_size=AVG_CHUNK,
                                 max_size=MAX_CHUNK, fat=False, hf=None):
            # A cut depends on at most MAX_CHUNK bytes after the chunk's start: keep a chunk
            # only when all of those were in the buffer (or the file ends there), so the
            # cuts are exactly those of the whole file chunked at once.
            if not at_end and c.offset + MAX_CHUNK > have:
                break
            piece = mv[c.offset:c.offset + c.length]
            whole.update(piece)
            entries.append((c.length, hashlib.sha256(piece).digest()))
            used = c.offset + c.length
        buf[:have - used] = buf[used:have]
        have -= used
        done += used
    return whole.hexdigest(), size, build_index(entries)
