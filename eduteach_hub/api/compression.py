"""gzip for responses over 1 KiB when the client accepts it; never for /repo/.

The biggest response a device gets is the ack of a statement upload (the list of ids:
~20 KB for 500 statements, ~9 KB gzip'd), over school links of a few Mbit/s; the app's
uploader (requests) asks for gzip by default. /repo/ is left alone: teacher PCs resume
downloads with byte ranges that must address the file itself (repo_files.py), and its
media and metadata are served "no-transform".
"""

from __future__ import annotations

from typing import Any

from starlette.middleware.gzip import GZipMiddleware

MINIMUM_SIZE = 1024
LEVEL = 6  # zlib's default: most of the gain at a fraction of level 9's cost


class CompressResponses:
    """ASGI middleware: Starlette's GZipMiddleware, except for the static repository."""

    def __init__(self, app: Any):
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=MINIMUM_SIZE, compresslevel=LEVEL)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path == "/repo" or path.startswith("/repo/"):
            await self.app(scope, receive, send)
        else:
            await self.gzip(scope, receive, send)
