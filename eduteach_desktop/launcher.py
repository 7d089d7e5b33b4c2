"""The `eduteach` entry point: a command runs headless; no command opens the app.

Kept outside cli/ so the CLI layer itself never imports Qt (the app is loaded only here).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import sys
from collections.abc import Sequence
from typing import TextIO

# Import names of what the `desktop` extra installs (pyproject.toml). A county server
# installed with `eduteach[hub]` has the `eduteach` command but none of these.
DESKTOP_MODULES = ("PySide6", "requests", "platformdirs", "rich", "pypinyin", "pypdfium2")


def missing_modules(names: Sequence[str]) -> list[str]:
    return [name for name in names if importlib.util.find_spec(name) is None]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # A frozen bundle carries everything (installer/eduteach.spec); ask only from source.
    missing = [] if getattr(sys, "frozen", False) else missing_modules(DESKTOP_MODULES)
    if missing:
        print(f"eduteach: the classroom app's packages are not installed ({', '.join(missing)}); "
              "install them with: pip install 'eduteach[desktop]'", file=sys.stderr)
        return 1
    if args_list[:1] == ["--pinyin-keys"]:
        # The app's child for pinyin of new titles (search/pinyin_process.py): no Qt, no CLI.
        from eduteach_desktop.search.pinyin_process import serve

        # A windowed frozen program may have sys.stdin/stdout set to None even when its
        # parent gave it pipes: use the file descriptors then.
        stdin = sys.stdin.buffer if sys.stdin is not None else open(0, "rb", closefd=False)  # noqa: SIM115
        stdout = sys.stdout.buffer if sys.stdout is not None else open(1, "wb", closefd=False)  # noqa: SIM115
        return serve(stdin, stdout)
    if args_list[:1] == ["--apply-update-after"]:
        # The detached helper that installs a downloaded version once the app has closed
        # (update/win_helper.py); no Qt.
        from eduteach_desktop.update.win_helper import main as helper_main

        return helper_main(args_list)
    _give_missing_streams_a_file(args_list)
    if any(a.split("=", 1)[0] in ("--selftest", "--qt-probe") for a in args_list):
        # Hidden hooks for the frozen smoke test, `doctor`'s Qt probe and bench/ (ui/selftest.py).
        from eduteach_desktop.ui.selftest import main as selftest_main

        return selftest_main(args_list)
    from eduteach_desktop.cli.main import COMMANDS, build_parser
    from eduteach_desktop.cli.main import main as cli_main

    try:
        # Only a look at the command: the CLI itself prints --help/--version (in the user's
        # language) and names a mistake in one line.
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            args, _ = build_parser().parse_known_args(args_list)
    except SystemExit:
        return cli_main(args_list)
    if args.command in COMMANDS or any(a in ("-h", "--help", "--version") for a in args_list):
        return cli_main(args_list)
    from eduteach_desktop.update.launch import before_app

    took_over = before_app(args.data_dir, args_list)
    if took_over is not None:
        return took_over  # a new version passed its trial and is running
    from eduteach_desktop.ui.app import run_app

    return run_app(data_dir=args.data_dir, argv=[sys.argv[0], *args_list])


CONSOLE_LOG = "console.log"
CONSOLE_LOG_MAX = 1024 * 1024


def _give_missing_streams_a_file(args_list: list[str]) -> None:
    """A windowed build (eduteach.exe without a console) starts with sys.stdout and
    sys.stderr set to None: print() then drops everything, and any .isatty() or .write()
    crashes. Such streams go to logs/console.log in the data folder (or nowhere, if even
    that cannot be opened), so the CLI paths and the self-test work and leave a trace."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    stream: TextIO
    try:
        from eduteach_desktop.store.datadir import DataDir, resolve_data_dir

        logs = DataDir(resolve_data_dir(_data_dir_arg(args_list))).logs
        logs.mkdir(parents=True, exist_ok=True)
        path = logs / CONSOLE_LOG
        too_big = path.exists() and path.stat().st_size > CONSOLE_LOG_MAX
        stream = open(path, "w" if too_big else "a", encoding="utf-8", errors="replace",  # noqa: SIM115
                      buffering=1)
    except Exception:  # a read-only or missing data folder must not stop the program
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


def _data_dir_arg(args_list: list[str]) -> str | None:
    for i, arg in enumerate(args_list):
        if arg == "--data-dir" and i + 1 < len(args_list):
            return args_list[i + 1]
        if arg.startswith("--data-dir="):
            return arg.split("=", 1)[1]
    return None


if __name__ == "__main__":
    sys.exit(main())
