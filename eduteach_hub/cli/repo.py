"""`eduteach-hub repo status|refresh`: the signed content repository's metadata."""

from __future__ import annotations

import argparse
from typing import Any

from eduteach_protocol.cli_i18n import _

from .common import action, command_group, hub_home


def cmd_repo_status(args: argparse.Namespace) -> int:
    home = hub_home(args)
    info = home.writer().describe()
    print(_("repository: {path}").format(path=home.repo_dir))
    catalog = info.get("catalog_version")
    print(_("catalog: v{version}").format(version=catalog) if catalog else _("catalog: none published yet"))
    for role in ("root", "targets", "snapshot", "timestamp"):
        meta = info[role]
        assert isinstance(meta, dict)
        print(_("{role} v{version} expires {expires}").format(
            role=f"{role:<10}", version=f"{meta['version']:<5}", expires=meta["expires"]))
    return 0


def cmd_repo_refresh(args: argparse.Namespace) -> int:
    home = hub_home(args)
    with home.repo_lock():
        version = home.writer().refresh_timestamp()
    print(_("timestamp re-signed: v{version}, valid for {days} days").format(
        version=version, days=home.config.timestamp_days))
    return 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    repo = command_group(sub, "repo", _("the signed content repository"))
    action(repo, "status", with_home, cmd_repo_status, _("versions and expiry of the metadata"))
    action(repo, "refresh", with_home, cmd_repo_refresh, _("re-sign the timestamp (run daily)"))
