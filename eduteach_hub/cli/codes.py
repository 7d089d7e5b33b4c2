"""`eduteach-hub code list|revoke`: enrollment codes."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eduteach_hub.db.times import iso_ms, utc_now
from eduteach_protocol.cli_i18n import _, ngettext

from .common import (
    CliError,
    UsageError,
    action,
    command_group,
    hub_home,
    open_database,
    print_table,
    school_code_arg,
    short_time,
    status_word,
)


def cmd_code_list(args: argparse.Namespace) -> int:
    from eduteach_hub.db import enroll_codes

    home = hub_home(args)
    now = iso_ms(utc_now())
    with open_database(home) as db, db.read() as conn:
        rows = enroll_codes.list_codes(conn, args.school)
    if not rows:
        print(_("no enrollment codes"))
        return 0
    print_table(
        [_("ID"), _("SCHOOL"), _("CREATED"), _("EXPIRES"), _("STATUS"), _("DEVICE")],
        [
            [
                str(c.id),
                c.school_code,
                short_time(c.created_at),
                short_time(c.expires_at),
                status_word(enroll_codes.status(c, now)),
                c.device_id or "-",
            ]
            for c in rows
        ],
        sys.stdout,
    )
    return 0


def cmd_code_revoke(args: argparse.Namespace) -> int:
    from eduteach_hub.db import enroll_codes

    home = hub_home(args)
    now = iso_ms(utc_now())
    chosen = [x for x in (args.code, args.id, args.school) if x is not None]
    if len(chosen) != 1:
        raise UsageError(_("give exactly one of: CODE, --id N or --school CODE"))
    with open_database(home) as db, db.write() as conn:
        if args.school is not None:
            n = enroll_codes.revoke_open(conn, args.school, now)
            print(ngettext("{n} open code of school {school} revoked", "{n} open codes of school {school} revoked",
                           n).format(n=n, school=args.school))
            return 0
        code_id = args.id
        if args.code is not None:
            found = enroll_codes.find(conn, args.code)
            if found is None:
                raise CliError(_("no such enrollment code (check it for typos)"))
            code_id = found.id
        if not enroll_codes.revoke_one(conn, code_id, now):
            raise CliError(_("code {id} is not open (already used, revoked, or unknown)").format(id=code_id))
    print(_("enrollment code {id} revoked").format(id=code_id))
    return 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    code = command_group(sub, "code", _("enrollment codes"))
    p = action(code, "list", with_home, cmd_code_list, _("list codes and their status"))
    p.add_argument("--school", type=school_code_arg)
    p = action(code, "revoke", with_home, cmd_code_revoke, _("withdraw an unused code"))
    p.add_argument("code", nargs="?", metavar="CODE", help=_("the code as printed"))
    p.add_argument("--id", type=int, help=_("the code's ID from `code list`"))
    p.add_argument("--school", type=school_code_arg, help=_("every open code of this school"))
