"""multipart/mixed for xAPI attachments (xAPI Communication 1.5.2), both directions.

parse(): the first part holds the statements (application/json); every other part is the
raw data of one attachment, with X-Experience-API-Hash (its SHA-2, hex) and
Content-Transfer-Encoding: binary. The data's digest must equal the declared hash.
build(): the same shape for GET Statements with attachments=true.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping

from .errors import ApiError

_DIGESTS = {56: hashlib.sha224, 64: hashlib.sha256, 96: hashlib.sha384, 128: hashlib.sha512}
_BOUNDARY_RE = re.compile(r'boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))', re.IGNORECASE)


def _bad(message: str) -> ApiError:
    return ApiError(400, "bad_multipart", message)


def _headers(block: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in block.split(b"\r\n"):
        if not line.strip():
            continue
        name, sep, value = line.partition(b":")
        if not sep:
            raise _bad("a part header line has no ':'")
        try:
            out[name.decode("ascii").strip().lower()] = value.decode("utf-8").strip()
        except UnicodeDecodeError:
            raise _bad("part headers must be ASCII/UTF-8") from None
    return out


def parse(content_type: str, body: bytes) -> tuple[bytes, dict[str, tuple[str, bytes]]]:
    """(statements JSON bytes, {sha2: (content type, data)})."""
    m = _BOUNDARY_RE.search(content_type)
    if not m:
        raise _bad("multipart/mixed needs a boundary parameter")
    boundary = (m.group(1) or m.group(2)).encode("utf-8")
    delim = b"--" + boundary
    # Everything before the first delimiter is preamble; after the closing one, epilogue.
    start = body.find(delim)
    if start < 0:
        raise _bad("the body has no multipart boundary")
    end = body.find(b"\r\n" + delim + b"--", start)
    if end < 0:
        raise _bad("the multipart body is not closed (missing final boundary)")
    chunks = body[start + len(delim) : end].split(b"\r\n" + delim)
    parts: list[tuple[dict[str, str], bytes]] = []
    for chunk in chunks:
        if not chunk.startswith(b"\r\n"):
            raise _bad("a boundary must be followed by CRLF")
        head, sep, data = chunk[2:].partition(b"\r\n\r\n")
        if not sep:
            if chunk[2:].startswith(b"\r\n"):  # no headers at all
                head, data = b"", chunk[4:]
            else:
                raise _bad("a part has no blank line after its headers")
        parts.append((_headers(head), data))
    if not parts:
        raise _bad("the multipart body has no parts")
    first_headers, first = parts[0]
    if first_headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise _bad("the first part must be the statements, Content-Type application/json")
    attachments: dict[str, tuple[str, bytes]] = {}
    for i, (headers, data) in enumerate(parts[1:], start=1):
        declared = headers.get("x-experience-api-hash", "").lower()
        if not declared:
            raise _bad(f"part {i} has no X-Experience-API-Hash header")
        if headers.get("content-transfer-encoding", "binary").lower() != "binary":
            raise _bad(f"part {i}: Content-Transfer-Encoding must be binary")
        digest = _DIGESTS.get(len(declared))
        if digest is None or digest(data).hexdigest() != declared:
            raise _bad(f"part {i}: the data does not match its X-Experience-API-Hash")
        attachments[declared] = (headers.get("content-type", "application/octet-stream"), data)
    return first, attachments


def build(statements_json: bytes, attachments: Mapping[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """(body, Content-Type) of a multipart/mixed response."""
    boundary = "eduteach-" + secrets.token_hex(16)
    b = boundary.encode()
    out = [b"--" + b + b"\r\nContent-Type: application/json\r\n\r\n" + statements_json]
    for sha2, (ctype, data) in attachments.items():
        out.append(
            b"\r\n--" + b + b"\r\n"
            + f"Content-Type: {ctype}\r\nContent-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {sha2}\r\n\r\n".encode()
            + data
        )
    out.append(b"\r\n--" + b + b"--\r\n")
    return b"".join(out), f'multipart/mixed; boundary="{boundary}"'
