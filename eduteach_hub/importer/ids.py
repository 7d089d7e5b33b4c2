"""Stable lesson ids: the same grade, subject, edition, volume, unit and order always give
the same id, so importing a list again updates its lessons instead of adding copies."""

from __future__ import annotations


def lesson_id(subject: str, grade: int, edition_slug: str, volume: str, unit: int, order: int) -> str:
    # The title is left out on purpose: fixing a typo in a title must not make a new lesson.
    term = "a" if volume == "上册" else "b"
    return f"{subject}-g{grade}-{edition_slug}-{term}-u{unit:02d}-l{order:02d}"
