"""The top-level guard both command lines (`eduteach`, `eduteach-hub`) end in: every failure
becomes one line on stderr and a non-zero exit, never a traceback.

Conditions the user can act on are explained by the caller's `explain`; anything else is a
bug: its traceback goes to a log file and the user reads one line saying where. The lines are
in the user's language (cli_i18n.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from . import cli_i18n
from .cli_i18n import _, argparse_speaks

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def one_line(text: str, limit: int = 400) -> str:
    """Text folded onto one line (a message must never spill into a second), cut at limit,
    with control and bidi characters escaped (text_rules.escape_for_terminal): a message
    may quote a server, a file name on a stick or a signed catalog."""
    from .text_rules import escape_for_terminal

    return escape_for_terminal(" ".join(str(text).split()), limit)


def say(prog: str, message: str) -> None:
    print(f"{prog}: {one_line(message)}", file=sys.stderr)


def start(build_parser: Callable[[], argparse.ArgumentParser], argv: Sequence[str] | None
          ) -> tuple[argparse.ArgumentParser, argparse.Namespace | int]:
    """How both CLIs begin: the user's language chosen (cli_i18n), the parser built in it
    (argparse makes its group titles and -h's help then), the arguments parsed."""
    cli_i18n.use(cli_i18n.choose_language(sys.argv[1:] if argv is None else argv, os.environ))
    with argparse_speaks():
        parser = build_parser()
    return parser, parse_args(parser, argv)


def parse_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace | int:
    """The parsed arguments, or EXIT_USAGE after one line naming the mistake (argparse's own
    usage block would make it two and more; --help and --version still print in full)."""
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured), argparse_speaks():
            return parser.parse_args(argv)
    except SystemExit as exc:
        if exc.code in (0, None):
            raise
        lines = [line for line in captured.getvalue().splitlines() if line.strip()]
        last = lines[-1] if lines else _("invalid arguments")
        mistake = last.split(": error: ", 1)[-1]
        say(parser.prog, _("{mistake} (see `{prog} --help`)").format(mistake=mistake, prog=parser.prog))
        return EXIT_USAGE


def log_bug(prog: str, exc: BaseException, candidates: Iterable[Path]) -> Path | None:
    """Append the traceback to the first log file that can be written; None if none can."""
    text = "".join(traceback.format_exception(exc))
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    for path in [*candidates, Path(tempfile.gettempdir()) / f"{prog}-errors.log"]:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"{stamp} ERROR {prog}: unexpected {type(exc).__name__}\n{text}\n")
            return path
        except OSError:
            continue
    return None


def run_guarded(prog: str, command: Callable[[], int], explain: Callable[[BaseException], str | None],
                log_files: Callable[[], Iterable[Path]]) -> int:
    """Run `command`; a failure ends in one line on stderr and a non-zero exit.

    `explain` turns a failure the user can fix into its sentence (None: a bug). Bugs are
    logged with their traceback to the first of `log_files()` that can be written."""
    try:
        return command()
    except KeyboardInterrupt:
        say(prog, _("interrupted; what was done is kept, and the rest resumes next time"))
        return EXIT_INTERRUPTED
    except Exception as exc:
        message = explain(exc)
        if message is not None:
            say(prog, message)
            return EXIT_FAILED
        where = log_bug(prog, exc, log_files())
        if where:
            say(prog, _("unexpected error ({error}), a bug in {prog}; the details are in {log}; "
                        "please report it to the county technician").format(
                error=type(exc).__name__, prog=prog, log=where))
        else:
            say(prog, _("unexpected error ({error}), a bug in {prog}; please report it to the "
                        "county technician").format(error=type(exc).__name__, prog=prog))
        return EXIT_FAILED
