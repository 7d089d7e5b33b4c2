"""The xAPI 2.0 Statement Resource and About Resource (xAPI Communication, 2.1 and 2.8).

Devices authenticate with HTTP Basic (device_id:secret, from enrollment), write their own
school's statements and read only those; admins (name:password) read every school's.
Every response under /xapi carries X-Experience-API-Version (errors.XapiVersionHeader).
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import json
import re
import uuid
from typing import Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from eduteach_hub.db import statements as statements_db
from eduteach_hub.db.facts import agent_key
from eduteach_hub.db.times import iso_ms, parse_iso
from eduteach_protocol import batch
from eduteach_protocol.records import StatementError
from eduteach_protocol.xapi import check_agent

from . import lrs, multipart, openapi, xapi_format
from .auth import Principal, authenticate
from .common import context, parse_json, read_body
from .errors import XAPI_VERSION_HEADER, ApiError

router = APIRouter()

SUPPORTED_VERSIONS = ["2.0.0", "1.0.3"]
_VERSION_RE = re.compile(r"^(1\.0|2\.0)(\.\d+)?\Z")
FILTER_PARAMS = frozenset(
    {
        "agent", "verb", "activity", "registration", "related_activities", "related_agents",
        "since", "until", "limit", "format", "attachments", "ascending", "cursor",
    }
)
SINGLE_PARAMS = frozenset({"statementId", "voidedStatementId", "attachments", "format"})
GET_PARAMS = FILTER_PARAMS | SINGLE_PARAMS
DEFAULT_LIMIT = 100
MAX_LIMIT = 500
CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through"


def check_params(request: Request, allowed: frozenset[str]) -> dict[str, str]:
    """The query parameters as a dict; 400 for unknown or repeated ones."""
    out: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
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


async def _principal(request: Request, count: bool = True) -> Principal:
    header = request.headers.get("authorization")
    return await anyio.to_thread.run_sync(
        lambda: authenticate(context(request), header, count=count)
    )


def _writer(principal: Principal) -> Any:
    if principal.device is None:
        raise ApiError(
            403, "forbidden", "only enrolled devices write statements; admins read them"
        )
    return principal.device


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


def _http_date(iso: str) -> str:
    return email.utils.format_datetime(parse_iso(iso), usegmt=True)


def _bool(params: dict[str, str], key: str) -> bool:
    value = params.get(key, "false")
    if value not in ("true", "false"):
        raise ApiError(400, "bad_parameter", f"{key} must be true or false")
    return value == "true"


@router.api_route("/xapi/about", methods=["GET", "HEAD"])
async def about(request: Request) -> JSONResponse:
    check_params(request, frozenset())
    return JSONResponse(
        {
            "version": SUPPORTED_VERSIONS,
            "extensions": {
                "https://w3id.org/eduteach/xapi/ext/hub": {
                    "gzip_request_bodies": True,
                    "max_statements_per_request": lrs.MAX_BATCH,
                    "max_limit": MAX_LIMIT,
                }
            },
        }
    )


# --- writing --------------------------------------------------------------------------


async def _payload(request: Request) -> tuple[Any, dict[str, tuple[str, bytes]]]:
    """The request's statements (decoded JSON) and attachment parts by SHA-2."""
    raw = await read_body(request, lrs.MAX_BODY_BYTES)
    data = await anyio.to_thread.run_sync(
        lrs.decode_body, raw, request.headers.get("content-encoding")
    )
    ctype = request.headers.get("content-type", "application/json")
    mtype = ctype.split(";", 1)[0].strip().lower()
    if mtype == "application/json":
        return await anyio.to_thread.run_sync(parse_json, data), {}
    if mtype == batch.MEDIA_TYPE:  # our compact batch (eduteach_protocol.batch), gzip'd
        def expand() -> Any:
            try:
                return batch.decode(data, lrs.MAX_DECODED_BYTES)
            except batch.BatchError as exc:
                raise ApiError(400, "bad_batch", f"the statement batch is malformed: {exc}") from None

        return await anyio.to_thread.run_sync(expand), {}
    if mtype == "multipart/mixed":
        first, parts = await anyio.to_thread.run_sync(multipart.parse, ctype, data)
        return await anyio.to_thread.run_sync(parse_json, first), parts
    raise ApiError(
        415,
        "unsupported_media_type",
        f"send statements as application/json, multipart/mixed (with attachments) or {batch.MEDIA_TYPE}",
    )


