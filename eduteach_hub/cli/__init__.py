"""The eduteach-hub command: set up a county hub, publish lessons, serve, enroll, export.

One module per command group; each has `register(sub, with_home)` adding its sub-commands
to the parser. Exit codes: 0 success, 1 failure (with a one-line reason on stderr),
2 usage error. Every command except init finds the hub through --home or EDUTEACH_HUB_HOME.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from eduteach_hub import __version__
from eduteach_protocol import cli_i18n
from eduteach_protocol.cli_i18n import _, render

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
        description=_("EduTeach county hub: publish lessons, enroll teaching points, collect records."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--lang", choices=cli_i18n.LANGUAGES,
                        help=_("language of the messages (default: the system's; or $EDUTEACH_LANG)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    with_home = argparse.ArgumentParser(add_help=False)
    with_home.add_argument(
        "--home", metavar="HOME", help=_("the hub's home folder (default: ${env})").format(env=HOME_ENV)
    )
    for group in _GROUPS:
        group.register(sub, with_home)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Every command ends in one line on stderr and a non-zero exit when it fails, never a
    traceback (eduteach_hub/failures.py words it; a bug is logged under HOME/logs), in the
    user's language (eduteach_protocol/cli_i18n.py)."""
    from eduteach_hub import failures
    from eduteach_protocol import cliguard

    _parser, parsed = cliguard.start(build_parser, argv)
    if isinstance(parsed, int):
        return parsed
    args = parsed

    def run() -> int:
        try:
            return int(args.func(args))
        except UsageError as exc:
            cliguard.say("eduteach-hub", _("error: {problem} (see `eduteach-hub --help`)").format(problem=render(exc)))
            return cliguard.EXIT_USAGE

    home = getattr(args, "home", None) or os.environ.get(HOME_ENV)
    return cliguard.run_guarded("eduteach-hub", run, failures.explain, lambda: failures.log_files(home))
