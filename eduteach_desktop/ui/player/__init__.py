"""Lesson playback: audio with lyrics, video with subtitles, picture slides."""

from .media import LessonMedia
from .player_window import PlayerWindow

__all__ = ["LessonMedia", "PlayerWindow"]
