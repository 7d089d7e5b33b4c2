"""POST /api/v1/inventory: a device reports what content it holds (dashboard: content status).

Body (JSON): {"catalog_version": int, "lessons_installed": int, "lessons_subscribed": int,
"bytes": int, "last_sync": ISO 8601 date-time or null, "books": optional list of
{"grade", "subject", "edition", "lessons", "installed"}}: the books of the active catalog
the PC subscribes to, with lessons in each and lessons complete on the PC. The latest
report per device wins. Optional app fields (docs/updates.md): "app_version",
"app_platform", "update_state", "update_version", "last_update_error".

GET /api/v1/devices/me also carries the PC's configuration from the county: the
textbook editions set for its school ("editions", eduteach_protocol.editions), and its
school's app release channel ("channel": "stable" or "pilot").
"""

from __future__ import annotations

import json
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from eduteach_hub.apps import status as app_status
from eduteach_hub.db import devices as devices_db
from eduteach_hub.db import editions, schools, upsert
from eduteach_hub.db.schema import inventories
from eduteach_hub.db.times import iso_ms, normalize_iso
from eduteach_protocol.app_release import STATUS_FIELDS

from .auth import authenticate
from .common import context, parse_json, read_body
from .errors import ApiError
from .openapi import INVENTORY

router = APIRouter()
MAX_BODY = 64 * 1024
MAX_BOOKS = 500
_COUNTS = ("catalog_version", "lessons_installed", "lessons_subscribed", "bytes")


def _books(raw: Any) -> str | None:
    """The books list as stored (canonical JSON), or None when the app did not send it."""
    from eduteach_protocol.subjects import GRADES, SUBJECTS

    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) > MAX_BOOKS:
        raise ApiError(400, "bad_request", f"books: a list of at most {MAX_BOOKS} books")
    out = []
    for book in raw:
        ok = (
            isinstance(book, dict)
            and set(book) == {"grade", "subject", "edition", "lessons", "installed"}
            and book["grade"] in GRADES and not isinstance(book["grade"], bool)
            and book["subject"] in SUBJECTS
            and isinstance(book["edition"], str) and 0 < len(book["edition"]) <= 80
            and all(isinstance(book[k], int) and not isinstance(book[k], bool) and 0 <= book[k] <= 10**6
                    for k in ("lessons", "installed"))
        )
        if not ok:
            raise ApiError(400, "bad_request", "books: each is {grade, subject, edition, lessons, installed}")
        out.append({k: book[k] for k in ("grade", "subject", "edition", "lessons", "installed")})
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def parse_inventory(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ApiError(400, "bad_request", "the body must be a JSON object")
    unknown = sorted(set(raw) - set(_COUNTS) - {"last_sync", "books"} - set(STATUS_FIELDS))
    if unknown:
        raise ApiError(400, "bad_request", f"{unknown[0]}: unknown field")
    out: dict[str, Any] = {}
    for key in _COUNTS:
        value = raw.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**53:
            raise ApiError(400, "bad_request", f"{key}: required, a whole number ≥ 0")
        out[key] = value
    if out["lessons_installed"] > 10**6 or out["lessons_subscribed"] > 10**6 or out["catalog_version"] > 2**31 - 1:
        raise ApiError(400, "bad_request", "counts out of range")
    last = raw.get("last_sync")
    if last is not None:
        try:
            last = normalize_iso(last) if isinstance(last, str) else None
        except ValueError:
            last = None
        if last is None:
            raise ApiError(400, "bad_request", "last_sync: an ISO 8601 date-time with a time zone, or null")
    out["last_sync"] = last
    out["books"] = _books(raw.get("books"))
    return out


def parse_app_status(raw: Any) -> app_status.AppStatus | None:
    try:
        return app_status.parse(raw)
    except app_status.AppStatusError as exc:
        raise ApiError(400, "bad_request", str(exc)) from None


@router.post("/api/v1/inventory", openapi_extra=INVENTORY)
async def report_inventory(request: Request) -> JSONResponse:
    ctx = context(request)
    principal = await anyio.to_thread.run_sync(
        lambda: authenticate(ctx, request.headers.get("authorization"), admins=False)
    )
    assert principal.device is not None
    device = principal.device
    body = parse_json(await read_body(request, MAX_BODY))
    values = parse_inventory(body)
    app = parse_app_status(body)
    now = iso_ms(ctx.clock())

    def store() -> None:
        with ctx.db.write() as conn:
            upsert.replace(
                conn,
                inventories,
                ("device_id",),
                [{"device_id": device.id, "school_code": device.school_code, "reported_at": now, **values}],
            )
            if app is not None:
                app_status.store(conn, device.id, device.school_code, app, now)

    await anyio.to_thread.run_sync(store)
    return JSONResponse({"status": "ok", "hub_time": now}, headers={"Cache-Control": "no-store"})


@router.get("/api/v1/devices/me")
async def device_state(request: Request) -> JSONResponse:
    """What the hub holds from the calling device: its high-water mark (the largest
    device-seq stored). The app re-sends acknowledged records above it, which is how it
    notices a hub restored from an older backup."""
    ctx = context(request)
    principal = await anyio.to_thread.run_sync(
        lambda: authenticate(ctx, request.headers.get("authorization"), admins=False)
    )
    assert principal.device is not None
    device = principal.device

    def read() -> tuple[int, list[dict[str, Any]], str]:
        with ctx.db.read() as conn:
            rules = editions.rules_for(conn, device.school_code)
            channel = schools.channel_of(conn, device.school_code)
            return devices_db.high_water(conn, device.id), [r.to_wire() for r in rules], channel

    high, school_editions, channel = await anyio.to_thread.run_sync(read)
    return JSONResponse(
        {"device_id": device.id, "school_code": device.school_code, "high_water_seq": high,
         "editions": school_editions, "channel": channel, "hub_time": iso_ms(ctx.clock())},
        headers={"Cache-Control": "no-store"},
    )
