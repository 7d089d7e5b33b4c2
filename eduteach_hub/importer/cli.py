"""The `eduteach-hub import` command line: arguments, progress bar, printed summary, report
file and exit code. The work is command.run_import."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from eduteach_protocol.cli_i18n import _, render

from .columns import EditionTable, edition_option
from .command import ImportFailed, run_import
from .report import summary_lines, write_xlsx


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], with_home: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "import", parents=[with_home],
        help=_("turn a folder tree (and an Excel/CSV resource list) into lesson sources"),
    )
    p.add_argument("source", metavar="SOURCE", help=_("the folder with the county's media files"))
    p.add_argument("--catalog", metavar="LIST", help=_("resource list (.xlsx or .csv, UTF-8 or GB18030); without it the folder names carry the fields"))
    p.add_argument("--out", metavar="SOURCES_DIR", required=True, help=_("where the lesson folders (lesson.toml) are written"))
    p.add_argument("--report", metavar="REPORT.xlsx", help=_("write the report as an Excel file (default: SOURCES_DIR/import-report.xlsx)"))
    p.add_argument("--skip-bad", action="store_true", help=_("write the good lessons even when some rows or files have errors"))
    p.add_argument("--publish", action="store_true", help=_("publish SOURCES_DIR after a successful import (needs --home)"))
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help=_("files prepared at once (default: the number of cores)"))
    p.add_argument("--edition", action="append", default=[], type=_edition_arg, metavar="NAME=SLUG",
                   help=_("an edition the built-in list lacks, e.g. 鲁教版=lujiao (the slug goes into lesson ids; never change it)"))
    return p


def _edition_arg(text: str) -> tuple[str, str]:
    try:
        return edition_option(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(render(exc)) from None


def cmd_import(args: argparse.Namespace, publish: Callable[[Path], int] | None) -> int:
    """The CLI wrapper: progress bar, printed summary, report file, exit code."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    out = Path(args.out)
    console = Console(stderr=True)
    with Progress(TextColumn(_("preparing media")), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("media", total=None)

        def tick(n: int, total: int) -> None:
            bar.update(task, completed=n, total=total)

        try:
            result = run_import(Path(args.source), out, Path(args.catalog) if args.catalog else None,
                                args.skip_bad, args.jobs, tick, EditionTable(dict(args.edition)))
        except (ImportFailed, ValueError) as exc:
            print("eduteach-hub: " + _("error: {problem}").format(problem=render(exc)), file=sys.stderr)
            return 1
    report = Path(args.report) if args.report else out / "import-report.xlsx"
    write_xlsx(report, result.findings, f"EduTeach 导入报告 · {Path(args.source).name}")
    for line in summary_lines(result.findings, result.lessons_ok):
        print(line)
    print(_("files: {n} ({prepared} prepared, {cached} from the cache)").format(
        n=result.files_processed, prepared=result.cache_misses, cached=result.cache_hits))
    print(_("report: {path}").format(path=report))
    if not result.wrote:
        print(_("{n} errors: nothing written; fix them (see the report) or use --skip-bad").format(n=result.errors),
              file=sys.stderr)
        return 1
    print(_("lessons written to {path}: {new} new or changed, {same} unchanged, {gone} withdrawn").format(
        path=out, new=result.written, same=result.unchanged, gone=len(result.removed)))
    if result.errors and not args.skip_bad:  # found while writing: those lessons were left out
        print(_("{n} errors: the lessons with errors were not written (see the report)").format(n=result.errors),
              file=sys.stderr)
        return 1
    if publish is not None:
        return publish(out)
    return 0
