"""The QAudioOutput every player gets, made so that Qt's media threads never wait for Python.

PySide makes a Python-created QObject as a C++ subclass whose virtual methods first ask
Python (taking the GIL) whether Python overrides them; the answer "no" is remembered per
method, so only the first call needs the GIL. Qt's FFmpeg backend tears its audio renderer
down on its own thread (in 6.8.0, our floor, on every seek), and the renderer's destructor
calls `disconnectNotify()` on the QAudioOutput while it holds one of Qt's shared connection
locks. When that was the first such call, the renderer thread waited for the GIL while the
GUI thread, holding the GIL, waited for that lock to connect a new renderer or to emit
`mutedChanged`: the player froze for good (issue #15; `py-spy dump --native`).

Connecting and disconnecting once here, on the GUI thread, asks those questions while the
GIL is ours anyway, so the backend's later calls go straight to C++.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject


def _nothing(*_args: Any) -> None:
    """A receiver for the one connect/disconnect below."""


def audio_output(parent: QObject) -> Any:
    """A QAudioOutput owned by `parent` (its player) that Qt's threads may let go of safely."""
    from PySide6.QtMultimedia import QAudioOutput

    output = QAudioOutput(parent)
    for signal in (output.mutedChanged, output.volumeChanged, output.deviceChanged):
        signal.connect(_nothing)  # connectNotify(), answered here
        signal.disconnect(_nothing)  # disconnectNotify(), the one the renderer calls
    return output
