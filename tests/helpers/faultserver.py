"""A fault-injecting HTTP server (serving a folder) or proxy (in front of a real hub).

Faults: a rate cap (per response, or one link shared by all responses), latency, cut after
N bytes, stall, 5xx with Retry-After, ignored Range, wrong Content-Range, gzip on partial
responses, endless body, a blob changed behind the same URL; per path: a fixed status, a
redirect, a replaced body (a captive portal), a gzip'd body, a gzip bomb. It counts the body bytes it
sends, so tests can check what crossed the wire.
Binds 127.0.0.1 port 0 only.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import re
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests


@dataclass
class Faults:
    rate: float | None = None  # body bytes per second, per response
    latency: float = 0.0  # before the status line
    cut_after: int | None = None  # close the connection after N body bytes
    cut_random: tuple[int, int] | None = None  # cut after a random N in [a, b] (link flaps)
    stall_after: int | None = None  # stop sending after N bytes, keep the socket open
    stall_seconds: float = 5.0
    error_rate: float = 0.0  # probability of answering error_status instead
    error_status: int = 503
    retry_after: str | None = None
    ignore_range: bool = False
    wrong_content_range: int = 0  # this many responses get a shifted Content-Range
    gzip_partial: bool = False
    endless_paths: set[str] = field(default_factory=set)  # body continues with junk forever
    half_file: bool = False  # send Content-Length of the whole file but only half of it
    seed: int = 1234
    only_prefix: str = ""  # body faults apply only to paths starting with this ("/blobs/")
    # body bytes per second through ONE link shared by every response and connection (a
    # token bucket with a 16 KiB burst), whatever the path; None: no link limit. Setting it
    # also turns on TCP_NODELAY (see _Handler.setup).
    link_rate: float | None = None
    nodelay: bool = False  # TCP_NODELAY without a link limit (a hub-like server: the tbf bench)
    max_requests: int | None = None  # after this many, the link is down: connections are cut
    # Per-path answers (paths relative, without the leading slash, like endless_paths):
    status_paths: dict[str, int] = field(default_factory=dict)  # answer this status, tiny body
    redirect_paths: dict[str, str] = field(default_factory=dict)  # 302 to this Location
    body_paths: dict[str, bytes] = field(default_factory=dict)  # answer 200 with these bytes (a portal page)
    encoded_paths: set[str] = field(default_factory=set)  # whole file gzip'd, with Content-Encoding
    # gzip'd zeros with Content-Encoding: gzip, this many bytes once decompressed (a bomb);
    # streamed, so the server never holds it
    gzip_bomb_paths: dict[str, int] = field(default_factory=dict)
    portal: bytes | None = None  # a captive portal: every path answers 200 with this page


class _Link:
    """A token bucket shared by all responses: together they never exceed rate*T + burst.
    A caller takes its bytes first (the bucket may go into debt) and then sleeps until the
    debt is paid, so concurrent responses share the link instead of each getting a full one."""

    def __init__(self, rate: float, burst: int = 16 * 1024):
        self.rate = float(rate)
        self.burst = burst
        self._tokens = float(burst)
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def take(self, nbytes: int) -> None:
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= nbytes
            wait = -self._tokens / self.rate
        if wait > 0:
            time.sleep(wait)  # the fault itself: a slow link paces what it carries


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def setup(self) -> None:
        # A modelled link sends each piece as it is paced, like the hub (which sets
        # TCP_NODELAY, eduteach_hub/cli/server.py): without it Nagle + delayed ACK hold the last
        # piece of every response ~40 ms, which is not what the link under test does.
        if self.server.link is not None or self.server.faults.nodelay:
            self.disable_nagle_algorithm = True
        super().setup()

    def do_HEAD(self) -> None:
        self._handle(head=True)

    def do_GET(self) -> None:
        self._handle(head=False)

    def do_POST(self) -> None:
        self._proxy("POST")

    def do_PUT(self) -> None:
        self._proxy("PUT")

    # --- faults common to every response --------------------------------------------------
    def _maybe_fail(self) -> bool:
        srv = self.server
        f = srv.faults
        if f.latency:
            time.sleep(f.latency)  # the fault itself: a far link answers late
        with srv.lock:
            srv.requests += 1
            fail = srv.rng.random() < f.error_rate
            down = f.max_requests is not None and srv.requests > f.max_requests
        if down:
            if self.command in ("POST", "PUT"):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.close_connection = True
            self.connection.shutdown(2)
            return True
        if fail:
            body = b'{"error": {"code": "unavailable", "message": "injected"}}'
            self.send_response(f.error_status)
            if f.retry_after is not None:
                self.send_header("Retry-After", f.retry_after)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True
        return False

    def _send_body(self, data_iter, declared: int | None) -> None:  # noqa: ANN001
        srv = self.server
        f = srv.faults
        if not self.path.startswith(f.only_prefix):
            f = Faults(rate=f.rate)
        limit = f.cut_after
        if f.cut_random:
            with srv.lock:
                limit = srv.rng.randint(*f.cut_random)
        if f.half_file and declared:
            limit = declared // 2 if limit is None else min(limit, declared // 2)
        sent = 0
        start = time.monotonic()
        with srv.lock:
            srv.in_flight += 1
        try:
            for block in data_iter:
                for i in range(0, len(block), 16 * 1024):
                    piece = block[i : i + 16 * 1024]
                    if limit is not None and sent + len(piece) > limit:
                        piece = piece[: max(0, limit - sent)]
                    if f.stall_after is not None and sent + len(piece) > f.stall_after:
                        piece = piece[: max(0, f.stall_after - sent)]
                        self._write(piece)
                        sent += len(piece)
                        time.sleep(f.stall_seconds)  # the fault itself: a stalled sender
                        self.close_connection = True
                        return
                    if piece:
                        self._write(piece)
                        sent += len(piece)
                    if limit is not None and sent >= limit:
                        self.close_connection = True
                        return
                    if f.rate:
                        ahead = sent / f.rate - (time.monotonic() - start)
                        if ahead > 0:
                            time.sleep(ahead)  # the fault itself: a rate cap
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with srv.lock:
                srv.in_flight -= 1

    def _write(self, piece: bytes) -> None:
        if self.server.link is not None:
            self.server.link.take(len(piece))
        self.wfile.write(piece)
        with self.server.lock:
            self.server.bytes_sent += len(piece)
            self.server.per_path[self.path] = self.server.per_path.get(self.path, 0) + len(piece)

    # --- static files -----------------------------------------------------------------------
    def _handle(self, head: bool) -> None:
        srv = self.server
        if srv.upstream:
            self._proxy("HEAD" if head else "GET")
            return
        with srv.lock:
            srv.path_requests[self.path] = srv.path_requests.get(self.path, 0) + 1
        if self._maybe_fail():
            return
        rel = self.path.split("?", 1)[0].lstrip("/")
        if self._special(rel, head):
            return
        path = (srv.root / rel).resolve()
        f = srv.faults
        if rel in f.endless_paths and not path.is_file():
            data = b""  # endless junk even where the repository has no such file
        elif srv.root.resolve() not in path.parents or not path.is_file():
            self.send_error(404)
            return
        else:
            data = path.read_bytes()
        size = len(data)
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        f = srv.faults
        rng = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        start, end = 0, size - 1
        partial = False
        if rng and not f.ignore_range and (if_range is None or if_range == etag):
            m = re.fullmatch(r"bytes=(\d+)-(\d*)", rng.strip())
            if m:
                start = int(m.group(1))
                end = min(int(m.group(2)) if m.group(2) else size - 1, size - 1)
                if start >= size:
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{size}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                partial = True
        body = data[start : end + 1]
        endless = rel in f.endless_paths
        self.send_response(206 if partial else 200)
        self.send_header("ETag", etag)
        self.send_header("Accept-Ranges", "bytes")
        if partial:
            cr_start = start
            with srv.lock:
                if f.wrong_content_range > 0:
                    f.wrong_content_range -= 1
                    cr_start = start + 1
            self.send_header("Content-Range", f"bytes {cr_start}-{end}/{size}")
        if partial and f.gzip_partial:
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        if endless:
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if head:
            return

        def blocks():  # noqa: ANN202
            yield body
            while endless:
                yield os.urandom(64 * 1024)

        self._send_body(blocks(), len(body))

    def _special(self, rel: str, head: bool) -> bool:
        """Per-path routes: fixed statuses, redirects, replaced bodies, encodings, bombs."""
        f = self.server.faults
        if rel in f.status_paths:
            body = b"no"
            self.send_response(f.status_paths[rel])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self._write(body)
            return True
        if rel in f.redirect_paths:
            self.send_response(302)
            self.send_header("Location", f.redirect_paths[rel])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        page = f.body_paths.get(rel, f.portal)
        if page is not None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            if not head:
                self._write(page)
            return True
        if rel in f.encoded_paths:
            body = gzip.compress((self.server.root / rel).read_bytes())
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self._write(body)
            return True
        if rel in f.gzip_bomb_paths:
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.close_connection = True
            self.end_headers()
            if not head:
                self._send_body(_gzip_zeros(f.gzip_bomb_paths[rel]), None)
            return True
        return False

    # --- proxy ------------------------------------------------------------------------------
    def _proxy(self, method: str) -> None:
        srv = self.server
        if srv.upstream is None:
            self.send_error(405)
            return
        if self._maybe_fail():
            return
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else None
        if payload and srv.uplink is not None:
            # The upstream direction of the modelled link: full duplex, same rate.
            for i in range(0, len(payload), 16 * 1024):
                srv.uplink.take(len(payload[i : i + 16 * 1024]))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        resp = requests.request(method, srv.upstream + self.path, headers=headers, data=payload, stream=True, timeout=60)
        with srv.lock:
            srv.upstream_statuses.append(resp.status_code)
        if srv.drop_responses > 0 and method == "POST":
            # The upstream applied the request; the client never hears back.
            with srv.lock:
                srv.drop_responses -= 1
            resp.close()
            self.close_connection = True
            return
        self.send_response(resp.status_code)
        for k, v in resp.headers.items():
            if k.lower() not in ("transfer-encoding", "connection", "content-encoding", "content-length"):
                self.send_header(k, v)
        body = resp.raw.read(decode_content=False) if method != "HEAD" else b""
        if resp.headers.get("Content-Encoding"):
            self.send_header("Content-Encoding", resp.headers["Content-Encoding"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if method != "HEAD":
            self._send_body(iter([body]), len(body))


def _gzip_zeros(size: int):  # noqa: ANN202 - Iterator[bytes]
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip framing
    zeros = bytes(1024 * 1024)
    for _ in range(size // len(zeros)):
        out = packer.compress(zeros)
        if out:
            yield out
    yield packer.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path | None, upstream: str | None, faults: Faults, host: str = "127.0.0.1",
                 port: int = 0):
        super().__init__((host, port), _Handler)
        self.root = root or Path(".")
        self.upstream = upstream.rstrip("/") if upstream else None
        self.faults = faults
        self.lock = threading.Lock()
        self.rng = random.Random(faults.seed)
        self.link = _Link(faults.link_rate) if faults.link_rate else None
        self.uplink = _Link(faults.link_rate) if faults.link_rate else None
        self.bytes_sent = 0
        self.requests = 0
        self.path_requests: dict[str, int] = {}
        self.per_path: dict[str, int] = {}
        self.upstream_statuses: list[int] = []
        self.drop_responses = 0
        self.in_flight = 0  # response bodies being sent now


class FaultServer:
    def __init__(self, root: Path | None = None, faults: Faults | None = None, upstream: str | None = None,
                 host: str = "127.0.0.1", port: int = 0):
        # host/port: only the netns suite binds anything but 127.0.0.1, inside its own namespace.
        self.faults = faults or Faults()
        self._server = _Server(root, upstream, self.faults, host, port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def bytes_sent(self) -> int:
        return self._server.bytes_sent

    @property
    def responses_in_flight(self) -> int:
        """Bodies still being sent: 0 once every client has read or hung up (a client that
        stops reading but keeps its socket open keeps its response in flight)."""
        return self._server.in_flight

    @property
    def requests(self) -> int:
        return self._server.requests

    def requests_for(self, path: str) -> int:
        """GETs and HEADs of one path ("/metadata/timestamp.json"), whatever was answered."""
        return self._server.path_requests.get(path, 0)

    def drop_next_responses(self, n: int) -> None:
        self._server.drop_responses = n

    @property
    def upstream_statuses(self) -> list[int]:
        return list(self._server.upstream_statuses)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
