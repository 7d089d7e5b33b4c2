"""Fetch one blob from one source: resumable, verified chunk by chunk, crash-safe.

Order of operations for every chunk: receive it whole, check its SHA-256 against the
signed chunk index, write it, fsync, and only then record the new offset. A crash at any
instant therefore loses at most the chunk in flight, and nothing unverified is kept.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from eduteach_desktop.core.errors import SourceUnavailableError, SyncError, VerificationError
from eduteach_desktop.store.blobs import BlobStore
from eduteach_protocol.chunks import split_index
from eduteach_protocol.repo_layout import blob_relpath

from .sources import Source


class Cancelled(SyncError):
    code = "cancelled"


class OutsideWindow(SyncError):
    """The schedule window closed: stop moving bytes now."""

    code = "outside_window"


class ChunkMismatch(VerificationError):
    code = "chunk_mismatch"


@dataclass(frozen=True)
class BlobSpec:
    sha256: str
    size: int
    index: str | None  # sha256 of the chunk index blob, or None when size <= chunk size


class BlobDownloader:
    def __init__(
        self,
        blobs: BlobStore,
        chunk_size: int,
        on_bytes: Callable[[int], None] = lambda n: None,
        cancel: threading.Event | None = None,
        throttle: Callable[[int], None] = lambda n: None,
    ):
        self.blobs = blobs
        self.chunk_size = chunk_size
        self.on_bytes = on_bytes
        self.cancel = cancel or threading.Event()
        self.throttle = throttle

    def digests(self, spec: BlobSpec, source: Source) -> list[bytes]:
        if spec.index is None:
            return [bytes.fromhex(spec.sha256)]
        if not self.blobs.has(spec.index):
            n_chunks = (spec.size + self.chunk_size - 1) // self.chunk_size
            data = source.read_small(blob_relpath(spec.index), n_chunks * 32)
            if hashlib.sha256(data).hexdigest() != spec.index:
                raise ChunkMismatch(f"chunk index {spec.index[:12]} from {source.label} is corrupt")
            self.blobs.install_bytes(spec.index, data)
        digests = split_index(self.blobs.read(spec.index))
        if len(digests) != max(1, (spec.size + self.chunk_size - 1) // self.chunk_size):
            raise VerificationError(f"chunk index {spec.index[:12]} does not fit the blob size")
        return digests

    def fetch(self, spec: BlobSpec, source: Source) -> None:
        """Bring spec into the store from source, resuming; raises on any failure."""
        if self.blobs.has(spec.sha256):
            return
        digests = self.digests(spec, source)
        done, validator = self.blobs.partial_state(spec.sha256)
        if done >= spec.size and spec.size > 0:
            self.blobs.install_partial(spec.sha256, spec.size)
            return
        if spec.size == 0:
            self.blobs.install_bytes(spec.sha256, b"")
            return
        resp = source.open_range(blob_relpath(spec.sha256), done, spec.size - done, validator)
        try:
            if resp.offset != done:
                # The source ignored our Range (or the file changed): start over from 0.
                done = resp.offset
            pending = bytearray()
            for block in resp.chunks:
                if self.cancel.is_set():
                    raise Cancelled("cancelled")
                self.throttle(len(block))
                pending += block
                while pending and done < spec.size:
                    want = min(self.chunk_size, spec.size - done)
                    if len(pending) < want:
                        break
                    chunk = bytes(pending[:want])
                    del pending[:want]
                    index = done // self.chunk_size
                    if hashlib.sha256(chunk).digest() != digests[index]:
                        raise ChunkMismatch(
                            f"chunk {index} of {spec.sha256[:12]} from {source.label} is corrupt",
                            sha256=spec.sha256,
                            chunk=index,
                        )
                    self.blobs.write_partial(spec.sha256, spec.size, done, chunk, resp.validator)
                    done += want
                    self.on_bytes(want)
                if done >= spec.size:
                    break  # never read past the declared length
        finally:
            if callable(resp.close):
                resp.close()
        if done < spec.size:
            raise SourceUnavailableError(
                f"{source.label} stopped after {done} of {spec.size} bytes", resumable=True
            )
        self.blobs.install_partial(spec.sha256, spec.size)