@router.post("/xapi/statements", openapi_extra=openapi.POST_STATEMENTS)
async def post_statements(request: Request) -> JSONResponse:
    check_params(request, frozenset())
    check_version(request)
    principal = await _principal(request, count=False)
    device = _writer(principal)
    payload, parts = await _payload(request)
    ctx = context(request)
    ids = await anyio.to_thread.run_sync(
        lambda: lrs.receive(ctx.db, device, payload, ctx.clock, parts, principal.rate_key)
    )
    return JSONResponse(ids, headers={CONSISTENT_THROUGH: iso_ms(ctx.clock())})


@router.put("/xapi/statements", openapi_extra=openapi.PUT_STATEMENT)
async def put_statement(request: Request) -> Response:
    params = check_params(request, frozenset({"statementId"}))
    check_version(request)
    if "statementId" not in params:
        raise ApiError(400, "bad_parameter", "PUT needs the statementId parameter")
    sid = _normalize_id(params["statementId"], "statementId")
    principal = await _principal(request, count=False)
    device = _writer(principal)
    payload, parts = await _payload(request)
    if not isinstance(payload, dict):
        raise ApiError(400, "invalid_statement", "PUT takes one statement object")
    body_id = payload.get("id", sid)
    if body_id is not None:
        if not isinstance(body_id, str) or _same_uuid(body_id) != sid:
            raise ApiError(400, "invalid_statement", "the statement's id differs from statementId")
        payload = {**payload, "id": sid}
    # else "id": null, kept: validation refuses it as a null value, as it would in a POST
    ctx = context(request)
    await anyio.to_thread.run_sync(
        lambda: lrs.receive(ctx.db, device, payload, ctx.clock, parts, principal.rate_key)
    )
    return Response(status_code=204, headers={CONSISTENT_THROUGH: iso_ms(ctx.clock())})


# --- reading --------------------------------------------------------------------------


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


def _agent_param(value: str) -> str:
    try:
        agent = json.loads(value)
        check_agent(agent, "agent")
    except (ValueError, StatementError) as exc:
        raise ApiError(400, "bad_parameter", f"agent must be an Agent or identified Group as JSON ({exc})") from None
    key = agent_key(agent)
    if key is None:
        raise ApiError(400, "bad_parameter", "agent must have an inverse functional identifier")
    return key


def _iri_param(params: dict[str, str], key: str) -> str | None:
    value = params.get(key)
    if value is not None and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", value):
        raise ApiError(400, "bad_parameter", f"{key} must be an IRI")
    return value


def _filters(params: dict[str, str], principal: Principal) -> statements_db.Filters:
    registration = params.get("registration")
    return statements_db.Filters(
        school_code=principal.school_code,
        agent_key=_agent_param(params["agent"]) if "agent" in params else None,
        related_agents=_bool(params, "related_agents"),
        verb=_iri_param(params, "verb"),
        activity=_iri_param(params, "activity"),
        related_activities=_bool(params, "related_activities"),
        registration=_normalize_id(registration, "registration") if registration else None,
        since=_instant(params, "since"),
        until=_instant(params, "until"),
    )


def _respond(
    request: Request,
    result_json: str,
    bodies: list[dict[str, Any]] | None,
    want_attachments: bool,
    headers: dict[str, str],
) -> Response:
    if not want_attachments:
        return Response(result_json, media_type="application/json", headers=headers)
    hashes = [
        a["sha2"].lower()
        for b in bodies or ()
        for a in b.get("attachments") or ()
        if isinstance(a, dict) and isinstance(a.get("sha2"), str)
    ]
    ctx = context(request)
    with ctx.db.read() as conn:
        found = statements_db.load_attachments(conn, hashes)
    body, ctype = multipart.build(result_json.encode("utf-8"), found)
    return Response(body, media_type=ctype, headers=headers)


