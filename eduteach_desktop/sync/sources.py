"""Where content can come from. Every source is untrusted: what it returns is verified
against signed metadata before anything is kept."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin

import requests

from eduteach_desktop.core.errors import SourceUnavailableError
from eduteach_protocol import safefs

USER_AGENT = "EduTeach/0.1 (+offline classroom)"


class NotFound(SourceUnavailableError):
    code = "not_found"


class TooLarge(SourceUnavailableError):
    """The source has more bytes than the signed metadata allows (endless data, tampering)."""

    code = "too_large"


@dataclass
class RangeResponse:
    """Bytes from `offset` on, and what the source says about the file (for If-Range)."""

    offset: int
    chunks: Iterator[bytes]
    validator: str | None
    close: object = None


class Source:
    """A repository location: an HTTP(S) base URL or a folder (USB stick, satellite drop)."""

    label: str
    # Whether a dropped transfer is worth retrying within the same run (a network blip),
    # or only at the next sync (a file still arriving in a satellite folder).
    retry_transient: bool = True

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
                raise SourceUnavailableError(f"cannot read {relpath} in {self.label}: "
                                             f"{exc.strerror or exc}") from None
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
                    raise SourceUnavailableError(f"cannot read {relpath} in {label}: "
                                                 f"{exc.strerror or exc}") from None

        st = os.fstat(fh.fileno())
        return RangeResponse(offset=offset, chunks=gen(), validator=f"{st.st_size}-{st.st_mtime_ns}")


def _refusal(exc: safefs.UnsafeFileError, label: str) -> SourceUnavailableError:
    """One line for the sync report: which file, in which folder, and why."""
    if exc.code == safefs.MISSING:
        return NotFound(f"{exc.path} not in {label}")
    if exc.code == safefs.TOO_LARGE:
        return TooLarge(f"{exc.path} in {label} {exc.reason}")
    if exc.code == safefs.UNREADABLE:
        return SourceUnavailableError(f"{exc.path} in {label} {exc.reason}")
    return UnsafeFile(f"{exc.label} in {label} {exc.reason}; it was not read", reason=exc.code)


class HttpSource(Source):
    def __init__(self, base_url: str, session: requests.Session | None = None, timeout: float = 30.0):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.label = self.base_url
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", USER_AGENT)
        self.timeout = timeout

    def _url(self, relpath: str) -> str:
        return urljoin(self.base_url, relpath)

    def read_small(self, relpath: str, max_length: int) -> bytes:
        try:
            resp = self.session.get(
                self._url(relpath), timeout=self.timeout, stream=True,
                headers={"Accept-Encoding": "identity", "Cache-Control": "no-cache"},
            )
        except requests.RequestException as exc:
            raise SourceUnavailableError(f"cannot reach {self.label}: {exc}") from exc
        with resp:
            if resp.status_code in (403, 404):
                raise NotFound(f"{relpath}: HTTP {resp.status_code}")
            if resp.status_code != 200:
                raise SourceUnavailableError(
                    f"{relpath}: HTTP {resp.status_code}", retry_after=resp.headers.get("Retry-After")
                )
            data = bytearray()
            try:
                for block in resp.iter_content(64 * 1024):
                    data += block
                    if len(data) > max_length:
                        raise TooLarge(f"{relpath} is larger than {max_length} bytes")
            except requests.RequestException as exc:
                raise SourceUnavailableError(f"connection lost reading {relpath}: {exc}") from exc
            return bytes(data)

    def open_range(self, relpath: str, offset: int, length: int, validator: str | None) -> RangeResponse:
        headers = {"Accept-Encoding": "identity"}
        end = offset + length - 1
        if offset > 0 or length > 0:
            headers["Range"] = f"bytes={offset}-{end}"
            if validator and offset > 0:
                headers["If-Range"] = validator
        try:
            resp = self.session.get(self._url(relpath), headers=headers, stream=True, timeout=self.timeout)
        except requests.RequestException as exc:
            raise SourceUnavailableError(f"cannot reach {self.label}: {exc}") from exc
        if resp.status_code in (403, 404, 410):
            resp.close()
            raise NotFound(f"{relpath}: HTTP {resp.status_code}")
        if resp.headers.get("Content-Encoding", "identity") not in ("identity", ""):
            resp.close()
            raise SourceUnavailableError(f"{relpath}: server encoded the body; cannot resume safely")
        etag = resp.headers.get("ETag")
        if resp.status_code == 206:
            expected = f"bytes {offset}-{end}/"
            content_range = resp.headers.get("Content-Range", "")
            if not content_range.startswith(expected):
                resp.close()
                raise SourceUnavailableError(f"{relpath}: wrong Content-Range {content_range!r}")
            start = offset
        elif resp.status_code == 200:
            start = 0  # the server ignored Range or If-Range failed: start the blob over
        else:
            retry = resp.headers.get("Retry-After")
            resp.close()
            raise SourceUnavailableError(f"{relpath}: HTTP {resp.status_code}", retry_after=retry)

        def gen() -> Iterator[bytes]:
            with resp:
                try:
                    yield from resp.iter_content(64 * 1024)
                except requests.RequestException as exc:
                    raise SourceUnavailableError(f"connection lost: {exc}") from exc

        return RangeResponse(offset=start, chunks=gen(), validator=etag, close=resp.close)


def source_from(location: str) -> Source:
    if location.startswith(("http://", "https://")):
        return HttpSource(location)
    return FolderSource(Path(location))
