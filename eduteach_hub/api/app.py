"""create_app(home): the hub's web application.

Stateless between requests: everything lives in the database and the files under HOME, so
several workers (or a restart) see the same hub.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator, Callable
from datetime import datetime

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from eduteach_hub import __version__
from eduteach_hub.config import HubHome
from eduteach_hub.db import Database
from eduteach_hub.db.times import iso_ms, utc_now

from . import enroll, errors, inventory, repo_files, xapi
from .common import HubContext, context
from .compression import CompressResponses


def create_app(
    home: HubHome,
    clock: Callable[[], datetime] = utc_now,
    db: Database | None = None,
) -> FastAPI:
    home.check()
    database = db or Database.open(home.db_url)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Alembic: brings an older database up to date; a no-op when it already is.
        await anyio.to_thread.run_sync(database.migrate)
        await anyio.to_thread.run_sync(database.check)
        # What start-up made (modules, routes, the engine...) lives as long as the process:
        # move it out of the collector's sight. Ingest allocates ~60 objects per statement,
        # which triggers collections, and each full one used to walk all of this again
        # (~10 % of the time per statement).
        gc.freeze()
        try:
            yield
        finally:
            database.dispose()

    app = FastAPI(
        title="EduTeach hub",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads from a CDN: useless offline
        redoc_url=None,
    )
    app.state.hub = HubContext(home=home, db=database, clock=clock)
    errors.install(app)
    app.add_middleware(errors.XapiVersionHeader)
    app.add_middleware(CompressResponses)
    app.include_router(repo_files.router)
    app.include_router(enroll.router)
    from . import enroll_claim  # never-online PCs coming online (issue 14)

    app.include_router(enroll_claim.router)
    app.include_router(xapi.router)
    app.include_router(inventory.router)
    from eduteach_hub.dashboard import routes as dashboard

    dashboard.install(app)

    @app.get("/api/v1/health")
    async def health(request: Request) -> JSONResponse:
        ctx = context(request)
        await anyio.to_thread.run_sync(ctx.db.check)
        return JSONResponse(
            {"status": "ok", "version": __version__, "hub_time": iso_ms(ctx.clock())},
            headers={"Cache-Control": "no-store"},
        )

    return app
