"""`eduteach-hub repo status|refresh`: the signed content repository's metadata."""

from __future__ import annotations

import argparse
from typing import Any

from .common import hub_home


def cmd_repo_status(args: argparse.Namespace) -> int:
    home = hub_home(args)
    info = home.writer().describe()
    print(f"repository: {home.repo_dir}")
    catalog = info.get("catalog_version")
    print(f"catalog: {'v' + str(catalog) if catalog else 'none published yet'}")
    for role in ("root", "targets", "snapshot", "timestamp"):
        meta = info[role]
        assert isinstance(meta, dict)
        print(f"{role:<10} v{meta['version']:<5} expires {meta['expires']}")
    return 0


def cmd_repo_refresh(args: argparse.Namespace) -> int:
    home = hub_home(args)
    with home.repo_lock():
        version = home.writer().refresh_timestamp()
    print(f"timestamp re-signed: v{version}, valid for {home.config.timestamp_days} days")
    return 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    repo = sub.add_parser("repo", help="the signed content repository").add_subparsers(
        dest="repo_command", metavar="ACTION", required=True
    )
    p = repo.add_parser("status", parents=[with_home], help="versions and expiry of the metadata")
    p.set_defaults(func=cmd_repo_status)
    p = repo.add_parser("refresh", parents=[with_home], help="re-sign the timestamp (run daily)")
    p.set_defaults(func=cmd_repo_refresh)
