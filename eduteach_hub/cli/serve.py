"""`eduteach-hub serve`: run the web server (plumbing in server.py)."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from eduteach_hub.db import Database
from eduteach_hub.db.times import utc_now
from eduteach_protocol.cli_i18n import _

from . import server
from .common import action, hub_home, port_arg


def cmd_serve(args: argparse.Namespace) -> int:
    from eduteach_hub.api.app import create_app

    home = hub_home(args)
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    db = Database.open(home.db_url)
    db.migrate()
    db.check()
    try:
        version = server.refresh_timestamp_if_due(home, utc_now())
        if version is not None:
            server.log.info("re-signed timestamp metadata (v%d)", version)
    except Exception as exc:  # noqa: BLE001 - serve anyway; the metadata is valid until it expires
        server.log.error("could not re-sign the timestamp metadata: %s", exc)
    sock, url = server.bind(args.host, args.port)
    if args.workers > 1:
        db.dispose()  # each worker opens its own connections
        return server.serve_workers(home, args.workers, sock, url, args.forwarded_allow_ips)
    return server.serve_one(create_app(home, db=db), home, sock, url, args.forwarded_allow_ips)


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    p = action(sub, "serve", with_home, cmd_serve, _("run the hub's web server"))
    p.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
    p.add_argument(
        "--port", type=port_arg, default=8470, help=_("port (default 8470; 0 picks a free one)")
    )
    p.add_argument(
        "--workers", type=int, default=1, help=_("worker processes (default 1; they share only the database)")
    )
    p.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help=_("proxies whose X-Forwarded-* headers are trusted (default 127.0.0.1)"),
    )
