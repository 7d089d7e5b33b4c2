"""`eduteach-hub db upgrade`: apply the schema migrations (Alembic)."""

from __future__ import annotations

import argparse
from typing import Any

from eduteach_protocol.cli_i18n import _

from .common import action, command_group, hub_home, open_database


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    home = hub_home(args)
    with open_database(home) as db:  # opening migrates
        from eduteach_hub.db.migrate import current

        with db.read() as conn:
            print(_("database schema at revision {revision} ({url})").format(
                revision=current(conn), url=db.engine.url.render_as_string()))
    return 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    dbp = command_group(sub, "db", _("the database"))
    action(dbp, "upgrade", with_home, cmd_db_upgrade, _("apply schema migrations (Alembic)"))
