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


class LocalChunks:
    """Chunks this PC already holds, by SHA-256 digest: the delta-update source."""

    def __init__(self, blobs: BlobStore, chunk_size: int):
        self.blobs = blobs
        self.chunk_size = chunk_size
        self._where: dict[bytes, tuple[str, int]] = {}

    def add_file(self, sha256: str, size: int, index: str | None) -> None:
        if not self.blobs.has(sha256):
            return
        if index is None:
            if size <= self.chunk_size:
                self._where.setdefault(bytes.fromhex(sha256), (sha256, 0))
            return
        if not self.blobs.has(index):
            return
        for i, digest in enumerate(split_index(self.blobs.read(index))):
            self._where.setdefault(digest, (sha256, i * self.chunk_size))

    def has(self, digest: bytes) -> bool:
        return digest in self._where

    def read(self, digest: bytes) -> bytes | None:
        """The chunk's bytes, re-verified (a local file may have rotted since)."""
        where = self._where.get(digest)
        if where is None:
            return None
        sha, offset = where
        try:
            with open(self.blobs.path(sha), "rb") as fh:
                fh.seek(offset)
                data = fh.read(self.chunk_size)
        except OSError:
            return None
        if hashlib.sha256(data).digest() != digest:
            # The last chunk of a file may be shorter; a whole-file single chunk is exact.
            return None
        return data


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
        self.reused_bytes = 0

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

    def fetch(self, spec: BlobSpec, source: Source, local: LocalChunks | None = None) -> None:
        """Bring spec into the store, resuming; chunks this PC already has (in an older
        version of the file) are copied locally, only the rest crosses the network."""
        if self.blobs.has(spec.sha256):
            return
        if spec.size == 0:
            self.blobs.install_bytes(spec.sha256, b"")
            return
        digests = self.digests(spec, source)
        csize = self.chunk_size
        state = self.blobs.partial_state(spec.sha256)
        while state.verified < spec.size:
            index = state.verified // csize
            if state.received == state.verified and local is not None:
                data = local.read(digests[index])
                if data is not None:
                    end = min(state.verified + csize, spec.size)
                    if len(data) == end - state.verified:
                        self.blobs.write_partial(spec.sha256, state.verified, data)
                        state = PartialState(end, end, state.validator)
                        self.blobs.commit_partial(spec.sha256, spec.size, state)
                        self.reused_bytes += len(data)
                        self.on_bytes(len(data))
                        continue
            # A run of chunks we must fetch: up to the next chunk we have locally.
            stop = index + 1
            while stop < len(digests) and (local is None or not local.has(digests[stop])):
                stop += 1
            state = self._fetch_range(spec, source, digests, state, min(stop * csize, spec.size))
        self.blobs.install_partial(spec.sha256, spec.size)

    def _fetch_range(self, spec: BlobSpec, source: Source, digests: list[bytes], state: PartialState,
                     end: int) -> PartialState:
        # A validator (ETag) only means something to the source that gave it; chunk hashes
        # protect us across sources, so another source is simply asked for the range.
        prefix = source.label + " "
        validator = state.validator[len(prefix):] if state.validator and state.validator.startswith(prefix) else None
        resp = source.open_range(blob_relpath(spec.sha256), state.received, end - state.received, validator)
        try:
            tagged = prefix + resp.validator if resp.validator else None
            if resp.offset != state.received:
                # The source ignored our Range (or the file changed): take the blob from 0.
                state, end = PartialState(0, 0, tagged), spec.size
            else:
                state = PartialState(state.verified, state.received, tagged)
            return self._receive(spec, source, digests, state, resp.chunks, end)
        finally:
            if callable(resp.close):
                resp.close()

    def _receive(self, spec: BlobSpec, source: Source, digests: list[bytes], state: PartialState,
                 chunks: Iterable[bytes], end: int) -> PartialState:
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
            while view and pos < end:
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
            if pos >= end:
                break  # never read past what we asked for (or the declared length)
        if pos > committed:
            self.blobs.commit_partial(spec.sha256, size, PartialState(verified, pos, validator))
        if verified < end:
            raise SourceUnavailableError(
                f"{source.label} stopped after {pos} of {size} bytes", resumable=True
            )
        return PartialState(verified, pos, validator)
