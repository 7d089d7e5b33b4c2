"""`eduteach-hub school add CODE --name … --enroll-file PATH` and
`eduteach-hub school enroll-file CODE --out PATH`: enrollment files for never-online schools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from eduteach_hub.config import HubHome
from eduteach_hub.db import Database
from eduteach_hub.db.times import utc_now
from eduteach_protocol.cli_i18n import _
from eduteach_protocol.enroll_file import SUFFIX

from .common import CliError, action, hub_home, open_database, school_code_arg, ttl_days_arg


class EnrollFileCliError(Exception):
    """Printed as one line by the hub CLI (exit 1)."""


def write_enroll_file(db: Database, home: HubHome, school_code: str, ttl_days: int | None, where: str) -> int:
    """Write the file to `where`: a file path, or a folder (existing, or ending in a slash)."""
    from eduteach_hub import enroll_file
    from eduteach_protocol import durable

    ttl = ttl_days or home.config.enroll_code_ttl_days
    try:
        written = enroll_file.write(db, home, school_code, ttl, utc_now())
    except LookupError:
        raise EnrollFileCliError(_("no school {code}; add it with `eduteach-hub school add`").format(code=school_code)) from None
    except FileNotFoundError as exc:
        raise EnrollFileCliError(
            _("cannot sign the file: {path} is missing (publish lessons first, and keep keys/targets.pem)").format(
                path=exc.filename)
        ) from None
    out = Path(where)
    if out.is_dir() or where.endswith(("/", "\\")):
        out.mkdir(parents=True, exist_ok=True)
        out = out / f"eduteach-enroll-{written.school.code}{SUFFIX}"
    durable.write_atomic(out, written.data)
    print(_("enrollment file for {code} {name} (county {county}), for one PC, valid until {time} UTC:").format(
        code=written.school.code, name=written.school.name, county=written.school.county_code,
        time=written.expires[:16].replace("T", " ")))
    print(out)
    from eduteach_protocol.enroll_file import root_fingerprint

    root = (home.repo_dir / "metadata" / "root.json").read_bytes()
    print(_("county root fingerprint (the PC shows it; check it matches): {fingerprint}").format(
        fingerprint=root_fingerprint(root)), file=sys.stderr)
    return 0


def cmd_school_enroll_file(args: argparse.Namespace) -> int:
    home = hub_home(args)
    with open_database(home) as db:
        try:
            return write_enroll_file(db, home, args.code, args.ttl_days, args.out)
        except EnrollFileCliError as exc:
            raise CliError(str(exc)) from None


def register(school: Any, with_home: argparse.ArgumentParser) -> None:
    p = action(
        school, "enroll-file", with_home, cmd_school_enroll_file,
        _("write a signed enrollment file for a PC with no network (USB stick)"),
    )
    p.add_argument("code", type=school_code_arg, metavar="CODE")
    p.add_argument("--out", required=True, metavar="PATH", help=_("a file, or a folder (a name is chosen)"))
    p.add_argument("--ttl-days", type=ttl_days_arg, help=_("how long the file works (default from hub.toml)"))
