"""Where app packages are downloaded and staged: <data>/updates/, apart from the lessons.

The package comes through the lessons' resumable, verified downloader (sync/downloader.py),
so this store speaks the blob store's language. It keeps its own progress in small JSON
files instead of the lessons' tables: the lesson garbage collector never sees a package,
and a package never counts as lesson content."""

from __future__ import annotations

import json
from pathlib import Path

from eduteach_desktop.core.clock import Clock
from eduteach_desktop.core.errors import VerificationError
from eduteach_desktop.store.blobs import BlobStore, PartialState, hash_file
from eduteach_desktop.store.fileio import FileIO
from eduteach_protocol import durable
from eduteach_protocol.chunks import is_sha256_hex

STAGED = "staged"
PARTIAL = "partial"


def _checked(sha256: str) -> str:
    if not is_sha256_hex(sha256):
        raise VerificationError(f"{str(sha256)[:80]!r} is not a SHA-256 hash")
    return sha256


class PackageStore(BlobStore):
    """A blob store of app packages; only what the downloader uses is implemented."""

    def __init__(self, folder: Path, fileio: FileIO, clock: Clock):  # noqa: D107 - no database
        self.root = folder / STAGED
        self.partial_root = folder / PARTIAL
        self.io = fileio
        self.clock = clock

    def path(self, sha256: str) -> Path:
        return self.root / _checked(sha256)

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def present(self, hashes: object) -> set[str]:
        return {h for h in hashes if isinstance(h, str) and self.has(h)}  # type: ignore[attr-defined]

    def _progress(self, sha256: str) -> Path:
        return self.partial_root / f"{_checked(sha256)}.json"

    # The blob store's partial_state/commit_partial hold the resume logic; a package keeps
    # its record in a JSON file beside the bytes instead of the partials table.
    def _load_partial(self, sha256: str) -> PartialState | None:
        try:
            data = json.loads(self._progress(sha256).read_text(encoding="utf-8"))
            return PartialState(int(data["verified"]), int(data["received"]), data.get("validator"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _save_partial(self, sha256: str, size: int, state: PartialState) -> None:
        body = {"size": size, "verified": state.verified, "received": state.received, "validator": state.validator}
        self.io.write_file(self._progress(sha256), json.dumps(body).encode("utf-8"))

    def drop_partial(self, sha256: str) -> None:
        self.io.delete(self._progress(sha256))
        self.io.delete(self.partial_path(sha256))

    def install_partial(self, sha256: str, size: int) -> None:
        src = self.partial_path(sha256)
        if src.stat().st_size != size or hash_file(src) != sha256:
            self.drop_partial(sha256)
            raise VerificationError(f"package {sha256[:12]} failed its final check", sha256=sha256)
        self.root.mkdir(parents=True, exist_ok=True)
        self.io.replace(src, self.path(sha256))
        self.io.fsync_dir(self.root)
        self.io.delete(self._progress(sha256))

    def install_bytes(self, sha256: str, data: bytes) -> None:
        import hashlib

        if hashlib.sha256(data).hexdigest() != sha256:
            raise VerificationError(f"package {sha256[:12]} does not match its hash", sha256=sha256)
        self.root.mkdir(parents=True, exist_ok=True)
        self.io.write_file(self.path(sha256), data)

    def forget(self, sha256: str) -> None:
        self.io.delete(self.path(sha256))

    def keep_only(self, keep: set[str]) -> None:
        """Delete staged packages and partial downloads not in keep (an older staged
        version once a newer one is chosen, a withdrawn one)."""
        for folder in (self.root, self.partial_root):
            if not folder.is_dir():
                continue
            for entry in folder.iterdir():
                sha = entry.name.split(".", 1)[0]
                if sha not in keep and not entry.name.endswith(durable.TEMP_SUFFIX):
                    self.io.delete(entry)
