"""Keys pressed fast for seconds on a two-recording song never freeze the player.

On PySide6 6.8.0 (the floor) this froze in 2 of 3 runs before `audio_output.py`: Qt's
FFmpeg thread, tearing a renderer down, waited for Python's lock while the GUI thread,
holding it, waited for Qt's (issue #15). The player runs in a child process, because a
thread blocked inside Qt while holding Python's lock stops any watchdog in the same
process: here a freeze is a failed test, not a hung suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.media_fixtures import need_ffmpeg

CHILD = Path(__file__).with_name("track_stress_child.py")
SECONDS = 12
# A frozen player never prints; a working one ends a few seconds after SECONDS, even on a
# busy 2-core machine. The margin is wide so that only a freeze reaches it.
TIMEOUT_S = SECONDS + 100


def test_seeks_switches_and_pauses_in_quick_succession_never_freeze_the_player(
    tmp_path: Path,
) -> None:
    need_ffmpeg()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run(
            [sys.executable, str(CHILD), str(tmp_path), str(SECONDS)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",  # Qt's and FFmpeg's warnings are only shown on failure
            timeout=TIMEOUT_S,
            env=env,
        )
    except subprocess.TimeoutExpired as frozen:
        pytest.fail(
            f"the player froze: no end after {TIMEOUT_S} s of a {SECONDS} s run\n"
            f"{(frozen.stdout or b'')!r}\n{(frozen.stderr or b'')[-2000:]!r}"
        )
    steps = [line for line in done.stdout.splitlines() if line.startswith("steps ")]
    assert done.returncode == 0 and steps, (done.returncode, done.stdout, done.stderr[-2000:])
    # every step is a seek, a T or a space, with at most 60 ms between them
    assert int(steps[0].split()[1]) >= 50, steps
