"""`eduteach-hub user add|list|disable`: admin accounts (dashboard, xAPI reads)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eduteach_hub.db.times import iso_ms, utc_now
from eduteach_protocol.cli_i18n import _

from .common import (
    CliError,
    action,
    command_group,
    hub_home,
    open_database,
    print_table,
    short_time,
    status_word,
)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    import getpass

    first = getpass.getpass(_("password: "))
    if getpass.getpass(_("again: ")) != first:
        raise CliError(_("the two passwords differ"))
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    from eduteach_hub.db import users

    home = hub_home(args)
    password = _read_password(args)
    try:
        users.check_name(args.name)
        users.check_password(password)
    except users.UserError as exc:
        raise CliError(*exc.args) from None  # its Text, said in the user's language
    with open_database(home) as db, db.write() as conn:
        existed = users.get(conn, args.name) is not None
        user = users.add(conn, args.name, args.role, password, iso_ms(utc_now()))
    done = _("user {name} ({role}): password changed") if existed else _("user {name} ({role}): added")
    print(done.format(name=user.name, role=user.role))
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from eduteach_hub.db import users

    home = hub_home(args)
    with open_database(home) as db, db.read() as conn:
        rows = users.list_all(conn)
    if not rows:
        print(_("no users yet; add one with `eduteach-hub user add NAME --role admin`"))
        return 0
    print_table(
        [_("NAME"), _("ROLE"), _("CREATED"), _("STATUS")],
        [[u.name, u.role, short_time(u.created_at), status_word("disabled" if u.disabled_at else "active")] for u in rows],
        sys.stdout,
    )
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from eduteach_hub.db import users

    home = hub_home(args)
    with open_database(home) as db, db.write() as conn:
        if users.get(conn, args.name) is None:
            raise CliError(_("no user {name}").format(name=args.name))
        users.disable(conn, args.name, iso_ms(utc_now()))
    print(_("user {name} disabled").format(name=args.name))
    return 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    user = command_group(sub, "user", _("admin accounts (dashboard, xAPI reads)"))
    p = action(user, "add", with_home, cmd_user_add, _("add a user, or set a new password"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", choices=("admin",), default="admin")
    p.add_argument(
        "--password-stdin", action="store_true", help=_("read the password from standard input")
    )
    action(user, "list", with_home, cmd_user_list, _("list users"))
    p = action(user, "disable", with_home, cmd_user_disable, _("disable a user"))
    p.add_argument("name", metavar="NAME")
