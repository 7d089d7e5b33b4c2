"""POST /api/v1/enroll: a teacher PC joins a school with a one-time code.

The answer carries everything the app needs to trust and use this hub from then on: its
device credentials, the repository URL and the TUF root it must pin.
"""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass
from typing import Any

import anyio
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from eduteach_hub.db import devices, editions, enroll_codes, schools
from eduteach_hub.db.times import iso_ms
from eduteach_protocol.text_rules import forbidden_char

from .auth import check_rate, client_address
from .common import HubContext, context, parse_json, read_body
from .errors import ApiError
from .openapi import ENROLL

router = APIRouter()
log = logging.getLogger("eduteach_hub.api.enroll")

MAX_BODY = 16 * 1024
MAX_NAME = 100
MAX_APP_VERSION = 50

_CODE_MESSAGES = {
    "invalid_code": "this enrollment code is not known; check it for typos",
    "code_used": "this enrollment code has already been used; ask for a new one",
    "code_expired": "this enrollment code has expired; ask for a new one",
    "code_revoked": "this enrollment code was withdrawn; ask for a new one",
}


@dataclass(frozen=True)
class EnrollRequest:
    code: str
    device_name: str
    public_key: str  # canonical base64 of the 32 raw bytes
    app_version: str


def _text(raw: dict[str, Any], key: str, max_len: int) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ApiError(400, "bad_request", f"{key}: required, non-empty text")
    value = value.strip()
    # C1 controls and bidi overrides too: a device's name is shown on the dashboard and
    # printed by the CLI (text_rules.forbidden_char, the rule titles follow).
    if len(value) > max_len or forbidden_char(value) is not None:
        raise ApiError(400, "bad_request", f"{key}: at most {max_len} printable characters")
    return value


def parse_enroll_request(raw: Any) -> EnrollRequest:
    if not isinstance(raw, dict):
        raise ApiError(400, "bad_request", "the body must be a JSON object")
    code = _text(raw, "code", 64)
    name = _text(raw, "device_name", MAX_NAME)
    app_version = _text(raw, "app_version", MAX_APP_VERSION)
    key_text = _text(raw, "public_key", 200)
    try:
        key = base64.b64decode(key_text, validate=True)
        Ed25519PublicKey.from_public_bytes(key)
    except (binascii.Error, ValueError):
        raise ApiError(
            400, "bad_request", "public_key: base64 of a 32-byte raw Ed25519 public key"
        ) from None
    return EnrollRequest(code, name, base64.b64encode(key).decode("ascii"), app_version)


def enroll(ctx: HubContext, req: EnrollRequest) -> dict[str, Any]:
    """Use the code and create the device, in one transaction. Raises ApiError(403, …)."""
    now = iso_ms(ctx.clock())
    device_id = devices.new_device_id()
    secret = devices.new_secret()
    with ctx.db.write() as conn:
        found = enroll_codes.find(conn, req.code)
        if found is None:
            raise ApiError(403, "invalid_code", _CODE_MESSAGES["invalid_code"])
        problem = found.problem(now)
        if problem is not None:
            raise ApiError(403, problem, _CODE_MESSAGES[problem])
        school = schools.get(conn, found.school_code)
        assert school is not None  # foreign key
        devices.insert_device(
            conn,
            device_id=device_id,
            school_code=school.code,
            secret=secret,
            public_key=req.public_key,
            name=req.device_name,
            app_version=req.app_version,
            now=now,
        )
        # Another request may have claimed the code since find(): raising rolls back the
        # device too, so exactly one of two racing enrollments wins.
        if not enroll_codes.claim(conn, found.id, device_id, now):
            raise ApiError(403, "code_used", _CODE_MESSAGES["code_used"])
        rules = editions.rules_for(conn, school.code)
    log.info("enrolled %s (%s) for school %s", device_id, req.device_name, school.code)
    # The county's textbook editions: the PC subscribes to them unless its teacher chose.
    return {"device_id": device_id, "secret": secret, "school": school.public(),
            "editions": [r.to_wire() for r in rules], "channel": school.channel}


async def limit_enroll_attempts(request: Request, ctx: HubContext) -> None:
    """One per-address budget for every way of enrolling (a code, a claim from a file)."""
    # Codes have 60 random bits; a per-address limit keeps guessing hopeless anyway.
    await anyio.to_thread.run_sync(
        lambda: check_rate(
            ctx, "enroll:" + client_address(request), ctx.home.config.enroll_attempts_per_minute
        )
    )


@router.post("/api/v1/enroll", openapi_extra=ENROLL)
async def enroll_endpoint(request: Request) -> JSONResponse:
    ctx = context(request)
    await limit_enroll_attempts(request, ctx)
    req = parse_enroll_request(parse_json(await read_body(request, MAX_BODY)))
    # Read the trust root before using the code, so a failure here costs the school nothing.
    root = await anyio.to_thread.run_sync((ctx.home.repo_dir / "metadata" / "root.json").read_bytes)
    answer = await anyio.to_thread.run_sync(enroll, ctx, req)
    base = ctx.home.config.public_url or str(request.base_url)
    answer.update(
        repo_url=base.rstrip("/") + "/repo/",
        root=base64.b64encode(root).decode("ascii"),
        hub_time=iso_ms(ctx.clock()),
    )
    return JSONResponse(answer, headers={"Cache-Control": "no-store"})
