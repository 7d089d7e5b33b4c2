"""Byte counts for people: the one formatter both programs share (the CLIs, doctor, the sync
log, the app, the hub's publish line)."""

from __future__ import annotations


def format_size(size: float) -> str:
    """Bytes in B, KB, MB or GB (binary multiples, one decimal): the same in every language."""
    value = float(max(0.0, size))
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
