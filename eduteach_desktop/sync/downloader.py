"""Fetch one blob from one source: resumable, verified chunk by chunk, crash-safe.

Bytes are written as they arrive; every FSYNC_WINDOW and at every chunk end they are
fsynced and only then is the new offset recorded. At a chunk end its SHA-256 must match the
signed chunk index, or the chunk is discarded. A crash at any instant therefore loses at
most one window, and nothing unverified is ever installed.
"""

from __future__ import annotations

import bisect
import hashlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from eduteach_desktop.core.errors import (
    PermanentSourceError,
    SourceUnavailableError,
    SyncError,
    VerificationError,
)
from eduteach_desktop.store.blobs import BlobStore, PartialState
from eduteach_protocol.chunks import Chunk, IndexError_, max_index_bytes, parse_index, single_chunk
from eduteach_protocol.cli_i18n import L_
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


class WanPaused(SyncError):
    """The connection became metered (mobile data): the county link stops now; PCs nearby
    and folders go on."""

    code = "metered"


class ChunkMismatch(VerificationError):
    code = "chunk_mismatch"


class LocalChunks:
    """Chunks this PC already holds, by SHA-256 digest: the delta-update source."""

    def __init__(self, blobs: BlobStore, max_chunk: int):
        self.blobs = blobs
        self.max_chunk = max_chunk
        self._where: dict[bytes, tuple[str, int, int]] = {}

    def add_file(self, sha256: str, size: int, index: str | None) -> None:
        if not self.blobs.has(sha256):
            return
        if index is None:
            self._where.setdefault(bytes.fromhex(sha256), (sha256, 0, size))
            return
        if not self.blobs.has(index):
            return
        try:
            chunks = parse_index(self.blobs.read(index), size, self.max_chunk)
        except IndexError_:
            return
        for c in chunks:
            self._where.setdefault(c.digest, (sha256, c.offset, c.size))

    def has(self, digest: bytes) -> bool:
        return digest in self._where

    def read(self, digest: bytes) -> bytes | None:
        """The chunk's bytes, re-verified (a local file may have rotted since)."""
        where = self._where.get(digest)
        if where is None:
            return None
        sha, offset, size = where
        try:
            with open(self.blobs.path(sha), "rb") as fh:
                fh.seek(offset)
                data = fh.read(size)
        except OSError:
            return None
        return data if hashlib.sha256(data).digest() == digest else None


@dataclass(frozen=True)
class BlobSpec:
    sha256: str
    size: int
    index: str | None  # sha256 of the chunk index blob, or None for a one-chunk file


