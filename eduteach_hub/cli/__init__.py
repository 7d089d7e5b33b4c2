"""The eduteach-hub command: set up a county hub, publish lessons, serve, enroll, export.

One module per command group; each has `register(sub, with_home)` adding its sub-commands
to the parser. Exit codes: 0 success, 1 failure (with a one-line reason on stderr),
2 usage error. Every command except init finds the hub through --home or EDUTEACH_HUB_HOME.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from eduteach_hub import __version__
from eduteach_hub.config import HubHomeError
from eduteach_hub.db import DatabaseError

from . import (
    apps,
    codes,
    db,
    devices,
    import_lessons,
    init_home,
    publish,
    records,
    repo,
    sample_data,
    schools,
    serve,
    users,
)
from .common import HOME_ENV, CliError, UsageError

__all__ = ["HOME_ENV", "CliError", "UsageError", "build_parser", "main"]

# In the order `eduteach-hub --help` lists them.
_GROUPS = (
    init_home, publish, import_lessons, serve, schools, devices, codes, users, db, records, sample_data, repo, apps,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eduteach-hub",
        description="EduTeach county hub: publish lessons, enroll teaching points, collect records.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    with_home = argparse.ArgumentParser(add_help=False)
    with_home.add_argument(
        "--home", metavar="HOME", help=f"the hub's home folder (default: ${HOME_ENV})"
    )
    for group in _GROUPS:
        group.register(sub, with_home)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"eduteach-hub: error: {exc}", file=sys.stderr)
        return 2
    except (CliError, HubHomeError, DatabaseError) as exc:
        print(f"eduteach-hub: error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(f"eduteach-hub: error: database: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # permissions, full disk, missing folders: say which file
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"eduteach-hub: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
