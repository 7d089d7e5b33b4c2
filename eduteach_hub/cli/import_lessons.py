"""`eduteach-hub import`: turn a county's lesson list and media into lesson sources
(eduteach_hub/importer/), and publish them with --publish."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from eduteach_protocol.cli_i18n import _

from .common import HOME_ENV, UsageError
from .publish import cmd_publish


def cmd_import(args: argparse.Namespace) -> int:
    from eduteach_hub.importer.cli import cmd_import as run_import_command

    if args.publish and not (args.home or os.environ.get(HOME_ENV)):
        raise UsageError(_("--publish needs --home HOME (or ${env})").format(env=HOME_ENV))
    publish = None
    if args.publish:
        def publish(out: Path) -> int:
            from . import build_parser

            # Through the parser, so publish's own options keep their defaults as they grow.
            argv = ["publish", str(out), *(["--home", args.home] if args.home else [])]
            return cmd_publish(build_parser().parse_args(argv))
    return run_import_command(args, publish)


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    from eduteach_hub.importer.cli import add_parser

    add_parser(sub, with_home).set_defaults(func=cmd_import)
