"""The PySide6 desktop UI (the only layer that imports Qt)."""

from __future__ import annotations

import sys


def _immortalize_singletons() -> None:
    """WORKAROUND for PySide6 6.12 on Python 3.11: its wheels return None (and True and
    False) from every void or bool method without taking a reference — harmless on 3.12+,
    where these objects are immortal (PEP 683), fatal on 3.11: each call such as
    widget.setEnabled() lowers None's reference count by one, and after a few thousand
    calls (minutes of playback) Python aborts with "none_dealloc: deallocating None".
    Give the three singletons a reference count no program can wear down, which is what
    3.12 does. Remove when the app requires Python ≥ 3.12 or PySide6 is fixed
    (tests/ui/test_refcount.py shows the problem and the fix)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < 1 << 40:
            count.value += 1 << 40


_immortalize_singletons()
