"""What every hub command shares: its errors, argument types, finding HOME, opening the
database, and printing tables."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from eduteach_hub.config import COUNTY_CODE_RE, HubHome
from eduteach_hub.db import Database
from eduteach_protocol.cli_i18n import N_, _
from eduteach_protocol.text_rules import display_width

HOME_ENV = "EDUTEACH_HUB_HOME"


class CliError(Exception):
    """An expected failure: printed as one line, exit code 1."""


class UsageError(Exception):
    """The command line is wrong: printed with the usage, exit code 2."""


# --- argument types ---------------------------------------------------------------------


def county_arg(value: str) -> str:
    if not COUNTY_CODE_RE.match(value):
        raise argparse.ArgumentTypeError(_("{value!r} is not a 6-digit county code (GB/T 2260)").format(value=value))
    return value


def school_code_arg(value: str) -> str:
    if not re.fullmatch(r"\d{10}", value):
        raise argparse.ArgumentTypeError(_("{value!r} is not a 10-digit school code (学校标识码)").format(value=value))
    return value


def ttl_days_arg(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = 0
    if not 1 <= days <= 3650:
        raise argparse.ArgumentTypeError(_("must be a whole number of days from 1 to 3650"))
    return days


def port_arg(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("must be a port number (0 picks a free one)"))
    return port


# --- the parser ---------------------------------------------------------------------------


def command_group(sub: Any, name: str, help_text: str) -> Any:
    """`eduteach-hub NAME ACTION ...`: a command whose actions are sub-commands."""
    return sub.add_parser(name, help=help_text).add_subparsers(
        dest=f"{name.replace('-', '_')}_command", metavar="ACTION", required=True
    )


def action(
    group: Any, name: str, with_home: argparse.ArgumentParser, func: Callable[[argparse.Namespace], int],
    help_text: str,
) -> argparse.ArgumentParser:
    """One action of a command group, run by func, finding the hub through --home."""
    p: argparse.ArgumentParser = group.add_parser(name, parents=[with_home], help=help_text)
    p.set_defaults(func=func)
    return p


# --- helpers ----------------------------------------------------------------------------


def hub_home(args: argparse.Namespace) -> HubHome:
    """The hub's home from --home or $EDUTEACH_HUB_HOME, checked."""
    path = args.home or os.environ.get(HOME_ENV)
    if not path:
        raise UsageError(
            _("say where the hub lives: --home HOME or the {env} environment variable").format(env=HOME_ENV)
        )
    return HubHome(path).check()


@contextlib.contextmanager
def open_database(home: HubHome) -> Iterator[Database]:
    db = Database.open(home.db_url)
    try:
        db.migrate()  # Alembic: a no-op when the schema is current
        yield db
    finally:
        db.dispose()


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: IO[str]) -> None:
    """Columns padded by display width, so Chinese names line up in a terminal."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row, strict=True)]
    for row in [headers, *rows]:
        cells = [c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip(), file=out)


# A list's status column: stored English words, said in the user's language.
_STATUS_WORDS = {"open": N_("open"), "used": N_("used"), "expired": N_("expired"), "revoked": N_("revoked"),
                 "active": N_("active"), "disabled": N_("disabled")}


def status_word(status: str) -> str:
    word = _STATUS_WORDS.get(status)
    return _(word) if word else status


def short_time(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "-"
