"""Keep the link full between blobs: ask for the next blob before this one ends.

A request's round trip is idle link time between two files; on a satellite IP link (600 ms
or more) it costs more than a small file's transfer. docs/sync.md, "Keeping the link full".
"""

from __future__ import annotations

from collections.abc import Sequence

from eduteach_desktop.store.blobs import BlobStore
from eduteach_protocol.chunks import IndexError_, parse_index
from eduteach_protocol.repo_layout import blob_relpath

from .downloader import BlobSpec, LocalChunks
from .policy import RateLimiter
from .progress import ProgressBoard
from .sources import HttpSource, Source

# One request is always kept ahead of the one being read (no WAN cap); where the round trip
# is this long (satellite IP), more while the blobs ahead are small (up to MAX_AHEAD, each
# on its own connection).
PIPELINE_RTT = 0.6
MAX_AHEAD = 8
AHEAD_BYTES = 512 * 1024


class Pipeline:
    def __init__(self, blobs: BlobStore, progress: ProgressBoard, limiter: RateLimiter | None,
                 lan_limiter: RateLimiter | None):
        self.blobs = blobs
        self.progress = progress
        self.limiter = limiter
        self.lan_limiter = lan_limiter
        self.local: LocalChunks | None = None  # chunks to copy locally: such a blob is not fetched whole

    def ask_ahead(self, source: Source, upcoming: Sequence[BlobSpec]) -> None:
        """Ask for the next blob before this one ends, on a second connection, so the link
        never idles for a request's round trip between two files: one request ahead, and
        on a long round trip (>= PIPELINE_RTT, measured from the responses) more while the
        blobs ahead are smaller than what the link carries in one round trip (MAX_AHEAD).

        Not with a WAN bandwidth cap: a response asked for early is pushed into this PC's
        socket buffer at the link's full speed before anyone reads (and throttles) it. Only
        blobs fetched whole from the start (no partial, no local chunks to reuse), in order."""
        if not upcoming or not isinstance(source, HttpSource) or source.kind == "local":
            return
        cap = self.limiter if source.kind == "wan" else self.lan_limiter
        if cap is not None and cap.rate is not None:
            return
        rtt = source.rtt
        if rtt is None:
            return  # nothing measured yet: the first response tells
        # On a long round trip keep asked-for bytes ahead of what the link carries in two
        # round trips at the recent rate, and at least AHEAD_BYTES (a rate measured while the
        # pipeline was still shallow understates the link).
        ahead_wanted = max(AHEAD_BYTES, 2 * self.progress.latest().rate * rtt) if rtt >= PIPELINE_RTT else 1.0
        ahead = 0
        for nxt in upcoming:
            if ahead >= ahead_wanted:
                return
            if self.blobs.has(nxt.sha256):
                continue  # came earlier under another lesson, or from an earlier run
            if not self._whole_fetch(nxt):
                return  # keep the order: never ask for a later blob before an earlier one
            source.preopen(blob_relpath(nxt.sha256), 0, nxt.size)
            ahead += nxt.size

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
