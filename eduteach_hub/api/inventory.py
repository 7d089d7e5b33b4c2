"""POST /api/v1/inventory: a device reports what content it holds (dashboard: content status).

Body (JSON): {"catalog_version": int, "lessons_installed": int, "lessons_subscribed": int,
"bytes": int, "last_sync": ISO 8601 date-time or null}. The latest report per device wins.
"""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from eduteach_hub.db import devices as devices_db
from eduteach_hub.db import upsert
from eduteach_hub.db.schema import inventories
from eduteach_hub.db.times import iso_ms, normalize_iso

from .auth import authenticate
from .common import context, parse_json, read_body
from .errors import ApiError
from .openapi import INVENTORY

router = APIRouter()
MAX_BODY = 4096
_COUNTS = ("catalog_version", "lessons_installed", "lessons_subscribed", "bytes")


def parse_inventory(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ApiError(400, "bad_request", "the body must be a JSON object")
    unknown = sorted(set(raw) - set(_COUNTS) - {"last_sync"})
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
    return out


@router.post("/api/v1/inventory", openapi_extra=INVENTORY)
async def report_inventory(request: Request) -> JSONResponse:
    ctx = context(request)
    principal = await anyio.to_thread.run_sync(
        lambda: authenticate(ctx, request.headers.get("authorization"), admins=False)
    )
    assert principal.device is not None
    device = principal.device
    values = parse_inventory(parse_json(await read_body(request, MAX_BODY)))
    now = iso_ms(ctx.clock())

    def store() -> None:
        with ctx.db.write() as conn:
            upsert.replace(
                conn,
                inventories,
                ("device_id",),
                [{"device_id": device.id, "school_code": device.school_code, "reported_at": now, **values}],
            )

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

    def read() -> int:
        with ctx.db.read() as conn:
            return devices_db.high_water(conn, device.id)

    high = await anyio.to_thread.run_sync(read)
    return JSONResponse(
        {"device_id": device.id, "school_code": device.school_code, "high_water_seq": high,
         "hub_time": iso_ms(ctx.clock())},
        headers={"Cache-Control": "no-store"},
    )
