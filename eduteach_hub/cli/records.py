"""`eduteach-hub records export|import`: the usage records the schools sent (the export's
format in eduteach_hub/records_export.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from eduteach_hub.db.times import utc_now
from eduteach_protocol import durable
from eduteach_protocol.cli_i18n import _, render
from eduteach_protocol.text_rules import escape_for_terminal

from .common import CliError, action, command_group, hub_home, open_database


def cmd_records_export(args: argparse.Namespace) -> int:
    from eduteach_hub.records_export import export_records

    home = hub_home(args)
    with open_database(home) as db:
        if args.out is None:
            n = export_records(db, args.format, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            dest = Path(args.out)
            try:
                with durable.atomic_writer(dest) as fh:
                    n = export_records(db, args.format, fh)
            except OSError as exc:
                raise CliError(_("cannot write {path}: {reason}").format(path=dest, reason=exc.strerror or exc)) from None
            print(_("{n} records written to {path}").format(n=n, path=dest), file=sys.stderr)
    return 0


def cmd_records_import(args: argparse.Namespace) -> int:
    from eduteach_hub.records_import import import_file
    from eduteach_protocol.record_file import RecordsFileError

    home = hub_home(args)
    failed = 0
    with open_database(home) as db:
        for name in args.files:
            path = Path(name)
            try:
                report = import_file(db, path, utc_now)
            except RecordsFileError as exc:
                print(escape_for_terminal(_("{path}: refused ({code}): {reason}").format(
                    path=path, code=exc.code, reason=render(exc))), file=sys.stderr)
                failed += 1
                continue
            print(_("{path}: {n} records from {device} (school {school}): {new} new, {repeated} already "
                    "stored").format(path=path, n=report.statements, device=report.device_id,
                                     school=report.school_code, new=report.new, repeated=report.repeated))
    return 1 if failed else 0


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    records = command_group(sub, "records", _("usage records sent by the schools"))
    p = action(records, "export", with_home, cmd_records_export, _("export records as CSV or JSON"))
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--out", metavar="FILE", help=_("write to FILE (default: standard output)"))

    p = action(
        records, "import", with_home, cmd_records_import,
        _("import signed record files (.etrec) from a USB stick"),
    )
    p.add_argument("files", nargs="+", metavar="FILE")
