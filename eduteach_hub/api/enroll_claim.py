"""POST /api/v1/enroll/claim: a PC enrolled from an enrollment file comes online.

Body: {"claim": {code, device_id, public_key, secret_hash, device_name, app_version},
"signature": base64 Ed25519 signature of the claim's canonical JSON by the claimed key}.
The signature proves the caller holds the key the claim binds, so a copied claim (from a
stick) is useless to anyone else. The same PC claiming twice (the USB file arrived first,
or a lost answer) gets the same device: 200 either way.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import anyio
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from eduteach_hub import enroll_file
from eduteach_hub.db import schools
from eduteach_protocol import enroll_file as protocol
from eduteach_protocol.enroll_file import EnrollFileError

from .common import HubContext, context, parse_json, read_body
from .enroll import limit_enroll_attempts
from .errors import ApiError

router = APIRouter()
MAX_BODY = 8 * 1024


def _verified_claim(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ApiError(400, "bad_request", "the body must be a JSON object")
    try:
        claim = protocol.parse_claim(raw.get("claim"))
    except EnrollFileError as exc:
        raise ApiError(400, "bad_request", str(exc)) from None
    body = json.dumps(claim, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(claim["public_key"], validate=True))
        key.verify(base64.b64decode(str(raw.get("signature", "")), validate=True), body)
    except (InvalidSignature, binascii.Error, ValueError):
        raise ApiError(403, "bad_signature", "the claim is not signed by the key it names") from None
    return claim


def _bind(ctx: HubContext, claim: dict[str, str]) -> dict[str, Any]:
    with ctx.db.write() as conn:
        try:
            device = enroll_file.bind(conn, claim, ctx.clock())
        except enroll_file.ClaimError as exc:
            raise ApiError(403, exc.code, str(exc)) from None
        school = schools.get(conn, device.school_code)
        assert school is not None
    return {"device_id": device.id, "school": school.public()}


@router.post("/api/v1/enroll/claim")
async def claim_endpoint(request: Request) -> JSONResponse:
    ctx = context(request)
    await limit_enroll_attempts(request, ctx)
    claim = _verified_claim(parse_json(await read_body(request, MAX_BODY)))
    answer = await anyio.to_thread.run_sync(_bind, ctx, claim)
    return JSONResponse(answer, headers={"Cache-Control": "no-store"})
