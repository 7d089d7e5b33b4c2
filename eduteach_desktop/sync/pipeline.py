"""Keep the link full between blobs: ask for the next blob before this one ends.

A request's round trip is idle link time between two files; on a satellite IP link (600 ms
or more) it costs more than a small file's transfer. docs/sync.md, "Keeping the link full".
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from eduteach_desktop.store.blobs import BlobStore
from eduteach_protocol.chunks import IndexError_, parse_index
from eduteach_protocol.repo_layout import blob_relpath

from .depth import DepthController
from .downloader import BlobSpec, LocalChunks
from .policy import RateLimiter
from .progress import ProgressBoard
from .sources import HttpSource, Source

# A body asked for ahead is read into memory as it arrives when it is at most HOLD_ONE
# bytes, and while those held (arrived or arriving, not yet read) total at most HOLD_TOTAL:
# a term's lyrics, covers, slides and most songs, never a video. Larger ones stream.
HOLD_ONE = 2 * 1024 * 1024
HOLD_TOTAL = 8 * 1024 * 1024


@dataclass
class Asked:
    size: int
    held: bool  # read into memory as it arrives (else streamed: in flight until read)
    arrived: bool = False
    received: int = 0  # of a held body, so far

    @property
    def on_its_way(self) -> int:
        return 0 if self.arrived else self.size - self.received


class Pipeline:
    """Which blobs are asked for ahead, and when. A small body asked for ahead is read into
    memory as it arrives (bounded: HOLD_ONE each, HOLD_TOTAL in all); once it has arrived
    it is no longer in flight, so the next request goes out then, from the thread that read
    it, instead of when the sync gets round to reading it; while it arrives, only its bytes
    still to come count (docs/sync.md, "Keeping the link full"). A larger body streams as
    before and counts as in flight, whole, until it is read."""

    def __init__(self, blobs: BlobStore, progress: ProgressBoard, limiter: RateLimiter | None,
                 lan_limiter: RateLimiter | None, depth: DepthController,
                 hold_one: int = HOLD_ONE, hold_total: int = HOLD_TOTAL):
        self.blobs = blobs
        self.depth = depth
        self.progress = progress
        self.limiter = limiter
        self.lan_limiter = lan_limiter
        self.local: LocalChunks | None = None  # chunks to copy locally: such a blob is not fetched whole
        self.hold_one = hold_one
        self.hold_total = hold_total
        # Re-entrant: a body that has already arrived calls back at once, on this thread.
        self._lock = threading.RLock()
        self._source: HttpSource | None = None
        self._candidates: list[BlobSpec] = []  # the next blobs that may be asked for, in order
        self._asked: dict[str, Asked] = {}
        self._closed = False

    def ask_ahead(self, source: Source, upcoming: Sequence[BlobSpec]) -> None:
        """Ask for the next blobs before this one ends, each on its own connection, so the
        link never idles for a request's round trip between two files: at least one in
        flight, and more while those in flight carry less than the link's bandwidth-delay
        product (sync/depth.py), at most MAX_CONNECTIONS in all; a body that has arrived
        no longer counts.

        Not with a bandwidth cap on this source: a response asked for early is pushed into
        this PC at the link's full speed before anyone reads (and throttles) it. Only blobs
        fetched whole from the start (no partial, no local chunks to reuse), in order."""
        with self._lock:
            # The blob about to be read, and any skipped, are no longer ahead.
            wanted = {spec.sha256 for spec in upcoming}
            for sha in [sha for sha in self._asked if sha not in wanted]:
                del self._asked[sha]
            self._candidates = []  # until this source's are known (none with a cap)
        if not upcoming or not isinstance(source, HttpSource) or source.kind == "local":
            return
        cap = self.limiter if source.kind == "wan" else self.lan_limiter
        if cap is not None and cap.rate is not None:
            return
        if source.rtt is None:
            return  # nothing measured yet: the first response tells
        ahead: list[BlobSpec] = []
        for nxt in upcoming:
            if self.blobs.has(nxt.sha256):
                continue  # came earlier under another lesson, or from an earlier run
            if not self._whole_fetch(nxt):
                break  # keep the order: never ask for a later blob before an earlier one
            ahead.append(nxt)
        with self._lock:
            if source is not self._source:
                self._asked.clear()
            self._source = source
            self._candidates = ahead
        self._refill()

    def close(self) -> None:
        """The transfer is over: a body arriving from now on asks for nothing more."""
        with self._lock:
            self._closed = True
            self._candidates = []

    def in_flight(self) -> tuple[int, int, int]:
        """(requests not yet arrived, their bytes, bytes held in memory or on their way there)."""
        with self._lock:
            return self._counts()

    def _counts(self) -> tuple[int, int, int]:
        pending = [a for a in self._asked.values() if not a.arrived]
        held = sum(a.size for a in self._asked.values() if a.held)
        return len(pending), sum(a.on_its_way for a in pending), held

    def _arrived(self, sha256: str) -> None:
        with self._lock:
            asked = self._asked.get(sha256)
            if asked is not None:
                asked.arrived = True
        self._refill()

    def _progress(self, sha256: str, n: int) -> None:
        # The rest of a held body is what is still in flight: as its last bytes come in,
        # the next request goes out, so it is under way before this one ends.
        with self._lock:
            asked = self._asked.get(sha256)
            if asked is None:
                return
            asked.received += n
        self._refill()

    def _refill(self) -> None:
        """Ask for the next candidates while fewer than the planned bytes are in flight."""
        to_send: list[tuple[BlobSpec, bool]] = []
        with self._lock:
            source = self._source
            if self._closed or source is None:
                return
            requests, in_flight, held = self._counts()
            wanted = self.depth.bytes_ahead(source.rtt)
            for spec in self._candidates:
                if spec.sha256 in self._asked:
                    continue  # asked already: counted above if still on its way
                if requests >= self.depth.requests_ahead() or (requests >= 1 and in_flight >= wanted):
                    break
                hold = spec.size <= self.hold_one and held + spec.size <= self.hold_total
                if not hold and spec.size <= self.hold_one:
                    break  # memory for bodies ahead is full: wait for the reader
                self._asked[spec.sha256] = Asked(spec.size, held=hold)
                requests += 1
                in_flight += spec.size
                held += spec.size if hold else 0
                to_send.append((spec, hold))
            self.depth.note_ahead(requests)
            # Sent under the lock, so close() cannot slip in between and leave a request
            # asked for after the transfer ended (preopen only queues it).
            for spec, hold in to_send:
                source.preopen(blob_relpath(spec.sha256), 0, spec.size, hold=hold,
                               on_arrived=functools.partial(self._arrived, spec.sha256) if hold else None,
                               on_progress=functools.partial(self._progress, spec.sha256) if hold else None)

    def _whole_fetch(self, spec: BlobSpec) -> bool:
        if spec.size == 0 or self.blobs.has(spec.sha256):
            return False
        if spec.index is not None and not self.blobs.has(spec.index):
            return False
        if self.blobs.chunk_journal_path(spec.sha256).exists() or self.blobs.partial_state(spec.sha256).received:
            return False
        local = self.local
        if local is None:
            return True
        if spec.index is None:
            digests = [bytes.fromhex(spec.sha256)]
        else:
            try:
                digests = [c.digest for c in parse_index(self.blobs.read(spec.index), spec.size, local.max_chunk)]
            except (IndexError_, OSError):
                return False
        return not any(local.has(d) for d in digests)