@router.api_route("/xapi/statements", methods=["GET", "HEAD"], openapi_extra=openapi.GET_STATEMENTS)
async def get_statements(request: Request) -> Response:
    params = check_params(request, GET_PARAMS)
    check_version(request)
    principal = await _principal(request)
    ctx = context(request)
    headers = {CONSISTENT_THROUGH: iso_ms(ctx.clock())}
    fmt = params.get("format", "exact")
    if fmt not in xapi_format.FORMATS:
        raise ApiError(400, "bad_parameter", "format must be ids, exact or canonical")
    want_attachments = _bool(params, "attachments")
    languages = request.headers.get("accept-language", "")

    single = [k for k in ("statementId", "voidedStatementId") if k in params]
    if single:
        extra = set(params) - {"attachments", "format"} - set(single)
        if len(single) > 1 or extra:
            raise ApiError(
                400,
                "bad_parameter",
                "statementId / voidedStatementId combine only with attachments and format",
            )
        key = single[0]
        sid = _normalize_id(params[key], key)

        def one() -> statements_db.One | None:
            with ctx.db.read() as conn:
                return statements_db.get_one(conn, sid, principal.school_code)

        found = await anyio.to_thread.run_sync(one)
        # statementId never returns a voided statement; voidedStatementId only a voided one.
        if found is None or found.voided != (key == "voidedStatementId"):
            raise ApiError(404, "not_found", f"no {'voided ' if key != 'statementId' else ''}statement {sid}")
        headers["Last-Modified"] = _http_date(found.stored)
        if fmt == "exact" and not want_attachments:
            return Response(found.body, media_type="application/json", headers=headers)
        stmt = xapi_format.apply(json.loads(found.body), fmt, languages)
        text = json.dumps(stmt, ensure_ascii=False, separators=(",", ":"))
        return await anyio.to_thread.run_sync(
            _respond, request, text, [stmt], want_attachments, headers
        )

    filters = _filters(params, principal)
    try:
        limit = int(params.get("limit", DEFAULT_LIMIT))
    except ValueError:
        raise ApiError(400, "bad_parameter", "limit must be a whole number") from None
    if limit < 0:
        raise ApiError(400, "bad_parameter", "limit must not be negative")
    limit = MAX_LIMIT if limit == 0 else min(limit, MAX_LIMIT)  # xAPI: 0 means "server maximum"
    ascending = _bool(params, "ascending")
    after = _decode_cursor(params["cursor"]) if "cursor" in params else None

    def page() -> statements_db.Page:
        with ctx.db.read() as conn:
            return statements_db.query(conn, filters, limit=limit, ascending=ascending, after=after)

    result = await anyio.to_thread.run_sync(page)
    more = ""
    if result.last_key is not None:
        next_params = {k: v for k, v in params.items() if k != "cursor"}
        next_params["cursor"] = _encode_cursor(result.last_key)
        more = request.scope.get("root_path", "") + "/xapi/statements?" + urlencode(next_params)
    if result.stored:
        headers["Last-Modified"] = _http_date(max(result.stored))
    if fmt == "exact" and not want_attachments:
        # The stored bodies are JSON already: splice them rather than parse and re-serialize.
        text = '{"statements":[' + ",".join(result.bodies) + '],"more":' + json.dumps(more) + "}"
        return Response(text, media_type="application/json", headers=headers)
    stmts = [xapi_format.apply(json.loads(b), fmt, languages) for b in result.bodies]
    text = json.dumps({"statements": stmts, "more": more}, ensure_ascii=False, separators=(",", ":"))
    return await anyio.to_thread.run_sync(_respond, request, text, stmts, want_attachments, headers)


