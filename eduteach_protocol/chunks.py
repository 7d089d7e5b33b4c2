"""Content addressing: SHA-256 blobs cut into fixed-size chunks, each with its own hash.

A chunk index is the concatenation of the raw 32-byte SHA-256 digests of each chunk, in
order. It is stored as a blob of its own (named by its SHA-256), so the catalog only needs
to carry one hash per file to authenticate every chunk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

CHUNK_SIZE = 1024 * 1024
DIGEST_SIZE = 32


def chunk_count(size: int, chunk_size: int = CHUNK_SIZE) -> int:
    return (size + chunk_size - 1) // chunk_size


def iter_chunks(stream: BinaryIO, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    while True:
        block = stream.read(chunk_size)
        if not block:
            return
        yield block


def hash_stream(stream: BinaryIO, chunk_size: int = CHUNK_SIZE) -> tuple[str, int, bytes]:
    """Return (sha256 hex of the whole stream, size, chunk index bytes)."""
    whole = hashlib.sha256()
    index = bytearray()
    size = 0
    for block in iter_chunks(stream, chunk_size):
        whole.update(block)
        index += hashlib.sha256(block).digest()
        size += len(block)
    return whole.hexdigest(), size, bytes(index)


def split_index(index: bytes) -> list[bytes]:
    if len(index) % DIGEST_SIZE:
        raise ValueError("chunk index length is not a multiple of 32")
    return [index[i : i + DIGEST_SIZE] for i in range(0, len(index), DIGEST_SIZE)]


def join_index(digests: Iterable[bytes]) -> bytes:
    return b"".join(digests)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_sha256_hex(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 64
        and all(c in "0123456789abcdef" for c in value)
    )
