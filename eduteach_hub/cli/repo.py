"""`eduteach-hub repo status|refresh`: the signed content repository's metadata."""

from __future__ import annotations

import argparse
from typing import Any

from eduteach_protocol.cli_i18n import _

from .common import action, command_group, hub_home


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
    repo = command_group(sub, "repo", _("the signed content repository"))
    action(repo, "status", with_home, cmd_repo_status, _("versions and expiry of the metadata"))
    action(repo, "refresh", with_home, cmd_repo_refresh, _("re-sign the timestamp (run daily)"))
