"""An ASGI factory for running several workers (uvicorn --workers, gunicorn, systemd socket
activation...): the hub home comes from EDUTEACH_HUB_HOME.

    EDUTEACH_HUB_HOME=/srv/eduteach uvicorn --factory eduteach_hub.api.asgi:app_from_env \\
        --host 127.0.0.1 --port 8470 --workers 4

Workers share nothing but the database and the files in the home, so they can also run
on several machines behind a load balancer (with PostgreSQL).
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from eduteach_hub.config import HubHome

from .app import create_app


def app_from_env() -> FastAPI:
    path = os.environ.get("EDUTEACH_HUB_HOME")
    if not path:
        raise RuntimeError("set EDUTEACH_HUB_HOME to the hub's home folder")
    return create_app(HubHome(path))
