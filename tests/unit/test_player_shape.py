"""The player stays split by responsibility (issue 18): no module of ui/player grows past
~400 lines, and the window never asks which kind of lesson it plays (make_playback does)."""

from __future__ import annotations

import ast
from pathlib import Path

PLAYER = Path(__file__).resolve().parents[2] / "eduteach_desktop" / "ui" / "player"
MAX_LINES = 400


def test_no_player_module_is_over_400_lines() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PLAYER.glob("*.py")}
    assert len(sizes) >= 8
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_only_make_playback_looks_at_the_lesson_kind() -> None:
    tree = ast.parse((PLAYER / "player_window.py").read_text(encoding="utf-8"))
    where = [
        func.name
        for func in ast.walk(tree)
        if isinstance(func, ast.FunctionDef)
        for node in ast.walk(func)
        if isinstance(node, ast.Attribute) and node.attr == "kind"
    ]
    assert set(where) == {"make_playback"}
