"""Content-addressed blob store. A blob is in blobs/ only after it was verified in full."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.core.errors import VerificationError
from eduteach_protocol.chunks import DIGEST_SIZE, Chunk, is_sha256_hex

from .db import Database
from .fileio import FileIO

log = logging.getLogger(__name__)
# A chunk journal record: the chunk's number (4 bytes, big-endian) and its digest.
_JOURNAL_RECORD = 4 + DIGEST_SIZE
# Blobs forget() could not delete because a program held them open (Windows), one hash a line.
PENDING_DELETES = "delete-at-start.txt"


@dataclass(frozen=True)
class PartialState:
    verified: int  # bytes that passed their chunk hashes
    received: int  # bytes on disk and fsynced (>= verified; the rest is the chunk in flight)
    validator: str | None  # the source's ETag, for If-Range


def _checked(sha256: str) -> str:
    # The only names this store makes paths of: a hash from a catalog or an index that
    # somehow escaped validation must not become "../../somewhere".
    if not is_sha256_hex(sha256):
        raise VerificationError(f"{str(sha256)[:80]!r} is not a SHA-256 hash")
    return sha256


class BlobStore:
    def __init__(self, root: Path, partial_root: Path, db: Database, fileio: FileIO, clock: Clock):
        self.root = root
        self.partial_root = partial_root
        self.db = db
        self.io = fileio
        self.clock = clock

    def path(self, sha256: str) -> Path:
        return self.root / _checked(sha256)[:2] / sha256

    def partial_path(self, sha256: str) -> Path:
        return self.partial_root / f"{_checked(sha256)}.part"

    def chunk_journal_path(self, sha256: str) -> Path:
        return self.partial_root / f"{_checked(sha256)}.chunks"

    def has(self, sha256: str) -> bool:
        row = self.db.query_one("SELECT size FROM blobs WHERE sha256 = ?", (sha256,))
        if row is None:
            return False
        try:
            return bool(self.path(sha256).stat().st_size == row["size"])
        except OSError:
            return False

    def present(self, hashes: Iterable[str]) -> set[str]:
        wanted = list(hashes)
        if not wanted:
            return set()
        rows = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = ",".join("?" * len(part))
            for row in self.db.query(f"SELECT sha256, size FROM blobs WHERE sha256 IN ({marks})", tuple(part)):
                rows[row["sha256"]] = row["size"]
        out = set()
        for sha, size in rows.items():
            try:
                if self.path(sha).stat().st_size == size:
                    out.add(sha)
            except OSError:
                pass
        return out

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    # --- partial downloads -------------------------------------------------------------
    def partial_state(self, sha256: str) -> PartialState:
        """Where a partial download stands; zeros when there is none.

        The record only counts bytes that were written and fsynced first, so after a
        crash the file may be longer than recorded (never shorter) and is cut back.
        """
        path = self.partial_path(sha256)
        state = self._load_partial(sha256)
        if state is None:
            return PartialState(0, 0, None)
        try:
            actual = path.stat().st_size
        except OSError:
            actual = -1
        if actual < state.received:  # the bytes went (a cleaned folder): start again
            self.drop_partial(sha256)
            return PartialState(0, 0, None)
        if actual > state.received and not self.chunk_journal_path(sha256).exists():
            # Written after the last record: not trusted. (A download by chunks writes
            # anywhere in the file; its journal says which chunks count.)
            self.io.truncate(path, state.received)
        return state

    def _load_partial(self, sha256: str) -> PartialState | None:
        row = self.db.query_one(
            "SELECT verified_bytes, received_bytes, validator FROM partials WHERE sha256 = ?", (sha256,)
        )
        if row is None:
            return None
        return PartialState(int(row["verified_bytes"]), int(row["received_bytes"]), row["validator"])

    def write_partial(self, sha256: str, offset: int, data: bytes) -> None:
        path = self.partial_path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.io.write_at(path, offset, data)

    def read_partial(self, sha256: str, start: int, end: int) -> bytes:
        with open(self.partial_path(sha256), "rb") as fh:
            fh.seek(start)
            return fh.read(end - start)

    def commit_partial(self, sha256: str, size: int, state: PartialState) -> None:
        """fsync the partial file, then record how far it is (never the reverse)."""
        path = self.partial_path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            self.io.write_at(path, 0, b"")
        self.io.truncate(path, state.received)
        self.io.fsync(path)
        self._save_partial(sha256, size, state)

    def _save_partial(self, sha256: str, size: int, state: PartialState) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO partials (sha256, size, verified_bytes, received_bytes, validator, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(sha256) DO UPDATE SET verified_bytes = excluded.verified_bytes,"
                " received_bytes = excluded.received_bytes,"
                " validator = excluded.validator, updated_at = excluded.updated_at",
                (sha256, size, state.verified, state.received, state.validator, iso_utc(self.clock.now())),
            )

    def drop_partial(self, sha256: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM partials WHERE sha256 = ?", (sha256,))
        self.partial_path(sha256).unlink(missing_ok=True)
        self.chunk_journal_path(sha256).unlink(missing_ok=True)

    # --- downloads by chunks, from several sources at once ------------------------------
    # The partial file is written at each chunk's offset, in any order; the journal beside
    # it lists the chunks that were verified and fsynced, one record each, appended and
    # fsynced after the chunk's bytes. A power cut loses at most the chunks in flight.
    def begin_chunk_partial(self, sha256: str, size: int) -> None:
        """Make sure the download is recorded (so clean-up finds it) and has a journal.

        A partial from a download by prefix (the verified bytes from 0) keeps its chunks:
        verified_chunks() counts those inside its verified prefix."""
        if self._load_partial(sha256) is None:
            self._save_partial(sha256, size, PartialState(0, 0, None))
        journal = self.chunk_journal_path(sha256)
        if not journal.exists():
            journal.parent.mkdir(parents=True, exist_ok=True)
            self.io.append(journal, b"")

    def verified_chunks(self, sha256: str, chunks: list[Chunk]) -> set[int]:
        """The chunks of a partial download that are on disk and match the signed index.

        Candidates are the journal's records and the chunks inside a prefix download's
        verified bytes; each is hashed again before it counts (a record may name bytes a
        crash never wrote, or a chunk of another index)."""
        path = self.partial_path(sha256)
        state = self._load_partial(sha256)
        candidates = {n for n, c in enumerate(chunks) if state is not None and c.end <= state.verified}
        try:
            journal = self.chunk_journal_path(sha256).read_bytes()
        except OSError:
            journal = b""
        usable = len(journal) - len(journal) % _JOURNAL_RECORD  # a torn last record is ignored
        for at in range(0, usable, _JOURNAL_RECORD):
            n = int.from_bytes(journal[at:at + 4], "big")
            if n < len(chunks) and journal[at + 4:at + _JOURNAL_RECORD] == chunks[n].digest:
                candidates.add(n)
        good: set[int] = set()
        try:
            with open(path, "rb") as fh:
                for n in sorted(candidates):
                    fh.seek(chunks[n].offset)
                    if hashlib.sha256(fh.read(chunks[n].size)).digest() == chunks[n].digest:
                        good.add(n)
        except OSError:
            return set()
        return good

    def save_chunk(self, sha256: str, number: int, chunk: Chunk, data: bytes) -> None:
        """Write one verified chunk at its offset, fsync, then journal it (never the
        reverse). Callers serialise calls for one blob."""
        path = self.partial_path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.io.write_at(path, chunk.offset, data)
        self.io.fsync(path)
        self.io.append(self.chunk_journal_path(sha256), number.to_bytes(4, "big") + chunk.digest)

    def install_partial(self, sha256: str, size: int) -> None:
        """Re-hash the finished partial file, then move it into place atomically."""
        if not self.check_partial(sha256, size):
            self.drop_partial(sha256)
            raise VerificationError(f"blob {sha256[:12]} failed its final check", sha256=sha256)
        self.place_partial(sha256, size)

    def check_partial(self, sha256: str, size: int) -> bool:
        """fsync the finished partial file and re-hash it. No database write, so the sync's
        finishing thread can run it while the writer thread moves the next blob's bytes.
        The fsync is here because the downloader skips the last commit_partial of a blob
        (the install's transaction makes it redundant): the bytes must be on disk before
        the rename that makes them a blob."""
        src = self.partial_path(sha256)
        try:
            if src.stat().st_size != size:
                return False
            self.io.fsync(src)
            return hash_file(src) == sha256
        except OSError:
            return False

    def place_partial(self, sha256: str, size: int) -> None:
        """Rename a checked partial file into blobs/ and record it (the writer thread)."""
        src = self.partial_path(sha256)
        dest = self.path(sha256)
        dest.parent.mkdir(parents=True, exist_ok=True)
        self.io.replace(src, dest)
        self.chunk_journal_path(sha256).unlink(missing_ok=True)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM partials WHERE sha256 = ?", (sha256,))
            conn.execute(
                "INSERT OR REPLACE INTO blobs (sha256, size, verified_at) VALUES (?, ?, ?)",
                (sha256, size, iso_utc(self.clock.now())),
            )

    def install_bytes(self, sha256: str, data: bytes) -> None:
        if hashlib.sha256(data).hexdigest() != sha256:
            raise VerificationError(f"blob {sha256[:12]} does not match its hash", sha256=sha256)
        dest = self.path(sha256)
        dest.parent.mkdir(parents=True, exist_ok=True)
        self.io.write_file(dest, data)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO blobs (sha256, size, verified_at) VALUES (?, ?, ?)",
                (sha256, len(data), iso_utc(self.clock.now())),
            )

    @property
    def pending_deletes_path(self) -> Path:
        return self.root / PENDING_DELETES

    def forget(self, sha256: str) -> None:
        """Drop a blob (failed re-verification, or no longer referenced).

        The file goes first, the row after, so the store never loses track of a file. On
        Windows a file the player (or antivirus) holds open cannot be deleted: it is then
        written to the delete-at-next-start list before the row goes."""
        try:
            self.io.delete(self.path(sha256))
        except OSError as exc:
            log.info("blob %s is in use (%s); it will be deleted at the next start", sha256[:12], exc)
            self.io.append(self.pending_deletes_path, (sha256 + "\n").encode("ascii"))
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM blobs WHERE sha256 = ?", (sha256,))

    def delete_pending(self) -> int:
        """At start: delete the files forget() could not. A blob fetched again since then
        (its row is back) is kept. Returns how many files are still waiting."""
        listed = self.pending_deletes_path
        try:
            names = listed.read_text(encoding="ascii", errors="replace").split()
        except FileNotFoundError:
            return 0
        waiting: list[str] = []
        for sha in dict.fromkeys(names):
            if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
                continue  # a torn last line after a power cut
            if self.db.query_one("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)) is not None:
                continue
            try:
                self.io.delete(self.path(sha))
            except OSError:
                waiting.append(sha)
        if waiting:
            self.io.write_file(listed, "".join(s + "\n" for s in waiting).encode("ascii"))
        else:
            self.io.delete(listed)
        return len(waiting)

    def collect_garbage(self, keep: set[str]) -> int:
        """Remove blobs not in keep. Returns bytes freed."""
        freed = 0
        for sha256, size in recorded_blobs(self.db):
            if sha256 not in keep:
                self.forget(sha256)
                freed += size
        for row in self.db.query("SELECT sha256 FROM partials"):
            if row["sha256"] not in keep:
                self.drop_partial(row["sha256"])
        return freed

    def total_bytes(self) -> int:
        row = self.db.query_one("SELECT COALESCE(SUM(size), 0) AS n FROM blobs")
        return int(row["n"]) if row else 0


def recorded_blobs(db: Database) -> list[tuple[str, int]]:
    """(sha256, size) of every file the database says is stored (read-only opens too)."""
    return [(r["sha256"], int(r["size"])) for r in db.query("SELECT sha256, size FROM blobs")]


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def free_bytes(path: Path) -> int:
    import shutil

    probe = path
    while not probe.exists():
        probe = probe.parent
    return shutil.disk_usage(probe).free



