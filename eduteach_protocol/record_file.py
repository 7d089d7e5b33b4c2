"""Signed record files: how a teaching point with no link hands its records over on USB.

A `.etrec` file is gzip-compressed UTF-8 JSON:

    {"format": "eduteach-records", "format_version": 1,
     "device_id": "dev-…", "school_code": "4201000001", "created": "2026-03-02T08:00:00Z",
     "statements": [ … xAPI statements … ],
     "enrollment": { … }   (only until the hub has bound a PC enrolled from a file)
     "signature": "<base64 Ed25519 signature>"}

The signature is the device's Ed25519 signature (the key whose public half the hub
registered at enrollment) over the canonical JSON of the object without "signature":
keys sorted, separators (",", ":"), ensure_ascii=False, UTF-8.

This module uses only the standard library and cryptography and imports nothing from the
hub or the app, so both sides can share it (it lives in eduteach_protocol for that reason).
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .cli_i18n import L_, N_, Text

FORMAT = "eduteach-records"
FORMAT_VERSION = 1
SUFFIX = ".etrec"
MAX_INFLATED_BYTES = 256 * 1024 * 1024
_REQUIRED = ("format", "format_version", "device_id", "school_code", "created", "statements", "signature")


class RecordsFileError(ValueError):
    """The file is not a valid, intact record file. `code` is stable, the message for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def canonical_bytes(doc: Mapping[str, Any]) -> bytes:
    """What is signed: the document without "signature", as canonical JSON in UTF-8."""
    unsigned = {k: v for k, v in doc.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def build(
    private_key: Ed25519PrivateKey,
    device_id: str,
    school_code: str,
    created: str,
    statements: Sequence[Mapping[str, Any]],
    enrollment: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The signed document (write it with encode()). `enrollment`: the claim of a PC enrolled
    from an enrollment file that the hub has not bound yet (eduteach_protocol.enroll_file)."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "device_id": device_id,
        "school_code": school_code,
        "created": created,
        "statements": [dict(s) for s in statements],
    }
    if enrollment is not None:
        doc["enrollment"] = dict(enrollment)
    doc["signature"] = base64.b64encode(private_key.sign(canonical_bytes(doc))).decode("ascii")
    return doc


def encode(doc: Mapping[str, Any]) -> bytes:
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return gzip.compress(body, compresslevel=9, mtime=0)


def _gunzip(data: bytes, limit: int) -> bytes:
    decomp = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = decomp.decompress(data, limit + 1)
    except zlib.error as exc:
        raise RecordsFileError("not_gzip", Text.aside(f"not a gzip-compressed record file ({exc})", N_("not a gzip-compressed record file"))) from None
    if len(out) > limit:
        raise RecordsFileError("too_large", L_("the record file inflates to more than {limit} bytes", limit=limit))
    if not decomp.eof:
        raise RecordsFileError("truncated", L_("the record file is truncated"))
    return out


def decode(data: bytes, limit: int = MAX_INFLATED_BYTES) -> dict[str, Any]:
    """Parse a record file (gzip'd JSON); checks its shape, not its signature."""
    raw = _gunzip(data, limit)
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise RecordsFileError("bad_json", Text.aside(f"the record file is not UTF-8 JSON ({exc})", N_("the record file is not UTF-8 JSON"))) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RecordsFileError("bad_format", L_("not an EduTeach record file"))
    if doc.get("format_version") != FORMAT_VERSION:
        raise RecordsFileError(
            "bad_version", L_("record file version {get_format_version!r} is not supported", get_format_version=doc.get('format_version'))
        )
    missing = [k for k in _REQUIRED if k not in doc]
    if missing:
        raise RecordsFileError("bad_format", L_("the record file lacks {fields}", fields=", ".join(missing)))
    for key in ("device_id", "school_code", "created", "signature"):
        if not isinstance(doc[key], str):
            raise RecordsFileError("bad_format", L_("{key} must be text", key=key))
    if not isinstance(doc["statements"], list):
        raise RecordsFileError("bad_format", L_("statements must be a list"))
    return doc


def verify(doc: Mapping[str, Any], public_key_b64: str) -> None:
    """Raise RecordsFileError("bad_signature") unless the device's key signed this document."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64, validate=True))
        signature = base64.b64decode(str(doc.get("signature", "")), validate=True)
        key.verify(signature, canonical_bytes(doc))
    except (InvalidSignature, ValueError, binascii.Error):
        raise RecordsFileError(
            "bad_signature", L_("the signature does not match: the file was changed or not made by this device")
        ) from None
