"""`eduteach-hub init`: create a new hub home (keys, repository, database)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from eduteach_hub.config import HubHome
from eduteach_protocol.cli_i18n import _

from .common import county_arg


def cmd_init(args: argparse.Namespace) -> int:
    home = HubHome.init(Path(args.path), args.county, args.db_url)
    print(_("hub home created: {path}").format(path=home.path))
    print("  " + _("county {county}; signing keys in {keys} (back up root.pem offline)").format(
        county=args.county, keys=home.keys_dir))
    print("  " + _("next: eduteach-hub publish LESSONS --home {path}").format(path=home.path))
    return 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", help=_("create a new hub home (keys, repository, database)"))
    p.add_argument("path", metavar="HOME")
    p.add_argument("--county", type=county_arg, default="000000", help=_("6-digit GB/T 2260 county code"))
    p.add_argument(
        "--db-url",
        metavar="URL",
        help=_("SQLAlchemy database URL, e.g. postgresql+psycopg://hub@db/eduteach (default: SQLite in HOME)"),
    )
    p.set_defaults(func=cmd_init)
