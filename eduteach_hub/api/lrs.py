"""The statement-storing core of the hub's xAPI LRS, free of HTTP.

A batch is accepted whole or not at all:
- every statement must be valid xAPI and carry the EduTeach profile's school code
  (eduteach_protocol.xapi, the check the app also runs before saving a record), which must
  be the device's school (403 otherwise); valid xAPI holds no null value outside
  extensions; a 400 for a bad statement also gives the bad value's "path";
- ids are normalized (lowercase canonical UUID); missing ones are assigned; one id twice in
  a batch is a 400 (xAPI Communication 2.1.2);
- a statement whose id is already stored is fine if its content is the same (a client's
  retry: nothing changes), a 409 otherwise. "Content" is the statement as sent minus stored,
  authority and version (which the LRS sets), hashed over canonical JSON;
- attachments: every attachment without a fileUrl needs a part whose SHA-2 matches.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from eduteach_hub.db import Database, ratelimit
from eduteach_hub.db import devices as devices_db
from eduteach_hub.db import statements as statements_db
from eduteach_hub.db.devices import Device
from eduteach_hub.db.facts import VERB_VOIDED, index_rows
from eduteach_hub.db.times import iso_ms, normalize_iso
from eduteach_protocol import xapi
from eduteach_protocol.records import (
    EXT_DEVICE_SEQ,
    XAPI_VERSION,
    device_agent,
    school_of,
)

from . import fastjson
from .errors import ApiError

MAX_BODY_BYTES = 10 * 1024 * 1024  # as received (compressed or not)
MAX_DECODED_BYTES = 50 * 1024 * 1024  # after gunzip
MAX_BATCH = 2000  # statements in one request
LRS_SET = ("stored", "authority")


def canonical_json(value: Any) -> str:
    return fastjson.canonical_bytes(value).decode("utf-8")


def gunzip_limited(data: bytes, limit: int = MAX_DECODED_BYTES) -> bytes:
    """Decompress gzip (one or more members) but never hold more than `limit` bytes of output:
    a gzip bomb is refused with 413 after at most limit+1 bytes of work."""
    out = bytearray()
    pending = data
    decomp = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        while True:
            chunk = decomp.decompress(pending, limit + 1 - len(out))
            out += chunk
            if len(out) > limit:
                raise ApiError(
                    413, "too_large", f"the decompressed body is larger than {limit} bytes"
                )
            if decomp.eof:
                pending = decomp.unused_data
                if not pending:
                    return bytes(out)
                decomp = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
                continue
            pending = decomp.unconsumed_tail
            if not pending and not chunk:
                raise ApiError(400, "bad_encoding", "the gzip body is truncated")
    except zlib.error as exc:
        raise ApiError(400, "bad_encoding", f"the body is not valid gzip ({exc})") from None


def decode_body(data: bytes, content_encoding: str | None) -> bytes:
    encoding = (content_encoding or "identity").strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding in ("gzip", "x-gzip"):
        return gunzip_limited(data)
    raise ApiError(
        415, "unsupported_encoding", f"Content-Encoding {encoding!r} is not supported; use gzip"
    )


@dataclass(frozen=True)
class Prepared:
    index: int  # position in the request
    id: str
    content_sha256: str
    new: statements_db.NewStatement


def _bad(
    index: int, message: str, status: int = 400, code: str = "invalid_statement", **extra: Any
) -> ApiError:
    return ApiError(status, code, f"statement {index}: {message}", index=index, **extra)


_NOT_CONTENT = frozenset({*LRS_SET, "version"})
# str(uuid.UUID(x)) == x exactly for these: skip the round trip (ids are normalized to this).
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").fullmatch


def _normal_uuid(value: str) -> str:
    return value if _CANONICAL_UUID(value) else str(uuid.UUID(value))


def prepare_batch(
    items: list[Any],
    device: Device,
    now: datetime,
    attachment_hashes: frozenset[str] = frozenset(),
) -> tuple[list[str], list[Prepared]]:
    """Check and complete a batch. Returns (ids in request order, statements to store).

    Raises ApiError (400 invalid, 403 another school's) naming the first bad statement.
    """
    if len(items) > MAX_BATCH:
        raise ApiError(413, "too_large", f"at most {MAX_BATCH} statements in one request")
    stored = iso_ms(now)
    authority = device_agent(device.id)
    authority_json = canonical_json(authority)
    ids: list[str] = []
    out: list[Prepared] = []
    seen: set[str] = set()
    # A batch repeats timestamps (a session's attendance) and versions: convert each once.
    times: dict[str, str] = {}
    versions: dict[str, str] = {}
    for index, stmt in enumerate(items):
        try:
            xapi.validate(stmt)
        except xapi.PathError as exc:
            raise _bad(index, str(exc), path=exc.path) from None
        if school_of(stmt) != device.school_code:
            raise _bad(
                index,
                f"school {school_of(stmt)} is not this device's school ({device.school_code})",
                403,
                "wrong_school",
            )
        for att in stmt.get("attachments") or ():
            if "fileUrl" not in att and att["sha2"].lower() not in attachment_hashes:
                raise _bad(index, f"attachment {att['sha2']} has neither a fileUrl nor a part")
        sid = _normal_uuid(stmt["id"]) if stmt.get("id") is not None else str(uuid.uuid4())
        if sid in seen:
            raise _bad(index, f"id {sid} appears twice in this batch", code="duplicate_id")
        seen.add(sid)
        ids.append(sid)
        content = {k: v for k, v in stmt.items() if k not in _NOT_CONTENT}
        content["id"] = sid
        canonical = fastjson.canonical_bytes(content)
        sha = hashlib.sha256(canonical).hexdigest()
        if "timestamp" in content:
            sent = content["timestamp"]
            timestamp = times.get(sent)
            if timestamp is None:
                try:
                    timestamp = times[sent] = normalize_iso(sent)
                except ValueError:
                    raise _bad(index, "timestamp is not a valid date-time", path="timestamp") from None
        else:
            timestamp = stored
        version = stmt.get("version") or XAPI_VERSION
        version_json = versions.get(version)
        if version_json is None:
            version_json = versions[version] = json.dumps(version)
        # The stored body is the canonical content plus what the LRS sets, spliced on (one
        # serialization per statement: this is the ingest hot path).
        tail = f',"stored":"{stored}","authority":{authority_json},"version":{version_json}'
        if "timestamp" not in content:
            tail += f',"timestamp":"{stored}"'  # xAPI: the LRS fills in a missing timestamp
        body_text = canonical[:-1].decode("utf-8") + tail + "}"
        body = content
        body.setdefault("timestamp", stored)
        body["stored"] = stored
        body["authority"] = authority
        body["version"] = version
        obj = content["object"]
        otype = obj.get("objectType", "Activity")
        registration = (content.get("context") or {}).get("registration")
        agents, activities = index_rows(sid, body, stored)
        out.append(
            Prepared(
                index=index,
                id=sid,
                content_sha256=sha,
                new=statements_db.NewStatement(
                    row={
                        "id": sid,
                        "school_code": device.school_code,
                        "device_id": device.id,
                        "stored": stored,
                        "timestamp": timestamp,
                        "verb_id": content["verb"]["id"],
                        "activity_id": obj["id"] if otype == "Activity" else None,
                        "registration": _normal_uuid(registration) if registration else None,
                        "voided": False,
                        "content_sha256": sha,
                        "body": body_text,
                        "statement_ref": _normal_uuid(obj["id"]) if otype == "StatementRef" else None,
                    },
                    statement=body,
                    agents=agents,
                    activities=activities,
                ),
            )
        )
    return ids, out


@dataclass(frozen=True)
class StoreResult:
    new: int
    repeated: int


def store_batch(
    db: Database,
    device: Device,
    prepared: list[Prepared],
    now: datetime,
    parts: Mapping[str, tuple[str, bytes]] | None = None,
    touch: bool = True,
    rate_key: str | None = None,
) -> StoreResult:
    """Store what is new, in one transaction; 409 (nothing stored) on a conflicting repeat."""
    for attempt in (1, 2):
        try:
            return _store_once(db, device, prepared, now, parts or {}, touch, rate_key)
        except IntegrityError:
            # Only possible when another request inserted one of these ids between our check
            # and our insert (PostgreSQL; SQLite serializes writers). Check again: it is now
            # either an identical repeat or a conflict.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _store_once(
    db: Database,
    device: Device,
    prepared: list[Prepared],
    moment: datetime,
    parts: Mapping[str, tuple[str, bytes]],
    touch: bool,
    rate_key: str | None,
) -> StoreResult:
    now = iso_ms(moment)
    with db.write() as conn:
        if rate_key is not None:
            ratelimit.count(conn, rate_key, moment)
        found = statements_db.existing(conn, (p.id for p in prepared))
        new: list[Prepared] = []
        for p in prepared:
            old = found.get(p.id)
            if old is None:
                new.append(p)
            elif old.content_sha256 != p.content_sha256 or old.school_code != device.school_code:
                raise ApiError(
                    409,
                    "conflict",
                    f"statement {p.index}: id {p.id} is already stored with different content",
                    index=p.index,
                )
        statements_db.insert_many(conn, [p.new for p in new])
        if parts and new:
            wanted = {
                a["sha2"].lower()
                for p in new
                for a in p.new.statement.get("attachments") or ()
                if a["sha2"].lower() in parts
            }
            statements_db.store_attachments(
                conn, ((h, parts[h][0], parts[h][1]) for h in wanted)
            )
        if touch:
            devices_db.touch(conn, device.id, now)
        devices_db.raise_high_water(conn, device.id, _max_seq(p.new.statement for p in new))
    return StoreResult(len(new), len(prepared) - len(new))


def _max_seq(stmts: Any) -> int:
    best = 0
    for st in stmts:
        ctx = st.get("context")
        ext = ctx.get("extensions") if isinstance(ctx, dict) else None
        seq = ext.get(EXT_DEVICE_SEQ) if isinstance(ext, dict) else None
        if isinstance(seq, int) and not isinstance(seq, bool) and seq > best:
            best = seq
    return best


def receive(
    db: Database,
    device: Device,
    payload: Any,
    clock: Callable[[], datetime],
    parts: Mapping[str, tuple[str, bytes]] | None = None,
    rate_key: str | None = None,
) -> list[str]:
    """A decoded POST body (one statement or a list) -> stored ids, in request order."""
    if not isinstance(payload, (list, dict)):
        raise ApiError(
            400, "invalid_statement", "the body must be a statement or a list of statements"
        )
    items = payload if isinstance(payload, list) else [payload]
    now = clock()
    ids, prepared = prepare_batch(items, device, now, frozenset(parts or ()))
    store_batch(db, device, prepared, now, parts, rate_key=rate_key)
    return ids


__all__ = ["VERB_VOIDED", "receive", "prepare_batch", "store_batch", "canonical_json"]
