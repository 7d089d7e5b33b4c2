"""EduTeach county hub: publishes signed lessons, enrolls teaching points, receives their records."""

__version__ = "0.2.0"
