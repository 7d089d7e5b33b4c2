"""GET/HEAD /repo/{path}: the static repository, with exact single-range support.

Teacher PCs resume downloads over bad links with Range + If-Range, and accept a 206 only if
Content-Range is exactly what they asked for (docs/sync.md). So this does ranges itself
rather than trust a generic static handler:

- one range per request: "bytes=a-b", "bytes=a-", "bytes=-n" -> 206 with
  "Content-Range: bytes first-last/size"; several ranges, other units or a malformed
  header are ignored (200, the whole file), as RFC 9110 allows;
- a range that starts at or past the end -> 416 with "Content-Range: bytes */size";
- If-Range is honoured only with our strong ETag; anything else (a weak tag, a date, an
  old tag) gets the whole file, so a changed file is never spliced onto an old one;
- strong ETags: the blob's SHA-256 for content-addressed blobs, size-mtime otherwise;
- never compressed ("no-transform" also tells proxies not to); content-addressed files are
  cached forever, the mutable entry points (root.json, timestamp.json) revalidated;
- the file is opened once and its size taken from that open file, then streamed in chunks.
"""

from __future__ import annotations

import mimetypes
import os
import re
import stat
from pathlib import Path
from typing import IO, Any

import anyio
from fastapi import APIRouter, Request
from starlette.responses import Response

from .common import context
from .errors import ApiError, error_response

router = APIRouter()

CHUNK_SIZE = 256 * 1024
CACHE_IMMUTABLE = "public, max-age=31536000, immutable, no-transform"
CACHE_REVALIDATE = "no-cache, no-transform"
_SHA256_RE = re.compile(r"^[0-9a-f]{64}\Z")
_VERSIONED_METADATA_RE = re.compile(r"^[1-9][0-9]*\.[A-Za-z0-9_-]+\.json\Z")
_RANGE_RE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class Unsatisfiable:
    """parse_range's answer for a valid range that lies wholly past the end of the file."""


UNSATISFIABLE = Unsatisfiable()


def parse_range(header: str, size: int) -> tuple[int, int] | Unsatisfiable | None:
    """(first, last) inclusive, UNSATISFIABLE, or None to ignore the header (serve all)."""
    m = _RANGE_RE.match(header)
    if not m:
        return None  # another unit, several ranges, or garbage: ignore
    first_s, last_s = m.groups()
    if not first_s and not last_s:
        return None
    if not first_s:  # suffix: the last n bytes
        n = int(last_s)
        if n == 0 or size == 0:
            return UNSATISFIABLE
        return max(0, size - n), size - 1
    first = int(first_s)
    last = int(last_s) if last_s else size - 1
    if last_s and last < first:
        return None  # invalid range-spec: ignore
    if first >= size:
        return UNSATISFIABLE
    return first, min(last, size - 1)


def split_repo_path(relpath: str) -> list[str] | None:
    """The path's segments, or None if it could leave the repository or name a temp file."""
    parts = relpath.split("/")
    for part in parts:
        if (
            not part
            or part.startswith(".")  # ".", "..", hidden files
            or part.endswith(".tmp")  # a file being written (atomic rename pending)
            or "\\" in part
            or "\x00" in part
        ):
            return None
    return parts


def etag_for(parts: list[str], st: os.stat_result) -> str:
    if parts[0] == "blobs" and _SHA256_RE.match(parts[-1]):
        return f'"{parts[-1]}"'
    return f'"{st.st_size:x}-{st.st_mtime_ns:x}"'


def cache_control_for(parts: list[str]) -> str:
    if parts[0] in ("blobs", "targets"):
        return CACHE_IMMUTABLE
    if parts[0] == "metadata" and len(parts) == 2 and _VERSIONED_METADATA_RE.match(parts[1]):
        return CACHE_IMMUTABLE
    return CACHE_REVALIDATE


def content_type_for(parts: list[str]) -> str:
    if parts[0] == "blobs":
        return "application/octet-stream"
    if parts[-1].endswith(".json"):
        return "application/json"
    return mimetypes.guess_type(parts[-1])[0] or "application/octet-stream"


