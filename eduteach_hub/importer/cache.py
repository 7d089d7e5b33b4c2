"""The importer's work cache, keyed by the source file's hash: importing again only probes,
converts and measures files whose bytes changed.

    CACHE/hashes.json            (real path, size, mtime, inode) -> sha256, so an unchanged
                                 library is not read again just to learn its hashes
    CACHE/objects/KEY/           one processed file: result.json and its outputs
    CACHE/tmp/                   work in progress; anything left here was interrupted
    CACHE/staging/               lesson folders being written (writer.py)

An object folder is renamed into place only when complete, so kill -9 mid-transcode leaves
at most a folder in tmp/, which the next run removes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import durable

# Bump when a processing setting changes (codec, loudness target …): every file is redone.
PIPELINE_VERSION = "1"
READ_CHUNK = 1 << 20


def sha256_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(READ_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class WorkCache:
    def __init__(self, root: Path):
        self.root = root
        self.objects = root / "objects"
        self.tmp = root / "tmp"
        self.staging = root / "staging"
        self._index_path = root / "hashes.json"
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.bytes_hashed = 0
        self._seen: set[str] = set()
        self._making: dict[str, threading.Lock] = {}
        for d in (self.objects, self.tmp, self.staging):
            d.mkdir(parents=True, exist_ok=True)
        ignore = root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# eduteach-hub import's work cache: safe to delete, never commit\n*\n", encoding="utf-8")
        for leftover in self.tmp.iterdir():
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            self._index: dict[str, list[Any]] = json.loads(self._index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._index = {}

    def source_hash(self, real: Path) -> str:
        """The file's sha256, from the stat index when size, mtime and inode still match."""
        st = real.stat()
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        with self._lock:
            rec = self._index.get(str(real))
            self._seen.add(str(real))
        if rec and rec[:3] == stamp:
            return str(rec[3])
        sha, size = sha256_file(real)
        with self._lock:
            self.bytes_hashed += size
            self._index[str(real)] = [*stamp, sha]
        return sha

    def save_index(self) -> None:
        """Keep the entries of the files seen in this run (the index does not grow forever)."""
        with self._lock:
            self._index = {k: v for k, v in self._index.items() if k in self._seen}
            data = json.dumps(self._index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        durable.write_bytes(self._index_path, data)

    @staticmethod
    def key(source_sha: str, recipe: str) -> str:
        return hashlib.sha256(f"{PIPELINE_VERSION}|{recipe}|{source_sha}".encode()).hexdigest()[:40]

    def get_or_make(self, key: str, make: Callable[[Path], dict[str, Any]]) -> tuple[Path, dict[str, Any]]:
        """The object folder and its result; `make(work_dir)` runs only on a miss and returns
        the result with its output file names relative to work_dir."""
        # The same song used by two lessons (two files, same bytes) is one key: one thread
        # makes it, the other waits and finds it made.
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            return self._get_or_make(key, make)

    def _get_or_make(self, key: str, make: Callable[[Path], dict[str, Any]]) -> tuple[Path, dict[str, Any]]:
        final = self.objects / key
        result = self._load(final)
        if result is not None:
            with self._lock:
                self.hits += 1
            return final, result
        with self._lock:
            self.misses += 1
        work = Path(tempfile.mkdtemp(dir=self.tmp, prefix=key[:12] + "-"))
        try:
            result = make(work)
            result["sha256"] = {role: sha256_file(work / name)[0] for role, name in result["files"].items()}
            for name in result["files"].values():
                durable.fsync_file(work / name)
            durable.write_bytes(work / "result.json", json.dumps(result, ensure_ascii=False).encode("utf-8"))
            if final.exists():  # a broken object from an older run
                shutil.rmtree(final)
            durable.move(work, final)
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
        return final, result

    def forget(self, output: Path) -> None:
        """Drop the object that holds this output file, so the next run makes it again."""
        folder = output.parent
        if folder.parent == self.objects:
            shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def _load(folder: Path) -> dict[str, Any] | None:
        try:
            result: dict[str, Any] = json.loads((folder / "result.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        files = result.get("files")
        if not isinstance(files, dict) or not isinstance(result.get("sha256"), dict) or not all((folder / str(n)).is_file() for n in files.values()):
            return None
        return result
