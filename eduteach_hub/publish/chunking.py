"""Cut a file into content-defined chunks (FastCDC) and hash it, for the catalog.

fastcdc is a compiled FastCDC implementation (about 1.4 GB/s here); only the publisher
chunks, so the school PC never needs it: it just follows the sizes in the index.
"""

from __future__ import annotations

import errno
import hashlib
import mmap
import os
import sys
from contextlib import suppress
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


def hash_open_file(fh: BinaryIO) -> tuple[str, int, bytes | None]:
    """(SHA-256 hex of an open file, its size, its chunk index or None for a one-chunk file).

    The size is taken once from the open descriptor and nothing past it is read, so a file
    that grows while it is hashed cannot take more than the size its caller checked.
    """
    size = os.fstat(fh.fileno()).st_size
    whole = hashlib.sha256()
    if size <= SINGLE_CHUNK_MAX:
        data = fh.read(size)
        whole.update(data)
        return whole.hexdigest(), len(data), None
    entries = []
    mm = mmap.mmap(fh.fileno(), size, access=mmap.ACCESS_READ)
    try:
        cuts = [(c.offset, c.length) for c in fastcdc.fastcdc(
            mm, min_size=MIN_CHUNK, avg_size=AVG_CHUNK, max_size=MAX_CHUNK, fat=False, hf=None)]
        for offset, length in cuts:
            data = mm[offset:offset + length]
            whole.update(data)
            entries.append((len(data), hashlib.sha256(data).digest()))
    finally:
        # fastcdc's finished generator may still hold a view; the GC closes the map then.
        with suppress(BufferError):
            mm.close()
    return whole.hexdigest(), size, build_index(entries)
