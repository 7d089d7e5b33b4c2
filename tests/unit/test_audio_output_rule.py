"""Every QAudioOutput in the app is made by ui/player/audio_output.py (HACKING.md, issue #15):
one made directly can freeze the player on PySide6 6.8.0 (a Qt media thread waiting for the
GIL while holding a lock the GUI thread waits for)."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "eduteach_desktop"
MAKER = APP / "ui" / "player" / "audio_output.py"


def _direct_constructions(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "QAudioOutput")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "QAudioOutput")
        )
    ]


def test_only_audio_output_py_makes_a_qaudiooutput() -> None:
    found = {
        f"{path.relative_to(APP.parent)}:{line}"
        for path in APP.rglob("*.py")
        for line in _direct_constructions(path)
        if path != MAKER
    }
    assert not found, f"make audio outputs with ui/player/audio_output.py: {sorted(found)}"
    assert _direct_constructions(MAKER), "audio_output.py no longer makes the QAudioOutput"
