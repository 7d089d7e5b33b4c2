"""`eduteach-hub sample-data`: made-up schools and records to try the dashboard with."""

from __future__ import annotations

import argparse
from typing import Any

from eduteach_protocol.cli_i18n import _

from .common import action, hub_home, open_database


def cmd_sample_data(args: argparse.Namespace) -> int:
    from eduteach_hub import sampledata

    home = hub_home(args)
    with open_database(home) as db:
        n, total = sampledata.load(db, args.schools, args.weeks, home.config.county_code, args.seed)
    print(f"added {n} sample schools (codes 99…) with {total} records over {args.weeks} weeks")
    return 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    p = action(
        sub, "sample-data", with_home, cmd_sample_data,
        _("add made-up schools and records (to try the dashboard)"),
    )
    p.add_argument("--schools", type=int, default=30)
    p.add_argument("--weeks", type=int, default=8)
    p.add_argument("--seed", type=int, default=7)
