"""`eduteach-hub school add|code|list` (editions in editions.py, USB enrollment files in
enroll_file.py, registered on the same `school` command)."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from typing import Any

from eduteach_hub.db import Database
from eduteach_hub.db.times import iso_ms, utc_now
from eduteach_protocol.cli_i18n import _

from . import editions, enroll_file
from .common import (
    CliError,
    UsageError,
    action,
    command_group,
    county_arg,
    hub_home,
    open_database,
    print_table,
    school_code_arg,
    short_time,
    ttl_days_arg,
)


def add_code(db: Database, school_code: str, ttl_days: int) -> tuple[str, str]:
    """A new one-PC enrollment code for the school and when it expires."""
    from eduteach_hub.db import enroll_codes

    now = utc_now()
    expires = iso_ms(now + timedelta(days=ttl_days))
    with db.write() as conn:
        code = enroll_codes.create(conn, school_code, iso_ms(now), expires)
    return code, expires


def _print_code(code: str, expires: str) -> None:
    print(_("enrollment code, for one PC, valid until {time} UTC:").format(time=short_time(expires)))
    print(code)


def cmd_school_add(args: argparse.Namespace) -> int:
    from eduteach_hub.db import schools

    home = hub_home(args)
    name = args.name.strip()
    if not name:
        raise UsageError(_("--name must not be empty"))
    county = args.county or home.config.county_code
    with open_database(home) as db:
        try:
            with db.write() as conn:
                school, created = schools.add(conn, args.code, name, county, iso_ms(utc_now()))
        except schools.SchoolConflict as exc:
            raise CliError(str(exc)) from None
        print(
            f"school {school.code} {school.name} (county {school.county_code}): {'added' if created else 'exists'}"
        )
        if args.enroll_file:
            try:
                return enroll_file.write_enroll_file(db, home, school.code, args.ttl_days, args.enroll_file)
            except enroll_file.EnrollFileCliError as exc:
                raise CliError(str(exc)) from None
        code, expires = add_code(
            db, school.code, args.ttl_days or home.config.enroll_code_ttl_days
        )
    _print_code(code, expires)
    return 0


def cmd_school_code(args: argparse.Namespace) -> int:
    from eduteach_hub.db import schools

    home = hub_home(args)
    with open_database(home) as db:
        with db.read() as conn:
            school = schools.get(conn, args.code)
        if school is None:
            raise CliError(_("no school {code}; add it with `eduteach-hub school add`").format(code=args.code))
        code, expires = add_code(
            db, school.code, args.ttl_days or home.config.enroll_code_ttl_days
        )
    print(f"school {school.code} {school.name}")
    _print_code(code, expires)
    return 0


def cmd_school_list(args: argparse.Namespace) -> int:
    from eduteach_hub.db import schools

    home = hub_home(args)
    with open_database(home) as db, db.read() as conn:
        rows = schools.list_all(conn, iso_ms(utc_now()))
    if not rows:
        print(_("no schools yet; add one with `eduteach-hub school add CODE --name NAME`"))
        return 0
    print_table(
        [_("CODE"), _("NAME"), _("COUNTY"), _("DEVICES"), _("OPEN CODES")],
        [
            [r.school.code, r.school.name, r.school.county_code, str(r.devices), str(r.open_codes)]
            for r in rows
        ],
        sys.stdout,
    )
    return 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    school = command_group(sub, "school", _("schools and their enrollment codes"))
    p = action(school, "add", with_home, cmd_school_add, _("add a school and print an enrollment code"))
    p.add_argument("code", type=school_code_arg, metavar="CODE", help=_("10-digit 学校标识码"))
    p.add_argument("--name", required=True)
    p.add_argument("--county", type=county_arg, help=_("default: the hub's county"))
    p.add_argument(
        "--ttl-days", type=ttl_days_arg, help=_("how long the code works (default from hub.toml)")
    )
    p.add_argument("--enroll-file", metavar="PATH",
                   help=_("write a signed enrollment file for a USB stick instead of printing a code"))
    enroll_file.register(school, with_home)
    p = action(school, "code", with_home, cmd_school_code, _("print a new enrollment code for a school"))
    p.add_argument("code", type=school_code_arg, metavar="CODE")
    p.add_argument("--ttl-days", type=ttl_days_arg)
    action(school, "list", with_home, cmd_school_list, _("list schools"))
    editions.register(school, with_home)
