"""Record files: statements carried by USB stick, signed with the PC's own Ed25519 key.

A `.etrec` file is gzip'd UTF-8 JSON:

    {"format": "eduteach-records", "format_version": 1, "device_id": ..., "school_code": ...,
     "created": ISO 8601, "statements": [...], "signature": base64(Ed25519 signature)}

The signature covers the canonical JSON (sorted keys, separators "," and ":",
ensure_ascii=False, UTF-8) of the object without its "signature" key. The hub verifies
it with the public key the PC registered at enrollment.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = "eduteach-records"
FORMAT_VERSION = 1
EXTENSION = ".etrec"
MAX_INFLATED = 256 * 1024 * 1024


class RecordFileError(ValueError):
    pass


@dataclass(frozen=True)
class RecordFile:
    device_id: str
    school_code: str
    created: str
    statements: list[dict[str, Any]]


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def write(key: Ed25519PrivateKey, device_id: str, school_code: str, created: str,
          statements: Sequence[dict[str, Any]]) -> bytes:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "device_id": device_id,
        "school_code": school_code,
        "created": created,
        "statements": list(statements),
    }
    doc["signature"] = base64.b64encode(key.sign(canonical(doc))).decode()
    return gzip.compress(canonical(doc), mtime=0)


def read_unverified(data: bytes) -> tuple[dict[str, Any], bytes]:
    """Parse a file; returns (document without signature, signature). Verify before use."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            raw = fh.read(MAX_INFLATED + 1)
    except (OSError, EOFError) as exc:
        raise RecordFileError(f"not a record file (gzip): {exc}") from exc
    if len(raw) > MAX_INFLATED:
        raise RecordFileError("record file too large")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordFileError(f"record file is not JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("format_version") != FORMAT_VERSION:
        raise RecordFileError("not an EduTeach record file (v1)")
    sig = doc.pop("signature", None)
    if not isinstance(sig, str):
        raise RecordFileError("record file is not signed")
    for key in ("device_id", "school_code", "created"):
        if not isinstance(doc.get(key), str):
            raise RecordFileError(f"record file lacks {key}")
    if not isinstance(doc.get("statements"), list):
        raise RecordFileError("record file lacks statements")
    try:
        signature = base64.b64decode(sig, validate=True)
    except ValueError as exc:
        raise RecordFileError("signature is not base64") from exc
    return doc, signature


def verify(doc: dict[str, Any], signature: bytes, public_key_raw: bytes) -> RecordFile:
    try:
        Ed25519PublicKey.from_public_bytes(public_key_raw).verify(signature, canonical(doc))
    except (InvalidSignature, ValueError) as exc:
        raise RecordFileError("the signature does not match this device's key") from exc
    return RecordFile(doc["device_id"], doc["school_code"], doc["created"], doc["statements"])
