"""Who is asking: HTTP Basic with a device's credentials (device_id:secret) or an admin's
(name:password), and the per-principal rate limit, counted in the database."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from fastapi import Request

from eduteach_hub.db import devices as devices_db
from eduteach_hub.db import ratelimit
from eduteach_hub.db import users as users_db
from eduteach_hub.db.devices import DEVICE_ID_PREFIX, Device
from eduteach_hub.db.users import User

from .common import HubContext
from .errors import ApiError

REALM_HEADERS = {"WWW-Authenticate": 'Basic realm="EduTeach"'}


@dataclass(frozen=True)
class Principal:
    device: Device | None = None
    user: User | None = None

    @property
    def school_code(self) -> str | None:
        """The one school this principal may see, or None for all (admins)."""
        return self.device.school_code if self.device else None

    @property
    def rate_key(self) -> str:
        return f"dev:{self.device.id}" if self.device else f"user:{self.user.name if self.user else ''}"


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


def authenticate(
    ctx: HubContext, header: str | None, *, admins: bool = True, count: bool = True
) -> Principal:
    """The principal behind the Basic credentials (401 otherwise). count=False: only check
    the rate limit here; the caller counts the request inside its own write transaction
    (statement uploads: saves a commit, an fsync on SQLite, per request)."""
    creds = parse_basic(header)
    if creds is None:
        raise ApiError(401, "unauthorized", "credentials required (HTTP Basic)", REALM_HEADERS)
    name, secret = creds
    with ctx.db.read() as conn:
        if name.startswith(DEVICE_ID_PREFIX) or not admins:
            device = devices_db.authenticate(conn, name, secret)
            principal = Principal(device=device) if device else None
        else:
            user = users_db.authenticate(conn, name, secret)
            principal = Principal(user=user) if user else None
    if principal is None:
        raise ApiError(
            401, "unauthorized", "unknown or revoked credentials, or a wrong secret", REALM_HEADERS
        )
    if count:
        check_rate(ctx, principal.rate_key)
    else:
        with ctx.db.read() as conn:
            used = ratelimit.current(conn, principal.rate_key, ctx.clock())
        if used >= ctx.home.config.requests_per_minute:
            _too_many(ctx.home.config.requests_per_minute, ratelimit.seconds_left(ctx.clock()))
    return principal


def check_rate(ctx: HubContext, key: str, limit: int | None = None) -> None:
    """Count one request for key; 429 with Retry-After once the minute's limit is used up."""
    limit = limit or ctx.home.config.requests_per_minute
    with ctx.db.write() as conn:
        allowed, retry = ratelimit.hit(conn, key, ctx.clock(), limit)
    if not allowed:
        _too_many(limit, retry)


def _too_many(limit: int, retry: int) -> None:
    raise ApiError(
        429,
        "rate_limited",
        f"more than {limit} requests in a minute; retry in {retry} s",
        {"Retry-After": str(retry)},
    )


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
