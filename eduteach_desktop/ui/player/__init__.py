"""Lesson playback: audio with lyrics, video with subtitles, picture slides, PDF pages.

PlayerWindow is imported on first use (start-up time: it pulls in more of Qt)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .media import LessonMedia

if TYPE_CHECKING:
    from .player_window import PlayerWindow

__all__ = ["LessonMedia", "PlayerWindow"]


def __getattr__(name: str) -> Any:
    if name == "PlayerWindow":
        from .player_window import PlayerWindow

        return PlayerWindow
    raise AttributeError(name)
