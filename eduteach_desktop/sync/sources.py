"""Where content can come from. Every source is untrusted: what it returns is verified
against signed metadata before anything is kept."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from eduteach_desktop.core.errors import PermanentSourceError, SourceUnavailableError
from eduteach_protocol import safefs
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.limits import FORBIDDEN_CHARS_RE

from .depth import MAX_CONNECTIONS
from .transient import is_transient, is_transient_status, plain_reason

USER_AGENT = "EduTeach/0.1 (+offline classroom)"


class NotFound(PermanentSourceError):
    code = "not_found"


class TooLarge(PermanentSourceError):
    """The source has more bytes than the signed metadata allows (endless data, tampering)."""

    code = "too_large"


@dataclass
class RangeResponse:
    """Bytes from `offset` on, and what the source says about the file (for If-Range)."""

    offset: int
    chunks: Iterator[bytes]
    validator: str | None
    close: object = None
    # The whole file's size as the source declares it (Content-Range total, or the
    # Content-Length of a 200), when it says; checked against the catalog's.
    total: int | None = None


class Source:
    """A repository location: an HTTP(S) base URL or a folder (USB stick, satellite drop)."""

    label: str
    # Whether a dropped transfer is worth retrying within the same run (a network blip),
    # or only at the next sync (a file still arriving in a satellite folder).
    retry_transient: bool = True
    # Where the bytes travel: "wan" (the hub or a mirror over the county link: schedule,
    # metered and throttle rules apply), "lan" (a PC nearby sharing its lessons: its own
    # cap, never the WAN rules) or "local" (a folder: no cap at all).
    kind: str = "wan"

    def read_small(self, relpath: str, max_length: int) -> bytes:
        raise NotImplementedError

    def open_range(self, relpath: str, offset: int, length: int, validator: str | None) -> RangeResponse:
        raise NotImplementedError


class UnsafeFile(NotFound):
    """The folder holds something other than a plain file at that name (a link, a FIFO, a
    device, a loop of links) or the name itself is not acceptable: nothing is read, and
    the source is treated as not having the file."""

    code = "unsafe_file"


class FolderSource(Source):
    """A repository in a folder: a USB stick, a satellite receive folder, another school's
    export. Everything is read through eduteach_protocol.safefs: plain files only, never
    through a link, never outside the folder, and a FIFO cannot make a read wait."""

    retry_transient = False
    kind = "local"

    def __init__(self, root: Path):
        self.root = Path(root)
        self.label = str(self.root)

    def _open(self, relpath: str, max_length: int) -> BinaryIO:
        try:
            return safefs.open_regular(self.root, relpath, max_length)
        except safefs.UnsafeFileError as exc:
            raise _refusal(exc, self.label) from None

    def read_small(self, relpath: str, max_length: int) -> bytes:
        with self._open(relpath, max_length) as fh:
            try:
                data = fh.read(max_length + 1)
            except OSError as exc:
                raise SourceUnavailableError(L_("cannot read {relpath} in {source}: {problem}", relpath=relpath, source=self.label, problem=exc.strerror or exc)) from None
        if len(data) > max_length:
            raise TooLarge(f"{relpath} is larger than {max_length} bytes")
        return data

    def open_range(self, relpath: str, offset: int, length: int, validator: str | None) -> RangeResponse:
        # The length a blob may have is checked against the signed metadata by the caller,
        # which also stops reading at the declared length.
        fh = self._open(relpath, sys.maxsize)
        label = self.label

        def gen() -> Iterator[bytes]:
            # A file that is still growing (satellite receive) or was truncated simply
            # yields fewer bytes; the caller verifies chunk by chunk and stops there.
            with fh:
                try:
                    fh.seek(offset)
                    remaining = length
                    while remaining > 0:
                        block = fh.read(min(256 * 1024, remaining))
                        if not block:
                            return
                        remaining -= len(block)
                        yield block
                except OSError as exc:
                    raise SourceUnavailableError(L_("cannot read {relpath} in {label}: {problem}", relpath=relpath, label=label, problem=exc.strerror or exc)) from None

        st = os.fstat(fh.fileno())
        return RangeResponse(offset=offset, chunks=gen(), validator=f"{st.st_size}-{st.st_mtime_ns}")


def _refusal(exc: safefs.UnsafeFileError, label: str) -> SourceUnavailableError:
    """One line for the sync report: which file, in which folder, and why."""
    if exc.code == safefs.MISSING:
        return NotFound(f"{exc.path} not in {label}")
    if exc.code == safefs.TOO_LARGE:
        return TooLarge(f"{exc.path} in {label} {exc.reason}")
    if exc.code == safefs.UNREADABLE:
        return SourceUnavailableError(L_("{path} in {label} {reason}", path=exc.path, label=label, reason=exc.reason))
    # The report puts the source's label in front of this already.
    return UnsafeFile(f"{exc.label} {exc.reason}; it was not read", reason=exc.code)


class HttpSource(Source):
    """A web server, CDN or mirror. Every answer is classified: transient (no network, a cut,
    5xx, 408, 429: worth retrying) or permanent (PermanentSourceError: asking again cannot
    help, so nobody does)."""

    def __init__(self, base_url: str, session: requests.Session | None = None, timeout: float = 30.0,
                 min_rate: float = 1024.0, grace: float = 60.0,
                 clock: Callable[[], float] = time.monotonic, kind: str = "wan"):
        self.kind = kind
        # A PC nearby is one of several sources: a dropped connection sends the blob to the
        # next source at once instead of waiting out a backoff for it.
        self.retry_transient = kind == "wan"
        self._rtts: list[float] = []
        self._preopened: dict[tuple[str, int, int], Future[RangeResponse]] = {}
        self._preopen_pool: ThreadPoolExecutor | None = None
        self._preopen_session: requests.Session | None = None
        self.preopen_hits = 0  # ranges whose request was already under way when asked for
        self._abandon = threading.Event()  # set by close_preopened: bodies read ahead stop
        # Told of every body block as it comes off the network (sync/depth.py measures the
        # link from arrivals, not from when the sync gets round to reading them).
        self.on_arrival: Callable[[int], None] | None = None
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.label = self.base_url
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", USER_AGENT)
        self.timeout = timeout
        # The read timeout catches a silent server, not one that drips a byte every 29 s:
        # after `grace` seconds a response must have averaged `min_rate` bytes/s.
        self.min_rate = min_rate
        self.grace = grace
        self.clock = clock

    def _url(self, relpath: str) -> str:
        return urljoin(self.base_url, relpath)

    @property
    def rtt(self) -> float | None:
        """The round-trip time as measured from the responses: the shortest wait for the
        headers among the recent requests (a long one was queued behind data, not far)."""
        return min(self._rtts) if self._rtts else None

    def preopen(self, relpath: str, offset: int, length: int, hold: bool = False,
                on_arrived: Callable[[], None] | None = None,
                on_progress: Callable[[int], None] | None = None) -> None:
        """Send the request for the next range now, on a second connection, so its first
        bytes are under way while this one's last bytes arrive (a high round-trip link
        otherwise idles one round trip per blob). open_range with the same arguments takes
        it; bytes are still only read, and so throttled, by whoever reads the body.

        With `hold` (a small body: the caller bounds its size and the total), this
        connection's thread reads the whole body into memory as it arrives and then calls
        `on_arrived`, so the caller can send its next request then instead of when the sync
        gets round to reading it; `on_progress(n)` is told of each block as it arrives. The
        bytes are unverified until the reader checks them,
        exactly as if they came off the socket."""
        key = (relpath, offset, length)
        if key in self._preopened:
            return
        if self._preopen_pool is None or self._preopen_session is None:
            self._preopen_pool = ThreadPoolExecutor(max_workers=MAX_CONNECTIONS, thread_name_prefix="sync-preopen")
            self._preopen_session = requests.Session()
            self._preopen_session.headers.update(self.session.headers)
            self._abandon = threading.Event()
        session = self._preopen_session
        if hold:
            future = self._preopen_pool.submit(self._open_held, relpath, offset, length, session, self._abandon,
                                               on_progress)
        else:
            future = self._preopen_pool.submit(self._open_range, relpath, offset, length, None, session)
        if on_arrived is not None:
            future.add_done_callback(lambda _f: on_arrived())
        self._preopened[key] = future

    def _open_held(self, relpath: str, offset: int, length: int, session: requests.Session,
                   abandon: threading.Event, on_progress: Callable[[int], None] | None) -> RangeResponse:
        resp = self._open_range(relpath, offset, length, None, session)
        blocks: list[bytes] = []
        received = 0
        try:
            for block in resp.chunks:
                if abandon.is_set():
                    break
                # Past the range asked for, the reader would ignore the bytes anyway (an
                # endless body costs this connection no more than `length`).
                blocks.append(block[:length - received])
                received += len(blocks[-1])
                if on_progress is not None:
                    on_progress(len(blocks[-1]))
                if received >= length:
                    break
        finally:
            if callable(resp.close):
                resp.close()
        if abandon.is_set():
            raise SourceUnavailableError(L_("connection lost reading {relpath}: {reason}", relpath=relpath,
                                            reason="the sync stopped"))
        return RangeResponse(offset=resp.offset, chunks=iter(blocks), validator=resp.validator, total=resp.total)

    def close_preopened(self) -> None:
        """Drop the requests asked for ahead that nobody read (the sync ended or was paused):
        never waits for one (a pause must be immediate); each is closed when it answers, and
        a body being read ahead into memory stops at its next block."""
        self._abandon.set()
        for future in self._preopened.values():
            if not future.cancel():
                future.add_done_callback(_close_unused)
        self._preopened.clear()
        if self._preopen_pool is not None:
            self._preopen_pool.shutdown(wait=False)
            self._preopen_pool = None
            self._preopen_session = None

    def _get(self, relpath: str, headers: dict[str, str],
             session: requests.Session | None = None) -> requests.Response:
        """GET with redirects followed by hand: only to http(s), never https → http, at most
        MAX_REDIRECTS. Asks for the body as published (identity); callers refuse any
        Content-Encoding on a body they would read."""
        url = self._url(relpath)
        headers = {**headers, "Accept-Encoding": "identity"}
        for _ in range(MAX_REDIRECTS + 1):
            try:
                resp = (session or self.session).get(url, headers=headers, stream=True, timeout=self.timeout,
                                                     allow_redirects=False)
            except requests.RequestException as exc:
                if not is_transient(exc):
                    raise PermanentSourceError(L_("{relpath}: {url}: {reason}", relpath=relpath, url=_clean(url), reason=plain_reason(exc))) from exc
                raise SourceUnavailableError(L_("cannot reach {source}: {reason}", source=self.label, reason=plain_reason(exc))) from exc
            if resp.status_code not in REDIRECTS:
                self._rtts = [*self._rtts[-7:], resp.elapsed.total_seconds()]
                return resp
            location = resp.headers.get("Location")
            resp.close()
            if not location:
                raise PermanentSourceError(L_("{relpath}: HTTP {status} redirect without a Location", relpath=relpath, status=resp.status_code))
            target = urljoin(url, location)
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ("http", "https"):
                raise PermanentSourceError(L_("{relpath}: redirected to a {scheme}: address, which is refused", relpath=relpath, scheme=scheme or 'relative'))
            if urlsplit(url).scheme == "https" and scheme == "http":
                raise PermanentSourceError(L_("{relpath}: redirected from https to plain http, which is refused", relpath=relpath))
            url = target
        raise PermanentSourceError(L_("{relpath}: more than {max_redirects} redirects", relpath=relpath, max_redirects=MAX_REDIRECTS))

    def read_small(self, relpath: str, max_length: int) -> bytes:
        resp = self._get(relpath, {"Cache-Control": "no-cache"})
        with resp:
            if resp.status_code != 200:
                raise _status_error(relpath, resp)
            _refuse_encoding(relpath, resp)
            declared = _content_length(resp)
            if declared is not None and declared > max_length:
                raise TooLarge(f"{relpath} is {declared} bytes, more than the {max_length} allowed")
            data = bytearray()
            for block in self._blocks(resp, relpath):
                data += block
                if len(data) > max_length:
                    raise TooLarge(f"{relpath} is larger than {max_length} bytes")
            return bytes(data)

    def open_range(self, relpath: str, offset: int, length: int, validator: str | None) -> RangeResponse:
        future = self._preopened.pop((relpath, offset, length), None)
        if future is not None and validator is None:
            self.preopen_hits += 1
            return future.result()
        if future is not None:
            future.add_done_callback(_close_unused)
        return self._open_range(relpath, offset, length, validator)

    def _open_range(self, relpath: str, offset: int, length: int, validator: str | None,
                    session: requests.Session | None = None) -> RangeResponse:
        headers = {}
        end = offset + length - 1
        if offset > 0 or length > 0:
            headers["Range"] = f"bytes={offset}-{end}"
            if validator and offset > 0:
                headers["If-Range"] = validator
        resp = self._get(relpath, headers, session)
        if resp.status_code in (200, 206):
            _refuse_encoding(relpath, resp)
        etag = resp.headers.get("ETag")
        declared = _content_length(resp)
        if resp.status_code == 206:
            expected = f"bytes {offset}-{end}/"
            content_range = resp.headers.get("Content-Range", "")
            if not content_range.startswith(expected):
                resp.close()
                raise PermanentSourceError(
                    L_("{relpath}: wrong Content-Range {range!r} (asked for bytes {offset}-{end})", relpath=relpath, range=content_range[:80], offset=offset, end=end))
            if declared is not None and declared != length:
                resp.close()
                raise PermanentSourceError(L_("{relpath}: {declared} bytes sent for a range of {length}", relpath=relpath, declared=declared, length=length))
            total_text = content_range[len(expected):]
            total = int(total_text) if total_text.isdigit() and len(total_text) < 20 else None
            start = offset
        elif resp.status_code == 200:
            start = 0  # the server ignored Range or If-Range failed: start the blob over
            total = declared
        else:
            error = _status_error(relpath, resp)
            resp.close()
            raise error

        def gen() -> Iterator[bytes]:
            with resp:
                yield from self._blocks(resp, relpath)

        return RangeResponse(offset=start, chunks=gen(), validator=etag, close=resp.close, total=total)


    def _blocks(self, resp: requests.Response, relpath: str) -> Iterator[bytes]:
        """The body as the server sent it (never decoded), block by block as it arrives,
        while it keeps up the minimum average rate."""
        raw = resp.raw
        started = self.clock()
        received = 0
        try:
            while True:
                block = raw.read1(64 * 1024, decode_content=False)
                if not block:
                    return
                received += len(block)
                if self.on_arrival is not None:
                    self.on_arrival(len(block))
                elapsed = self.clock() - started
                if elapsed > self.grace and received < self.min_rate * elapsed:
                    raise SourceUnavailableError(
                        L_("{relpath}: only {received} bytes in {elapsed:.0f} s; a link this slow is tried again later", relpath=relpath, received=received, elapsed=elapsed),
                        resumable=True)
                yield block
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise SourceUnavailableError(L_("connection lost reading {relpath}: {reason}", relpath=relpath, reason=plain_reason(exc))) from exc


MAX_REDIRECTS = 5


def _close_unused(future: Future[RangeResponse]) -> None:
    if future.cancelled() or future.exception() is not None:
        return
    close = future.result().close
    if callable(close):
        close()

REDIRECTS = (301, 302, 303, 307, 308)


def _refuse_encoding(relpath: str, resp: requests.Response) -> None:
    # Decompression is never accepted: a gzip bomb costs the server 1 MB and the PC 1 GB,
    # and the signed lengths and hashes are of the bytes as published.
    encoding = resp.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("identity", ""):
        resp.close()
        raise PermanentSourceError(
            L_("{relpath}: the server encoded the body (Content-Encoding: {encoding}), which is refused", relpath=relpath, encoding=_clean(encoding)))


def _status_error(relpath: str, resp: requests.Response) -> SourceUnavailableError:
    status = resp.status_code
    what = f"{relpath}: HTTP {status} {_clean(resp.reason or '')}".rstrip()
    if status in (403, 404, 410):
        return NotFound(what)  # S3-like servers say 403 for a missing file
    if is_transient_status(status):
        return SourceUnavailableError(what, retry_after=resp.headers.get("Retry-After"))
    return PermanentSourceError(what)


def _clean(text: str) -> str:
    """A server's words (reason phrase, header value) made safe to print: short, and no
    control or bidi characters that could rewrite a technician's terminal."""
    return FORBIDDEN_CHARS_RE.sub("?", text[:60])


def _content_length(resp: requests.Response) -> int | None:
    value = resp.headers.get("Content-Length", "").strip()
    return int(value) if value.isdigit() and len(value) < 20 else None


def source_from(location: str) -> Source:
    if location.startswith(("http://", "https://")):
        return HttpSource(location)
    return FolderSource(Path(location))
