"""`eduteach-hub device list|revoke`: the enrolled teacher PCs."""

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
    school_code_arg,
    short_time,
    status_word,
)


def cmd_device_list(args: argparse.Namespace) -> int:
    from eduteach_hub.db import devices

    home = hub_home(args)
    with open_database(home) as db, db.read() as conn:
        rows = devices.list_all(conn, args.school)
    if not rows:
        print(_("no devices enrolled"))
        return 0
    print_table(
        [_("DEVICE"), _("SCHOOL"), _("NAME"), _("APP"), _("ENROLLED"), _("LAST SEEN"), _("STATUS")],
        [
            [
                d.id,
                d.school_code,
                d.name,
                d.app_version,
                short_time(d.enrolled_at),
                short_time(d.last_seen_at),
                status_word("revoked" if d.revoked_at else "active"),
            ]
            for d in rows
        ],
        sys.stdout,
    )
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    from eduteach_hub.db import devices

    home = hub_home(args)
    with open_database(home) as db, db.write() as conn:
        if not devices.revoke(conn, args.device_id, iso_ms(utc_now())):
            raise CliError(_("no device {device}").format(device=args.device_id))
    print(_("device {device} revoked: it can no longer send or read records").format(device=args.device_id))
    return 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    device = command_group(sub, "device", _("enrolled teacher PCs"))
    p = action(device, "list", with_home, cmd_device_list, _("list devices"))
    p.add_argument("--school", type=school_code_arg, help=_("only this school's devices"))
    p = action(device, "revoke", with_home, cmd_device_revoke, _("revoke a device's credentials"))
    p.add_argument("device_id", metavar="DEVICE_ID")