def _etag_listed(header: str, etag: str) -> bool:
    """If-None-Match uses weak comparison: W/"x" matches "x"."""
    tags = [t.strip() for t in header.split(",")]
    return "*" in tags or any((t[2:] if t.startswith("W/") else t) == etag for t in tags)


def _open_in_repo(repo_dir: Path, parts: list[str]) -> tuple[IO[bytes], os.stat_result] | None:
    root = os.path.realpath(repo_dir)
    real = os.path.realpath(os.path.join(root, *parts))
    if not real.startswith(root + os.sep):
        return None  # a symlink pointing out of the repository
    try:
        fh = open(real, "rb")  # noqa: SIM115 - closed by FileSliceResponse
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
        return None
    st = os.fstat(fh.fileno())
    if not stat.S_ISREG(st.st_mode):
        fh.close()
        return None
    return fh, st


@router.api_route("/repo/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def repo_file(request: Request, path: str) -> Response:
    parts = split_repo_path(path)
    if parts is None:
        raise ApiError(404, "not_found", "no such file in the repository")
    opened = await anyio.to_thread.run_sync(_open_in_repo, context(request).home.repo_dir, parts)
    if opened is None:
        raise ApiError(404, "not_found", "no such file in the repository")
    fh, st = opened
    try:
        return _respond(request, parts, fh, st)
    except BaseException:
        fh.close()
        raise


def _respond(request: Request, parts: list[str], fh: IO[bytes], st: os.stat_result) -> Response:
    size = st.st_size
    etag = etag_for(parts, st)
    headers = {
        "ETag": etag,
        "Accept-Ranges": "bytes",
        "Cache-Control": cache_control_for(parts),
        "Content-Type": content_type_for(parts),
    }
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None and _etag_listed(if_none_match, etag):
        fh.close()
        headers.pop("Content-Type")
        return Response(status_code=304, headers=headers)

    status, first, length = 200, 0, size
    range_header = request.headers.get("range")
    # RFC 9110 defines ranges for GET only; HEAD describes the whole file.
    if range_header is not None and request.method == "GET":
        if_range = request.headers.get("if-range")
        if if_range is None or if_range.strip() == etag:
            wanted = parse_range(range_header, size)
            if isinstance(wanted, Unsatisfiable):
                fh.close()
                return error_response(
                    416,
                    "range_not_satisfiable",
                    f"the file has {size} bytes",
                    {"Content-Range": f"bytes */{size}", "ETag": etag, "Accept-Ranges": "bytes"},
                )
            if wanted is not None:
                first, last = wanted
                status, length = 206, last - first + 1
                headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    headers["Content-Length"] = str(length)
    return FileSliceResponse(fh, first, length, status, headers, send_body=request.method == "GET")


class FileSliceResponse(Response):
    """Streams `length` bytes of an open file from `first`, then closes it.

    If the file turns out shorter than promised, the stream is aborted (the client sees a
    short body against Content-Length, never padding or bytes from elsewhere). Stops early
    when the client disconnects.
    """

    def __init__(
        self,
        fh: IO[bytes],
        first: int,
        length: int,
        status_code: int,
        headers: dict[str, str],
        send_body: bool = True,
    ):
        self.fh = fh
        self.first = first
        self.length = length
        self.send_body = send_body
        self.status_code = status_code
        self.background = None
        self.init_headers(headers)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": self.status_code,
                    "headers": self.raw_headers,
                }
            )
            if not self.send_body or self.length == 0:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            async with anyio.create_task_group() as tg:

                async def watch_disconnect() -> None:
                    while (await receive())["type"] != "http.disconnect":
                        pass
                    tg.cancel_scope.cancel()

                tg.start_soon(watch_disconnect)
                await self._stream(send)
                tg.cancel_scope.cancel()
        finally:
            self.fh.close()

    async def _stream(self, send: Any) -> None:
        await anyio.to_thread.run_sync(self.fh.seek, self.first)
        remaining = self.length
        while remaining > 0:
            chunk = await anyio.to_thread.run_sync(self.fh.read, min(CHUNK_SIZE, remaining))
            if not chunk:
                raise RuntimeError(f"{self.fh.name} shrank while being sent")
            remaining -= len(chunk)
            await send({"type": "http.response.body", "body": chunk, "more_body": remaining > 0})
