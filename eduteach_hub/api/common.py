"""Helpers every router uses: the app's collaborators, request bodies, time."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request

from eduteach_hub.config import HubHome
from eduteach_hub.db import Database

from . import fastjson
from .errors import ApiError


@dataclass(frozen=True)
class HubContext:
    """What handlers need, built once in create_app (no per-request state lives here)."""

    home: HubHome
    db: Database
    clock: Callable[[], datetime]


def context(request: Request) -> HubContext:
    ctx: HubContext = request.app.state.hub
    return ctx


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The raw request body, refusing (413) more than max_bytes without reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > max_bytes:
        raise ApiError(413, "too_large", f"the request body is larger than {max_bytes} bytes")
    buf = bytearray()
    async for chunk in request.stream():
        buf += chunk
        if len(buf) > max_bytes:
            raise ApiError(413, "too_large", f"the request body is larger than {max_bytes} bytes")
    return bytes(buf)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _reference_loads(data: bytes) -> Any:
    return json.loads(data.decode("utf-8"), parse_constant=_no_constants)


def parse_json(data: bytes) -> Any:
    """Strict JSON (UTF-8, no NaN/Infinity); 400 with a short reason otherwise."""
    try:
        return fastjson.loads(data, _reference_loads)
    except UnicodeDecodeError:
        raise ApiError(400, "bad_json", "the body is not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "bad_json", f"the body is not valid JSON: {exc}") from None
