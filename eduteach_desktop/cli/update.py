"""`eduteach update [--check|--apply]`: the app update, headless, for a technician."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from eduteach_desktop.core.errors import EduTeachError
from eduteach_desktop.store.datadir import resolve_data_dir
from eduteach_protocol import cliguard
from eduteach_protocol.cli_i18n import _, render
from eduteach_protocol.text_rules import escape_for_terminal


def add_parser(sub: Any) -> None:
    p = sub.add_parser("update", help=_("check for, download or install a new version of EduTeach"))
    how = p.add_mutually_exclusive_group()
    how.add_argument("--check", action="store_true", help=_("only say whether a newer version is offered"))
    how.add_argument("--apply", action="store_true",
                     help=_("download if needed, install, and start the new version on trial (rolls back if it fails)"))
    how.add_argument("--confirm-health", action="store_true", help=argparse.SUPPRESS)  # a version on trial
    p.add_argument("--from", dest="sources", action="append", metavar="URL|PATH",
                   help=_("a hub/mirror URL or a folder (USB stick, satellite folder); repeatable"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def cmd_update(_services: Any, args: argparse.Namespace) -> int:
    from eduteach_desktop.services import Services

    data_dir = resolve_data_dir(args.data_dir)
    try:
        services = Services.open(data_dir)
    except EduTeachError as exc:
        from eduteach_desktop.cli.failures import explain

        cliguard.say("eduteach update", explain(exc, data_dir) or render(exc))
        return 1
    try:
        if args.confirm_health:
            return _confirm(services)
        result = _fetch(services, args)
        if result is None:
            return 1
        notes = result.notes
        problems = [n for n in notes if n.code in REFUSALS]
        out: dict[str, Any] = {"running": services.identity.version, "platform": services.identity.platform,
                               **result.to_dict()}
        if not args.apply:
            _say(args, out, services.updates.describe(), notes)
            return 3 if problems else 0
    finally:
        services.close()
    # Installing and the trial run without this process holding the data folder: the new
    # version on trial opens it itself.
    from eduteach_desktop.update.apply import ApplyError
    from eduteach_desktop.update.launch import supervisor_for

    sup = supervisor_for(args.data_dir, services.identity)
    try:
        out["applied"] = sup.apply_staged() if sup.staged() is not None else None
    except ApplyError as exc:
        cliguard.say("eduteach update", _("the new version could not be installed: {reason}").format(reason=render(exc)))
        return 1
    outcome = sup.run_trial(["--data-dir", str(data_dir), "update", "--confirm-health"])
    state = sup.states.load()
    out["state"], out["last_error"] = state.state, state.last_error
    if outcome is not None:
        out["healthy"] = outcome.healthy
        if outcome.process is not None:
            outcome.process.wait()
    from eduteach_desktop.update.boot import describe

    _say(args, out, describe(state, services.identity.version), notes)
    return 0 if outcome is None or outcome.healthy else 5


REFUSALS = {"update_apps_refused", "update_tampered", "update_older", "update_bad_version", "update_other_platform",
            "update_disk_full", "update_io", "update_withdrawn"}


def _fetch(services: Any, args: argparse.Namespace) -> Any:
    sources = services.sync_engine(args.sources).sources if (args.sources or services.default_sources()) else []
    if not sources:
        cliguard.say("eduteach update", _("no hub configured: enroll first, or give --from a folder"))
        return None
    fetcher = services.updates.fetcher
    return fetcher.check(sources) if args.check else fetcher.fetch(sources)


def _confirm(services: Any) -> int:
    from eduteach_desktop.resources import resource_path
    from eduteach_desktop.update.boot import confirm_health

    on_trial, problems = confirm_health(services.updates.folder, services.identity, resource_path)
    if problems:
        cliguard.say("eduteach update", _("start-up self-test failed: {problems}").format(problems="; ".join(render(p) for p in problems)))
        return 3
    print(_("healthy") if on_trial else _("not on trial; nothing to confirm"))
    return 0


def _say(args: argparse.Namespace, out: dict[str, Any], line: str, notes: list[Any]) -> None:
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    print(_("running version {version} ({platform})").format(version=out["running"], platform=out["platform"]))
    if out.get("offer") and not out.get("staged"):
        print(_("version {version} is offered").format(version=out["offer"]))
    if out.get("applied"):
        print(escape_for_terminal(render(out["applied"])))
    print(render(line))
    for note in notes:
        where = f"{note.source}: " if note.source else ""  # a source's label: a URL or a folder
        print(escape_for_terminal(f"eduteach update: {where}{render(note.message)} [{note.code}]"), file=sys.stderr)
