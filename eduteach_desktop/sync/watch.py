"""Watch a folder that content keeps arriving in (a satellite receive folder, a USB stick
being copied): cheap snapshots of names, sizes and times, compared between polls."""

from __future__ import annotations

import os
from pathlib import Path

Snapshot = frozenset[tuple[str, int, int]]


def snapshot(folder: Path) -> Snapshot:
    entries = set()
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            try:
                st = path.stat()
            except OSError:
                continue  # vanished between listing and stat: the next poll sees it
            entries.add((str(path.relative_to(folder)), st.st_size, st.st_mtime_ns))
    return frozenset(entries)


class FolderWatcher:
    """changed() is true when the folder differs from the last time it was asked, and has
    then stayed the same for `settle` polls (the receiver has stopped writing for now)."""

    def __init__(self, folder: Path, settle: int = 1):
        self.folder = folder
        self.settle = settle
        self._last: Snapshot | None = None
        self._synced: Snapshot | None = None
        self._stable = 0

    def changed(self) -> bool:
        now = snapshot(self.folder) if self.folder.is_dir() else frozenset()
        if now == self._last:
            self._stable += 1
        else:
            self._stable = 0
        self._last = now
        if now and now != self._synced and self._stable >= self.settle:
            self._synced = now
            return True
        return False
