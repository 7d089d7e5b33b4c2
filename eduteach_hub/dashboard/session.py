"""Stateless login sessions and CSRF tokens for the dashboard.

The session cookie is base64url(JSON {"u": user, "exp": unix time, "csrf": token}) + "." +
base64url(HMAC-SHA256). The key lives in the database (hub_secrets), so any worker can
check any cookie. Every form carries the session's CSRF token, compared in constant time;
the cookie is HttpOnly and SameSite=Strict. The login form, before a session exists, uses
a double-submit token (a random cookie echoed in the form).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from fastapi import Request

from eduteach_hub.db import secrets as secrets_db

COOKIE = "et_session"
LOGIN_COOKIE = "et_login"
LIFETIME = 12 * 3600
_KEY_NAME = "session_key_v1"


@dataclass(frozen=True)
class Session:
    user: str
    csrf: str
    expires: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def session_key(request: Request) -> bytes:
    cache = request.app.state.__dict__.setdefault("dashboard_key", {})
    if "key" not in cache:  # the same value in every worker: it comes from the database
        ctx = request.app.state.hub
        with ctx.db.write() as conn:
            cache["key"] = bytes.fromhex(secrets_db.get_or_create(conn, _KEY_NAME))
    return bytes(cache["key"])


def _sign(key: bytes, payload: bytes) -> str:
    return _b64(hmac.new(key, payload, hashlib.sha256).digest())


def issue(request: Request, user: str, now: float | None = None) -> tuple[str, Session]:
    now = time.time() if now is None else now
    sess = Session(user, secrets.token_urlsafe(24), int(now) + LIFETIME)
    payload = json.dumps({"u": sess.user, "exp": sess.expires, "csrf": sess.csrf}, separators=(",", ":")).encode()
    return _b64(payload) + "." + _sign(session_key(request), payload), sess


def read(request: Request, now: float | None = None) -> Session | None:
    raw = request.cookies.get(COOKIE)
    if not raw or "." not in raw:
        return None
    body, _, mac = raw.partition(".")
    try:
        payload = _unb64(body)
    except ValueError:
        return None
    if not hmac.compare_digest(mac, _sign(session_key(request), payload)):
        return None
    try:
        data = json.loads(payload)
        sess = Session(str(data["u"]), str(data["csrf"]), int(data["exp"]))
    except (ValueError, KeyError, TypeError):
        return None
    if sess.expires < (time.time() if now is None else now):
        return None
    return sess


def csrf_ok(expected: str, given: object) -> bool:
    return isinstance(given, str) and bool(given) and hmac.compare_digest(expected, given)


def secure_cookies(request: Request) -> bool:
    return request.url.scheme == "https"
