"""The PySide6 desktop UI (the only layer that imports Qt)."""

from __future__ import annotations

import sys

import PySide6

# WORKAROUND for https://qt-project.atlassian.net/browse/PYSIDE-3474 (PySide6 6.12 on Python < 3.12).
# The 6.12 wheels are built against Python 3.12's headers (PYSIDE-3424), where None, True and
# False are immortal (PEP 683), so their generated code returns those singletons without
# taking a reference. On 3.11 each void or bool call, and each signal emission, then lowers
# a reference count by one, and after a few thousand calls (minutes of playback) Python
# aborts with "none_dealloc: deallocating None". Qt treats it as a consequence of that build
# choice, so every 6.12.x is affected; 6.11 and older take their references. The Windows
# build is frozen with Python 3.12 (.github/workflows/windows.yml), where this is a no-op.
# Retire it when the app requires Python >= 3.12. tests/ui/test_refcount.py checks the gate
# against the real binding: where it says "needed", Python without it aborts.
AFFECTED_FROM = (6, 12)


def needs_singleton_workaround(python: tuple[int, ...], implementation: str,
                               pyside: tuple[int, ...]) -> bool:
    """Whether this PySide6 on this Python drops references to None/True/False."""
    return implementation == "cpython" and python[:2] < (3, 12) and pyside[:2] >= AFFECTED_FROM


def _immortalize_singletons() -> None:
    """Give None, True and False a reference count no program can wear down, which is what
    Python 3.12 does."""
    import ctypes

    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < 1 << 40:
            count.value += 1 << 40


if needs_singleton_workaround(sys.version_info, sys.implementation.name,
                              tuple(PySide6.__version_info__[:2])):
    _immortalize_singletons()
