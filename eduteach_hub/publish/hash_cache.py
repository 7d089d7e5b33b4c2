"""Remember the hashes of source files between publishes, so an unchanged library is not
read again.

An entry maps a file's path to what its stat said when it was hashed (size, mtime_ns,
ctime_ns, inode, device) and to what the hashing found (SHA-256, size, chunk index). A file
is hashed again unless every one of those stat fields is the same, so a file edited in
place (new mtime and ctime), replaced by a rename (new inode) or restored with `touch -d`
(new ctime) is never trusted.

Racy entries (as git's index has them): a file's mtime only has the filesystem's timestamp
granularity (2 s on FAT, a kernel tick on ext4), so a file written again within the same
tick as it was hashed keeps the same stat. An entry whose file was modified less than
RACY_WINDOW_NS before it was hashed is therefore never used: the next publish hashes that
file again, and only then, with the clock past the window, does the entry become usable.

The cache lives in the hub home (publish-cache.json), written atomically after each
publish. Anything wrong with it (unreadable, not JSON, another format, a bad entry) is
ignored: the file, or the entry, is rebuilt by hashing. It is an optimisation only; the
catalog is always built from hashes of the bytes as they are.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eduteach_protocol import durable
from eduteach_protocol.chunks import IndexError_, is_sha256_hex, parse_index

CACHE_NAME = "publish-cache.json"
FORMAT = "eduteach-publish-cache"
FORMAT_VERSION = 1
# Wider than any filesystem's mtime granularity (FAT: 2 s) and than a clock step.
RACY_WINDOW_NS = 3_000_000_000

Hasher = Callable[[Path], tuple[str, int, "bytes | None"]]


@dataclass(frozen=True)
class Stamp:
    """The stat fields that must all be unchanged for a cached hash to be used."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    dev: int

    @classmethod
    def of(cls, st: os.stat_result) -> Stamp:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


@dataclass(frozen=True)
class Hashes:
    sha256: str
    size: int
    index: bytes | None  # the chunk index (None for a one-chunk file)


@dataclass
class CacheStats:
    hits: int = 0
    files_hashed: int = 0
    bytes_hashed: int = 0
    racy: int = 0  # entries not used because the file changed within the racy window
    discarded: str | None = None  # why the cache file was ignored, if it was


@dataclass(frozen=True)
class _Entry:
    stamp: Stamp
    hashed_at_ns: int  # wall-clock time taken just before the file was read
    hashes: Hashes

    def racy(self) -> bool:
        return self.stamp.mtime_ns + RACY_WINDOW_NS > self.hashed_at_ns


