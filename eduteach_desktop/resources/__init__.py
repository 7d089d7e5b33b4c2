"""Runtime package data, read through one accessor that also works when frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) / "eduteach_desktop" / "resources" if base else Path(__file__).resolve().parent
    return root.joinpath(*parts)


def demo_repo_path() -> Path:
    return resource_path("demo_repo")