class BlobDownloader:
    def __init__(
        self,
        blobs: BlobStore,
        max_chunk: int,
        on_bytes: Callable[[int], None] = lambda n: None,
        cancel: threading.Event | None = None,
        throttle: Callable[[int], None] = lambda n: None,
    ):
        self.blobs = blobs
        self.max_chunk = max_chunk
        self.on_bytes = on_bytes
        self.cancel = cancel or threading.Event()
        self.throttle = throttle
        self.reused_bytes = 0
        # Called once a response's headers are in, before its body is read: the engine
        # installs blobs the finishing thread has checked there, while bytes are under way.
        self.on_response: Callable[[], None] = lambda: None

    def chunks(self, spec: BlobSpec, source: Source, fetched: bytes | None = None) -> list[Chunk]:
        """The blob's chunks from its signed index (fetched and verified if need be).
        `fetched`: the index's bytes as already read from `source` (asked for together with
        others), checked here like bytes read now."""
        if spec.index is None:
            if spec.size > self.max_chunk:
                raise VerificationError(L_("blob {blob} is too large to be one chunk", blob=spec.sha256[:12]))
            return single_chunk(spec.sha256, spec.size)
        if self.blobs.has(spec.index):
            data = self.blobs.read(spec.index)
        else:
            # Read no more than the largest index the declared size allows, check its hash,
            # and check what it says before it is installed: a bad index never lands.
            data = fetched if fetched is not None else source.read_small(blob_relpath(spec.index),
                                                                         max_index_bytes(spec.size))
            if len(data) > max_index_bytes(spec.size):
                raise ChunkMismatch(L_("chunk index {index} from {source} is too large", index=spec.index[:12],
                                        source=source.label))
            if hashlib.sha256(data).hexdigest() != spec.index:
                raise ChunkMismatch(L_("chunk index {index} from {source} is corrupt", index=spec.index[:12],
                                        source=source.label))
        try:
            chunks = parse_index(data, spec.size, self.max_chunk)
        except IndexError_ as exc:
            raise VerificationError(L_("chunk index {index}: {exc}", index=spec.index[:12], exc=exc)) from exc
        if not self.blobs.has(spec.index):
            self.blobs.install_bytes(spec.index, data)
        return chunks

    def fetch(self, spec: BlobSpec, source: Source, local: LocalChunks | None = None,
              finish: Callable[[BlobSpec], None] | None = None) -> None:
        """Bring spec into the store, resuming; chunks this PC already has (in an older
        version of the file) are copied locally, only the rest crosses the network.

        With `finish`, the complete partial file is handed over instead of installed here
        (the engine's finishing thread re-hashes it while the next blob is on the wire)."""
        if self.blobs.has(spec.sha256):
            return
        if spec.size == 0:
            self.blobs.install_bytes(spec.sha256, b"")
            return
        chunks = self.chunks(spec, source)
        starts = [c.offset for c in chunks]
        state = self.blobs.partial_state(spec.sha256)
        if state.verified not in starts and state.verified != spec.size:
            state = PartialState(0, 0, None)  # recorded under another index: start clean
        while state.verified < spec.size:
            i = bisect.bisect_right(starts, state.verified) - 1
            chunk = chunks[i]
            if state.received == state.verified and local is not None:
                data = local.read(chunk.digest)
                if data is not None:
                    self.blobs.write_partial(spec.sha256, chunk.offset, data)
                    state = PartialState(chunk.end, chunk.end, state.validator)
                    self.blobs.commit_partial(spec.sha256, spec.size, state)
                    self.reused_bytes += len(data)
                    self.on_bytes(len(data))
                    continue
            # A run of chunks we must fetch: up to the next chunk we have locally.
            stop = i + 1
            while stop < len(chunks) and (local is None or not local.has(chunks[stop].digest)):
                stop += 1
            state = self._fetch_range(spec, source, chunks, state, chunks[stop - 1].end)
        if finish is not None:
            finish(spec)
        else:
            self.blobs.install_partial(spec.sha256, spec.size)

    def _fetch_range(self, spec: BlobSpec, source: Source, chunks: list[Chunk], state: PartialState,
                     end: int) -> PartialState:
        # A validator (ETag) only means something to the source that gave it; chunk hashes
        # protect us across sources, so another source is simply asked for the range.
        prefix = source.label + " "
        validator = state.validator[len(prefix):] if state.validator and state.validator.startswith(prefix) else None
        resp = source.open_range(blob_relpath(spec.sha256), state.received, end - state.received, validator)
        try:
            self.on_response()
            if resp.total is not None and resp.total != spec.size:
                raise PermanentSourceError(
                    L_("{label} has {total} bytes for {blob}; the catalog says {size}", label=source.label, total=resp.total, blob=spec.sha256[:12], size=spec.size))
            tagged = prefix + resp.validator if resp.validator else None
            if resp.offset != state.received:
                # The source ignored our Range (or the file changed): take the blob from 0.
                state, end = PartialState(0, 0, tagged), spec.size
            else:
                state = PartialState(state.verified, state.received, tagged)
            return self._receive(spec, source, chunks, state, resp.chunks, end)
        finally:
            if callable(resp.close):
                resp.close()

    def _receive(self, spec: BlobSpec, source: Source, chunks: list[Chunk], state: PartialState,
                 blocks: Iterable[bytes], end: int) -> PartialState:
        size = spec.size
        verified, pos, validator = state.verified, state.received, state.validator
        starts = [c.offset for c in chunks]
        current = chunks[bisect.bisect_right(starts, verified) - 1]
        committed = pos
        # Hash of the chunk in flight, including the part received before a restart.
        hasher = hashlib.sha256(self.blobs.read_partial(spec.sha256, verified, pos) if pos > verified else b"")
        for block in blocks:
            if self.cancel.is_set():
                self.blobs.commit_partial(spec.sha256, size, PartialState(verified, pos, validator))
                raise Cancelled("cancelled")
            self.throttle(len(block))
            view = memoryview(block)
            while view and pos < end:
                piece = bytes(view[: current.end - pos])
                view = view[len(piece):]
                self.blobs.write_partial(spec.sha256, pos, piece)
                hasher.update(piece)
                pos += len(piece)
                self.on_bytes(len(piece))
                if pos == current.end:
                    index = chunks.index(current)
                    if hasher.digest() != current.digest:
                        # Forget the whole chunk: it may mix bytes of two responses.
                        self.blobs.commit_partial(spec.sha256, size, PartialState(verified, verified, validator))
                        raise ChunkMismatch(
                            f"chunk {index} of {spec.sha256[:12]} from {source.label} is corrupt",
                            sha256=spec.sha256, chunk=index,
                        )
                    verified = pos
                    hasher = hashlib.sha256()
                    if pos < size:
                        self.blobs.commit_partial(spec.sha256, size, PartialState(verified, pos, validator))
                        committed = pos
                    # else: the install (rename + one transaction) follows and makes this
                    # commit redundant; check_partial fsyncs before that rename. A crash
                    # before it costs at most the bytes since the last window commit.
                    if index + 1 < len(chunks):
                        current = chunks[index + 1]
                elif pos - committed >= FSYNC_WINDOW:
                    self.blobs.commit_partial(spec.sha256, size, PartialState(verified, pos, validator))
                    committed = pos
            if pos >= end:
                break  # never read past what we asked for (or the declared length)
        if pos > committed and verified < size:
            self.blobs.commit_partial(spec.sha256, size, PartialState(verified, pos, validator))
        if verified < end:
            raise SourceUnavailableError(
                L_("{label} stopped after {pos} of {size} bytes", label=source.label, pos=pos, size=size), resumable=True
            )
        return PartialState(verified, pos, validator)
