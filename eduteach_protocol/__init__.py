"""Formats shared by the teacher's app and the county hub.

One source of truth for what crosses the wire or the USB stick: the lesson catalog, the
content-repository layout and chunk indexes, and the xAPI record profile.
"""

PROTOCOL_VERSION = 1
