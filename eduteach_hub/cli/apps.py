"""`eduteach-hub publish-app` and `eduteach-hub app list|promote|withdraw`: the app's own
updates for the county's PCs (the commands live in eduteach_hub/apps/commands.py)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    from eduteach_hub.apps import commands

    commands.add_parsers(sub, with_home)
