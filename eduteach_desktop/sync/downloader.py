"""Fetch one blob from one source: resumable, verified chunk by chunk, crash-safe.

Order of operations for every chunk: receive it whole, check its SHA-256 against the
signed chunk index, write it, fsync, and only then record the new offset. A crash at any
instant therefore loses at most the chunk in flight, and nothing unverified is kept.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from eduteach_desktop.core.errors import SourceUnavailableError, SyncError, VerificationError
from eduteach_desktop.store.blobs import BlobStore, PartialState
from eduteach_protocol.chunks import split_index
from eduteach_protocol.repo_layout import blob_relpath

from .sources import Source


# Bytes received between two fsync+record steps inside a chunk: the most a crash or a cut
# connection can cost, and the granularity of progress on a link that keeps dropping.
FSYNC_WINDOW = 256 * 1024


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
        if spec.size == 0:
            self.blobs.install_bytes(spec.sha256, b"")
            return
        digests = self.digests(spec, source)
        state = self.blobs.partial_state(spec.sha256)
        if state.verified >= spec.size:
            self.blobs.install_partial(spec.sha256, spec.size)
            return
        # A validator (ETag) only means something to the source that gave it; chunk hashes
        # protect us across sources, so another source is simply asked for the range.
        prefix = source.label + " "
        validator = state.validator[len(prefix):] if state.validator and state.validator.startswith(prefix) else None
        resp = source.open_range(
            blob_relpath(spec.sha256), state.received, spec.size - state.received, validator
        )
        try:
            tagged = prefix + resp.validator if resp.validator else None
            if resp.offset != state.received:
                # The source ignored our Range (or the file changed): start the blob over.
                state = PartialState(0, 0, tagged)
            else:
                state = PartialState(state.verified, state.received, tagged)
            self._receive(spec, source, digests, state, resp.chunks)
        finally:
            if callable(resp.close):
                resp.close()
        self.blobs.install_partial(spec.sha256, spec.size)

    def _receive(self, spec: BlobSpec, source: Source, digests: list[bytes], state: PartialState,
                 chunks: Iterable[bytes]) -> None:
        size, csize = spec.size, self.chunk_size
        verified, pos, validator = state.verified, state.received, state.validator
        committed = pos
        # Hash of the chunk in flight, including the part received before a restart.
        hasher = hashlib.sha256(self.blobs.read_partial(spec.sha256, verified, pos) if pos > verified else b"")
        for block in chunks:
            if self.cancel.is_set():
                self.blobs.commit_partial(spec.sha256, size, PartialState(verified, pos, validator))
                raise Cancelled("cancelled")
            self.throttle(len(block))
            view = memoryview(block)
            while view and pos < size:
                chunk_end = min(verified + csize, size)
                piece = bytes(view[: chunk_end - pos])
                view = view[len(piece):]
                self.blobs.write_partial(spec.sha256, pos, piece)
                hasher.update(piece)
                pos += len(piece)
                self.on_bytes(len(piece))
                if pos == chunk_end:
                    index = verified // csize
                    if hasher.digest() != digests[index]:
                        # Forget the whole chunk: it may mix bytes of two responses.
                        self.blobs.commit_partial(spec.sha256, size, PartialState(verified, verified, validator))
                        raise ChunkMismatch(
                            f"chunk {index} of {spec.sha256[:12]} from {source.label} is corrupt",
                            sha256=spec.sha256, chunk=index,
                        )
                    verified = pos
                    hasher = hashlib.sha256()
                    self.blobs.commit_partial(spec.sha256, size, PartialState(verified, pos, validator))
                    committed = pos
                elif pos - committed >= FSYNC_WINDOW:
                    self.blobs.commit_partial(spec.sha256, size, PartialState(verified, pos, validator))
                    committed = pos
            if pos >= size:
                break  # never read past the declared length
        if pos > committed:
            self.blobs.commit_partial(spec.sha256, size, PartialState(verified, pos, validator))
        if verified < size:
            raise SourceUnavailableError(
                f"{source.label} stopped after {pos} of {size} bytes", resumable=True
            )
