"""`eduteach doctor`: what a county technician needs to know about this PC, in one page,
and a support bundle without personal data that a teacher can send.

It reads the data dir without taking the writer lock and without migrating or writing
the database, so it works while the app is open and on a damaged data dir. Qt is probed
in a child process (`eduteach --qt-probe`): the CLI never imports Qt itself.

Exit code 0: nothing needs fixing (notes and warnings may be printed). 1: at least one
problem (FAIL) that needs a technician; each says what to do.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from eduteach_desktop import __version__
from eduteach_desktop.core.clock import Clock, SystemClock, iso_utc
from eduteach_desktop.store.datadir import (
    ENV_VAR,
    PORTABLE_MARKER,
    DataDir,
    folder_problem,
    resolve_data_dir,
    writable_problem,
)
from eduteach_desktop.store.db import Database
from eduteach_protocol import cliguard, durable
from eduteach_protocol.cli_i18n import _
from eduteach_protocol.sizes import format_size

from .bundle import Redactor, _bundle_path, make_redactor, write_bundle
from .online import check_hub, check_trust
from .report import (
    FAIL,
    LOW_SPACE_FAIL,
    LOW_SPACE_WARN,
    NOTE,
    OK,
    PROBE_TIMEOUT_S,
    SKEW_FAIL_S,
    SKEW_WARN_S,
    WAITING_TOO_LONG_DAYS,
    WARN,
    Check,
    _duration,
    _parse_time,
    _short,
    render,
)
from .storage import (
    SECRET_UNREADABLE,
    check_data_dir,
    check_lessons,
    check_records,
    open_database,
    read_settings,
)
from .system import check_app_update, check_logs, check_media, check_versions, qt_probe

__all__ = ["FAIL", "NOTE", "OK", "SECRET_UNREADABLE", "WARN", "Check", "Redactor", "add_parser", "check_app_update",
           "check_data_dir", "check_hub", "check_lessons", "check_logs", "check_media", "check_records",
           "check_trust", "check_versions", "cmd_doctor", "diagnose", "make_redactor", "open_database",
           "qt_probe", "read_settings", "render", "run", "write_bundle", "__version__", "iso_utc", "format_size", "ENV_VAR", "PORTABLE_MARKER", "folder_problem", "writable_problem", "Database", "durable", "LOW_SPACE_FAIL", "LOW_SPACE_WARN", "PROBE_TIMEOUT_S", "SKEW_FAIL_S", "SKEW_WARN_S", "WAITING_TOO_LONG_DAYS", "_duration", "_parse_time", "_short"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("doctor", help=_("check this PC and write a support bundle (for technicians)"))
    p.add_argument("--bundle", nargs="?", const="", metavar="ZIP",
                   help=_("also write a support bundle (no personal data); default: on the Desktop"))
    p.add_argument("--json", action="store_true", help=_("print the checks as JSON"))
    p.add_argument("--full", action="store_true", help=_("re-hash every lesson file (slow)"))
    p.add_argument("--no-probe", action="store_true", help=_("skip the Qt Multimedia probe"))
    p.add_argument("--offline", action="store_true", help=_("do not contact the hub"))
    p.add_argument("--pause", action="store_true", help=_("wait for Enter at the end (Start-menu shortcut)"))


def cmd_doctor(_services: Any, args: argparse.Namespace) -> int:
    """cli/main.py calls this without Services: doctor opens the data dir itself."""
    return run(args)


def run(args: argparse.Namespace, clock: Clock | None = None,
        probe: Callable[[], dict[str, Any]] | None = None) -> int:
    clock = clock or SystemClock()
    root = resolve_data_dir(args.data_dir)
    checks = diagnose(root, args.data_dir, clock, full=args.full,
                      probe=None if args.no_probe else (probe or qt_probe),
                      offline=args.offline)
    text = render(checks, clock)
    code = 1 if any(c.level == FAIL for c in checks) else 0
    if args.json:
        print(json.dumps([asdict(c) for c in checks], ensure_ascii=False, indent=2))
    else:
        print(text)
    if args.bundle is not None:
        target = _bundle_path(args.bundle, clock)
        try:
            write_bundle(target, root, checks, text, clock)
            print("\n" + _("support bundle: {path}").format(path=target) + "\n"
                  + _("(no names, registry numbers, passwords or keys inside; send it to the county "
                      "technician)"))
        except OSError as exc:
            cliguard.say("eduteach doctor", _("cannot write the support bundle {path}: {reason}").format(
                path=target, reason=exc.strerror or exc))
            code = 1
    if getattr(args, "pause", False):
        with contextlib.suppress(EOFError):
            input("\nPress Enter to close this window / 按回车键关闭")
    return code


def diagnose(root: Path, explicit: str | None, clock: Clock, *, full: bool = False,
             probe: Callable[[], dict[str, Any]] | None = None, offline: bool = False) -> list[Check]:
    checks: list[Check] = []
    probe_result: dict[str, Any] | None = None
    if probe is not None:
        try:
            probe_result = probe()
        except Exception as exc:  # the probe itself failing is a finding, not a crash
            probe_result = {"error": f"{type(exc).__name__}: {exc}"}
    checks.append(check_versions(probe_result))
    dd = DataDir(root)
    checks.append(check_data_dir(dd, explicit))
    if not root.is_dir():
        if probe is not None:
            checks.append(check_media(probe_result))
        return checks
    db, db_check = open_database(dd)
    checks.append(db_check)
    settings: dict[str, Any] = read_settings(db) if db is not None else {}
    try:
        if db is not None:
            checks.append(check_lessons(db, dd, full))
        checks.append(check_trust(dd, settings, clock))
        checks.extend(check_hub(settings, clock, offline))
        if db is not None:
            checks.append(check_records(db, settings, clock))
        checks.append(check_app_update(dd))
    finally:
        if db is not None:
            db.close()
    if probe is not None:
        checks.append(check_media(probe_result))
    checks.append(check_logs(dd))
    return checks


