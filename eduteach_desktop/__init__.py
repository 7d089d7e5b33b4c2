"""EduTeach for the classroom PC: cached lessons, projector playback, records that reach the county."""

__version__ = "0.2.0"
