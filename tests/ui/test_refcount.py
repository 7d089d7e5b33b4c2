"""PySide6 6.12 on Python < 3.12 returns None/True/False without a reference (PYSIDE-3474).
eduteach_desktop.ui turns its workaround on exactly there. These tests check the gate's
table, and the gate against the binding installed here: where it says "needed", Python
without the workaround aborts ("none_dealloc"); where it says "not needed", it survives.
The UI floor job (scripts/ci_ui_floor.sh) runs them on the oldest PySide6 we support."""

from __future__ import annotations

import subprocess
import sys

import PySide6
import pytest
from PySide6.QtWidgets import QCheckBox

from eduteach_desktop.ui import needs_singleton_workaround

HERE = (sys.version_info[:2], sys.implementation.name, tuple(PySide6.__version_info__[:2]))


@pytest.mark.parametrize(("python", "implementation", "pyside", "needed"), [
    ((3, 11), "cpython", (6, 12), True),
    ((3, 11), "cpython", (6, 12, 3), True),  # the whole 6.12 series
    ((3, 11), "cpython", (6, 13), True),  # until a release is shown to take its references
    ((3, 11), "cpython", (6, 11), False),
    ((3, 11), "cpython", (6, 8), False),  # the tested floor
    ((3, 12), "cpython", (6, 12), False),  # None is immortal from 3.12 (PEP 683)
    ((3, 13), "cpython", (6, 12), False),
    ((3, 11), "pypy", (6, 12), False),  # no ob_refcnt to patch
])
def test_gate(python, implementation, pyside, needed):
    assert needs_singleton_workaround(python, implementation, pyside) is needed


def test_many_void_and_bool_calls_do_not_wear_down_none(qapp):
    box = QCheckBox()
    before = sys.getrefcount(None)
    for _ in range(200_000):
        box.setEnabled(True)  # void: returns None
        box.isChecked()  # bool: returns False
    after = sys.getrefcount(None)
    if needs_singleton_workaround(sys.version_info, *HERE[1:]):
        assert after > 1 << 30  # the workaround's headroom is still there
    else:
        assert after > before - 1000  # the binding takes its references (or None is immortal)


def test_without_the_workaround_python_aborts_exactly_where_the_gate_says():
    code = ("import sys\nfrom PySide6.QtWidgets import QApplication, QWidget\n"
            "app = QApplication([])\nw = QWidget()\n"
            "for _ in range(sys.getrefcount(None) + 10): w.setEnabled(True)\nprint('survived')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    if needs_singleton_workaround(sys.version_info, *HERE[1:]):
        assert proc.returncode != 0 and "none_dealloc" in proc.stderr, proc.stderr[-2000:]
    else:
        assert proc.returncode == 0 and "survived" in proc.stdout, proc.stderr[-2000:]
