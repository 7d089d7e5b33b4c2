"""Finish blob N while blob N+1 is on the wire.

A finished partial file is fsynced and re-hashed on this thread (the slow part: a whole-file
read). The rename and the database row stay with the sync's own thread (`drain`), so there
is still one SQLite writer and the order "write, fsync, then record" holds: a blob is
recorded only after its bytes were fsynced and its hash checked.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass

from eduteach_desktop.store.blobs import BlobStore

from .downloader import BlobSpec


@dataclass(frozen=True)
class Finished:
    spec: BlobSpec
    ok: bool


class Finisher:
    def __init__(self, blobs: BlobStore):
        self.blobs = blobs
        self._todo: queue.Queue[BlobSpec | None] = queue.Queue()
        self._done: queue.Queue[Finished] = queue.Queue()
        self._pending: set[str] = set()
        self._thread = threading.Thread(target=self._work, name="sync-finisher", daemon=True)
        self._thread.start()

    def submit(self, spec: BlobSpec) -> None:
        self._pending.add(spec.sha256)
        self._todo.put(spec)

    def pending(self, sha256: str) -> bool:
        return sha256 in self._pending

    def _work(self) -> None:
        while True:
            spec = self._todo.get()
            if spec is None:
                return
            try:
                ok = self.blobs.check_partial(spec.sha256, spec.size)
            except Exception:  # a failed check is a missing blob, never an installed one
                ok = False
            self._done.put(Finished(spec, ok))

    def drain(self, wait: bool = False) -> list[Finished]:
        """Install what was checked (called on the writer thread); with wait, everything
        submitted so far."""
        out: list[Finished] = []
        while self._pending:
            try:
                item = self._done.get(block=wait)
            except queue.Empty:
                break
            self._pending.discard(item.spec.sha256)
            if item.ok:
                self.blobs.place_partial(item.spec.sha256, item.spec.size)
            else:
                self.blobs.drop_partial(item.spec.sha256)
            out.append(item)
        return out

    def close(self) -> None:
        self._todo.put(None)
        self._thread.join(timeout=60)
