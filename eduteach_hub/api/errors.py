"""One error shape for every endpoint: {"error": {"code": ..., "message": ...}}.

Codes are stable identifiers clients may switch on; messages are for people. Unexpected
errors are logged here with their traceback and reach the client only as "internal_error".
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from eduteach_hub.db import DatabaseError

log = logging.getLogger("eduteach_hub.api")

XAPI_VERSION_HEADER = "X-Experience-API-Version"
XAPI_RESPONSE_VERSION = "2.0.0"


class ApiError(Exception):
    """An expected failure, turned into a JSON error response."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: Mapping[str, str] | None = None,
        **extra: Any,
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})
        self.extra = extra


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    body.update(extra)
    return JSONResponse({"error": body}, status_code=status, headers=dict(headers or {}))


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    416: "range_not_satisfiable",
    429: "rate_limited",
}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return error_response(exc.status_code, code, message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error_response(400, "bad_request", f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(OperationalError)
    @app.exception_handler(DatabaseError)
    async def _db_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.error("database error on %s %s: %s", request.method, request.url.path, exc)
        return error_response(
            503,
            "database_unavailable",
            "the hub database is busy or unavailable; retry later",
            {"Retry-After": "30", **_xapi_headers(request)},
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Starlette's ServerErrorMiddleware re-raises after this, so the server (uvicorn) logs
        # the traceback; the client only learns that something went wrong.
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return error_response(
            500,
            "internal_error",
            "the hub hit an unexpected error; it has been logged",
            _xapi_headers(request),
        )


def _xapi_headers(request: Request) -> dict[str, str]:
    if request.url.path.startswith("/xapi"):
        return {XAPI_VERSION_HEADER: XAPI_RESPONSE_VERSION}
    return {}


class XapiVersionHeader:
    """ASGI middleware: every response under /xapi carries X-Experience-API-Version."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith("/xapi"):
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"x-experience-api-version"
                ]
                headers.append((b"x-experience-api-version", XAPI_RESPONSE_VERSION.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)
