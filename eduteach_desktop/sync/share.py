"""`eduteach share`: serve this PC's verified lessons to PCs nearby, read-only.

The layout is the hub's static repository (docs/sync.md): the signed metadata this PC
trusts (what `eduteach export` writes), the catalog it names, and the blobs of that catalog
that this PC has verified (in the `blobs` table, the right size on disk). Nothing else has
a name here: no records, no keys, no credentials, no partial files. A receiving PC verifies
every byte against the county's signatures anyway; serving only verified files keeps a
damaged PC from wasting its neighbours' time.

Only GET and HEAD; Range, If-Range and ETag as on the hub; one bandwidth cap shared by all
clients; at most `max_clients` connections at once (the rest get 503 and Retry-After).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from eduteach_desktop.core.clock import SystemClock
from eduteach_desktop.core.errors import SyncError
from eduteach_desktop.store.blobs import BlobStore
from eduteach_desktop.store.db import Database
from eduteach_protocol.repo_layout import catalog_relpath

from .export import trusted_repository
from .policy import RateLimiter
from .trust import TrustStore

BLOCK = 64 * 1024
BLOB_PATH = re.compile(r"^blobs/([0-9a-f]{2})/([0-9a-f]{64})$")
RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")
DEFAULT_PORT = 8765
_BUSY_BODY = b"busy: too many PCs at once; try again shortly\n"
BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\n"
        b"Content-Type: text/plain\r\nContent-Length: " + str(len(_BUSY_BODY)).encode() + b"\r\n\r\n" + _BUSY_BODY)
# A client that sends nothing for this long gives its slot to another.
IDLE_TIMEOUT = 30.0


@dataclass(frozen=True)
class _Entry:
    body: bytes | None
    path: Path | None
    size: int
    etag: str
    immutable: bool


class ShareIndex:
    """The names this PC serves, rebuilt when its trusted metadata changes (after a sync)."""

    def __init__(self, trust: TrustStore, db: Database, blobs: BlobStore):
        self.trust = trust
        self.db = db
        self.blobs = blobs
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._files: dict[str, _Entry] = {}
        self._blobs: set[str] = set()
        self.catalog_version: int | None = None

    def _current_stamp(self) -> tuple[int, int] | None:
        try:
            st = (self.trust.folder / "timestamp.json").stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def refresh(self) -> None:
        stamp = self._current_stamp()
        with self._lock:
            if stamp == self._stamp and self._files:
                return
            try:
                repo = trusted_repository(self.trust, self.db)
            except SyncError:
                self._files, self._blobs, self.catalog_version, self._stamp = {}, set(), None, stamp
                return
            files: dict[str, _Entry] = {}
            for relpath, path in [*repo.metadata.items(), ("metadata/timestamp.json", repo.timestamp)]:
                body = path.read_bytes()
                files[relpath] = _Entry(body, None, len(body), _etag(body),
                                        immutable=relpath not in ("metadata/timestamp.json", "metadata/root.json"))
            files[catalog_relpath(repo.catalog_sha256)] = _Entry(
                repo.catalog_body, None, len(repo.catalog_body), f'"{repo.catalog_sha256}"', True)
            wanted: set[str] = set()
            for lesson in repo.catalog.lessons:
                wanted |= lesson.blob_hashes()
            self._files, self._blobs = files, wanted
            self.catalog_version = repo.catalog.version
            self._stamp = stamp

    def lookup(self, relpath: str) -> _Entry | None:
        self.refresh()
        entry = self._files.get(relpath)
        if entry is not None:
            return entry
        m = BLOB_PATH.match(relpath)
        if m is None or not m.group(2).startswith(m.group(1)) or m.group(2) not in self._blobs:
            return None
        sha = m.group(2)
        # Verified only: recorded in the blobs table with the right size on disk.
        if not self.blobs.has(sha):
            return None
        path = self.blobs.path(sha)
        return _Entry(None, path, path.stat().st_size, f'"{sha}"', True)


class ShareServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], index: ShareIndex, limiter: RateLimiter,
                 max_clients: int):
        self.index = index
        self.limiter = limiter
        # Transfers at once (what the limit is for), and connections at once (kept-alive ones
        # cost a thread each until IDLE_TIMEOUT): beyond either, 503 and Retry-After.
        self.slots = threading.BoundedSemaphore(max_clients)
        self.connections = threading.BoundedSemaphore(4 * max_clients)
        self.bytes_sent = 0
        self._sent_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        # Counted here, on the accepting thread, in the order PCs connect.
        if not self.connections.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(BUSY)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a PC that went away mid-request (reset, timeout): nothing to report or clean up

    def count(self, n: int) -> None:
        with self._sent_lock:
            self.bytes_sent += n


class _Handler(BaseHTTPRequestHandler):
    server: ShareServer
    protocol_version = "HTTP/1.1"
    server_version = "EduTeachShare/1"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    # Each piece goes out as it is paced (like the hub): without it Nagle and delayed ACKs
    # hold the end of every response ~40 ms, an idle link between two small files.
    disable_nagle_algorithm = True

    def _busy(self) -> None:
        with contextlib.suppress(OSError):  # the PC went away already
            self.wfile.write(BUSY)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass  # no access log: nothing here is worth a technician's disk

    # Read-only: every method that would change something is refused.
    def _refuse(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        if not self.server.slots.acquire(blocking=False):
            self.close_connection = True
            self._busy()
            return
        try:
            self._serve(head=False)
        finally:
            self.server.slots.release()

    def _serve(self, head: bool) -> None:
        relpath = self.path.split("?", 1)[0].lstrip("/")
        entry = self.server.index.lookup(relpath)
        if entry is None:
            self._plain(HTTPStatus.NOT_FOUND, b"not here\n", head)
            return
        start, end = 0, entry.size - 1
        status = HTTPStatus.OK
        wanted = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if wanted is not None and (if_range is None or if_range == entry.etag):
            m = RANGE.match(wanted.strip())
            if m is not None and (m.group(1) or m.group(2)):
                if m.group(1):
                    start = int(m.group(1))
                    end = min(int(m.group(2)), entry.size - 1) if m.group(2) else entry.size - 1
                else:  # a suffix: the last N bytes
                    start = max(0, entry.size - int(m.group(2)))
                if start >= entry.size or start > end:
                    self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    self.send_header("Content-Range", f"bytes */{entry.size}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status = HTTPStatus.PARTIAL_CONTENT
        length = end - start + 1 if entry.size else 0
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(length))
        self.send_header("ETag", entry.etag)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if entry.immutable else "no-cache")
        if status == HTTPStatus.PARTIAL_CONTENT:
            self.send_header("Content-Range", f"bytes {start}-{end}/{entry.size}")
        self.end_headers()
        if head or length == 0:
            return
        if entry.body is not None:
            self._send(lambda: iter([entry.body[start:end + 1]]))  # type: ignore[index]
            return
        assert entry.path is not None
        with open(entry.path, "rb") as fh:  # a verified blob of this PC
            fh.seek(start)

            def blocks() -> Any:
                left = length
                while left > 0:
                    block = fh.read(min(BLOCK, left))
                    if not block:
                        return
                    left -= len(block)
                    yield block

            self._send(blocks)

    def _send(self, blocks: Callable[[], Any]) -> None:
        try:
            for block in blocks():
                for i in range(0, len(block), BLOCK):
                    piece = block[i:i + BLOCK]
                    self.server.limiter.consume(len(piece))
                    self.wfile.write(piece)
                    self.server.count(len(piece))
        except OSError:
            self.close_connection = True  # the PC went away: nothing to clean up

    def _plain(self, status: HTTPStatus, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def _etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()}"'


class LessonShare:
    """The share server and its mDNS announcement, started and stopped as one."""

    def __init__(self, trust: TrustStore, db: Database, blobs: BlobStore, *, host: str = "0.0.0.0",
                 port: int = DEFAULT_PORT, cap_bytes_per_s: float | None = None, max_clients: int = 4,
                 announce: bool = True, name: str | None = None):
        self.index = ShareIndex(trust, db, blobs)
        self.index.refresh()
        self.server = ShareServer((host, port), self.index, RateLimiter(cap_bytes_per_s, SystemClock()),
                                  max_clients)
        self._thread = threading.Thread(target=self.server.serve_forever, name="lesson-share", daemon=True)
        self._announcer: Any = None
        self._announce = announce
        self._name = name

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def start(self) -> None:
        self._thread.start()
        if self._announce:
            from .peers import Announcer

            self._announcer = Announcer(self.port, self.index.catalog_version, self._name)
            self._announcer.start()

    def stop(self) -> None:
        if self._announcer is not None:
            self._announcer.stop()
            self._announcer = None
        self.server.shutdown()
        self.server.server_close()