class HashCache:
    """Hashes of source files, reused only while their stat is unchanged and not racy.

    hasher and clock_ns are injectable: tests count the bytes a publish reads and place an
    entry inside or outside the racy window.
    """

    def __init__(self, path: Path | None, hasher: Hasher, clock_ns: Callable[[], int] = time.time_ns):
        self.path = path
        self.hasher = hasher
        self.clock_ns = clock_ns
        self.stats = CacheStats()
        self._old: dict[str, _Entry] = {}
        self._new: dict[str, _Entry] = {}
        # Seconds of media by content hash (a lesson's tracks must line up, publish/alignment.py):
        # the same bytes always have the same length, so an unchanged song is not probed again.
        self._old_durations: dict[str, float] = {}
        self._new_durations: dict[str, float] = {}
        if path is not None:
            self._old = self._load(path)

    def duration(self, sha256: str) -> float | None:
        seconds = self._new_durations.get(sha256, self._old_durations.get(sha256))
        if seconds is not None:
            self._new_durations[sha256] = seconds
        return seconds

    def remember_duration(self, sha256: str, seconds: float) -> None:
        self._new_durations[sha256] = seconds

    def _load(self, path: Path) -> dict[str, _Entry]:
        try:
            raw = json.loads(path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            self.stats.discarded = f"unreadable ({exc.__class__.__name__})"
            return {}
        if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("version") != FORMAT_VERSION:
            self.stats.discarded = "not a publish cache of this version"
            return {}
        durations = raw.get("durations", {})
        if isinstance(durations, dict):
            self._old_durations = {k: float(v) for k, v in durations.items() if is_sha256_hex(k)
                                   and isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v < 1e7}
        entries = raw.get("entries")
        if not isinstance(entries, dict):
            self.stats.discarded = "no entries"
            return {}
        out = {}
        for key, value in entries.items():
            entry = _entry_from_json(value)
            if entry is not None:
                out[key] = entry
        return out

    def hash(self, path: Path) -> Hashes:
        """The file's hashes: from the cache when its stat proves it unchanged, else read."""
        return self.hash_many([path], workers=1)[0]

    def hash_many(self, paths: list[Path], workers: int | None = None) -> list[Hashes]:
        """Hashes of every path, in order. Files not proven unchanged are read on a few
        threads (hashlib and the chunker release the GIL, so a 2-core hub hashes about
        twice as fast); a read error is raised after the others have stopped."""
        out: list[Hashes | None] = [None] * len(paths)
        todo: list[tuple[int, str, Stamp]] = []
        for i, path in enumerate(paths):
            key = os.path.abspath(path)
            before = Stamp.of(os.stat(path))
            old = self._old.get(key)
            if old is not None and old.stamp == before:
                if not old.racy():
                    self.stats.hits += 1
                    self._new[key] = old
                    out[i] = old.hashes
                    continue
                self.stats.racy += 1
            todo.append((i, key, before))
        workers = workers or min(4, os.cpu_count() or 1)
        if workers > 1 and len(todo) > 1:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="publish-hash") as pool:
                futures = [pool.submit(self._read, paths[i]) for i, _, _ in todo]
                try:
                    results = [f.result() for f in futures]
                except BaseException:
                    for f in futures:
                        f.cancel()
                    raise
        else:
            results = [self._read(paths[i]) for i, _, _ in todo]
        for (i, key, before), (hashed_at, hashes, after) in zip(todo, results, strict=True):
            self.stats.files_hashed += 1
            self.stats.bytes_hashed += hashes.size
            # Changed while we read it: use what we read (the catalog checks it again when
            # the blob is copied) but do not remember it.
            if after == before and hashes.size == before.size:
                self._new[key] = _Entry(before, hashed_at, hashes)
            out[i] = hashes
        return [h for h in out if h is not None]

    def _read(self, path: Path) -> tuple[int, Hashes, Stamp]:
        hashed_at = self.clock_ns()
        sha, size, index = self.hasher(path)
        return hashed_at, Hashes(sha, size, index), Stamp.of(os.stat(path))

    def save(self) -> None:
        """Write the entries used or made by this run (files no longer published drop out)."""
        if self.path is None:
            return
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "entries": {key: _entry_to_json(e) for key, e in sorted(self._new.items())},
            "durations": dict(sorted(self._new_durations.items())),
        }
        # A power cut leaves the old cache or the new one (and a torn one is only ignored).
        durable.write_atomic(self.path, json.dumps(doc, separators=(",", ":")).encode("utf-8"))


def _entry_to_json(e: _Entry) -> dict[str, Any]:
    s = e.stamp
    return {
        "size": s.size, "mtime_ns": s.mtime_ns, "ctime_ns": s.ctime_ns, "ino": s.ino, "dev": s.dev,
        "hashed_at_ns": e.hashed_at_ns,
        "sha256": e.hashes.sha256,
        "index": base64.b64encode(e.hashes.index).decode("ascii") if e.hashes.index is not None else None,
    }


def _entry_from_json(raw: Any) -> _Entry | None:
    """An entry, or None if anything about it is wrong (it is then hashed again)."""
    if not isinstance(raw, dict):
        return None
    ints = ("size", "mtime_ns", "ctime_ns", "ino", "dev", "hashed_at_ns")
    if not all(isinstance(raw.get(k), int) and not isinstance(raw.get(k), bool) for k in ints):
        return None
    sha = raw.get("sha256")
    if not is_sha256_hex(sha) or raw["size"] < 0:
        return None
    index: bytes | None = None
    if raw.get("index") is not None:
        try:
            index = base64.b64decode(raw["index"], validate=True)
            parse_index(index, raw["size"])
        except (TypeError, binascii.Error, IndexError_):
            return None
    stamp = Stamp(raw["size"], raw["mtime_ns"], raw["ctime_ns"], raw["ino"], raw["dev"])
    return _Entry(stamp, raw["hashed_at_ns"], Hashes(str(sha), raw["size"], index))
