"""Fetch one blob's missing chunks from several sources at once.

Each source gets a worker thread. The missing chunks are split into contiguous runs, one
per worker, each asked for with one Range request; a worker that runs out of work takes
the back half of the largest run still ahead of another worker, so a fast source ends up
doing most of the blob. PCs nearby work first; the hub (the scarce county link) only takes
chunks while no PC nearby is left. A worker that receives nothing for `stall_after`
seconds loses its chunks to the others and is not used again in this run.

A chunk counts only once its bytes match the signed index: it is held in memory until
then, so nothing unverified ever reaches the partial file, and a late answer from a source
that lost its chunk to another is thrown away. Verified chunks are written, fsynced and
journaled (BlobStore.save_chunk) under one lock, on whichever worker verified them; the
database is never touched here (one SQLite writer: the sync's own thread).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from eduteach_desktop.core.errors import PermanentSourceError, SourceUnavailableError
from eduteach_desktop.store.blobs import BlobStore
from eduteach_protocol.chunks import Chunk
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.repo_layout import blob_relpath

from .downloader import BlobSpec, Cancelled, ChunkMismatch
from .sources import Source

# A source that sends nothing for this long loses its chunks to the others.
STALL_AFTER = 10.0


@dataclass(eq=False)
class _Worker:
    source: Source
    claim: list[int] = field(default_factory=list)  # chunk numbers still to receive, in order
    last_byte: float = 0.0
    alive: bool = True
    stalled: bool = False
    capped: bool = False  # waiting for the bandwidth cap: slow on purpose, not stalled
    error: BaseException | None = None
    stop: threading.Event = field(default_factory=threading.Event)


@dataclass
class Outcome:
    complete: bool
    failures: list[tuple[Source, BaseException]]  # what each failed source raised
    stalled: list[Source]  # sources that stopped sending and lost their chunks
    fatal: BaseException | None = None  # cancelled, outside the window, disk full: stop the sync


class MultiSourceFetch:
    def __init__(self, blobs: BlobStore, spec: BlobSpec, chunks: list[Chunk], done: set[int],
                 sources: Sequence[Source], throttle: Callable[[Source, int], None],
                 account: Callable[[Source, int], None], cancel: threading.Event,
                 stall_after: float = STALL_AFTER, clock: Callable[[], float] = time.monotonic,
                 fatal: tuple[type[BaseException], ...] = ()):
        self.blobs = blobs
        self.spec = spec
        self.chunks = chunks
        self.done = done  # shared with the caller: what is verified and journaled
        self.throttle = throttle
        self.account = account
        self.cancel = cancel
        self.stall_after = stall_after
        self.clock = clock
        self.fatal = fatal
        self._cond = threading.Condition()
        self._owner: dict[int, _Worker] = {}
        self._workers = [_Worker(s) for s in sources]
        self._closed = False  # run() returned: a worker still in a read writes nothing more

    # --- the coordinator (the sync's own thread) --------------------------------------------
    def run(self) -> Outcome:
        threads = []
        for w in self._workers:
            w.last_byte = self.clock()
            t = threading.Thread(target=self._work, args=(w,), name=f"sync-chunks-{w.source.kind}", daemon=True)
            threads.append(t)
            t.start()
        stalled: list[Source] = []
        with self._cond:
            while len(self.done) < len(self.chunks) and any(w.alive for w in self._workers):
                self._cond.wait(0.1)
                if self.cancel.is_set():
                    break
                if any(w.error is not None and isinstance(w.error, self.fatal) for w in self._workers):
                    break
                now = self.clock()
                for w in self._workers:
                    if w.alive and w.claim and not w.capped and now - w.last_byte > self.stall_after:
                        w.stalled, w.alive = True, False
                        w.stop.set()
                        self._release(w)
                        stalled.append(w.source)
                        self._cond.notify_all()
            for w in self._workers:
                w.stop.set()
            self._closed = True
            self._cond.notify_all()
        for t, w in zip(threads, self._workers, strict=True):
            if not w.stalled:
                t.join(timeout=5.0)  # a stalled one may sit in a read until its timeout
        fatal = next((w.error for w in self._workers if w.error is not None and isinstance(w.error, self.fatal)),
                     None)
        if fatal is None and self.cancel.is_set():
            fatal = Cancelled("cancelled")
        failures = [(w.source, w.error) for w in self._workers  # a stalled one is reported as such
                    if w.error is not None and not w.stalled and not isinstance(w.error, self.fatal)]
        return Outcome(len(self.done) == len(self.chunks), failures, stalled, fatal)

    def _release(self, w: _Worker) -> None:
        for n in w.claim:
            if self._owner.get(n) is w:
                del self._owner[n]
        w.claim = []

    # --- choosing work (under the lock) -------------------------------------------------------
    def _next_claim(self, w: _Worker) -> list[int] | None:
        with self._cond:
            while True:
                if w.stop.is_set() or self.cancel.is_set() or len(self.done) == len(self.chunks):
                    return None
                lan_working = any(o.alive and o.source.kind != "wan" for o in self._workers)
                if w.source.kind == "wan" and lan_working:
                    self._cond.wait(0.2)  # the hub is the fallback: only when no PC nearby is left
                    continue
                takers = max(1, sum(1 for o in self._workers if o.alive and (o.source.kind != "wan" or not lan_working)))
                free = [n for n in range(len(self.chunks)) if n not in self.done and n not in self._owner]
                if free:
                    share = -(-len(free) // takers)
                    run = [free[0]]
                    for n in free[1:share]:
                        if n != run[-1] + 1:
                            break
                        run.append(n)
                    return self._assign(w, run)
                victim = max((o for o in self._workers if o is not w and o.alive), key=lambda o: len(o.claim),
                             default=None)
                if victim is not None and len(victim.claim) >= 2:
                    ahead = victim.claim[1:]  # the first one is on the wire
                    give = ahead[len(ahead) - max(1, len(ahead) // 2):]
                    victim.claim = [n for n in victim.claim if n not in give]
                    return self._assign(w, give)
                self._cond.wait(0.2)  # others hold the rest; a stall or failure frees it

    def _assign(self, w: _Worker, run: list[int]) -> list[int]:
        for n in run:
            self._owner[n] = w
        w.claim = list(run)
        w.last_byte = self.clock()
        return run

    # --- a worker (one per source) ---------------------------------------------------------
    def _work(self, w: _Worker) -> None:
        try:
            while True:
                run = self._next_claim(w)
                if run is None:
                    return
                self._fetch_run(w, run)
        except BaseException as exc:  # noqa: BLE001 - handed to the coordinator, which decides
            w.error = exc
        finally:
            with self._cond:
                w.alive = False
                self._release(w)
                self._cond.notify_all()

    def _fetch_run(self, w: _Worker, run: list[int]) -> None:
        chunks, spec, source = self.chunks, self.spec, w.source
        start, end = chunks[run[0]].offset, chunks[run[-1]].end
        resp = source.open_range(blob_relpath(spec.sha256), start, end - start, None)
        try:
            if resp.total is not None and resp.total != spec.size:
                raise PermanentSourceError(
                    L_("{source} has {total} bytes for {blob}; the catalog says {size}", source=source.label, total=resp.total, blob=spec.sha256[:12], size=spec.size))
            if resp.offset != start:
                raise PermanentSourceError(L_("{source} does not answer byte ranges for {blob}", source=source.label, blob=spec.sha256[:12]))
            number = run[0]
            buf = bytearray()
            for block in resp.chunks:
                if w.stop.is_set() or self.cancel.is_set():
                    return
                w.capped = True
                try:
                    self.throttle(source, len(block))
                finally:
                    w.last_byte = self.clock()
                    w.capped = False
                view = memoryview(block)
                with self._cond:
                    w.last_byte = self.clock()
                while view:
                    chunk = chunks[number]
                    piece = view[: chunk.size - len(buf)]
                    buf += piece
                    view = view[len(piece):]
                    self.account(source, len(piece))
                    if len(buf) < chunk.size:
                        continue
                    if hashlib.sha256(buf).digest() != chunk.digest:
                        raise ChunkMismatch(f"chunk {number} of {spec.sha256[:12]} from {source.label} is corrupt",
                                            sha256=spec.sha256, chunk=number)
                    if not self._store(w, number, chunk, bytes(buf)):
                        return  # the rest of this run went to another source
                    buf = bytearray()
                    number += 1
                    with self._cond:
                        if not w.claim or w.claim[0] != number:
                            return  # given away (the back half to an idle source)
                if len(self.done) == len(self.chunks):
                    return
            raise SourceUnavailableError(L_("{source} stopped before the end of {blob}", source=source.label, blob=spec.sha256[:12]),
                                         resumable=True)
        finally:
            if callable(resp.close):
                resp.close()

    def _store(self, w: _Worker, number: int, chunk: Chunk, data: bytes) -> bool:
        with self._cond:
            if self._closed or self._owner.get(number) is not w or number in self.done:
                return False  # stalled and reassigned meanwhile: the other copy counts
            self.blobs.save_chunk(self.spec.sha256, number, chunk, data)
            self.done.add(number)
            del self._owner[number]
            w.claim.remove(number)
            self._cond.notify_all()
            return True
