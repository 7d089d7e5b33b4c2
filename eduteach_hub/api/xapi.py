"""The xAPI resources the hub offers so far: /xapi/about and /xapi/statements.

Devices authenticate with HTTP Basic (device_id:secret, from enrollment) and see only their
own school's statements. Every response under /xapi carries X-Experience-API-Version
(errors.XapiVersionHeader).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from typing import Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from eduteach_hub.db import devices as devices_db
from eduteach_hub.db import statements as statements_db
from eduteach_hub.db.devices import Device
from eduteach_hub.db.times import iso_ms, parse_iso

from . import lrs
from .common import HubContext, context, parse_json, read_body
from .errors import XAPI_VERSION_HEADER, ApiError

router = APIRouter()

SUPPORTED_VERSIONS = ["2.0.0", "1.0.3"]
_VERSION_RE = re.compile(r"^(1\.0|2\.0)(\.\d+)?$")
GET_PARAMS = frozenset({"statementId", "since", "until", "limit", "ascending", "cursor"})
DEFAULT_LIMIT = 100
MAX_LIMIT = 500
REALM_HEADERS = {"WWW-Authenticate": 'Basic realm="EduTeach"'}


def check_params(request: Request, allowed: frozenset[str]) -> dict[str, str]:
    """The query parameters as a dict; 400 for unknown or repeated ones."""
    items = request.query_params.multi_items()
    out: dict[str, str] = {}
    for key, value in items:
        if key not in allowed:
            raise ApiError(400, "bad_parameter", f"unknown query parameter {key!r}")
        if key in out:
            raise ApiError(400, "bad_parameter", f"query parameter {key!r} given twice")
        out[key] = value
    return out


def check_version(request: Request) -> None:
    version = request.headers.get(XAPI_VERSION_HEADER)
    if version is None or not _VERSION_RE.match(version.strip()):
        raise ApiError(
            400,
            "bad_version",
            f"send the header {XAPI_VERSION_HEADER} with a supported version ({', '.join(SUPPORTED_VERSIONS)})",
        )


def parse_basic(header: str | None) -> tuple[str, str] | None:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep and user else None


def authenticate(ctx: HubContext, header: str | None) -> Device:
    creds = parse_basic(header)
    if creds is None:
        raise ApiError(
            401, "unauthorized", "device credentials required (HTTP Basic)", REALM_HEADERS
        )
    with ctx.db.read() as conn:
        device = devices_db.authenticate(conn, *creds)
    if device is None:
        raise ApiError(
            401, "unauthorized", "unknown device, wrong secret or revoked device", REALM_HEADERS
        )
    return device


async def _device(request: Request) -> Device:
    return await anyio.to_thread.run_sync(
        authenticate, context(request), request.headers.get("authorization")
    )


def _normalize_id(value: str, what: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ApiError(400, "bad_parameter", f"{what} must be a UUID") from None


def _same_uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


@router.get("/xapi/about")
async def about() -> JSONResponse:
    return JSONResponse({"version": SUPPORTED_VERSIONS})


async def _decoded_payload(request: Request) -> Any:
    raw = await read_body(request, lrs.MAX_BODY_BYTES)
    encoding = request.headers.get("content-encoding")
    data = await anyio.to_thread.run_sync(lrs.decode_body, raw, encoding)
    return await anyio.to_thread.run_sync(parse_json, data)


@router.post("/xapi/statements")
async def post_statements(request: Request) -> JSONResponse:
    check_params(request, frozenset())
    check_version(request)
    device = await _device(request)
    payload = await _decoded_payload(request)
    ctx = context(request)
    ids = await anyio.to_thread.run_sync(lrs.receive, ctx.db, device, payload, ctx.clock)
    return JSONResponse(ids)


@router.put("/xapi/statements")
async def put_statement(request: Request) -> Response:
    params = check_params(request, frozenset({"statementId"}))
    check_version(request)
    if "statementId" not in params:
        raise ApiError(400, "bad_parameter", "PUT needs the statementId parameter")
    sid = _normalize_id(params["statementId"], "statementId")
    device = await _device(request)
    payload = await _decoded_payload(request)
    if not isinstance(payload, dict):
        raise ApiError(400, "invalid_statement", "PUT takes one statement object")
    body_id = payload.get("id")
    if body_id is not None and (not isinstance(body_id, str) or _same_uuid(body_id) != sid):
        raise ApiError(400, "invalid_statement", "the statement's id differs from statementId")
    payload = {**payload, "id": sid}
    ctx = context(request)
    await anyio.to_thread.run_sync(lrs.receive, ctx.db, device, payload, ctx.clock)
    return Response(status_code=204)


def _encode_cursor(key: tuple[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def _decode_cursor(value: str) -> tuple[str, str]:
    try:
        key = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
        if isinstance(key, list) and len(key) == 2 and all(isinstance(k, str) for k in key):
            return key[0], key[1]
    except (ValueError, binascii.Error):
        pass
    raise ApiError(400, "bad_parameter", "cursor is not valid (use the 'more' URL as given)")


def _instant(params: dict[str, str], key: str) -> str | None:
    if key not in params:
        return None
    try:
        return iso_ms(parse_iso(params[key]))
    except ValueError:
        raise ApiError(
            400, "bad_parameter", f"{key} must be an ISO 8601 date-time with a time zone"
        ) from None


@router.get("/xapi/statements")
async def get_statements(request: Request) -> Response:
    params = check_params(request, GET_PARAMS)
    check_version(request)
    device = await _device(request)
    ctx = context(request)
    headers = {"X-Experience-API-Consistent-Through": iso_ms(ctx.clock())}

    if "statementId" in params:
        if len(params) > 1:
            raise ApiError(
                400, "bad_parameter", "statementId cannot be combined with other parameters"
            )
        sid = _normalize_id(params["statementId"], "statementId")

        def one() -> tuple[str, bool] | None:
            with ctx.db.read() as conn:
                return statements_db.get_body(conn, sid, device.school_code)

        found = await anyio.to_thread.run_sync(one)
        if found is None or found[1]:
            raise ApiError(404, "not_found", f"no statement {sid}")
        return Response(found[0], media_type="application/json", headers=headers)

    since, until = _instant(params, "since"), _instant(params, "until")
    try:
        limit = int(params.get("limit", DEFAULT_LIMIT))
    except ValueError:
        raise ApiError(400, "bad_parameter", "limit must be a whole number") from None
    if limit < 0:
        raise ApiError(400, "bad_parameter", "limit must not be negative")
    limit = MAX_LIMIT if limit == 0 else min(limit, MAX_LIMIT)  # xAPI: 0 means "server maximum"
    ascending_text = params.get("ascending", "false").lower()
    if ascending_text not in ("true", "false"):
        raise ApiError(400, "bad_parameter", "ascending must be true or false")
    after = _decode_cursor(params["cursor"]) if "cursor" in params else None

    def page() -> statements_db.Page:
        with ctx.db.read() as conn:
            return statements_db.query(
                conn,
                school_code=device.school_code,
                since=since,
                until=until,
                limit=limit,
                ascending=ascending_text == "true",
                after=after,
            )

    result = await anyio.to_thread.run_sync(page)
    more = ""
    if result.last_key is not None:
        next_params = {k: v for k, v in params.items() if k != "cursor"}
        next_params["cursor"] = _encode_cursor(result.last_key)
        more = request.scope.get("root_path", "") + "/xapi/statements?" + urlencode(next_params)
    # The stored bodies are JSON already: splice them rather than parse and re-serialize.
    body = '{"statements":[' + ",".join(result.bodies) + '],"more":' + json.dumps(more) + "}"
    return Response(body, media_type="application/json", headers=headers)
